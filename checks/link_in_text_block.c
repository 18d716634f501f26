/*
 * link-in-text-block (axe-core, heuristic): a link inside a block of text must be told apart
 * from the text by more than colour. As axe-core, a link is "in a block of text" when, on its
 * line of the nearest block (between <br>s and nested blocks), the text outside links and
 * other widgets is longer than theirs; such a link passes when its style differs from the
 * block's (underline, border, background image, font family, style, weight or size) or its
 * background contrasts 3:1 with the block's.
 *
 * A violation only when all of it is certain: the link is in a block of text, nothing sets
 * it apart, its colour contrasts less than 3:1 with the text and both backgrounds are known.
 * Incomplete when something the static cascade cannot decide could change that, when the
 * link has exactly the text's colours, and when its colour contrasts 3:1 or more (WCAG G183
 * also asks for a cue on focus and hover, which static CSS cannot show).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/xalloc.h"

enum tri {
    NO,
    YES,
    MAYBE
};

/* Elements the user agent lays out as blocks (Chromium's html.css). */
static bool block_tag(const struct ea_node *n)
{
    static const char *const tags[] = {
        "address", "article",  "aside",    "blockquote", "body",      "caption", "center",
        "col",     "colgroup", "dd",       "details",    "dialog",    "dir",     "div",
        "dl",      "dt",       "fieldset", "figcaption", "figure",    "footer",  "form",
        "h1",      "h2",       "h3",       "h4",         "h5",        "h6",      "header",
        "hgroup",  "hr",       "html",     "legend",     "li",        "listing", "main",
        "menu",    "nav",      "ol",       "p",          "plaintext", "pre",     "search",
        "section", "summary",  "table",    "tbody",      "td",        "tfoot",   "th",
        "thead",   "tr",       "ul",       "xmp",
    };
    if (n->ns != EA_NS_HTML)
        return false;
    for (size_t i = 0; i < EA_ARRAY_LEN(tags); i++)
        if (strcmp(n->tag, tags[i]) == 0)
            return true;
    return false;
}

/* How an element is laid out, as axe-core's isBlock sees the computed display. */
enum layout {
    L_INLINE,
    L_INLINE_BLOCK,
    L_BLOCK,
    L_UNKNOWN
};

static enum layout layout_of(const struct ea_doc *doc, const struct ea_node *n)
{
    const unsigned slots = 1u << EA_CSS_DISPLAY | 1u << EA_CSS_FLOAT | 1u << EA_CSS_POSITION;
    const struct ea_css_style *s = ea_doc_style(doc, n);
    const struct ea_css_style *ps = n->parent ? ea_doc_style(doc, n->parent) : NULL;
    if ((s->maybe & slots) || (ps && (ps->maybe & (1u << EA_CSS_DISPLAY))))
        return L_UNKNOWN;
    /* floats, absolute boxes and flex or grid items are blocks */
    if (s->floated || s->positioned ||
        (ps && (ps->display == EA_DISPLAY_FLEX || ps->display == EA_DISPLAY_INLINE_FLEX)))
        return L_BLOCK;
    switch (s->display) {
    case EA_DISPLAY_DEFAULT:
        return block_tag(n) ? L_BLOCK : L_INLINE;
    case EA_DISPLAY_INLINE:
    case EA_DISPLAY_NONE:
        return L_INLINE;
    case EA_DISPLAY_BLOCK:
    case EA_DISPLAY_FLEX:
        return L_BLOCK;
    case EA_DISPLAY_INLINE_BLOCK:
    case EA_DISPLAY_INLINE_FLEX:
        return L_INLINE_BLOCK;
    }
    return L_UNKNOWN;
}

static bool widget(const struct ea_node *n)
{
    const struct ea_aria_role *r = ea_checks_role(n);
    return r && (r->flags & EA_ROLE_WIDGET);
}

/* Characters of a text once whitespace runs are one space and the ends trimmed. */
static size_t text_len(const struct ea_buf *b)
{
    struct ea_buf t = EA_BUF_INIT(64);
    ea_text_collapse_ws(b->buf ? b->buf : "", b->len, &t);
    size_t n = 0;
    for (size_t i = 0; i < t.len; i++)
        n += ((unsigned char)t.buf[i] & 0xC0) != 0x80;
    ea_buf_release(&t);
    return n;
}

/* axe-core's isInTextBlock, for every link of one block in one walk (a paragraph of
 * thousands of tag links would otherwise be walked once per link): on a link's line of the
 * block (the text between two breaks: a nested block, <br>, <hr>), is the text outside
 * widgets longer than the widgets' text? MAYBE when the layout or visibility of an element
 * from the block's start to the end of that line is undecided. The answers are kept per
 * node index in tri; last[block] is the block's last line's, the answer axe-core gives a
 * link its walk does not reach (inside another widget, or a hidden or nested box). */
struct lines_memo {
    signed char *tri;  /* owned: per node index, -1 not known */
    signed char *last; /* owned: per block node index, -1 not walked */
};

static enum tri line_tri(const struct ea_buf *text, const struct ea_buf *widgets, bool unsure)
{
    return unsure ? MAYBE : text_len(text) > text_len(widgets) ? YES : NO;
}

static void fill_block(const struct ea_doc *doc, const struct ea_node *block, struct lines_memo *m)
{
    const unsigned hiding = 1u << EA_CSS_CLIP | 1u << EA_CSS_CLIP_PATH | 1u << EA_CSS_LEFT |
                            1u << EA_CSS_TOP | 1u << EA_CSS_DISPLAY | 1u << EA_CSS_VISIBILITY;
    /* a line's first 256 bytes of each are enough to tell which is longer */
    struct ea_buf text = EA_BUF_INIT(256), widgets = EA_BUF_INIT(256);
    const struct ea_node **line = NULL; /* the elements on the current line */
    size_t nline = 0, line_cap = 0;
    bool unsure = false;
    for (const struct ea_node *c = ea_node_walk(block, block, true); c;) {
        if (c->type == EA_NODE_TEXT) {
            ea_buf_add(&text, c->text);
            c = ea_node_walk(block, c, true);
            continue;
        }
        enum layout l = layout_of(doc, c);
        unsure |= l == L_UNKNOWN;
        const struct ea_css_style *s = ea_doc_style(doc, c);
        bool shown = !(c->flags & EA_NODE_HIDDEN) && !s->offscreen;
        if (l == L_BLOCK || ea_node_is(c, "br") || ea_node_is(c, "hr")) {
            /* the break's own unsureness counts for the line it ends */
            enum tri t = line_tri(&text, &widgets, unsure || (shown && (s->maybe & hiding)));
            for (size_t i = 0; i < nline; i++)
                m->tri[line[i]->index] = (signed char)t;
            nline = 0;
            ea_buf_reset(&text);
            ea_buf_reset(&widgets);
        }
        EA_GROW(line, nline + 1, line_cap);
        line[nline++] = c;
        unsure |= shown && (s->maybe & hiding);
        if (l == L_BLOCK || !shown) {
            c = ea_node_walk(block, c, false);
            continue;
        }
        if (widget(c)) {
            ea_node_text(c, &widgets);
            c = ea_node_walk(block, c, false);
            continue;
        }
        c = ea_node_walk(block, c, true);
    }
    enum tri t = line_tri(&text, &widgets, unsure);
    for (size_t i = 0; i < nline; i++)
        m->tri[line[i]->index] = (signed char)t;
    m->last[block->index] = (signed char)t;
    free(line);
    ea_buf_release(&text);
    ea_buf_release(&widgets);
}

static enum tri in_text_block(const struct ea_doc *doc, const struct ea_node *block,
                              const struct ea_node *link, struct lines_memo *m)
{
    if (m->last[block->index] < 0)
        fill_block(doc, block, m);
    return (enum tri)(m->tri[link->index] >= 0 ? m->tri[link->index] : m->last[block->index]);
}

/* axe-core's elementIsDistinct: YES when the link's style differs from its block's in
 * something besides colour, MAYBE when the cascade cannot tell. */
static enum tri distinct(const struct ea_css_style *ls, const struct ea_css_style *bs)
{
    const unsigned own = 1u << EA_CSS_UNDERLINE | 1u << EA_CSS_BG_IMAGE | 1u << EA_CSS_BORDER;
    const unsigned font = 1u << EA_CSS_FONT_FAMILY | 1u << EA_CSS_FONT_STYLE |
                          1u << EA_CSS_FONT_WEIGHT | 1u << EA_CSS_FONT_SIZE;
    bool decor = ls->underline || ls->bg_image || ls->border || bs->underline;
    if (decor && !((ls->maybe | bs->maybe) & own))
        return YES;
    bool unknown = ((ls->maybe | bs->maybe) & (own | font)) || ls->font_px <= 0 ||
                   bs->font_px <= 0 || ls->font_family == EA_CSS_FAMILY_UNKNOWN ||
                   bs->font_family == EA_CSS_FAMILY_UNKNOWN;
    if (decor || ls->font_family != bs->font_family || ls->italic != bs->italic ||
        ls->font_weight != bs->font_weight || fabs(ls->font_px - bs->font_px) > 0.01)
        return unknown ? MAYBE : YES;
    return unknown ? MAYBE : NO;
}

/* True when something inside block may cover its background where a browser samples it
 * (axe-core then cannot tell the block's background: "element overlap"): a picture, frame
 * or form control, a nested block, or a box with a background of its own. Bounded by
 * EA_MAX_LINK_BLOCK_SCAN elements (past it: busy). */
static bool busy_block(const struct ea_doc *doc, const struct ea_node *block)
{
    static const char *const media[] = { "img",   "svg",   "video",  "iframe", "canvas",  "object",
                                         "embed", "input", "button", "select", "textarea" };
    size_t seen = 0;
    for (const struct ea_node *c = ea_node_walk(block, block, true); c;) {
        if (c->type != EA_NODE_ELEMENT || (c->flags & EA_NODE_HIDDEN)) {
            c = ea_node_walk(block, c, c->type == EA_NODE_ELEMENT ? false : true);
            continue;
        }
        if (++seen > EA_MAX_LINK_BLOCK_SCAN)
            return true;
        const struct ea_css_style *s = ea_doc_style(doc, c);
        if (s->bg_image || (s->background.valid && s->background.a > 0) || !s->background.valid ||
            layout_of(doc, c) != L_INLINE)
            return true;
        for (size_t i = 0; i < EA_ARRAY_LEN(media); i++)
            if (ea_node_is(c, media[i]))
                return true;
        c = ea_node_walk(block, c, true);
    }
    return false;
}

static double floored_contrast(struct ea_css_color a, struct ea_css_color b)
{
    return floor(ea_css_contrast(a, b) * 100) / 100;
}

/* The link's and the block's colours; false when one cannot be known. */
static bool colours(const struct ea_doc *doc, const struct ea_node *a, const struct ea_node *block,
                    double *text, double *back)
{
    const struct ea_css_style *ls = ea_doc_style(doc, a), *bs = ea_doc_style(doc, block);
    const unsigned slots = 1u << EA_CSS_COLOR | 1u << EA_CSS_EFFECT;
    struct ea_css_color lb, bb;
    const char *why;
    if (!ls->color.valid || !bs->color.valid || ((ls->maybe | bs->maybe) & slots) || ls->effect ||
        bs->effect || ls->color.a < 1 || bs->color.a < 1 ||
        !ea_checks_background(doc, a, &lb, &why) || !ea_checks_background(doc, block, &bb, &why))
        return false;
    *text = floored_contrast(ls->color, bs->color);
    *back = floored_contrast(lb, bb);
    return true;
}

static void judge(const struct ea_doc *doc, const struct ea_node *a, struct lines_memo *memo,
                  struct ea_results *out)
{
    const struct ea_css_style *ls = ea_doc_style(doc, a);
    if (ls->offscreen || !ea_checks_has_text(a))
        return;
    const struct ea_node *block = a->parent;
    bool unsure = layout_of(doc, a) == L_UNKNOWN;
    if (layout_of(doc, a) == L_BLOCK || layout_of(doc, a) == L_INLINE_BLOCK)
        return;
    while (block && block->type == EA_NODE_ELEMENT && layout_of(doc, block) != L_BLOCK) {
        unsure |= layout_of(doc, block) == L_UNKNOWN;
        block = block->parent;
    }
    if (!block || block == doc->root)
        return;
    enum tri in_text = unsure ? MAYBE : in_text_block(doc, block, a, memo);
    if (in_text == NO)
        return;
    const struct ea_css_style *bs = ea_doc_style(doc, block);
    enum tri dist = distinct(ls, bs);
    if (dist == YES) {
        ea_results_add(out, EA_OUTCOME_PASS, a, NULL);
        return;
    }
    double text, back;
    if (!colours(doc, a, block, &text, &back)) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link is not underlined and its colours cannot be decided statically");
        return;
    }
    if (back >= 3) {
        ea_results_add(out, EA_OUTCOME_PASS, a, NULL);
        return;
    }
    if (text >= 3) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link in text is told apart by colour only: check it gets an underline or "
                       "other cue on focus and hover");
        return;
    }
    if (text <= 1 && back <= 1) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link looks exactly like the text around it: check that it is meant to "
                       "be found");
        return;
    }
    if (busy_block(doc, block)) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link's colour contrasts less than 3:1 with the text, but images or boxes "
                       "in its block may cover the background (needs layout)");
        return;
    }
    if (in_text == MAYBE || dist == MAYBE) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link's colour contrasts less than 3:1 with the text, but whether it is in "
                       "a block of text or styled apart cannot be decided statically");
        return;
    }
    ea_results_add(out, EA_OUTCOME_VIOLATION, a,
                   "link in text is not underlined and its colour contrasts less than 3:1 "
                   "with the text");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "a", &n);
    if (!n)
        return;
    struct lines_memo memo = { .tri = ea_xmalloc(doc->nnodes), .last = ea_xmalloc(doc->nnodes) };
    memset(memo.tri, -1, doc->nnodes);
    memset(memo.last, -1, doc->nnodes);
    for (size_t i = 0; i < n; i++)
        if (a[i]->ns == EA_NS_HTML && ea_node_has_attr(a[i], "href") && ea_checks_judged(a[i]))
            judge(doc, a[i], &memo, out);
    free(memo.tri);
    free(memo.last);
}

const struct ea_check ea_check_link_in_text_block = {
    .id = "link-in-text-block",
    .wcag = "1.4.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Saitēm tekstā jāatšķiras no apkārtējā teksta ne tikai ar krāsu",
    .help_en = "Links must be distinguishable without relying on color",
    .fix_lv = "Pasvītrojiet saites tekstā (text-decoration: underline) vai dodiet tām citu "
              "neatkarīgu no krāsas pazīmi",
    .fix_en = "Underline links in running text (text-decoration: underline) or give them another "
              "cue that is not colour",
    .run = run,
};

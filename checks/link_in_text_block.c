/*
 * link-in-text-block (axe-core, heuristic): a link inside a block of text is underlined or
 * bolder than the text around it. Otherwise: a violation when its colour contrasts less
 * than 3:1 with the text; incomplete when it contrasts more (WCAG G183 also asks for a cue
 * on focus and hover, which static CSS cannot show) or when colours are unknown.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/text.h"

static bool inline_tag(const struct ea_node *n)
{
    static const char *const tags[] = { "a",    "abbr", "b",     "cite",  "code",   "em",
                                        "font", "i",    "kbd",   "label", "mark",   "q",
                                        "s",    "samp", "small", "span",  "strong", "sub",
                                        "sup",  "time", "u",     "var" };
    for (size_t i = 0; i < EA_ARRAY_LEN(tags); i++)
        if (ea_node_is(n, tags[i]))
            return true;
    return false;
}

/* True when block has visible text of its own (in inline children) outside any link. */
static bool block_text(const struct ea_node *block)
{
    for (const struct ea_node *c = ea_node_walk(block, block, true); c;) {
        /* text of nested blocks (a heading, a paragraph beside the link) is not the link's
         * line of text */
        bool descend = !(c->flags & EA_NODE_HIDDEN) && !ea_node_is(c, "a") &&
                       (c->type != EA_NODE_ELEMENT || inline_tag(c));
        if (c->type == EA_NODE_TEXT && !(c->flags & EA_NODE_HIDDEN) &&
            !ea_text_is_blank(c->text, strlen(c->text)))
            return true;
        c = ea_node_walk(block, c, descend);
    }
    return false;
}

static void judge(const struct ea_doc *doc, const struct ea_node *a, struct ea_results *out)
{
    const struct ea_node *block = a->parent;
    while (block && block->type == EA_NODE_ELEMENT && inline_tag(block))
        block = block->parent;
    if (!block || block == doc->root || !ea_checks_has_text(a) || !block_text(block))
        return;
    const struct ea_css_style *ls = ea_doc_style(doc, a), *bs = ea_doc_style(doc, block);
    const unsigned undecided = 1u << EA_CSS_COLOR | 1u << EA_CSS_UNDERLINE;
    if (ls->underline && !(ls->maybe & (1u << EA_CSS_UNDERLINE))) {
        ea_results_add(out, EA_OUTCOME_PASS, a, NULL);
        return;
    }
    if (ls->font_weight >= 600 && bs->font_weight < 600) {
        ea_results_add(out, EA_OUTCOME_PASS, a, NULL);
        return;
    }
    if (!ls->color.valid || !bs->color.valid || ((ls->maybe | bs->maybe) & undecided)) {
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link is not underlined and its colours cannot be decided statically");
        return;
    }
    double ratio = ea_css_contrast(ls->color, bs->color);
    if (ratio < 3)
        ea_results_add(out, EA_OUTCOME_VIOLATION, a,
                       "link in text is not underlined and its colour contrasts less than 3:1 "
                       "with the text");
    else
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, a,
                       "link in text is told apart by colour only: check it gets an underline or "
                       "other cue on focus and hover");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "a", &n);
    for (size_t i = 0; i < n; i++)
        if (a[i]->ns == EA_NS_HTML && ea_node_has_attr(a[i], "href") && ea_checks_judged(a[i]))
            judge(doc, a[i], out);
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

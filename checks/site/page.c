/* One page reduced to the questionnaire's facts (see page.h). */
#include "checks/site/page.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/util.h"
#include "core/accname.h"
#include "core/css.h"
#include "core/limits.h"
#include "core/text.h"
#include "core/xalloc.h"

/* Inline script text read for a chat widget's loader. */
#define MAX_SCRIPT_SCAN (64u * 1024)

enum flag {
    SKIP = 1 << 0,    /* script, style, template, noscript: no text */
    CHROME = 1 << 1,  /* header, nav, footer and their roles */
    NEWSY = 1 << 2,   /* a news list or item */
    BLOCK = 1 << 3,   /* starts a line of text (not inherited) */
    HEADING = 1 << 4, /* h1-h4 (not inherited) */
};
#define INHERITED (SKIP | CHROME | NEWSY)

/* HTML tags with a part in the text, sorted for bsearch: one lookup per element. */
static const struct tag_class {
    const char *tag;
    unsigned flags;
} tag_classes[] = {
    { "address", BLOCK },
    { "article", BLOCK | NEWSY },
    { "aside", BLOCK },
    { "blockquote", BLOCK },
    { "br", BLOCK },
    { "button", BLOCK },
    { "dd", BLOCK },
    { "div", BLOCK },
    { "dl", BLOCK },
    { "dt", BLOCK },
    { "fieldset", BLOCK },
    { "figcaption", BLOCK },
    { "figure", BLOCK },
    { "footer", BLOCK | CHROME },
    { "form", BLOCK },
    { "h1", BLOCK | HEADING },
    { "h2", BLOCK | HEADING },
    { "h3", BLOCK | HEADING },
    { "h4", BLOCK | HEADING },
    { "h5", BLOCK },
    { "h6", BLOCK },
    { "header", BLOCK | CHROME },
    { "hr", BLOCK },
    { "legend", BLOCK },
    { "li", BLOCK },
    { "main", BLOCK },
    { "nav", BLOCK | CHROME },
    { "noscript", SKIP },
    { "ol", BLOCK },
    { "option", BLOCK },
    { "p", BLOCK },
    { "script", SKIP },
    { "section", BLOCK },
    { "style", SKIP },
    { "table", BLOCK },
    { "td", BLOCK },
    { "template", SKIP },
    { "th", BLOCK },
    { "time", BLOCK | NEWSY },
    { "tr", BLOCK },
    { "ul", BLOCK },
};

static int tag_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct tag_class *)elem)->tag);
}

static unsigned tag_flags(const struct ea_node *n)
{
    if (n->type != EA_NODE_ELEMENT || n->ns != EA_NS_HTML)
        return 0;
    const struct tag_class *tc =
        bsearch(n->tag, tag_classes, sizeof(tag_classes) / sizeof(tag_classes[0]),
                sizeof(tag_classes[0]), tag_cmp);
    return tc ? tc->flags : 0;
}

static bool role_is(const struct ea_node *n, const char *role)
{
    return ea_checks_ieq(ea_node_attr(n, "role"), role);
}

static unsigned own_flags(const struct ea_node *n, const struct ea_concepts *c)
{
    if (n->type != EA_NODE_ELEMENT)
        return 0;
    unsigned f = tag_flags(n);
    const char *role = ea_node_attr(n, "role");
    if (role && (role_is(n, "banner") || role_is(n, "navigation") || role_is(n, "contentinfo")))
        f |= CHROME;
    const char *cls = ea_node_attr(n, "class"), *id = ea_node_attr(n, "id");
    if ((cls && *cls && ea_wordlist_match_text(c, EA_LIST_NEWS_CONTAINER, cls, strlen(cls))) ||
        (id && *id && ea_wordlist_match_text(c, EA_LIST_NEWS_CONTAINER, id, strlen(id))))
        f |= NEWSY;
    return f;
}

/* Per node: its own flags, a news heading's parent marked as news, then inheritance (the
 * array is in document order, so a parent is always done before its children). */
static unsigned *node_flags(const struct ea_doc *doc, const struct ea_concepts *c)
{
    unsigned *fl = ea_xcalloc(doc->nnodes ? doc->nnodes : 1, sizeof(*fl));
    struct ea_buf t = EA_BUF_INIT(EA_MAX_ACCNAME);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        fl[i] |= own_flags(n, c);
        if (n->parent && (fl[i] & HEADING)) {
            ea_buf_reset(&t);
            ea_node_text(n, &t);
            ea_buf_trim(&t);
            if (ea_concepts_match_text(c, EA_CONCEPT_NEWS, t.buf, t.len))
                fl[n->parent->index] |= NEWSY;
        }
    }
    ea_buf_release(&t);
    for (size_t i = 0; i < doc->nnodes; i++)
        if (doc->nodes[i].parent)
            fl[i] |= fl[doc->nodes[i].parent->index] & INHERITED;
    return fl;
}

static void newline(struct ea_buf *b)
{
    ea_text_trim_end(b);
    if (b->len && b->buf[b->len - 1] != '\n')
        ea_buf_addch(b, '\n');
}

static void read_text(const struct ea_doc *doc, const unsigned *fl, struct ea_site_page *pg)
{
    const struct ea_node *root = doc->body;
    if (!root)
        return;
    for (const struct ea_node *n = ea_node_walk(root, root, true); n;) {
        unsigned f = fl[n->index];
        if (n->type == EA_NODE_ELEMENT) {
            if (f & BLOCK) {
                newline(&pg->text);
                newline(&pg->news_text);
                newline(&pg->main_text);
            }
            const char *dt = ea_node_is(n, "time") ? ea_node_attr(n, "datetime") : NULL;
            if (dt && !(f & (SKIP | CHROME)) && ea_date_iso(dt)) {
                /* <time datetime> says the date even when the text does not ("vakar") */
                ea_buf_addn(&pg->news_text, dt, 10);
                ea_buf_addch(&pg->news_text, '\n');
                ea_buf_addn(&pg->main_text, dt, 10);
                ea_buf_addch(&pg->main_text, '\n');
            }
            n = ea_node_walk(root, n, !(f & SKIP));
            continue;
        }
        size_t len = strlen(n->text);
        ea_text_add_collapsed(&pg->text, n->text, len);
        if ((f & NEWSY) && !(f & CHROME))
            ea_text_add_collapsed(&pg->news_text, n->text, len);
        if (!(f & CHROME))
            ea_text_add_collapsed(&pg->main_text, n->text, len);
        n = ea_node_walk(root, n, true);
    }
}

static void excerpt_of(const struct ea_doc *doc, const struct ea_node *n, const char *name,
                       struct ea_buf *out)
{
    /* the name first: the store keeps only the first EA_MAX_SNIPPET bytes */
    if (name && *name)
        ea_buf_addf(out, "\"%s\" ", name);
    ea_doc_snippet(doc, n, out);
    ea_text_truncate_utf8(out, EA_MAX_EVIDENCE);
}

static char *node_excerpt(const struct ea_doc *doc, const struct ea_node *n, const char *name)
{
    struct ea_buf b = EA_BUF_INIT(EA_MAX_EVIDENCE + EA_MAX_SNIPPET + EA_MAX_ACCNAME);
    excerpt_of(doc, n, name, &b);
    return ea_buf_detach(&b, NULL);
}

static void set_once(char **slot, const struct ea_doc *doc, const struct ea_node *n,
                     const char *name)
{
    if (!*slot)
        *slot = node_excerpt(doc, n, name);
}

static void read_link(const struct ea_doc *doc, const struct ea_node *n, const char *url,
                      bool contacts, bool chrome, struct ea_site_page *pg)
{
    const char *href = ea_node_attr(n, "href");
    struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME), abs = EA_BUF_INIT(EA_MAX_URL);
    ea_accname(doc, n, &name);
    ea_site_resolve(url, href, &abs);
    EA_GROW(pg->links, pg->nlinks + 1, pg->links_cap);
    struct ea_site_link *l = &pg->links[pg->nlinks++];
    const char *hl = ea_node_attr(n, "hreflang");
    l->href = href;
    l->abs = ea_buf_detach(&abs, NULL);
    l->excerpt = node_excerpt(doc, n, name.buf);
    l->name = ea_buf_detach(&name, NULL);
    l->web = strncasecmp(l->abs, "http://", 7) == 0 || strncasecmp(l->abs, "https://", 8) == 0;
    l->hreflang_en = hl && strncasecmp(hl, "en", 2) == 0 && (hl[2] == '\0' || hl[2] == '-');
    l->contacts = contacts;
    l->chrome = chrome;
}

static bool is_flash_or_silverlight(const struct ea_node *n)
{
    static const char *const attrs[] = { "type", "data", "src", "classid", "codebase" };
    static const char *const marks[] = { "shockwave-flash",
                                         "x-silverlight",
                                         ".swf",
                                         ".xap",
                                         "d27cdb6e-ae6d-11cf-96b8-444553540000",
                                         "java" };
    for (size_t a = 0; a < sizeof(attrs) / sizeof(attrs[0]); a++) {
        const char *v = ea_node_attr(n, attrs[a]);
        struct ea_buf f = EA_BUF_INIT(EA_MAX_URL);
        bool hit = false;
        if (v)
            ea_text_fold(v, strlen(v), &f);
        for (size_t m = 0; v && !hit && m < sizeof(marks) / sizeof(marks[0]); m++)
            hit = strstr(f.buf, marks[m]) != NULL;
        ea_buf_release(&f);
        if (hit)
            return true;
    }
    return false;
}

static bool width_media_attr(const char *media)
{
    struct ea_buf css = EA_BUF_INIT(EA_MAX_CSS);
    ea_buf_addf(&css, "@media %s {}", media);
    bool hit = ea_css_has_width_media(css.buf, css.len);
    ea_buf_release(&css);
    return hit;
}

/* True when one of the @import rules the sheet starts with has a width condition: a sheet
 * for some screen widths, as a <link media> with one is. */
static bool width_media_import(const char *css, size_t len)
{
    struct ea_css_import imp[EA_MAX_CSS_IMPORTS];
    size_t n = ea_css_imports(css, len, imp, EA_ARRAY_LEN(imp));
    bool hit = false;
    for (size_t i = 0; i < n && !hit; i++)
        hit = imp[i].media[0] && width_media_attr(imp[i].media);
    ea_css_imports_release(imp, n);
    return hit;
}

static bool names_search(const struct ea_doc *doc, const struct ea_node *form,
                         const struct ea_concepts *c)
{
    const char *action = ea_node_attr(form, "action");
    if (action && ea_concepts_match_url(c, EA_CONCEPT_SEARCH, action))
        return true;
    struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME);
    bool hit = false;
    for (const struct ea_node *n = ea_node_walk(form, form, true); n && !hit;
         n = ea_node_walk(form, n, true)) {
        if (!(ea_node_is(n, "input") || ea_node_is(n, "button")))
            continue;
        ea_buf_reset(&name);
        ea_accname(doc, n, &name);
        hit = ea_concepts_match_text(c, EA_CONCEPT_SEARCH, name.buf, name.len);
        const char *ph = ea_node_attr(n, "placeholder");
        if (!hit && ph)
            hit = ea_concepts_match_text(c, EA_CONCEPT_SEARCH, ph, strlen(ph));
    }
    ea_buf_release(&name);
    return hit;
}

static void read_elements(const struct ea_doc *doc, const struct ea_concepts *c, const unsigned *fl,
                          struct ea_site_page *pg)
{
    size_t stylesheets = 0;
    struct ea_buf t = EA_BUF_INIT(EA_MAX_CSS);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (n->type != EA_NODE_ELEMENT || n->ns != EA_NS_HTML)
            continue;
        const char *tag = n->tag;
        if (strcmp(tag, "meta") == 0) {
            if (!pg->viewport && ea_checks_ieq(ea_node_attr(n, "name"), "viewport") &&
                !ea_checks_meta_inert(n)) {
                ea_viewport_parse(ea_node_attr(n, "content"), &pg->vp);
                pg->viewport = node_excerpt(doc, n, NULL);
            }
        } else if (strcmp(tag, "applet") == 0 ||
                   ((strcmp(tag, "object") == 0 || strcmp(tag, "embed") == 0) &&
                    is_flash_or_silverlight(n))) {
            set_once(&pg->plugin, doc, n, NULL);
        } else if (strcmp(tag, "style") == 0) {
            const char *media = ea_node_attr(n, "media");
            ea_buf_reset(&t);
            ea_node_text(n, &t);
            if (!pg->media &&
                ((media && width_media_attr(media)) || ea_css_has_width_media(t.buf, t.len) ||
                 width_media_import(t.buf, t.len)))
                pg->media = node_excerpt(doc, n, NULL);
        } else if (strcmp(tag, "link") == 0) {
            const char *media = ea_node_attr(n, "media"), *hl = ea_node_attr(n, "hreflang");
            /* Counted as the crawler fetches them. */
            if (ea_node_is_stylesheet_link(n)) {
                stylesheets++;
                if (media && width_media_attr(media))
                    set_once(&pg->media, doc, n, NULL);
            }
            if (ea_node_attr_has_token(n, "rel", "alternate") && hl &&
                strncasecmp(hl, "en", 2) == 0)
                set_once(&pg->hreflang_en, doc, n, NULL);
        } else if (strcmp(tag, "script") == 0 || strcmp(tag, "iframe") == 0) {
            const char *src = ea_node_attr(n, "src");
            bool chat = src && ea_wordlist_match_url(c, EA_LIST_CHAT_WIDGET, src);
            if (!chat && !src && strcmp(tag, "script") == 0) {
                ea_buf_reset(&t);
                ea_node_text(n, &t);
                ea_buf_truncate(&t, t.len < MAX_SCRIPT_SCAN ? t.len : MAX_SCRIPT_SCAN);
                chat = ea_wordlist_match_url(c, EA_LIST_CHAT_WIDGET, t.buf);
            }
            if (chat)
                set_once(&pg->chat, doc, n, NULL);
            if (src && strcmp(tag, "iframe") == 0 &&
                ea_wordlist_match_url(c, EA_LIST_SOCIAL_OTHER, src))
                set_once(&pg->video, doc, n, NULL);
        } else if (strcmp(tag, "video") == 0) {
            set_once(&pg->video, doc, n, NULL);
        } else if (strcmp(tag, "form") == 0) {
            const char *action = ea_node_attr(n, "action");
            if (!pg->search && names_search(doc, n, c))
                pg->search = node_excerpt(doc, n, NULL);
            size_t nta = 0;
            struct ea_node *const *tas = ea_doc_tagged(doc, "textarea", &nta);
            for (size_t k = 0; k < nta && !pg->opinion_form && !(fl[i] & CHROME); k++)
                if (ea_node_contains(n, tas[k]))
                    pg->opinion_form = node_excerpt(doc, n, NULL);
            if (action && ea_concepts_match_url(c, EA_CONCEPT_FEEDBACK, action))
                set_once(&pg->feedback_form, doc, n, NULL);
        } else if (strcmp(tag, "input") == 0) {
            if (ea_checks_ieq(ea_node_attr(n, "type"), "search"))
                set_once(&pg->search, doc, n, NULL);
        }
        if (role_is(n, "search"))
            set_once(&pg->search, doc, n, NULL);
    }
    ea_buf_release(&t);
    for (size_t k = 0; k < doc->nsheets && !pg->media; k++)
        if (doc->sheets[k].media != EA_CSS_MEDIA_NO && /* a print sheet's widths are paper's */
            (ea_css_has_width_media(doc->sheets[k].text, doc->sheets[k].len) ||
             width_media_import(doc->sheets[k].text, doc->sheets[k].len))) {
            struct ea_buf b = EA_BUF_INIT(EA_MAX_EVIDENCE);
            ea_buf_addf(&b, "stylesheet %s", doc->sheets[k].url ? doc->sheets[k].url : "");
            ea_text_truncate_utf8(&b, EA_MAX_EVIDENCE);
            pg->media = ea_buf_detach(&b, NULL);
        }
    size_t linked = 0; /* <link>s whose sheet is attached (an imported sheet is none) */
    for (size_t k = 0; k < doc->nsheets; k++)
        linked += doc->sheets[k].links;
    if (stylesheets > linked) {
        struct ea_buf b = EA_BUF_INIT(EA_MAX_EVIDENCE);
        ea_buf_addf(&b, "%zu of %zu linked stylesheets were not fetched", stylesheets - linked,
                    stylesheets);
        pg->sheets_missing = ea_buf_detach(&b, NULL);
    }
}

void ea_site_page_read(const struct ea_doc *doc, const char *url, const struct ea_concepts *c,
                       bool contacts, struct ea_site_page *pg)
{
    memset(pg, 0, sizeof(*pg));
    ea_buf_init(&pg->text, EA_MAX_SITE_TEXT);
    ea_buf_init(&pg->news_text, EA_MAX_SITE_TEXT);
    ea_buf_init(&pg->main_text, EA_MAX_SITE_TEXT);
    unsigned *fl = node_flags(doc, c);
    read_text(doc, fl, pg);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if ((ea_node_is(n, "a") || ea_node_is(n, "area")) && ea_node_attr(n, "href"))
            read_link(doc, n, url, contacts, fl[i] & CHROME, pg);
    }
    read_elements(doc, c, fl, pg);
    free(fl);
}

void ea_site_page_release(struct ea_site_page *pg)
{
    for (size_t i = 0; i < pg->nlinks; i++) {
        free(pg->links[i].abs);
        free(pg->links[i].name);
        free(pg->links[i].excerpt);
    }
    free(pg->links);
    ea_buf_release(&pg->text);
    ea_buf_release(&pg->news_text);
    ea_buf_release(&pg->main_text);
    char **owned[] = { &pg->viewport,      &pg->plugin, &pg->media,       &pg->sheets_missing,
                       &pg->search,        &pg->chat,   &pg->hreflang_en, &pg->opinion_form,
                       &pg->feedback_form, &pg->video };
    for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++)
        free(*owned[i]);
    memset(pg, 0, sizeof(*pg));
}

/* ---- URLs and excerpts ------------------------------------------------------------------ */

static size_t scheme_len(const char *u)
{
    size_t i = 0;
    while ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z') ||
           (i > 0 && ((u[i] >= '0' && u[i] <= '9') || u[i] == '+' || u[i] == '-' || u[i] == '.')))
        i++;
    return i > 0 && u[i] == ':' ? i : 0;
}

void ea_site_url_host(const char *url, struct ea_buf *out)
{
    const char *p = strstr(url, "://");
    if (!p || !scheme_len(url))
        return;
    p += 3;
    size_t n = strcspn(p, "/?#");
    const char *at = memchr(p, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t colon = 0;
    while (colon < n && p[colon] != ':')
        colon++;
    n = colon;
    if (n > 4 && strncasecmp(p, "www.", 4) == 0)
        p += 4, n -= 4;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i];
        ea_buf_addch(out, ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch);
    }
}

void ea_site_resolve(const char *base, const char *href, struct ea_buf *out)
{
    while (*href && ea_text_is_ascii_ws(*href))
        href++;
    if (scheme_len(href) || !base) {
        ea_buf_add(out, href);
    } else if (href[0] == '/' && href[1] == '/') {
        ea_buf_addn(out, base, scheme_len(base) + 1);
        ea_buf_add(out, href);
    } else {
        const char *p = strstr(base, "://");
        size_t origin = p ? (size_t)(p + 3 - base) + strcspn(p + 3, "/?#") : 0;
        if (href[0] == '/') {
            ea_buf_addn(out, base, origin);
        } else if (href[0] == '?' || href[0] == '#') {
            ea_buf_addn(out, base, origin + strcspn(base + origin, href[0] == '?' ? "?#" : "#"));
        } else {
            size_t path_end = origin + strcspn(base + origin, "?#"), dir = path_end;
            while (dir > origin && base[dir - 1] != '/')
                dir--;
            ea_buf_addn(out, base, dir);
            if (dir == origin)
                ea_buf_addch(out, '/');
        }
        ea_buf_add(out, href);
    }
    ea_buf_trim(out);
}

void ea_site_excerpt(const char *s, size_t n, struct ea_span span, struct ea_buf *out)
{
    const size_t ctx = 60;
    size_t from = span.off > ctx ? span.off - ctx : 0, to = span.off + span.len + ctx;
    if (to > n)
        to = n;
    while (from > 0 && from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
        from++; /* start on a character */
    size_t len = ea_text_utf8_cut(s + from, to - from);
    struct ea_buf raw = EA_BUF_INIT(EA_MAX_EVIDENCE);
    if (from > 0)
        ea_buf_add(&raw, "...");
    ea_text_add_collapsed(&raw, s + from, len);
    if (from + len < n)
        ea_buf_add(&raw, "...");
    ea_buf_addn(out, raw.buf, raw.len);
    ea_buf_release(&raw);
}

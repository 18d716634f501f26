#include "cli/sheets.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "crawler/links.h"
#include "crawler/url.h"

void ea_sheets_init(struct ea_sheets *s, const char *owner, bool quiet, ea_sheets_want_fn *want,
                    void *ctx)
{
    memset(s, 0, sizeof(*s));
    s->owner = owner;
    s->quiet = quiet;
    s->want = want;
    s->ctx = ctx;
}

void ea_sheets_release(struct ea_sheets *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].url);
        if (s->v[i].own_text)
            free(s->v[i].text);
        free(s->v[i].imports);
    }
    free(s->v);
    free(s->cur);
    free(s->cur_linked);
    memset(s, 0, sizeof(*s));
}

static size_t sheet_index(struct ea_sheets *s, const char *url, enum ea_css_media media,
                          unsigned depth);

/* Sheet k has come: the sheets its @import rules name join the set (and are wanted), unless
 * it is as deep as imports go. */
static void follow_imports(struct ea_sheets *s, size_t k)
{
    if (!s->v[k].text || s->v[k].depth >= EA_MAX_CSS_IMPORT_DEPTH)
        return;
    struct ea_css_import imp[EA_MAX_CSS_IMPORTS];
    size_t n = ea_css_imports(s->v[k].text, s->v[k].len, imp, EA_ARRAY_LEN(imp));
    size_t *list = ea_xcalloc(n ? n : 1, sizeof(*list)), nl = 0;
    for (size_t i = 0; i < n; i++) {
        /* s->v moves when sheet_index adds one: read it again each time. */
        enum ea_css_media media =
            ea_css_media_both(s->v[k].media, ea_css_media_of(imp[i].media, strlen(imp[i].media)));
        char *url = ea_url_canon(s->v[k].url, imp[i].url);
        if (!url || media == EA_CSS_MEDIA_NO) {
            free(url);
            continue; /* a print sheet is not fetched at all */
        }
        size_t idx = sheet_index(s, url, media, s->v[k].depth + 1);
        free(url);
        if (idx != SIZE_MAX && idx != k)
            list[nl++] = idx;
    }
    ea_css_imports_release(imp, n);
    s->v[k].imports = list;
    s->v[k].nimports = nl;
}

/* Sheet i is named closer to a page (depth) than it was reached before: it and the sheets it
 * imports take the nearer depth, and imports cut off at the limit are followed now.
 * Depths only go down, so a cycle ends. */
static void lower_depth(struct ea_sheets *s, size_t i, unsigned depth)
{
    if (depth >= s->v[i].depth)
        return;
    bool was_last = s->v[i].depth >= EA_MAX_CSS_IMPORT_DEPTH;
    s->v[i].depth = depth;
    if (was_last) {
        if (s->v[i].done && !s->v[i].imports)
            follow_imports(s, i); /* (not come yet: arrival follows them at the new depth) */
        return;
    }
    for (size_t k = 0; k < s->v[i].nimports; k++)
        lower_depth(s, s->v[i].imports[k], depth + 1);
}

/* The index of (url, media) in the set, wanted when new; SIZE_MAX past the set's cap. */
static size_t sheet_index(struct ea_sheets *s, const char *url, enum ea_css_media media,
                          unsigned depth)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].media == media && !strcmp(s->v[i].url, url)) {
            lower_depth(s, i, depth);
            return i;
        }
    if (s->n >= EA_MAX_SITE_STYLESHEET_FILES)
        return SIZE_MAX; /* a site with a new stylesheet on every page: not fetched */
    EA_GROW(s->v, s->n + 1, s->cap);
    size_t i = s->n++;
    s->v[i] = (struct ea_sheet){ .url = ea_xstrdup(url), .media = media, .depth = depth };
    s->want(s->ctx, s, i, url); /* may answer at once */
    return i;
}

void ea_sheets_arrived(struct ea_sheets *s, size_t i, char *text, size_t len, bool owned,
                       const char *why)
{
    struct ea_sheet *c = &s->v[i];
    c->done = true;
    if (text && s->bytes + len > EA_MAX_SITE_STYLESHEETS) {
        if (owned)
            free(text);
        text = NULL;
        why = "the site's stylesheets are too large";
    }
    if (text) {
        c->text = text;
        c->len = len;
        c->own_text = owned;
        s->bytes += len;
    } else if (!s->quiet) {
        ea_log_debug("%s: stylesheet %s not used (%s)", s->owner, c->url, why ? why : "no text");
    }
    follow_imports(s, i);
}

void ea_sheets_page_begin(struct ea_sheets *s, const struct ea_doc *doc, const char *url)
{
    ea_sheets_page_end(s);
    struct ea_links sheets = { 0 };
    ea_links_stylesheets(doc, url, &sheets);
    s->cur = ea_xcalloc(sheets.len ? sheets.len : 1, sizeof(*s->cur));
    s->cur_linked = ea_xcalloc(sheets.len ? sheets.len : 1, sizeof(*s->cur_linked));
    for (size_t i = 0; i < sheets.len; i++) {
        size_t k = sheet_index(s, sheets.v[i].url, sheets.v[i].media, 0);
        if (k == SIZE_MAX)
            continue;
        s->cur_linked[s->ncur] = !sheets.v[i].imported;
        s->cur[s->ncur++] = k;
    }
    ea_links_release(&sheets);
}

void ea_sheets_page_end(struct ea_sheets *s)
{
    free(s->cur);
    free(s->cur_linked);
    s->cur = NULL;
    s->cur_linked = NULL;
    s->ncur = 0;
}

/* Visits sheet k and the sheets it imports backwards: k, then its imports last to first.
 * Read in reverse, that is cascade order (an @import's sheet before the sheet importing it),
 * and keeping each sheet the first time it comes keeps its last place in cascade order: a
 * sheet named twice (two <link>s, two imports) cascades as the later one, as in browsers,
 * where its first application is overridden by its second. A cycle ends at a sheet seen.
 * Counts the sheets not come yet. */
static void walk(const struct ea_sheets *s, size_t k, bool *seen, size_t *order, size_t *n,
                 size_t *pending)
{
    if (seen[k])
        return;
    seen[k] = true;
    const struct ea_sheet *c = &s->v[k];
    if (!c->done)
        (*pending)++;
    if (order)
        order[(*n)++] = k;
    for (size_t i = c->nimports; i-- > 0;)
        walk(s, c->imports[i], seen, order, n, pending);
}

/* The current page's sheets with their imports, in cascade order, into order (room for s->n)
 * when not NULL; returns how many have not come yet. */
static size_t page_order(const struct ea_sheets *s, size_t *order, size_t *n)
{
    bool *seen = ea_xcalloc(s->n ? s->n : 1, sizeof(*seen));
    size_t pending = 0, count = 0;
    for (size_t i = s->ncur; i-- > 0;)
        walk(s, s->cur[i], seen, order, &count, &pending);
    free(seen);
    for (size_t i = 0; order && i < count / 2; i++) {
        size_t t = order[i];
        order[i] = order[count - 1 - i];
        order[count - 1 - i] = t;
    }
    if (n)
        *n = count;
    return pending;
}

size_t ea_sheets_page_pending(const struct ea_sheets *s)
{
    return page_order(s, NULL, NULL);
}

size_t ea_sheets_page_list(const struct ea_sheets *s, struct ea_doc_sheet **out)
{
    size_t *order = ea_xcalloc(s->n ? s->n : 1, sizeof(*order)), n = 0, m = 0;
    page_order(s, order, &n);
    struct ea_doc_sheet *v = ea_xcalloc(n ? n : 1, sizeof(*v));
    for (size_t i = 0; i < n; i++) {
        const struct ea_sheet *c = &s->v[order[i]];
        unsigned links = 0; /* the page's <link>s that name it */
        for (size_t k = 0; k < s->ncur; k++)
            links += s->cur[k] == order[i] && s->cur_linked[k];
        if (c->text)
            v[m++] = (struct ea_doc_sheet){
                .url = c->url, .text = c->text, .len = c->len, .media = c->media, .links = links
            };
    }
    free(order);
    *out = v;
    return m;
}

const char *ea_sheet_unusable(const struct ea_response *resp)
{
    if (resp->error != EA_FETCH_OK)
        return ea_fetch_error_name(resp->error);
    if (resp->truncated)
        return "too large";
    if (resp->status < 200 || resp->status > 299)
        return "not 2xx";
    return NULL;
}

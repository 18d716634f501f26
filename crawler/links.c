#include "crawler/links.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/accname.h"
#include "core/buf.h"
#include "core/limits.h"
#include "core/xalloc.h"
#include "crawler/url.h"

/* The base URL links resolve against: the first <base href>, resolved against the page. */
static char *base_of(const struct ea_doc *doc, const char *page_url)
{
    size_t n;
    struct ea_node *const *bases = ea_doc_tagged(doc, "base", &n);
    for (size_t i = 0; i < n; i++) {
        const char *href = ea_node_attr(bases[i], "href");
        if (href) {
            char *b = ea_url_canon(page_url, href);
            if (b)
                return b;
            break;
        }
    }
    return ea_xstrdup(page_url);
}

static void add(struct ea_links *out, char *url, char *name)
{
    EA_GROW(out->v, out->len + 1, out->cap);
    out->v[out->len].url = url;
    out->v[out->len].name = name;
    out->len++;
}

void ea_links_extract(const struct ea_doc *doc, const char *page_url, struct ea_links *out)
{
    static const char *const tags[] = { "a", "area" };
    char *base = base_of(doc, page_url);
    size_t added = 0;
    /* Document order matters little here; a then area keeps it simple. */
    for (size_t t = 0; t < EA_ARRAY_LEN(tags); t++) {
        size_t n;
        struct ea_node *const *nodes = ea_doc_tagged(doc, tags[t], &n);
        for (size_t i = 0; i < n && added < EA_MAX_PAGE_LINKS; i++) {
            const char *href = ea_node_attr(nodes[i], "href");
            if (!href)
                continue;
            char *url = ea_url_canon(base, href);
            if (!url)
                continue;
            struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME + 1);
            ea_accname(doc, nodes[i], &name);
            add(out, url, ea_buf_detach(&name, NULL));
            added++;
        }
    }
    free(base);
}

/* True when the space-separated list s holds word (ASCII case-insensitive). */
static bool has_token(const char *s, const char *word)
{
    size_t wl = strlen(word);
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
            s++;
        size_t n = strcspn(s, " \t\n\r\f");
        if (n == wl && !strncasecmp(s, word, n))
            return true;
        s += n;
    }
    return false;
}

void ea_links_stylesheets(const struct ea_doc *doc, const char *page_url, struct ea_links *out)
{
    char *base = base_of(doc, page_url);
    size_t n, added = 0;
    struct ea_node *const *nodes = ea_doc_tagged(doc, "link", &n);
    for (size_t i = 0; i < n && added < EA_MAX_PAGE_STYLESHEETS; i++) {
        const char *rel = ea_node_attr(nodes[i], "rel");
        const char *href = ea_node_attr(nodes[i], "href");
        if (!rel || !href || !has_token(rel, "stylesheet") || has_token(rel, "alternate"))
            continue;
        char *url = ea_url_canon(base, href);
        if (!url)
            continue;
        const char *media = ea_node_attr(nodes[i], "media");
        add(out, url, ea_xstrdup(media ? media : ""));
        added++;
    }
    free(base);
}

void ea_links_release(struct ea_links *l)
{
    for (size_t i = 0; i < l->len; i++) {
        free(l->v[i].url);
        free(l->v[i].name);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

#include "crawler/links.h"

#include <stdlib.h>
#include <string.h>

#include "core/accname.h"
#include "core/buf.h"
#include "core/css.h"
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
    out->v[out->len] = (struct ea_link){ .url = url, .name = name, .media = EA_CSS_MEDIA_YES };
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

/* A <style> element's @import rules, resolved against base, onto out while *added is under
 * the cap. */
static void style_imports(const struct ea_node *st, const char *base, struct ea_links *out,
                          size_t *added)
{
    if (!ea_node_style_applies(st))
        return; /* as the cascade treats <style> */
    const char *media = ea_node_attr(st, "media");
    enum ea_css_media own = ea_css_media_of(media, media ? strlen(media) : 0);
    struct ea_buf text = EA_BUF_INIT(EA_MAX_CSS);
    ea_node_text(st, &text);
    struct ea_css_import imp[EA_MAX_CSS_IMPORTS];
    size_t n = ea_css_imports(text.buf, text.len, imp, EA_ARRAY_LEN(imp));
    for (size_t i = 0; i < n && *added < EA_MAX_CSS_IMPORTS; i++) {
        enum ea_css_media m =
            ea_css_media_both(own, ea_css_media_of(imp[i].media, strlen(imp[i].media)));
        char *url = m == EA_CSS_MEDIA_NO ? NULL : ea_url_canon(base, imp[i].url);
        if (!url)
            continue;
        add(out, url, ea_xstrdup(imp[i].media));
        out->v[out->len - 1].imported = true;
        out->v[out->len - 1].media = m;
        (*added)++;
    }
    ea_css_imports_release(imp, n);
    ea_buf_release(&text);
}

void ea_links_stylesheets(const struct ea_doc *doc, const char *page_url, struct ea_links *out)
{
    char *base = base_of(doc, page_url);
    size_t nl, ns, links = 0, imports = 0;
    struct ea_node *const *link = ea_doc_tagged(doc, "link", &nl);
    struct ea_node *const *styles = ea_doc_tagged(doc, "style", &ns);
    /* Both lists are in document order: merged, the sheets cascade in it. */
    for (size_t i = 0, k = 0; i < nl || k < ns;) {
        if (k < ns && (i >= nl || styles[k]->index < link[i]->index)) {
            style_imports(styles[k++], base, out, &imports);
            continue;
        }
        const struct ea_node *ln = link[i++];
        if (links >= EA_MAX_PAGE_STYLESHEETS || !ea_node_is_stylesheet_link(ln))
            continue;
        char *url = ea_url_canon(base, ea_node_attr(ln, "href"));
        if (!url)
            continue;
        const char *media = ea_node_attr(ln, "media");
        add(out, url, ea_xstrdup(media ? media : ""));
        out->v[out->len - 1].media = ea_css_media_of(media, media ? strlen(media) : 0);
        links++;
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

/*
 * links.h — what a parsed page links to: a[href] and area[href] with their accessible names
 * (the crawler's priority and the questionnaire read them), and link[rel=stylesheet]
 * targets. URLs are resolved against <base href> (else the page URL) and canonical
 * (url.h); mailto:, tel:, javascript:, data: and other non-http(s) targets are left out.
 */
#ifndef EA_CRAWLER_LINKS_H
#define EA_CRAWLER_LINKS_H

#include <stddef.h>

#include "core/doc.h"

struct ea_link {
    char *url;               /* owned: canonical */
    char *name;              /* owned: accessible name, "" when none */
    bool imported;           /* stylesheets: named by a <style>'s @import, not a <link> */
    enum ea_css_media media; /* stylesheets: the condition it applies under */
};

struct ea_links {
    struct ea_link *v; /* owned */
    size_t len, cap;
};

/* Appends the page's links (at most EA_MAX_PAGE_LINKS, document order). */
void ea_links_extract(const struct ea_doc *doc, const char *page_url, struct ea_links *out);
/* Appends the page's stylesheets in document order: the targets of <link rel=stylesheet
 * href> (at most EA_MAX_PAGE_STYLESHEETS) and of the @import rules of its <style> elements
 * (at most EA_MAX_CSS_IMPORTS), with their media: a <link>'s attribute, or a <style>'s and
 * its @import's lists together (an import for media that cannot apply is left out). The
 * name is the media attribute or the @import's list as written, "" for none. */
void ea_links_stylesheets(const struct ea_doc *doc, const char *page_url, struct ea_links *out);
void ea_links_release(struct ea_links *l);

#endif

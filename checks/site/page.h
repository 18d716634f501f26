/*
 * page.h — one page reduced to what the questionnaire reads (checks/site internal): its
 * links with accessible names and absolute URLs, its text with one block per line (whole,
 * in news parts, outside header/nav/footer), and the homepage's mobile and form facts, each
 * with an evidence excerpt. Built while the tree is alive; keeps nothing of it.
 */
#ifndef EA_CHECKS_SITE_PAGE_H
#define EA_CHECKS_SITE_PAGE_H

#include <stdbool.h>

#include "checks/site/scan.h"
#include "core/buf.h"
#include "core/doc.h"
#include "rules/concepts.h"

struct ea_site_link {
    const char *href; /* borrowed (doc) */
    char *abs;        /* owned: resolved against the page URL */
    char *name;       /* owned: accessible name */
    char *excerpt;    /* owned: start tag and name, for evidence */
    bool web;         /* http(s) */
    bool hreflang_en;
    bool contacts; /* on a page where contact details count */
    bool chrome;   /* inside header, nav or footer */
};

struct ea_site_page {
    struct ea_site_link *links; /* owned */
    size_t nlinks, links_cap;
    struct ea_buf text;      /* body text, one block per line */
    struct ea_buf news_text; /* text in news lists (<article>, <time>, news containers) */
    struct ea_buf main_text; /* text outside header, nav and footer */
    struct ea_viewport vp;
    /* owned evidence excerpts, NULL when the page has no such thing */
    char *viewport, *plugin, *media, *sheets_missing, *search, *chat, *hreflang_en, *opinion_form,
        *feedback_form, *video;
};

/* Reads doc (at url); contacts marks a page whose tel:/mailto: links count as contacts. */
void ea_site_page_read(const struct ea_doc *doc, const char *url, const struct ea_concepts *c,
                       bool contacts, struct ea_site_page *pg);
void ea_site_page_release(struct ea_site_page *pg);

/* The host of an absolute URL, lowercase, without "www." (empty for a relative one). */
void ea_site_url_host(const char *url, struct ea_buf *out);
/* href resolved against base (absolute http(s) URL); enough for matching and evidence. */
void ea_site_resolve(const char *base, const char *href, struct ea_buf *out);
/* The text around span in s, cut on UTF-8 boundaries, for evidence. */
void ea_site_excerpt(const char *s, size_t n, struct ea_span span, struct ea_buf *out);

#endif

/*
 * crawl.h — one site's crawl on a shared fetcher: robots.txt first (RFC 9309; the seed
 * itself is always fetched), then breadth-first within the site (the seed's host, www. and
 * the bare host as one, plus the homepage's final host after redirects) up to max_pages
 * and max_depth, with the pages the questionnaire needs first (a priority callback judges
 * each link), then the sitemaps' URLs. URLs are canonical and deduplicated, also on the
 * final URL after redirects; spider traps are cut by URL length, query variants per path
 * and repeated path segments. Links to other hosts are recorded, not crawled.
 *
 * Memory: the crawl keeps URLs (the seen set, capped), never page bodies; each page's
 * response goes to the caller, who parses it, hands the links back with
 * ea_crawl_add_links() and says ea_crawl_page_done().
 */
#ifndef EA_CRAWLER_CRAWL_H
#define EA_CRAWLER_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/doc.h"
#include "crawler/fetch.h"
#include "crawler/links.h"

struct ea_crawl;

/* >= 0: the link leads to a page the questionnaire needs (a concept number, < 64): fetch it
 * before the rest. < 0: an ordinary link. */
typedef int ea_crawl_priority_fn(void *ctx, const char *link_name, const char *url);

/* Validators of the previous run for conditional GET, and the stored body for a 304. */
struct ea_crawl_store {
    /* Sets *etag and *last_modified (owned, each may stay NULL) for url; false when the
     * previous run did not see it. */
    bool (*lookup)(void *ctx, const char *url, char **etag, char **last_modified);
    /* Sets the stored body (owned, NUL-terminated) and content type (owned, may be NULL)
     * of url; false when it is gone (the page is then fetched again, unconditionally). */
    bool (*load)(void *ctx, const char *url, char **body, size_t *len, char **content_type);
    void *ctx;
};

struct ea_crawl_opts {
    unsigned max_pages; /* pages delivered, homepage included (>= 1) */
    unsigned max_depth; /* link hops from the homepage */
    unsigned window;    /* page requests in the fetcher at once (0: 2) */
    /* Pages fetched and not yet done (ea_crawl_page_done), in flight ones included, past which
     * no page is requested: when checking is slower than fetching, the bodies waiting in
     * memory stay bounded. 0: no bound. */
    unsigned max_open;
    const char *agent; /* borrowed: robots.txt product token or User-Agent ("eaudit") */
    bool robots;       /* obey robots.txt (true by default in audits) */
    bool sitemaps;     /* read sitemaps (robots.txt Sitemap: lines, else /sitemap.xml) */
    double delay;      /* the fetcher's delay: a larger Crawl-delay replaces it */
    ea_crawl_priority_fn *priority; /* may be NULL */
    void *priority_ctx;
    const struct ea_crawl_store *store; /* borrowed, may be NULL: no conditional GET */
};

void ea_crawl_opts_default(struct ea_crawl_opts *o);

/* One delivered page. */
struct ea_crawl_page {
    const char *url; /* borrowed: the canonical URL requested */
    unsigned depth;  /* 0 for the homepage */
    int via;         /* concept of the homepage link followed to it; -1 when none */
    bool homepage;
    bool not_modified;    /* a 304: resp holds the stored body (status set to 200) */
    const char *referrer; /* borrowed, valid while the crawl lives: the page whose link led
                             here; NULL for the seed and for a sitemap's URLs */
};

/* A page's response (its members are the callee's: ea_response_release() them). Call
 * ea_crawl_add_links() for an HTML page (before ea_crawl_page_done) and then
 * ea_crawl_page_done() exactly once, now or later. */
typedef void ea_crawl_page_fn(void *ctx, struct ea_crawl *c, const struct ea_crawl_page *page,
                              struct ea_response *resp);
/* The crawl is over: nothing in flight, no page open, nothing left within the budget. */
typedef void ea_crawl_end_fn(void *ctx, struct ea_crawl *c);

struct ea_crawl *ea_crawl_new(struct ea_fetcher *f, const char *seed,
                              const struct ea_crawl_opts *opts, ea_crawl_page_fn *on_page,
                              ea_crawl_end_fn *on_end, void *ctx);
/* May be called from on_end or on_page: the crawl is then freed once its own code has
 * returned. Requests still in the fetcher must have finished (on_end has been called), or
 * the fetcher must be freed first. */
void ea_crawl_free(struct ea_crawl *c);
/* Queues robots.txt and the homepage on the fetcher (run it with ea_fetch_dispatch). */
void ea_crawl_start(struct ea_crawl *c);

/* The links of a delivered page (doc parsed from its body, final URL page_url). */
void ea_crawl_add_links(struct ea_crawl *c, const struct ea_crawl_page *page,
                        const struct ea_doc *doc, const char *page_url);
/* The same with links already extracted (tests, sitemaps). */
void ea_crawl_add_link_list(struct ea_crawl *c, const struct ea_crawl_page *page,
                            const struct ea_links *links);
void ea_crawl_page_done(struct ea_crawl *c);

struct ea_crawl_stats {
    unsigned pages;          /* delivered */
    unsigned broken;         /* delivered with an HTTP error status or a transfer error */
    unsigned not_modified;   /* 304s answered from the store */
    unsigned duplicates;     /* redirected to a URL already seen */
    unsigned robots_blocked; /* links robots.txt disallowed */
    unsigned robots_unread;  /* links not fetched: their origin's robots.txt was unreachable */
    unsigned trapped;        /* distinct links cut by the trap guards (query variants, repeated
                                or too many segments, a full frontier, too many origins) */
    unsigned out_of_budget;  /* links left when the budget ran out (not when given up) */
    unsigned sitemap_urls;   /* URLs the sitemaps offered */
    bool robots_unreachable; /* robots.txt gave 5xx or no answer: nothing crawled */
    bool host_given_up;      /* the fetcher gave up the site's host */
    bool sitemap_cut;        /* a sitemap was longer than its caps, or there were more sitemaps than
                                EA_MAX_SITEMAPS: the rest was not read */
};
void ea_crawl_get_stats(const struct ea_crawl *c, struct ea_crawl_stats *out);
/* Seconds between request starts to the site: the options' delay, or robots.txt's larger
 * Crawl-delay once it is read. */
double ea_crawl_delay(const struct ea_crawl *c);
/* Hosts linked to but not crawled (lowercase, first seen first, at most 256). */
size_t ea_crawl_nexternal(const struct ea_crawl *c);
const char *ea_crawl_external(const struct ea_crawl *c, size_t i);
/* Links robots.txt disallowed, in the order the crawl met them (the first 100; stats counts
 * them all). Valid while the crawl lives. */
struct ea_crawl_excluded {
    char *url;            /* canonical */
    const char *referrer; /* the page that linked to it, NULL when none */
    unsigned depth;
};
size_t ea_crawl_nexcluded(const struct ea_crawl *c);
const struct ea_crawl_excluded *ea_crawl_excluded(const struct ea_crawl *c, size_t i);

#endif

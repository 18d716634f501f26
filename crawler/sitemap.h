/*
 * sitemap.h — sitemaps.org files read with libxml2's streaming reader (no network, no
 * external entities): <urlset> and <sitemapindex>, gzip-compressed or not, and the plain
 * text form (one URL a line). At most EA_MAX_SITEMAP_URLS URLs and EA_MAX_SITEMAP_BYTES
 * uncompressed bytes per file.
 */
#ifndef EA_CRAWLER_SITEMAP_H
#define EA_CRAWLER_SITEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"

struct ea_sitemap {
    char **locs; /* owned: <loc> values in file order (pages, or sitemaps of an index) */
    size_t nlocs, cap;
    bool index;     /* a <sitemapindex>: locs are sitemaps */
    bool truncated; /* more than max_urls URLs or EA_MAX_SITEMAP_BYTES bytes: the rest was cut */
};

/* Parses body (gzip data is inflated first). Keeps at most max_urls locs (0: the
 * sitemaps.org limit). Fails with EA_PARSE when the body is neither XML of a known root nor
 * text with URLs; out is then empty. */
EA_NODISCARD enum ea_err ea_sitemap_parse(const char *body, size_t len, size_t max_urls,
                                          struct ea_sitemap *out);
void ea_sitemap_release(struct ea_sitemap *sm);

#endif

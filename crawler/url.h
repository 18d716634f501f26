/*
 * url.h — URLs as the crawler compares them: canonical form (libcurl's URL API), site scope
 * and the pieces robots.txt and the trap guards look at.
 */
#ifndef EA_CRAWLER_URL_H
#define EA_CRAWLER_URL_H

#include <stdbool.h>
#include <stddef.h>

/* href resolved against base (NULL: href must be absolute) in canonical form: scheme and
 * host lowercase, default port dropped, dot segments removed, fragment dropped, an empty
 * path made "/", spaces and bytes >= 0x80 %-encoded, %xx hex upper-case and %-encoded
 * unreserved characters decoded. Owned; NULL when href is not a usable http(s) URL
 * (mailto:, tel:, javascript:, data:, unparsable, longer than EA_MAX_URL). */
char *ea_url_canon(const char *base, const char *href);

/* The host of an http(s) URL, lowercase, without one leading "www." (www.vid.gov.lv and
 * vid.gov.lv are one site). Owned; NULL when url has no host. */
char *ea_url_site_host(const char *url);

/* True when url's site host (ea_url_site_host) is site_host; ports and schemes aside. */
bool ea_url_in_site(const char *url, const char *site_host);

/* Path and query of a canonical URL ("/a/b?x=1"), the part robots.txt rules match. Owned. */
char *ea_url_path_query(const char *url);

/* "scheme://host[:port]" of url. Owned; NULL when url has no host. */
char *ea_url_origin(const char *url);

#endif

/*
 * robots.h — robots.txt under RFC 9309, with Google's reading of the corner cases
 * (google/robotstxt): groups chosen by product token (case-insensitive, "*" only when no
 * group names us; several groups for us are merged), the longest matching pattern wins,
 * Allow wins a tie, '*' matches any run, '$' anchors the end, at most EA_MAX_ROBOTS bytes
 * are read. Crawl-delay (not in the RFC) and Sitemap lines are kept too.
 */
#ifndef EA_CRAWLER_ROBOTS_H
#define EA_CRAWLER_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

struct ea_robots;

/* Parses a robots.txt body (any bytes; only the first EA_MAX_ROBOTS are read). */
struct ea_robots *ea_robots_parse(const char *txt, size_t len);
/* A robots.txt that could not be fetched: allow everything (4xx: "unavailable") or nothing
 * (5xx, network error: "unreachable"). */
struct ea_robots *ea_robots_new_all(bool allow);
void ea_robots_free(struct ea_robots *r);

/* True when agent (a product token such as "eaudit"; "eaudit/1.0 (...)" is cut to its
 * token) may fetch path_query ("/a/b?x", %-encoded as in the URL; "" is "/"). /robots.txt
 * is always allowed. */
bool ea_robots_allowed(const struct ea_robots *r, const char *agent, const char *path_query);
/* Seconds of the Crawl-delay of the group agent follows; negative when there is none. */
double ea_robots_crawl_delay(const struct ea_robots *r, const char *agent);
/* The Sitemap: lines, in file order (the first EA_MAX_SITEMAPS). */
size_t ea_robots_nsitemaps(const struct ea_robots *r);
const char *ea_robots_sitemap(const struct ea_robots *r, size_t i);
/* True when it had more Sitemap: lines than EA_MAX_SITEMAPS (the rest are not kept). */
bool ea_robots_sitemaps_cut(const struct ea_robots *r);
/* True when r disallows everything because robots.txt was unreachable. */
bool ea_robots_unreachable(const struct ea_robots *r);

#endif

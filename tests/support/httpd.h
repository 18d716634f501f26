/*
 * httpd.h — the test HTTP server: libmicrohttpd on 127.0.0.1, port 0 (the kernel picks),
 * serving a route table. Routes can fail on purpose: slow responses, huge or gzip-bomb
 * bodies, redirect chains and loops, any status and headers. Tests only ever talk to it.
 */
#ifndef EA_TESTS_SUPPORT_HTTPD_H
#define EA_TESTS_SUPPORT_HTTPD_H

#include <stddef.h>

#include "core/buf.h"

struct ea_test_route {
    const char *path;    /* exact match on the path (query string ignored); NULL ends the table */
    unsigned status;     /* 0 means 200 */
    const char *headers; /* "Name: value\n" lines, may be NULL; "%PORT%" becomes the port */
    const char *body;    /* may be NULL; "%PORT%" becomes the port */
    size_t body_len;     /* 0: strlen(body) */
    unsigned delay_ms;   /* wait before answering */
    size_t repeat;       /* > 0: send body repeated this many times (big bodies) */
    unsigned drip_ms;    /* > 0: send the body one byte every drip_ms (a dripping server) */
    int gzip;            /* body is already gzip data: send Content-Encoding: gzip */
    /* The first fail_times requests get fail_status (with fail_headers), later ones the
     * route: transient faults (503, 429 with Retry-After) for retry tests. */
    unsigned fail_times;
    unsigned fail_status;
    const char *fail_headers;
    /* Sent as ETag; a request with a matching If-None-Match gets 304 without a body. */
    const char *etag;
    /* When set, makes the body instead of body: path as requested, n the value of the query
     * argument "n" (NULL without one); "%PORT%" in what it makes becomes the port. A path
     * ending in '*' matches every path it prefixes. */
    void (*gen)(const char *path, const char *n, struct ea_buf *out);
};

struct ea_test_httpd;

/* Unsets the proxy variables of the environment: a proxy would send the tests' 127.0.0.1
 * traffic elsewhere. */
void ea_test_no_proxies(void);

/* Starts serving routes (borrowed: keep them alive) on 127.0.0.1; aborts the test on failure. */
struct ea_test_httpd *ea_test_httpd_start(const struct ea_test_route *routes);
/* The same over TLS (libmicrohttpd with GnuTLS), with the PEM certificate chain and key in
 * these files (tests/fixtures/tls). */
struct ea_test_httpd *ea_test_httpd_start_tls(const struct ea_test_route *routes,
                                              const char *cert_file, const char *key_file);
void ea_test_httpd_stop(struct ea_test_httpd *h);
/* Call after changing a route's body or headers while the server runs (one made once the
 * port is known): requests that arrive after it see the change. Paths must not change. */
void ea_test_httpd_sync(struct ea_test_httpd *h);
unsigned ea_test_httpd_port(const struct ea_test_httpd *h);
/* A port of 127.0.0.1 nothing listens on now (bound, read, closed): a dead server, or one
 * another program is about to open. */
unsigned ea_test_free_port(void);
/* Requests served so far for path (all paths when path is NULL). */
unsigned ea_test_httpd_hits(const struct ea_test_httpd *h, const char *path);
/* The most requests the server has had in progress at once (received, answer not yet
 * queued): what a client's concurrency limits are checked against. */
unsigned ea_test_httpd_max_active(const struct ea_test_httpd *h);

/* Copies up to max arrival times (monotonic seconds, in arrival order) of the requests
 * for paths starting with prefix (all when NULL); returns how many there were in all. */
size_t ea_test_httpd_arrivals(const struct ea_test_httpd *h, const char *prefix, double *out,
                              size_t max);
/* The most requests with path starting with prefix that were in progress at once. */
unsigned ea_test_httpd_max_active_prefix(const struct ea_test_httpd *h, const char *prefix);
/* Seconds that the ended requests for paths starting with prefix (all when NULL) took from
 * their arrival to their answer being queued, summed; *n gets how many there were. What the
 * server itself spent, so a client's time can be set against what no client can save. */
double ea_test_httpd_served(const struct ea_test_httpd *h, const char *prefix, size_t *n);
/* Requests that were conditional (carried If-None-Match or If-Modified-Since). */
unsigned ea_test_httpd_conditional(const struct ea_test_httpd *h);

#endif

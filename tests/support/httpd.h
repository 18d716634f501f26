/*
 * httpd.h — the test HTTP server: libmicrohttpd on 127.0.0.1, port 0 (the kernel picks),
 * serving a route table. Routes can fail on purpose: slow responses, huge or gzip-bomb
 * bodies, redirect chains and loops, any status and headers. Tests only ever talk to it.
 */
#ifndef EA_TESTS_SUPPORT_HTTPD_H
#define EA_TESTS_SUPPORT_HTTPD_H

#include <stddef.h>

struct ea_test_route {
    const char *path;    /* exact match on the path (query string ignored); NULL ends the table */
    unsigned status;     /* 0 means 200 */
    const char *headers; /* "Name: value\n" lines, may be NULL; "%PORT%" becomes the port */
    const char *body;    /* may be NULL; "%PORT%" becomes the port */
    size_t body_len;     /* 0: strlen(body) */
    unsigned delay_ms;   /* wait before answering */
    size_t repeat;       /* > 0: send body repeated this many times (big bodies) */
    int gzip;            /* body is already gzip data: send Content-Encoding: gzip */
};

struct ea_test_httpd;

/* Starts serving routes (borrowed: keep them alive) on 127.0.0.1; aborts the test on failure. */
struct ea_test_httpd *ea_test_httpd_start(const struct ea_test_route *routes);
void ea_test_httpd_stop(struct ea_test_httpd *h);
unsigned ea_test_httpd_port(const struct ea_test_httpd *h);
/* Requests served so far for path (all paths when path is NULL). */
unsigned ea_test_httpd_hits(const struct ea_test_httpd *h, const char *path);
/* The most requests the server has had in progress at once (received, not yet answered in
 * full): what a client's concurrency limits are checked against. */
unsigned ea_test_httpd_max_active(const struct ea_test_httpd *h);

#endif

/* test_fetch — the libcurl multi fetcher (crawler/fetch.c) against the in-process server on
 * 127.0.0.1. Nothing here leaves the machine: the one DNS failure uses a name under .invalid,
 * which the fetcher refuses without a lookup. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "core/limits.h"
#include "core/xalloc.h"
#include "crawler/fetch.h"
#include "tests/support/httpd.h"
#include "tests/support/sslserver.h"

#define PAGE        "<!doctype html><html lang=lv><title>t</title><p>sveiki</p></html>"
#define BOMB_BYTES  (32u * 1024 * 1024)
#define MAX_RESULTS 32

/* Chain routes /c0 -> /c1 -> ... -> /c11 -> /page: twelve redirects in all. */
#define CHAIN(n, next)                                                                             \
    {                                                                                              \
        .path = "/c" #n, .status = 302, .headers = "Location: /" next "\n"                         \
    }

static struct ea_test_route routes[] = {
    { .path = "/page", .headers = "Content-Type: text/html; charset=utf-8\n", .body = PAGE },
    { .path = "/r1", .status = 301, .headers = "Location: /r2\n", .body = "moved" },
    { .path = "/r2", .status = 302, .headers = "Location: http://127.0.0.1:%PORT%/r3\n" },
    { .path = "/r3", .status = 307, .headers = "Location: page\n" },
    { .path = "/loop-a", .status = 302, .headers = "Location: /loop-b\n" },
    { .path = "/loop-b", .status = 302, .headers = "Location: /loop-a\n" },
    { .path = "/self", .status = 308, .headers = "Location: /self\n" },
    CHAIN(0, "c1"),
    CHAIN(1, "c2"),
    CHAIN(2, "c3"),
    CHAIN(3, "c4"),
    CHAIN(4, "c5"),
    CHAIN(5, "c6"),
    CHAIN(6, "c7"),
    CHAIN(7, "c8"),
    CHAIN(8, "c9"),
    CHAIN(9, "c10"),
    CHAIN(10, "c11"),
    CHAIN(11, "page"),
    { .path = "/to-ftp", .status = 302, .headers = "Location: ftp://127.0.0.1:%PORT%/x\n" },
    { .path = "/to-file", .status = 301, .headers = "Location: file:///etc/passwd\n" },
    { .path = "/no-location", .status = 302 },
    { .path = "/to-invalid", .status = 302, .headers = "Location: http://gone.invalid/\n" },
    { .path = "/to-https", .status = 302, .headers = "Location: https://tls.test:%PORT%/\n" },
    { .path = "/slow", .delay_ms = 2000, .body = PAGE },
    { .path = "/delayed", .delay_ms = 200, .body = PAGE },
    { .path = "/slow/*", .delay_ms = 300, .body = PAGE },
    /* headers at once, then a byte every 50 ms: 10,000 bytes would take 500 s */
    { .path = "/drip", .body = "x", .repeat = 10000, .drip_ms = 50 },
    { .path = "/big",
      .headers = "Content-Type: text/plain\n",
      .body = "0123456789",
      .repeat = 100000 },
    { .path = "/bomb", .headers = "Content-Type: text/html\n", .gzip = 1 }, /* body: setup */
    { .path = "/flaky", .body = PAGE, .fail_times = 1, .fail_status = 503 },
    { .path = "/busy",
      .body = PAGE,
      .fail_times = 1,
      .fail_status = 429,
      .fail_headers = "Retry-After: 1\n" },
    { .path = "/long-busy",
      .body = PAGE,
      .fail_times = 1,
      .fail_status = 429,
      .fail_headers = "Retry-After: 3600\n" },
    { .path = "/broken", .status = 500, .body = "down" },
    { .path = "/gone", .status = 404 },
    { .path = NULL },
};

static char *bomb;
static size_t bomb_len;

struct results {
    struct ea_response resp[MAX_RESULTS];
    double t_done[MAX_RESULTS];
    size_t n;
};

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_done(void *ctx, struct ea_response *resp, void *user)
{
    struct results *r = ctx;
    size_t i = (size_t)(uintptr_t)user;
    assert_true(i < MAX_RESULTS);
    assert_null(r->resp[i].url); /* each request ends once */
    r->resp[i] = *resp;          /* take it over */
    r->t_done[i] = now_mono();
    r->n++;
}

static void results_release(struct results *r)
{
    for (size_t i = 0; i < MAX_RESULTS; i++)
        ea_response_release(&r->resp[i]);
}

static void test_opts(struct ea_fetch_opts *o)
{
    ea_fetch_opts_default(o);
    o->delay = 0;
    o->timeout_ms = 10000;
    o->connect_timeout_ms = 5000;
    o->retries = 0; /* the retry tests turn them on */
}

static char *url_of(unsigned port, const char *path)
{
    char *u = ea_xmalloc(64 + strlen(path));
    snprintf(u, 64 + strlen(path), "http://127.0.0.1:%u%s", port, path);
    return u;
}

/* Fetches one URL and returns its response (release it). */
static struct ea_response fetch1(const struct ea_fetch_opts *o, const char *url, size_t max_body)
{
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(o);
    struct ea_fetch_req req = { .url = url, .max_body = max_body, .user = (void *)0 };
    ea_fetcher_add(f, &req);
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_free(f);
    assert_int_equal(r.n, 1);
    assert_non_null(r.resp[0].body);
    assert_non_null(r.resp[0].url);
    assert_non_null(r.resp[0].final_url);
    return r.resp[0];
}

static struct ea_response fetch_path(struct ea_test_httpd *h, const struct ea_fetch_opts *o,
                                     const char *path, size_t max_body)
{
    char *url = url_of(ea_test_httpd_port(h), path);
    struct ea_response r = fetch1(o, url, max_body);
    assert_string_equal(r.url, url);
    free(url);
    return r;
}

static void make_bomb(void)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    /* windowBits 15 + 16: a gzip wrapper. */
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t chunk = 1024 * 1024;
    unsigned char *zeros = ea_xcalloc(1, chunk);
    size_t cap = BOMB_BYTES / 512 + 4096;
    unsigned char *out = ea_xmalloc(cap);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    for (size_t done = 0; done < BOMB_BYTES; done += chunk) {
        z.next_in = zeros;
        z.avail_in = (uInt)chunk;
        assert_int_equal(deflate(&z, Z_NO_FLUSH), Z_OK);
        assert_int_equal(z.avail_in, 0);
    }
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    bomb_len = z.total_out;
    deflateEnd(&z);
    free(zeros);
    bomb = (char *)out;
}

static int group_setup(void **state)
{
    (void)state;
    ea_test_no_proxies();
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    make_bomb();
    for (struct ea_test_route *r = routes; r->path; r++)
        if (!strcmp(r->path, "/bomb")) {
            r->body = bomb;
            r->body_len = bomb_len;
        }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    free(bomb);
    curl_global_cleanup();
    return 0;
}

static int setup(void **state)
{
    *state = ea_test_httpd_start(routes);
    return 0;
}

static int teardown(void **state)
{
    ea_test_httpd_stop(*state);
    return 0;
}

/* ---------------------------------------------------------------------------------------- */

static void test_page_200(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch_path(h, &o, "/page", 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_null(r.error_msg);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, PAGE);
    assert_int_equal(r.body_len, strlen(PAGE));
    assert_false(r.truncated);
    assert_false(r.tls_verified); /* http */
    assert_int_equal(r.nhops, 0);
    assert_non_null(r.content_type);
    assert_string_equal(r.content_type, "text/html; charset=utf-8");
    assert_string_equal(r.final_url, r.url);
    assert_true(r.elapsed >= 0 && r.elapsed < 5);
    assert_int_equal(ea_test_httpd_hits(h, "/page"), 1);
    ea_response_release(&r);
    ea_response_release(NULL);
}

static void test_redirect_chain(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch_path(h, &o, "/r1", 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, PAGE);
    assert_int_equal(r.nhops, 3);
    char *u1 = url_of(ea_test_httpd_port(h), "/r1");
    char *u2 = url_of(ea_test_httpd_port(h), "/r2");
    char *u3 = url_of(ea_test_httpd_port(h), "/r3");
    char *up = url_of(ea_test_httpd_port(h), "/page");
    assert_string_equal(r.hops[0].url, u1);
    assert_int_equal(r.hops[0].status, 301);
    assert_string_equal(r.hops[1].url, u2);
    assert_int_equal(r.hops[1].status, 302);
    assert_string_equal(r.hops[2].url, u3);
    assert_int_equal(r.hops[2].status, 307);
    assert_string_equal(r.final_url, up);
    assert_string_equal(r.content_type, "text/html; charset=utf-8");
    free(u1);
    free(u2);
    free(u3);
    free(up);
    ea_response_release(&r);
}

static void test_redirect_loop(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch_path(h, &o, "/loop-a", 0);
    assert_int_equal(r.error, EA_FETCH_REDIRECT_LOOP);
    assert_int_equal(r.nhops, 1);
    assert_int_equal(r.status, 302);
    assert_non_null(strstr(r.final_url, "/loop-b"));
    assert_non_null(r.error_msg);
    assert_non_null(strstr(r.error_msg, "loop"));
    assert_int_equal(ea_test_httpd_hits(h, "/loop-a"), 1); /* not fetched again */
    ea_response_release(&r);

    r = fetch_path(h, &o, "/self", 0);
    assert_int_equal(r.error, EA_FETCH_REDIRECT_LOOP);
    assert_int_equal(r.nhops, 0);
    assert_int_equal(r.status, 308);
    ea_response_release(&r);
}

static void test_too_many_redirects(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    assert_int_equal(o.max_redirects, 10);
    struct ea_response r = fetch_path(h, &o, "/c0", 0);
    assert_int_equal(r.error, EA_FETCH_TOO_MANY_REDIRECTS);
    assert_int_equal(r.nhops, 10); /* the hops are kept */
    for (size_t i = 0; i < r.nhops; i++) {
        char path[32];
        snprintf(path, sizeof(path), "/c%zu", i);
        char *u = url_of(ea_test_httpd_port(h), path);
        assert_string_equal(r.hops[i].url, u);
        assert_int_equal(r.hops[i].status, 302);
        free(u);
    }
    assert_non_null(strstr(r.final_url, "/c10"));
    assert_int_equal(ea_test_httpd_hits(h, "/c11"), 0);
    assert_non_null(strstr(r.error_msg, "more than 10 redirects"));
    ea_response_release(&r);

    /* With room for twelve the same chain ends at the page. */
    o.max_redirects = 12;
    r = fetch_path(h, &o, "/c0", 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.nhops, 12);
    assert_int_equal(r.status, 200);
    ea_response_release(&r);

    o.max_redirects = 0;
    r = fetch_path(h, &o, "/r1", 0);
    assert_int_equal(r.error, EA_FETCH_TOO_MANY_REDIRECTS);
    assert_int_equal(r.nhops, 0);
    assert_int_equal(r.status, 301);
    ea_response_release(&r);
}

static void test_bad_redirect(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    static const char *const paths[] = { "/to-ftp", "/to-file", "/no-location" };
    for (size_t i = 0; i < 3; i++) {
        struct ea_response r = fetch_path(h, &o, paths[i], 0);
        assert_int_equal(r.error, EA_FETCH_BAD_REDIRECT);
        assert_int_equal(r.nhops, 0);
        assert_true(r.status == 301 || r.status == 302);
        assert_non_null(r.error_msg);
        ea_response_release(&r);
    }
    /* A redirect to a name that cannot resolve keeps its hop. */
    struct ea_response r = fetch_path(h, &o, "/to-invalid", 0);
    assert_int_equal(r.error, EA_FETCH_DNS);
    assert_int_equal(r.nhops, 1);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.final_url, "http://gone.invalid/");
    ea_response_release(&r);
}

static void test_404(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch_path(h, &o, "/no/such/page", 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 404);
    assert_null(r.error_msg);
    assert_string_equal(r.body, "not found");
    ea_response_release(&r);
}

/* Fetches path with a time limit of timeout_ms and expects it to end as a timeout, with no
 * body, after at least the limit (less 50 ms) and well before max_s; returns the response. */
static struct ea_response expect_timeout(struct ea_test_httpd *h, const char *path, long timeout_ms,
                                         double max_s)
{
    struct ea_fetch_opts o;
    test_opts(&o);
    o.timeout_ms = timeout_ms;
    double t0 = now_mono();
    struct ea_response r = fetch_path(h, &o, path, 0);
    double took = now_mono() - t0;
    assert_int_equal(r.error, EA_FETCH_TIMEOUT);
    assert_string_equal(r.body, "");
    assert_true(took >= (double)timeout_ms / 1000 - 0.05 && took < max_s);
    return r;
}

static void test_timeout(void **state)
{
    struct ea_response r = expect_timeout(*state, "/slow", 300, 1.5);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.error_msg, "/slow"));
    ea_response_release(&r);
}

/* A server that answers at once and then drips its body: the request's time limit ends it
 * (an error, no partial page), however slowly the bytes keep coming. */
static void test_drip(void **state)
{
    struct ea_response r = expect_timeout(*state, "/drip", 500, 3);
    ea_response_release(&r);
}

static void test_body_cap(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch_path(h, &o, "/big", 1000);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 200);
    assert_true(r.truncated);
    assert_int_equal(r.body_len, 1000);
    assert_int_equal(strlen(r.body), 1000);
    assert_memory_equal(r.body, "0123456789", 10);
    assert_string_equal(r.content_type, "text/plain");
    ea_response_release(&r);

    /* The fetcher's own cap applies when the request has none; exactly the size is not
     * truncated. */
    o.max_body = 1000000;
    r = fetch_path(h, &o, "/big", 0);
    assert_int_equal(r.body_len, 1000000);
    assert_false(r.truncated);
    ea_response_release(&r);
    o.max_body = 999999;
    r = fetch_path(h, &o, "/big", 0);
    assert_int_equal(r.body_len, 999999);
    assert_true(r.truncated);
    ea_response_release(&r);
}

static void test_gzip_bomb(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    assert_true(bomb_len < 1024 * 1024); /* it is a bomb: small on the wire */
    size_t cap = 1024 * 1024;
    struct ea_response r = fetch_path(h, &o, "/bomb", cap);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 200);
    assert_true(r.truncated);
    assert_int_equal(r.body_len, cap);
    assert_int_equal(r.body[0], 0);
    assert_int_equal(r.body[cap - 1], 0);
    ea_response_release(&r);
}

/* A port on 127.0.0.1 with nothing listening: bind one, read it, close it. */
static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    socklen_t len = sizeof(a);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    close(fd);
    return ntohs(a.sin_port);
}

static void test_connect_refused(void **state)
{
    (void)state;
    struct ea_fetch_opts o;
    test_opts(&o);
    char *url = url_of(free_port(), "/");
    struct ea_response r = fetch1(&o, url, 0);
    assert_int_equal(r.error, EA_FETCH_CONNECT);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.error_msg, url));
    assert_string_equal(ea_fetch_error_name(r.error), "connect");
    ea_response_release(&r);
    free(url);
}

static void test_dns_failure(void **state)
{
    (void)state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch1(&o, "http://nonexistent.invalid/", 0);
    assert_int_equal(r.error, EA_FETCH_DNS);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.error_msg, "cannot resolve host 'nonexistent.invalid'");
    assert_string_equal(ea_fetch_error_name(r.error), "dns");
    ea_response_release(&r);

    r = fetch1(&o, "https://Sub.Example.INVALID:8443/x", 0);
    assert_int_equal(r.error, EA_FETCH_DNS);
    ea_response_release(&r);
}

static void test_bad_url(void **state)
{
    (void)state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_response r = fetch1(&o, "not a url", 0);
    assert_int_equal(r.error, EA_FETCH_BAD_URL);
    ea_response_release(&r);

    r = fetch1(&o, "ftp://127.0.0.1/file", 0);
    assert_int_equal(r.error, EA_FETCH_BAD_URL);
    ea_response_release(&r);

    size_t n = EA_MAX_URL + 10;
    char *long_url = ea_xmalloc(n + 1);
    memcpy(long_url, "http://127.0.0.1/", 17);
    memset(long_url + 17, 'a', n - 17);
    long_url[n] = '\0';
    r = fetch1(&o, long_url, 0);
    assert_int_equal(r.error, EA_FETCH_BAD_URL);
    assert_true(strlen(r.error_msg) < 600);
    assert_string_equal(r.url, long_url);
    ea_response_release(&r);
    free(long_url);
}

static void test_resolve(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    char entry[64], url[64];
    snprintf(entry, sizeof(entry), "site.test:%u:127.0.0.1", ea_test_httpd_port(h));
    snprintf(url, sizeof(url), "http://site.test:%u/page", ea_test_httpd_port(h));
    const char *const resolve[] = { entry };
    o.resolve = resolve;
    o.nresolve = 1;
    struct ea_response r = fetch1(&o, url, 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, PAGE);
    assert_int_equal(ea_test_httpd_hits(h, "/page"), 1);
    ea_response_release(&r);
}

/* https:// to a plain-HTTP port: the handshake fails, which is a TLS error, not a crash of
 * the chain (the hop is kept). */
static void test_tls_failure(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    char entry[64];
    snprintf(entry, sizeof(entry), "tls.test:%u:127.0.0.1", ea_test_httpd_port(h));
    const char *const resolve[] = { entry };
    o.resolve = resolve;
    o.nresolve = 1;
    struct ea_response r = fetch_path(h, &o, "/to-https", 0);
    assert_int_equal(r.error, EA_FETCH_TLS);
    assert_int_equal(r.nhops, 1);
    assert_int_equal(r.hops[0].status, 302);
    assert_false(r.tls_verified);
    assert_non_null(strstr(r.error_msg, "https://tls.test:"));
    ea_response_release(&r);
}

/* https with the test CA: verified; the same server under a name its certificate does not
 * carry, or without the CA, is a TLS error. */
static void fetch_tls(const char *cert, const char *key, const char *name, const char *ca,
                      enum ea_fetch_error want)
{
    struct ea_test_httpd *h = ea_test_httpd_start_tls(routes, cert, key);
    struct ea_fetch_opts o;
    test_opts(&o);
    char entry[96], url[96];
    snprintf(entry, sizeof(entry), "%s:%u:127.0.0.1", name, ea_test_httpd_port(h));
    snprintf(url, sizeof(url), "https://%s:%u/page", name, ea_test_httpd_port(h));
    const char *const resolve[] = { entry };
    o.resolve = resolve;
    o.nresolve = 1;
    o.ca_file = ca;
    struct ea_response r = fetch1(&o, url, 0);
    assert_int_equal(r.error, want);
    if (want == EA_FETCH_OK) {
        assert_int_equal(r.status, 200);
        assert_true(r.tls_verified);
        assert_string_equal(r.body, PAGE);
    } else {
        assert_false(r.tls_verified);
        assert_int_equal(r.status, 0);
    }
    ea_response_release(&r);
    ea_test_httpd_stop(h);
}

/* TLS sessions are shared by the transfer handles of a host: after one fetch (its handle,
 * idle now, made the session), two at once take that handle and a new one, whose own cache
 * is empty; both resume the session. openssl s_server -www serves one request a connection,
 * one connection at a time, and says on its page whether the session was resumed. Without
 * the share the new handle's page says "New". */
static void test_tls_sessions_shared(void **state)
{
    (void)state;
    struct ea_test_sslserver srv;
    ea_test_sslserver_start(&srv, EA_FIXTURES "/tls/server.pem", EA_FIXTURES "/tls/server.key");
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 2;
    char entry[96], url[3][96];
    snprintf(entry, sizeof(entry), "site.test:%u:127.0.0.1", srv.port);
    const char *const resolve[] = { entry };
    o.resolve = resolve;
    o.nresolve = 1;
    o.ca_file = EA_FIXTURES "/tls/ca.pem";
    for (int i = 0; i < 3; i++)
        snprintf(url[i], sizeof(url[i]), "https://site.test:%u/%d", srv.port, i);
    struct ea_fetcher *f = ea_fetcher_new(&o);
    struct results r;
    memset(&r, 0, sizeof(r));
    ea_fetcher_add(f, &(struct ea_fetch_req){ .url = url[0], .user = (void *)0 });
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_add(f, &(struct ea_fetch_req){ .url = url[1], .user = (void *)1 });
    ea_fetcher_add(f, &(struct ea_fetch_req){ .url = url[2], .user = (void *)2 });
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_free(f);
    ea_test_sslserver_stop(&srv);
    assert_int_equal(r.n, 3);
    const char *want[] = { "New, TLSv1.2", "Reused, TLSv1.2", "Reused, TLSv1.2" };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(r.resp[i].error, EA_FETCH_OK);
        if (!strstr(r.resp[i].body, want[i]))
            fail_msg("fetch %d: no '%s' in:\n%.400s", i, want[i], r.resp[i].body);
    }
    results_release(&r);
}

static void test_tls_verified(void **state)
{
    (void)state;
    fetch_tls(EA_FIXTURES "/tls/server.pem", EA_FIXTURES "/tls/server.key", "secure.test",
              EA_FIXTURES "/tls/ca.pem", EA_FETCH_OK);
}

static void test_tls_wrong_name(void **state)
{
    (void)state;
    fetch_tls(EA_FIXTURES "/tls/other.pem", EA_FIXTURES "/tls/other.key", "secure.test",
              EA_FIXTURES "/tls/ca.pem", EA_FETCH_TLS);
}

static void test_tls_unknown_ca(void **state)
{
    (void)state;
    /* The server's own certificate as the only trusted one: it is not a CA, so no chain. */
    fetch_tls(EA_FIXTURES "/tls/server.pem", EA_FIXTURES "/tls/server.key", "secure.test",
              EA_FIXTURES "/tls/other.pem", EA_FETCH_TLS);
}

/* A 503 is retried after retry_base; the answer after it is the response. */
static void test_retry(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.retries = 2;
    o.retry_base = 0.2;
    struct ea_response r = fetch_path(h, &o, "/flaky", 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.retries, 1);
    assert_string_equal(r.body, PAGE);
    double t[4];
    assert_int_equal(ea_test_httpd_arrivals(h, "/flaky", t, 4), 2);
    assert_true(t[1] - t[0] >= 0.2 - 0.005);
    ea_response_release(&r);
    /* A 404 is an answer, not a fault: no retry. */
    r = fetch_path(h, &o, "/gone", 0);
    assert_int_equal(r.status, 404);
    assert_int_equal(r.retries, 0);
    assert_int_equal(ea_test_httpd_hits(h, "/gone"), 1);
    ea_response_release(&r);
}

/* A lasting 500: at most `retries` retries, then the 500 is the answer. */
static void test_retry_bounded(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.retries = 2;
    o.retry_base = 0.05;
    struct ea_response r = fetch_path(h, &o, "/broken", 0);
    assert_int_equal(r.error, EA_FETCH_OK);
    assert_int_equal(r.status, 500);
    assert_int_equal(r.retries, 2);
    assert_int_equal(ea_test_httpd_hits(h, "/broken"), 3);
    ea_response_release(&r);
}

/* 429 with Retry-After: 1 waits a second; Retry-After: 3600 is clamped to max_retry_after. */
static void test_retry_after(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.retries = 2;
    o.retry_base = 0.01;
    o.max_retry_after = 0.3;
    struct ea_response r = fetch_path(h, &o, "/long-busy", 0);
    assert_int_equal(r.status, 200);
    double t[4];
    assert_int_equal(ea_test_httpd_arrivals(h, "/long-busy", t, 4), 2);
    assert_true(t[1] - t[0] >= 0.3 - 0.005 && t[1] - t[0] < 2.0);
    ea_response_release(&r);
    o.max_retry_after = 60;
    r = fetch_path(h, &o, "/busy", 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.retries, 1);
    assert_int_equal(ea_test_httpd_arrivals(h, "/busy", t, 4), 2);
    assert_true(t[1] - t[0] >= 1.0 - 0.005);
    ea_response_release(&r);
}

/* After max_host_failures failures in a row, the host's other requests are not sent. */
static void test_host_given_up(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 1;
    o.max_host_failures = 2;
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    char *u = url_of(ea_test_httpd_port(h), "/broken");
    for (size_t i = 0; i < 5; i++)
        ea_fetcher_add(f, &(struct ea_fetch_req){ .url = u, .user = (void *)(uintptr_t)i });
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    assert_true(ea_fetcher_host_given_up(f, u));
    ea_fetcher_free(f);
    free(u);
    assert_int_equal(r.n, 5);
    assert_int_equal(ea_test_httpd_hits(h, "/broken"), 2);
    assert_int_equal(r.resp[4].error, EA_FETCH_HOST_GIVEN_UP);
    assert_non_null(strstr(r.resp[4].error_msg, "failed 2 times in a row"));
    results_release(&r);
}

static void test_politeness(void **state)
{
    struct ea_test_httpd *a = *state;
    struct ea_test_httpd *b = ea_test_httpd_start(routes);
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 1;
    o.delay = 0.3;
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    char *ua = url_of(ea_test_httpd_port(a), "/page");
    char *ub = url_of(ea_test_httpd_port(b), "/page");
    for (size_t i = 0; i < 4; i++) {
        struct ea_fetch_req req = { .url = ua, .user = (void *)(uintptr_t)i };
        ea_fetcher_add(f, &req);
    }
    for (size_t i = 4; i < 6; i++) {
        struct ea_fetch_req req = { .url = ub, .user = (void *)(uintptr_t)i };
        ea_fetcher_add(f, &req);
    }
    double t0 = now_mono();
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    double took = now_mono() - t0;
    ea_fetcher_free(f);
    assert_int_equal(r.n, 6);
    double a_first = 1e9, a_last = 0, b_last = 0;
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(r.resp[i].error, EA_FETCH_OK);
        assert_int_equal(r.resp[i].status, 200);
        double t = r.t_done[i] - t0;
        if (i < 4) {
            a_first = t < a_first ? t : a_first;
            a_last = t > a_last ? t : a_last;
        } else {
            b_last = t > b_last ? t : b_last;
        }
    }
    /* Starts to one host at least 0.3 s apart: 0.9 s from the first to the fourth (less
     * the first response's own few milliseconds). */
    assert_true(a_last - a_first >= 0.85);
    /* The second host runs alongside: its two requests (0.3 s apart) finish long before
     * the first host's fourth. */
    assert_true(b_last < 0.75);
    assert_true(b_last < a_last - 0.2);
    assert_true(took < 5);
    assert_int_equal(ea_test_httpd_max_active(a), 1);
    assert_int_equal(ea_test_httpd_hits(a, "/page"), 4);
    assert_int_equal(ea_test_httpd_hits(b, "/page"), 2);
    results_release(&r);
    free(ua);
    free(ub);
    ea_test_httpd_stop(b);
}

/* An urgent request (a stylesheet a page waits for) goes before those queued for its host,
 * and the host's delay still holds. */
static void test_urgent(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 1;
    o.delay = 0.2;
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    char *url = url_of(ea_test_httpd_port(h), "/page");
    for (size_t i = 0; i < 4; i++) {
        struct ea_fetch_req req = { .url = url, .urgent = i == 3, .user = (void *)(uintptr_t)i };
        ea_fetcher_add(f, &req);
    }
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_free(f);
    assert_int_equal(r.n, 4);
    for (size_t i = 0; i < 3; i++)
        assert_true(r.t_done[3] < r.t_done[i]);
    assert_true(r.t_done[0] - r.t_done[3] >= 0.15);
    results_release(&r);
    free(url);
}

/* ea_fetcher_hold: while held only urgent requests start; the owner's side work lets the
 * rest go (here once the urgent one has answered). The /delayed answers take 0.2 s and the
 * host has room for all four at once, so only the hold keeps the three behind. */
struct hold_ctx {
    struct ea_fetcher *f;
    const struct results *r;
    unsigned calls;
};

static bool hold_until_first(void *ctx)
{
    struct hold_ctx *h = ctx;
    h->calls++;
    ea_fetcher_hold(h->f, h->r->n == 0);
    return false;
}

static void test_hold(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 4;
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    struct hold_ctx hc = { .f = f, .r = &r };
    ea_fetcher_set_side_work(f, hold_until_first, &hc);
    ea_fetcher_hold(f, true);
    char *url = url_of(ea_test_httpd_port(h), "/delayed");
    for (size_t i = 0; i < 4; i++) {
        struct ea_fetch_req req = { .url = url, .urgent = i == 3, .user = (void *)(uintptr_t)i };
        ea_fetcher_add(f, &req);
    }
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_free(f);
    assert_int_equal(r.n, 4);
    assert_true(hc.calls > 0);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(r.resp[i].status, 200);
        if (!(r.t_done[i] - r.t_done[3] >= 0.15))
            fail_msg("request %zu ended %.3f s after the urgent one, want a whole answer later", i,
                     r.t_done[i] - r.t_done[3]);
    }
    assert_int_equal(ea_test_httpd_max_active(h), 3);
    results_release(&r);
    free(url);
}

/* A retried request goes back to the head of its host's queue, in front of an urgent one
 * queued meanwhile: while held it must still start (it is under way), or the urgent one
 * behind it never would. /slow answers after 2 s, past the 0.3 s limit: three tries, then the
 * urgent request. */
struct hold_retry_ctx {
    struct ea_fetcher *f;
    const struct results *r;
    char *urgent_url;
    unsigned calls;
    double t0;
    bool stuck; /* the urgent request had not started 4 s on: the hold was lifted to end */
};

static bool hold_with_retry(void *ctx)
{
    struct hold_retry_ctx *h = ctx;
    if (++h->calls == 2) {
        /* the first try of /slow is in flight: hold, and queue the urgent request */
        ea_fetcher_hold(h->f, true);
        struct ea_fetch_req req = { .url = h->urgent_url,
                                    .urgent = true,
                                    .user = (void *)(uintptr_t)1 };
        ea_fetcher_add(h->f, &req);
    }
    if (h->calls > 2 && !h->r->resp[1].url && now_mono() - h->t0 > 4.0) {
        h->stuck = true;
        ea_fetcher_hold(h->f, false);
    }
    return false;
}

static void test_hold_retry(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 1;
    o.timeout_ms = 300;
    o.retries = 2;
    o.retry_base = 0.05;
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    char *slow = url_of(ea_test_httpd_port(h), "/slow");
    char *page = url_of(ea_test_httpd_port(h), "/page");
    struct hold_retry_ctx hc = { .f = f, .r = &r, .urgent_url = page, .t0 = now_mono() };
    ea_fetcher_set_side_work(f, hold_with_retry, &hc);
    struct ea_fetch_req req = { .url = slow, .user = (void *)(uintptr_t)0 };
    ea_fetcher_add(f, &req);
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_free(f);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.resp[0].error, EA_FETCH_TIMEOUT);
    assert_int_equal(r.resp[0].retries, 2);
    assert_int_equal(r.resp[1].status, 200);
    assert_false(hc.stuck);
    results_release(&r);
    free(slow);
    free(page);
}

static void test_per_host_cap(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 2;
    o.concurrency = 16;
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    char *url = url_of(ea_test_httpd_port(h), "/delayed");
    for (size_t i = 0; i < 6; i++) {
        struct ea_fetch_req req = { .url = url, .user = (void *)(uintptr_t)i };
        ea_fetcher_add(f, &req);
    }
    double t0 = now_mono();
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    double took = now_mono() - t0;
    /* Each transfer took the server's 0.2 s and a little more. */
    double mean = ea_fetcher_mean_transfer_time(f);
    if (!(mean >= 0.195 && mean < took / 2))
        fail_msg("mean transfer time %.3f s, run %.3f s", mean, took);
    ea_fetcher_free(f);
    assert_int_equal(r.n, 6);
    assert_int_equal(ea_test_httpd_max_active(h), 2);
    assert_true(took >= 0.55); /* three rounds of 0.2 s */
    assert_true(took < 5);
    results_release(&r);
    free(url);
}

/* Four host names PREFIX0.test .. PREFIX3.test for one server: four host:port keys. */
struct four_hosts {
    char entries[4][64];
    const char *resolve[4];
};

static void four_hosts(struct ea_fetch_opts *o, struct four_hosts *h, const char *prefix,
                       unsigned port)
{
    for (size_t i = 0; i < 4; i++) {
        snprintf(h->entries[i], sizeof(h->entries[i]), "%s%zu.test:%u:127.0.0.1", prefix, i, port);
        h->resolve[i] = h->entries[i];
    }
    o->resolve = h->resolve;
    o->nresolve = 4;
}

static void test_concurrency_cap(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 4;
    o.concurrency = 2;
    unsigned port = ea_test_httpd_port(h);
    struct four_hosts hosts;
    four_hosts(&o, &hosts, "h", port);
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    for (size_t i = 0; i < 8; i++) {
        char url[64];
        snprintf(url, sizeof(url), "http://h%zu.test:%u/delayed", i % 4, port);
        struct ea_fetch_req req = { .url = url, .user = (void *)(uintptr_t)i };
        ea_fetcher_add(f, &req);
    }
    double t0 = now_mono();
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    double took = now_mono() - t0;
    ea_fetcher_free(f);
    assert_int_equal(r.n, 8);
    for (size_t i = 0; i < 8; i++)
        assert_int_equal(r.resp[i].status, 200);
    assert_int_equal(ea_test_httpd_max_active(h), 2);
    assert_true(took >= 0.75); /* four rounds of 0.2 s */
    assert_true(took < 5);
    results_release(&r);
}

/* Three slots, one request on each of four hosts, by weight (0: unweighted; first: a site's
 * start), with `unqueued` work not queued yet: returns which host's request waited for a
 * second round. Requests take 300 ms: the first round's arrive together, the last one 300 ms
 * later (half of that tells them apart with room for a slow machine). */
static size_t left_for_round_two(struct ea_test_httpd *h, bool by_weight, const unsigned weights[4],
                                 const bool *first, unsigned long unqueued)
{
    struct ea_fetch_opts o;
    test_opts(&o);
    o.per_host = 1;
    o.concurrency = 3;
    unsigned port = ea_test_httpd_port(h);
    struct four_hosts hosts;
    four_hosts(&o, &hosts, "w", port);
    struct results r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&o);
    ea_fetcher_set_by_weight(f, by_weight, unqueued);
    for (size_t i = 0; i < 4; i++) {
        char url[64];
        snprintf(url, sizeof(url), "http://w%zu.test:%u/slow/w%zu", i, port, i);
        struct ea_fetch_req req = { .url = url,
                                    .user = (void *)(uintptr_t)i,
                                    .weight = weights[i],
                                    .first = first && first[i] };
        ea_fetcher_add(f, &req);
    }
    assert_int_equal(ea_fetcher_run(f, on_done, &r), EA_OK);
    ea_fetcher_free(f);
    assert_int_equal(r.n, 4);
    double at[4], start = INFINITY;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(r.resp[i].status, 200);
        char path[16];
        snprintf(path, sizeof(path), "/slow/w%zu", i);
        double seen[8]; /* this call's arrival is the latest: the server outlives calls */
        size_t n = ea_test_httpd_arrivals(h, path, seen, 8);
        assert_true(n >= 1 && n <= 8);
        at[i] = seen[n - 1];
        if (at[i] < start)
            start = at[i];
    }
    results_release(&r);
    size_t late = 4, nlate = 0;
    for (size_t i = 0; i < 4; i++)
        if (at[i] - start >= 0.15) {
            late = i;
            nlate++;
        }
    assert_int_equal(nlate, 1);
    return late;
}

static void test_by_weight(void **state)
{
    /* Work left behind each host's request: hosts 0..3. */
    static const unsigned light_first[4] = { 5, 50, 20, 8 };
    static const unsigned all_heavy[4] = { 30, 30, 30, 0 };
    static const unsigned starts[4] = { 5, 8, 50, 20 };
    static const bool start_of_2[4] = { false, false, true, false };
    /* Much work not queued yet: no host is critical, the least work left goes first and the
     * heaviest host waits. */
    assert_int_equal(left_for_round_two(*state, true, light_first, NULL, 1000), 1);
    /* All work queued (R = 83, 3 slots, 1 per host): host 1 needs 50 rounds, the whole run
     * 83 / 3 = 27.7: it is critical and goes first; of the rest the heaviest (20) waits. */
    assert_int_equal(left_for_round_two(*state, true, light_first, NULL, 0), 2);
    /* An unweighted request goes before all, even hosts that are critical (R = 90: the
     * three 30s are; in turn, the third of them waits). */
    assert_int_equal(left_for_round_two(*state, true, all_heavy, NULL, 0), 2);
    /* A site's start goes before all, its weight still its work: host 2 (50) first, then
     * the least work left; host 3 (20) waits (without `first`, host 2 would). */
    assert_int_equal(left_for_round_two(*state, true, starts, start_of_2, 1000), 3);
    /* Off, the hosts take turns from the first: the last host added waits. */
    assert_int_equal(left_for_round_two(*state, false, light_first, NULL, 0), 3);
}

/* A done() that adds follow-up requests, as the crawler does with links. */
struct chain_ctx {
    struct ea_fetcher *f;
    const char *url;
    unsigned done, added;
};

static void on_done_add(void *ctx, struct ea_response *resp, void *user)
{
    struct chain_ctx *c = ctx;
    (void)user;
    assert_int_equal(resp->status, 200);
    c->done++;
    if (c->added < 3) {
        c->added++;
        struct ea_fetch_req req = { .url = c->url };
        ea_fetcher_add(c->f, &req);
    }
    ea_response_release(resp);
}

static void test_done_adds(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_fetch_opts o;
    test_opts(&o);
    char *url = url_of(ea_test_httpd_port(h), "/page");
    struct chain_ctx c = { .f = ea_fetcher_new(&o), .url = url };
    struct ea_fetch_req req = { .url = url };
    ea_fetcher_add(c.f, &req);
    assert_int_equal(ea_fetcher_run(c.f, on_done_add, &c), EA_OK);
    assert_int_equal(c.done, 4);
    ea_fetcher_free(c.f);
    free(url);
}

static void test_free_unrun(void **state)
{
    (void)state;
    struct ea_fetch_opts o;
    test_opts(&o);
    struct ea_fetcher *f = ea_fetcher_new(&o);
    struct ea_fetch_req req = { .url = "http://127.0.0.1:1/" };
    ea_fetcher_add(f, &req);
    req.url = "bad";
    ea_fetcher_add(f, &req);
    ea_fetcher_free(f); /* queued and failed jobs are freed */
    ea_fetcher_free(NULL);
    assert_non_null(strstr(ea_fetch_version(), "libcurl"));
    assert_string_equal(ea_fetch_error_name(EA_FETCH_TOO_MANY_REDIRECTS), "too-many-redirects");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_page_200, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redirect_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redirect_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_many_redirects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_redirect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_404, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gzip_bomb, setup, teardown),
        cmocka_unit_test(test_connect_refused),
        cmocka_unit_test(test_dns_failure),
        cmocka_unit_test(test_bad_url),
        cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tls_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_host_given_up, setup, teardown),
        cmocka_unit_test(test_tls_verified),
        cmocka_unit_test(test_tls_sessions_shared),
        cmocka_unit_test(test_tls_wrong_name),
        cmocka_unit_test(test_tls_unknown_ca),
        cmocka_unit_test_setup_teardown(test_politeness, setup, teardown),
        cmocka_unit_test_setup_teardown(test_urgent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hold_retry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_per_host_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrency_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_by_weight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_done_adds, setup, teardown),
        cmocka_unit_test(test_free_unrun),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

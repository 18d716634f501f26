/* test_crawl — one site's crawl (crawler/crawl.c) against the in-process server: priority
 * pages within a budget of 5, breadth-first order and depth, dedupe after redirects,
 * robots.txt (disallow, 5xx), sitemap index and gzip, spider traps (endless calendar,
 * repeated segments), politeness (per-host cap, delay), conditional GET with a fake store,
 * external links. Names are pinned to 127.0.0.1 with CURLOPT_RESOLVE: no DNS lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <curl/curl.h>
#include <zlib.h>

#include "core/doc.h"
#include "core/limits.h"
#include "core/xalloc.h"
#include "crawler/crawl.h"
#include "crawler/fetch.h"
#include "tests/support/gzip.h"
#include "tests/support/httpd.h"

#define HTML     "Content-Type: text/html; charset=utf-8\n"
#define MAX_SEEN 256

/* Twenty ordinary links before the two the questionnaire needs. */
#define MANY_LINKS                                                                                 \
    "<a href=/p1>p1</a><a href=/p2>p2</a><a href=/p3>p3</a><a href=/p4>p4</a>"                     \
    "<a href=/p5>p5</a><a href=/p6>p6</a><a href=/p7>p7</a><a href=/p8>p8</a>"                     \
    "<a href=/p9>p9</a><a href=/p10>p10</a><a href=/p11>p11</a><a href=/p12>p12</a>"               \
    "<a href=/p13>p13</a><a href=/p14>p14</a><a href=/p15>p15</a><a href=/p16>p16</a>"             \
    "<a href=/p17>p17</a><a href=/p18>p18</a><a href=/p19>p19</a><a href=/p20>p20</a>"

/* /cal?n=K links to /cal?n=K+1: an endless calendar. /loop/ links to "loop/" relatively. */
static void gen_cal(const char *path, const char *n, struct ea_buf *out)
{
    (void)path;
    long k = n ? strtol(n, NULL, 10) : 0;
    ea_buf_addf(out, "<html><body><a href=\"/cal?n=%ld\">next month</a></body></html>", k + 1);
}

static void gen_loop(const char *path, const char *n, struct ea_buf *out)
{
    (void)path;
    (void)n;
    ea_buf_add(out, "<html><body><a href=\"loop/\">deeper</a></body></html>");
}

static char *smgz; /* a gzip urlset, made in group setup */
static size_t smgz_len;

static struct ea_test_route routes[] = {
    { .path = "/robots.txt",
      .headers = "Content-Type: text/plain\n",
      .body = "User-agent: *\nDisallow: /private\nSitemap: http://site.test:%PORT%/smi.xml\n"
              "\nUser-agent: otherbot\nDisallow: /\n" },
    { .path = "/",
      .headers = HTML,
      .body = "<html><body><a href=/private/x>secret</a>" MANY_LINKS
              "<a href=\"/kontakti\">Kontakti</a><a href=\"http://www.site.test:%PORT%/"
              "lidzdaliba#top\">Sabiedrības līdzdalība</a><a href=https://facebook.com/x>fb</a>"
              "<a href=mailto:a@b.lv>mail</a><a href=/dup-a>a</a><a href=/dup-b>b</a>"
              "<a href=/cal?n=1>calendar</a><a href=/loop/>loop</a>"
              "<a href=/from-sitemap>also in the sitemap</a></body></html>" },
    { .path = "/p*", .headers = HTML, .body = "<html><body><a href=/deep1>d</a></body></html>" },
    { .path = "/deep1", .headers = HTML, .body = "<a href=/deep2>d2</a>" },
    { .path = "/deep2", .headers = HTML, .body = "<a href=/deep3>d3</a>" },
    { .path = "/deep3", .headers = HTML, .body = "<a href=/deep4>d4</a>" },
    { .path = "/deep4", .headers = HTML, .body = "end" },
    { .path = "/kontakti", .headers = HTML, .body = "<p>Tālrunis 67000000</p>" },
    { .path = "/lidzdaliba", .headers = HTML, .body = "<p>Līdzdalība</p>" },
    { .path = "/private/x", .headers = HTML, .body = "secret" },
    { .path = "/dup-a", .headers = HTML, .body = "a" },
    { .path = "/dup-b", .status = 301, .headers = "Location: /dup-a\n" },
    { .path = "/cal", .headers = HTML, .gen = gen_cal },
    { .path = "/loop/*", .headers = HTML, .gen = gen_loop },
    { .path = "/smi.xml",
      .headers = "Content-Type: application/xml\n",
      .body = "<sitemapindex><sitemap><loc>http://site.test:%PORT%/sm.xml.gz</loc></sitemap>"
              "</sitemapindex>" },
    { .path = "/sm.xml.gz", .headers = "Content-Type: application/gzip\n" }, /* body: setup */
    { .path = "/from-sitemap", .headers = HTML, .body = "listed in the sitemap only" },
    { .path = NULL },
};

static const char SM_XML[] = "<urlset><url><loc>http://site.test:%PORT%/from-sitemap</loc></url>"
                             "</urlset>";

/* A second site: robots.txt answers 503; its home links to a page. */
static struct ea_test_route routes_503[] = {
    { .path = "/robots.txt", .status = 503 },
    { .path = "/", .headers = HTML, .body = "<a href=/a>a</a>" },
    { .path = "/a", .headers = HTML, .body = "a" },
    { .path = NULL },
};

/* robots.txt behind redirects: five hops are followed (its "Disallow: /" applies), six are
 * "unavailable" (no restrictions). */
#define HOP(from, to)                                                                              \
    {                                                                                              \
        .path = from, .status = 301, .headers = "Location: " to "\n"                               \
    }
static struct ea_test_route routes_hops5[] = {
    HOP("/robots.txt", "/h1"),
    HOP("/h1", "/h2"),
    HOP("/h2", "/h3"),
    HOP("/h3", "/h4"),
    HOP("/h4", "/h5"),
    { .path = "/h5", .body = "User-agent: *\nDisallow: /\n" },
    { .path = "/", .headers = HTML, .body = "<a href=/a>a</a>" },
    { .path = "/a", .headers = HTML, .body = "a" },
    { .path = NULL },
};
static struct ea_test_route routes_hops6[] = {
    HOP("/robots.txt", "/h1"),
    HOP("/h1", "/h2"),
    HOP("/h2", "/h3"),
    HOP("/h3", "/h4"),
    HOP("/h4", "/h5"),
    HOP("/h5", "/h6"),
    { .path = "/h6", .body = "User-agent: *\nDisallow: /\n" },
    { .path = "/", .headers = HTML, .body = "<a href=/a>a</a>" },
    { .path = "/a", .headers = HTML, .body = "a" },
    { .path = NULL },
};

/* A third: conditional GET. */
static struct ea_test_route routes_cond[] = {
    { .path = "/", .headers = HTML, .body = "<a href=/same>same</a>", .etag = "\"v1\"" },
    { .path = "/same", .headers = HTML, .body = "fresh", .etag = "\"s2\"" },
    { .path = NULL },
};

/* A fourth: many pages, slow, for politeness. */
static struct ea_test_route routes_many[] = {
    { .path = "/", .headers = HTML, .body = MANY_LINKS },
    { .path = "/p*", .headers = HTML, .body = "x", .delay_ms = 10 },
    { .path = NULL },
};

struct run {
    char seen[MAX_SEEN][128];
    char from[MAX_SEEN][128]; /* the referrer's path, "" when none */
    int via[MAX_SEEN];
    bool not_modified[MAX_SEEN];
    unsigned order[MAX_SEEN]; /* the page's place among all crawls' pages (page_clock) */
    size_t n;
    bool ended;
    struct ea_crawl_stats stats;
    size_t nexcluded;         /* ea_crawl_nexcluded at the end */
    char excluded0[128];      /* the first one's URL */
    char excluded0_from[128]; /* and its referrer */
};

/* Hands the links of an HTML page to the crawl, and releases the response. */
static void follow_links(struct ea_crawl *c, const struct ea_crawl_page *page,
                         struct ea_response *resp)
{
    if (resp->error == EA_FETCH_OK && resp->status == 200) {
        struct ea_doc *doc = NULL;
        assert_int_equal(ea_doc_parse(resp->body, resp->body_len, resp->final_url, &doc), EA_OK);
        ea_crawl_add_links(c, page, doc, resp->final_url);
        ea_doc_free(doc);
    }
    ea_response_release(resp);
}

static unsigned page_clock; /* pages handed to on_page, all crawls */

static void on_page(void *ctx, struct ea_crawl *c, const struct ea_crawl_page *page,
                    struct ea_response *resp)
{
    struct run *r = ctx;
    assert_true(r->n < MAX_SEEN);
    r->order[r->n] = page_clock++;
    const char *p = strstr(page->url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    snprintf(r->seen[r->n], sizeof(r->seen[r->n]), "%s", p ? p : page->url);
    const char *f = page->referrer ? strstr(page->referrer, "://") : NULL;
    f = f ? strchr(f + 3, '/') : NULL;
    snprintf(r->from[r->n], sizeof(r->from[r->n]), "%s", f ? f : "");
    r->via[r->n] = page->via;
    r->not_modified[r->n] = page->not_modified;
    r->n++;
    follow_links(c, page, resp);
    ea_crawl_page_done(c);
}

static void on_end(void *ctx, struct ea_crawl *c)
{
    struct run *r = ctx;
    assert_false(r->ended);
    r->ended = true;
    ea_crawl_get_stats(c, &r->stats);
    r->nexcluded = ea_crawl_nexcluded(c);
    const struct ea_crawl_excluded *x = ea_crawl_excluded(c, 0);
    snprintf(r->excluded0, sizeof(r->excluded0), "%s", x ? x->url : "");
    snprintf(r->excluded0_from, sizeof(r->excluded0_from), "%s",
             x && x->referrer ? x->referrer : "");
}

static size_t count(const struct run *r, const char *path)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        k += !strcmp(r->seen[i], path);
    return k;
}

static size_t count_prefix(const struct run *r, const char *prefix)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        k += !strncmp(r->seen[i], prefix, strlen(prefix));
    return k;
}

/* "Kontakti" is concept 1, anything with "līdzdalība" concept 0. */
static int priority(void *ctx, const char *name, const char *url)
{
    (void)ctx;
    (void)url;
    if (!strcmp(name, "Kontakti"))
        return 1;
    if (strstr(name, "līdzdalība"))
        return 0;
    return -1;
}

struct fake_store {
    unsigned lookups, loads;
};

static bool fake_lookup(void *ctx, const char *url, char **etag, char **lm)
{
    struct fake_store *s = ctx;
    s->lookups++;
    *lm = NULL;
    if (strstr(url, "/same")) {
        *etag = ea_xstrdup("\"s1\""); /* changed since: the server sends the page */
        return true;
    }
    *etag = ea_xstrdup("\"v1\"");
    return true;
}

static bool fake_load(void *ctx, const char *url, char **body, size_t *len, char **ctype)
{
    struct fake_store *s = ctx;
    (void)url;
    s->loads++;
    *body = ea_xstrdup("<a href=/same>same</a><p>stored</p>");
    *len = strlen(*body);
    *ctype = ea_xstrdup("text/html");
    return true;
}

/* Crawls http://site.test:PORT/ (www.site.test on WWW_PORT) with opts on a fresh fetcher. */
static void crawl_at(unsigned port, unsigned www_port, struct ea_crawl_opts *co,
                     struct ea_fetch_opts *fo, struct run *r)
{
    char e1[64], e2[64], seed[64];
    snprintf(e1, sizeof(e1), "site.test:%u:127.0.0.1", port);
    snprintf(e2, sizeof(e2), "www.site.test:%u:127.0.0.1", www_port);
    snprintf(seed, sizeof(seed), "http://site.test:%u/", port);
    const char *const resolve[] = { e1, e2 };
    fo->resolve = resolve;
    fo->nresolve = 2;
    memset(r, 0, sizeof(*r));
    struct ea_fetcher *f = ea_fetcher_new(fo);
    struct ea_crawl *c = ea_crawl_new(f, seed, co, on_page, on_end, r);
    ea_crawl_start(c);
    assert_int_equal(ea_fetcher_run(f, ea_fetch_dispatch, NULL), EA_OK);
    assert_true(r->ended);
    ea_crawl_free(c);
    ea_fetcher_free(f);
}

/* Crawls http://site.test:PORT/ and www.site.test on the same server. */
static void crawl(struct ea_test_httpd *h, struct ea_crawl_opts *co, struct ea_fetch_opts *fo,
                  struct run *r)
{
    crawl_at(ea_test_httpd_port(h), ea_test_httpd_port(h), co, fo, r);
}

static void default_opts(struct ea_crawl_opts *co, struct ea_fetch_opts *fo)
{
    ea_crawl_opts_default(co);
    co->delay = 0;
    ea_fetch_opts_default(fo);
    fo->delay = 0;
    fo->timeout_ms = 10000;
    fo->retry_base = 0.05;
}

/* Budget 5: homepage, the two priority pages, then breadth-first from the first links. */
static void test_priority_budget(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.max_pages = 5;
    co.priority = priority;
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_int_equal(r.n, 5);
    assert_string_equal(r.seen[0], "/");
    assert_int_equal(count(&r, "/kontakti"), 1);
    assert_int_equal(count(&r, "/lidzdaliba"), 1);
    for (size_t i = 0; i < r.n; i++) {
        if (!strcmp(r.seen[i], "/kontakti"))
            assert_int_equal(r.via[i], 1);
        if (!strcmp(r.seen[i], "/lidzdaliba"))
            assert_int_equal(r.via[i], 0);
        if (!strcmp(r.seen[i], "/p1"))
            assert_int_equal(r.via[i], -1);
    }
    /* Then breadth-first from the homepage's links: /p1, never /p3; the sitemap's URL waits
     * until the homepage's own links are queued, so it does not spend this small budget. */
    assert_int_equal(count(&r, "/p1"), 1);
    assert_int_equal(count(&r, "/from-sitemap"), 0);
    assert_int_equal(count(&r, "/p3"), 0);
    assert_int_equal(r.stats.pages, 5);
    assert_true(r.stats.out_of_budget > 0);
    /* robots.txt was read, once per origin (site.test and www.site.test, RFC 9309 §2.3). */
    assert_int_equal(ea_test_httpd_hits(h, "/robots.txt"), 2);
    /* Without the callback the same budget never reaches them. */
    co.priority = NULL;
    crawl(h, &co, &fo, &r);
    assert_int_equal(count(&r, "/kontakti"), 0);
    assert_int_equal(count(&r, "/lidzdaliba"), 0);
}

/* A whole crawl: robots.txt, dedupe, depth, traps, sitemaps, externals. */
static void test_full_crawl(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.max_pages = 200;
    co.max_depth = 3;
    co.window = 4;
    struct run r;
    crawl(h, &co, &fo, &r);
    for (size_t i = 0; i < r.n; i++)
        for (size_t k = i + 1; k < r.n; k++)
            if (!strcmp(r.seen[i], r.seen[k]))
                fail_msg("'%s' delivered twice", r.seen[i]);
    assert_int_equal(count(&r, "/private/x"), 0);
    assert_int_equal(ea_test_httpd_hits(h, "/private/x"), 0);
    assert_int_equal(r.stats.robots_blocked, 1);
    /* ... and listed, with the page that links to it */
    assert_int_equal(r.nexcluded, 1);
    assert_non_null(strstr(r.excluded0, "/private/x"));
    assert_non_null(strstr(r.excluded0_from, "site.test"));
    /* Each page says where its link was: the seed none, /deep2 /deep1, a URL the sitemap and
     * the homepage both offer the homepage (whichever came first). */
    for (size_t i = 0; i < r.n; i++) {
        const char *want = !strcmp(r.seen[i], "/")               ? ""
                           : !strcmp(r.seen[i], "/deep2")        ? "/deep1"
                           : !strcmp(r.seen[i], "/p1")           ? "/"
                           : !strcmp(r.seen[i], "/from-sitemap") ? "/"
                                                                 : NULL;
        if (want && strcmp(r.from[i], want) != 0)
            fail_msg("%s: linked from '%s', expected '%s'", r.seen[i], r.from[i], want);
    }
    /* /dup-b redirects to /dup-a: fetched, but not a second page. */
    assert_int_equal(count(&r, "/dup-a"), 1);
    assert_int_equal(count(&r, "/dup-b"), 0);
    assert_true(r.stats.duplicates >= 1);
    /* Depth: / (0) -> /p1 (1) -> /deep1 (2) -> /deep2 (3) -> /deep3 (4: too deep). */
    assert_int_equal(count(&r, "/deep2"), 1);
    assert_int_equal(count(&r, "/deep3"), 0);
    /* The sitemap index led to the gzip sitemap and its page. */
    assert_int_equal(ea_test_httpd_hits(h, "/smi.xml"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/sm.xml.gz"), 1);
    assert_int_equal(count(&r, "/from-sitemap"), 1);
    assert_true(r.stats.sitemap_urls >= 1);
    /* www.site.test is the same site. */
    assert_int_equal(count(&r, "/lidzdaliba"), 1);
    assert_int_equal(r.stats.broken, 0);
}

/* The endless calendar stops at the query-variant cap even with a huge depth and budget;
 * the relative-link loop stops at the repeated-segment cap. */
static void test_traps(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.max_pages = 1000;
    co.max_depth = 100;
    co.window = 4;
    struct run r;
    crawl(h, &co, &fo, &r);
    size_t cal = count_prefix(&r, "/cal?");
    assert_int_equal(cal, EA_MAX_QUERY_VARIANTS);
    size_t loop = count_prefix(&r, "/loop/");
    assert_int_equal(loop, EA_MAX_SEGMENT_REPEAT);
    /* each cut link counted once: the 11th month, the third loop/ */
    assert_int_equal(r.stats.trapped, 2);
    assert_true(r.n < 60);
}

/* robots.txt 503 (after its retries): only the homepage, and the crawl says why. */
static void test_robots_unreachable(void **state)
{
    (void)state;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_503);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.seen[0], "/");
    assert_true(r.stats.robots_unreachable);
    /* /a is not fetched for want of robots.txt, not by its rules */
    assert_int_equal(r.stats.robots_unread, 1);
    assert_int_equal(r.stats.robots_blocked, 0);
    assert_int_equal(ea_test_httpd_hits(h, "/robots.txt"), 1 + fo.retries);
    assert_int_equal(ea_test_httpd_hits(h, "/a"), 0);
    ea_test_httpd_stop(h);
}

/* Sitemaps past their caps are reported cut: one longer than EA_MAX_SITEMAP_BYTES (50 MB of
 * blank lines: cut by its size alone, not its URLs), more sitemaps than EA_MAX_SITEMAPS; 16
 * small ones are not. */
#define SM_LINE "http://site.test:%PORT%/from-sitemap\n"

static struct ea_test_route routes_big_sitemap[] = {
    { .path = "/", .headers = HTML, .body = "<p>home</p>" },
    { .path = "/sitemap.xml",
      .headers = "Content-Type: text/plain\n",
      .body = "\n",
      .repeat = EA_MAX_SITEMAP_BYTES + 1000 },
    { .path = NULL },
};

/* robots.txt naming many_sitemaps sitemaps (set before the server starts) */
static long many_sitemaps;

static void gen_robots_sitemaps(const char *path, const char *n, struct ea_buf *out)
{
    (void)path;
    (void)n;
    ea_buf_add(out, "User-agent: *\nAllow: /\n");
    for (long i = 0; i < many_sitemaps; i++)
        ea_buf_addf(out, "Sitemap: http://site.test:%%PORT%%/sm%ld.xml\n", i);
}

static void crawl_sitemaps(long nsitemaps, struct ea_crawl_stats *out)
{
    many_sitemaps = nsitemaps;
    struct ea_test_route sm_routes[] = {
        { .path = "/robots.txt",
          .headers = "Content-Type: text/plain\n",
          .gen = gen_robots_sitemaps },
        { .path = "/", .headers = HTML, .body = "<p>home</p>" },
        { .path = "/sm*", .headers = "Content-Type: text/plain\n", .body = SM_LINE },
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(sm_routes);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct run r;
    crawl(h, &co, &fo, &r);
    *out = r.stats;
    assert_int_equal(count(&r, "/from-sitemap"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/sm*"),
                     nsitemaps < EA_MAX_SITEMAPS ? nsitemaps : EA_MAX_SITEMAPS);
    ea_test_httpd_stop(h);
}

static void test_sitemap_cut(void **state)
{
    (void)state;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_big_sitemap);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_true(r.stats.sitemap_cut);
    assert_int_equal(r.stats.sitemap_urls, 0);
    ea_test_httpd_stop(h);

    struct ea_crawl_stats st;
    crawl_sitemaps(2, &st);
    assert_false(st.sitemap_cut);
    crawl_sitemaps(EA_MAX_SITEMAPS, &st);
    assert_false(st.sitemap_cut);
    crawl_sitemaps(EA_MAX_SITEMAPS + 1, &st);
    assert_true(st.sitemap_cut);
}

/* A URL a sitemap offers before any page links to it gets its referrer when a page does: the
 * homepage comes 300 ms after the sitemap, and its link to /x is the one the report shows. */
static struct ea_test_route routes_sitemap_first[] = {
    { .path = "/robots.txt",
      .headers = "Content-Type: text/plain\n",
      .body = "User-agent: *\nAllow: /\nSitemap: http://site.test:%PORT%/sm.txt\n" },
    { .path = "/sm.txt",
      .headers = "Content-Type: text/plain\n",
      .body = "http://site.test:%PORT%/x\n" },
    { .path = "/", .headers = HTML, .body = "<a href=/x>x</a>", .delay_ms = 300 },
    { .path = "/x", .headers = HTML, .body = "x" },
    { .path = NULL },
};

static void test_referrer_after_sitemap(void **state)
{
    (void)state;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_sitemap_first);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_int_equal(r.stats.sitemap_urls, 1);
    assert_int_equal(count(&r, "/x"), 1);
    for (size_t i = 0; i < r.n; i++)
        if (!strcmp(r.seen[i], "/x"))
            assert_string_equal(r.from[i], "/");
    ea_test_httpd_stop(h);
}

/* A site that answers 500 to every page but its homepage is given up after
 * max_host_failures in a row; the links left then are not "left at the budget". */
static struct ea_test_route routes_failing[] = {
    { .path = "/",
      .headers = HTML,
      .body = "<a href=/e1>1</a><a href=/e2>2</a><a href=/e3>3</a><a href=/e4>4</a>"
              "<a href=/e5>5</a><a href=/e6>6</a><a href=/e7>7</a><a href=/e8>8</a>"
              "<a href=/e9>9</a><a href=/e10>10</a><a href=/e11>11</a><a href=/e12>12</a>" },
    { .path = "/e*", .status = 500, .body = "no" },
    { .path = NULL },
};

static void test_given_up_counts(void **state)
{
    (void)state;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_failing);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_true(r.stats.host_given_up);
    assert_int_equal(r.stats.out_of_budget, 0);
    assert_true(ea_test_httpd_hits(h, NULL) < 1 + 1 + 12 * (1 + fo.retries)); /* not all tried */
    ea_test_httpd_stop(h);
}

/* RFC 9309 §2.3: each origin's own robots.txt. The seed's origin allows everything; a link
 * leads to www.site.test on another port, whose robots.txt disallows /b-private: that page
 * is never fetched, /b-open is, and each robots.txt is read once. */
static unsigned other_port;

static void gen_home_a(const char *path, const char *n, struct ea_buf *out)
{
    (void)path;
    (void)n;
    ea_buf_addf(out,
                "<html><body><a href=\"/a1\">a1</a>"
                "<a href=\"http://www.site.test:%u/b-open\">b</a>"
                "<a href=\"http://www.site.test:%u/b-private\">b</a></body></html>",
                other_port, other_port);
}

static struct ea_test_route routes_origin_a[] = {
    { .path = "/robots.txt",
      .headers = "Content-Type: text/plain\n",
      .body = "User-agent: *\nAllow: /\n" },
    { .path = "/", .headers = HTML, .gen = gen_home_a },
    { .path = "/a1", .headers = HTML, .body = "a1" },
    { .path = NULL },
};

static struct ea_test_route routes_origin_b[] = {
    { .path = "/robots.txt",
      .headers = "Content-Type: text/plain\n",
      .body = "User-agent: *\nDisallow: /b-private\n" },
    { .path = "/b-open", .headers = HTML, .body = "open" },
    { .path = "/b-private", .headers = HTML, .body = "private" },
    { .path = NULL },
};

static void test_robots_per_origin(void **state)
{
    (void)state;
    struct ea_test_httpd *b = ea_test_httpd_start(routes_origin_b);
    other_port = ea_test_httpd_port(b);
    struct ea_test_httpd *a = ea_test_httpd_start(routes_origin_a);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct run r;
    crawl_at(ea_test_httpd_port(a), other_port, &co, &fo, &r);

    assert_int_equal(count(&r, "/a1"), 1);
    assert_int_equal(count(&r, "/b-open"), 1);
    assert_int_equal(count(&r, "/b-private"), 0);
    assert_int_equal(ea_test_httpd_hits(b, "/b-private"), 0);
    assert_int_equal(r.stats.robots_blocked, 1);
    assert_int_equal(r.stats.robots_unread, 0);
    assert_int_equal(ea_test_httpd_hits(a, "/robots.txt"), 1);
    assert_int_equal(ea_test_httpd_hits(b, "/robots.txt"), 1);
    assert_false(r.stats.robots_unreachable);
    ea_test_httpd_stop(a);
    ea_test_httpd_stop(b);
}

static void test_robots_redirects(void **state)
{
    (void)state;
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    struct run r;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_hops5);
    default_opts(&co, &fo);
    crawl(h, &co, &fo, &r);
    assert_int_equal(ea_test_httpd_hits(h, "/h5"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/a"), 0);
    assert_int_equal(r.stats.robots_blocked, 1);
    ea_test_httpd_stop(h);
    h = ea_test_httpd_start(routes_hops6);
    crawl(h, &co, &fo, &r);
    assert_int_equal(ea_test_httpd_hits(h, "/h6"), 0);
    assert_int_equal(ea_test_httpd_hits(h, "/a"), 1);
    assert_false(r.stats.robots_unreachable);
    ea_test_httpd_stop(h);
}

/* The second night: validators from the "previous run" are sent; a 304 page is delivered
 * with its stored body (and its links followed); a changed page comes fresh. */
static void test_conditional_get(void **state)
{
    (void)state;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_cond);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    struct fake_store fs = { 0 };
    struct ea_crawl_store store = { .lookup = fake_lookup, .load = fake_load, .ctx = &fs };
    co.store = &store;
    co.robots = false;
    co.sitemaps = false;
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.seen[0], "/");
    assert_true(r.not_modified[0]);
    assert_string_equal(r.seen[1], "/same");
    assert_false(r.not_modified[1]);
    assert_int_equal(r.stats.not_modified, 1);
    assert_int_equal(fs.loads, 1);
    assert_int_equal(ea_test_httpd_conditional(h), 2);
    ea_test_httpd_stop(h);
}

/* Per host: never more than per_host requests at once; starts at least delay apart. */
static void test_politeness(void **state)
{
    (void)state;
    struct ea_test_httpd *h = ea_test_httpd_start(routes_many);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.robots = false;
    co.sitemaps = false;
    co.window = 8;
    fo.per_host = 2;
    fo.delay = 0.1;
    struct run r;
    crawl(h, &co, &fo, &r);
    assert_int_equal(r.n, 21);
    assert_true(ea_test_httpd_max_active_prefix(h, "/") <= 2);
    double t[64];
    size_t n = ea_test_httpd_arrivals(h, NULL, t, 64);
    assert_true(n >= 21 && n <= 64);
    /* Arrival times carry the scheduler's jitter (a handler that runs late, on a loaded
     * machine by 70 ms for a new connection's thread, shortens the next gap, not the ones
     * after it), so the check is on spans of five gaps or more: at least that many times
     * the delay, less 100 ms for one late arrival. Requests sent without the delay fail
     * it: 20 of them arrive within a few ms. */
    for (size_t j = 0; j < n; j++)
        for (size_t i = j + 5; i < n; i++)
            if (t[i] - t[j] < 0.1 * (double)(i - j) - 0.1)
                fail_msg("requests %zu to %zu arrived within %.3f s", j, i, t[i] - t[j]);
    ea_test_httpd_stop(h);
}

/* max_open: pages handed over and not yet done count against it with those in flight, so a
 * consumer slower than the network holds at most max_open bodies. Here the consumer takes a
 * page only when the fetcher's loop has nothing left to do. */
struct held {
    struct ea_crawl *c;
    unsigned delivered, done, peak_open;
};

static void on_page_held(void *ctx, struct ea_crawl *c, const struct ea_crawl_page *page,
                         struct ea_response *resp)
{
    struct held *h = ctx;
    h->c = c;
    h->delivered++;
    if (h->delivered - h->done > h->peak_open)
        h->peak_open = h->delivered - h->done;
    follow_links(c, page, resp);
}

static void on_end_held(void *ctx, struct ea_crawl *c)
{
    (void)ctx;
    (void)c;
}

static void test_max_open(void **state)
{
    (void)state;
    struct ea_test_httpd *srv = ea_test_httpd_start(routes_many);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.robots = false;
    co.sitemaps = false;
    co.window = 2;
    co.max_open = 3;
    fo.per_host = 4;
    char seed[64];
    snprintf(seed, sizeof(seed), "http://127.0.0.1:%u/", ea_test_httpd_port(srv));
    struct held h = { 0 };
    struct ea_fetcher *f = ea_fetcher_new(&fo);
    struct ea_crawl *c = ea_crawl_new(f, seed, &co, on_page_held, on_end_held, &h);
    ea_crawl_start(c);
    assert_int_equal(ea_fetcher_run(f, ea_fetch_dispatch, NULL), EA_OK);
    /* Nothing is done yet: the homepage and two of its links, then the crawl waits. */
    assert_int_equal(h.delivered, 3);
    while (h.done < h.delivered) {
        h.done++;
        ea_crawl_page_done(c);
        assert_int_equal(ea_fetcher_run(f, ea_fetch_dispatch, NULL), EA_OK);
    }
    assert_int_equal(h.delivered, 21); /* every page in the end */
    assert_int_equal(h.peak_open, 3);
    assert_true(ea_test_httpd_max_active_prefix(srv, "/p") <= 2);
    ea_crawl_free(c);
    ea_fetcher_free(f);
    ea_test_httpd_stop(srv);
}

/* Two sites on one fetcher with one slot, slots by weight: both homepages are fetched before
 * either site's other pages, so that a site that waits for slots has its links at hand (with
 * the pages-left weights alone the first site, having fewer pages left, would keep the slot
 * until it ends). */
static void test_site_start_first(void **state)
{
    (void)state;
    struct ea_test_httpd *srv = ea_test_httpd_start(routes_many);
    unsigned port = ea_test_httpd_port(srv);
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.max_pages = 6;
    fo.concurrency = 1;
    char ea[64], eb[64], seed_a[64], seed_b[64];
    snprintf(ea, sizeof(ea), "a.test:%u:127.0.0.1", port);
    snprintf(eb, sizeof(eb), "b.test:%u:127.0.0.1", port);
    snprintf(seed_a, sizeof(seed_a), "http://a.test:%u/", port);
    snprintf(seed_b, sizeof(seed_b), "http://b.test:%u/", port);
    const char *const resolve[] = { ea, eb };
    fo.resolve = resolve;
    fo.nresolve = 2;
    struct run ra, rb;
    memset(&ra, 0, sizeof(ra));
    memset(&rb, 0, sizeof(rb));
    struct ea_fetcher *f = ea_fetcher_new(&fo);
    ea_fetcher_set_by_weight(f, true, 0);
    struct ea_crawl *a = ea_crawl_new(f, seed_a, &co, on_page, on_end, &ra);
    struct ea_crawl *b = ea_crawl_new(f, seed_b, &co, on_page, on_end, &rb);
    ea_crawl_start(a);
    ea_crawl_start(b);
    assert_int_equal(ea_fetcher_run(f, ea_fetch_dispatch, NULL), EA_OK);
    assert_true(ra.ended && rb.ended);
    assert_int_equal(ra.n, 6);
    assert_int_equal(rb.n, 6);
    assert_string_equal(ra.seen[0], "/");
    assert_string_equal(rb.seen[0], "/");
    unsigned homes = ra.order[0] > rb.order[0] ? ra.order[0] : rb.order[0];
    for (size_t i = 1; i < 6; i++) {
        assert_true(ra.order[i] > homes);
        assert_true(rb.order[i] > homes);
    }
    ea_crawl_free(a);
    ea_crawl_free(b);
    ea_fetcher_free(f);
    ea_test_httpd_stop(srv);
}

static void test_external(void **state)
{
    struct ea_test_httpd *h = *state;
    struct ea_crawl_opts co;
    struct ea_fetch_opts fo;
    default_opts(&co, &fo);
    co.max_pages = 1;
    unsigned port = ea_test_httpd_port(h);
    char e1[64], seed[64];
    snprintf(e1, sizeof(e1), "site.test:%u:127.0.0.1", port);
    snprintf(seed, sizeof(seed), "http://site.test:%u/", port);
    const char *const resolve[] = { e1 };
    fo.resolve = resolve;
    fo.nresolve = 1;
    struct run r;
    memset(&r, 0, sizeof(r));
    struct ea_fetcher *f = ea_fetcher_new(&fo);
    struct ea_crawl *c = ea_crawl_new(f, seed, &co, on_page, on_end, &r);
    ea_crawl_start(c);
    assert_int_equal(ea_fetcher_run(f, ea_fetch_dispatch, NULL), EA_OK);
    assert_int_equal(r.n, 1);
    /* max_pages 1: robots.txt is not even asked for. */
    assert_int_equal(ea_test_httpd_hits(h, "/robots.txt"), 0);
    assert_int_equal(ea_crawl_nexternal(c), 1);
    assert_string_equal(ea_crawl_external(c, 0), "facebook.com");
    ea_crawl_free(c);
    ea_fetcher_free(f);
}

static int setup(void **state)
{
    *state = ea_test_httpd_start(routes);
    /* The gzip sitemap names the port, known only now. */
    char xml[512];
    const char *at = strstr(SM_XML, "%PORT%");
    snprintf(xml, sizeof(xml), "%.*s%u%s", (int)(at - SM_XML), SM_XML, ea_test_httpd_port(*state),
             at + 6);
    free(smgz);
    smgz = ea_test_gzip(xml, strlen(xml), &smgz_len);
    for (struct ea_test_route *r = routes; r->path; r++)
        if (!strcmp(r->path, "/sm.xml.gz")) {
            r->body = smgz;
            r->body_len = smgz_len;
        }
    return 0;
}

static int teardown(void **state)
{
    ea_test_httpd_stop(*state);
    return 0;
}

static int group_setup(void **state)
{
    (void)state;
    ea_test_no_proxies();
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    free(smgz);
    curl_global_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_priority_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_crawl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_traps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_external, setup, teardown),
        cmocka_unit_test(test_robots_unreachable),
        cmocka_unit_test(test_sitemap_cut),
        cmocka_unit_test(test_given_up_counts),
        cmocka_unit_test(test_referrer_after_sitemap),
        cmocka_unit_test(test_robots_redirects),
        cmocka_unit_test(test_robots_per_origin),
        cmocka_unit_test(test_conditional_get),
        cmocka_unit_test(test_politeness),
        cmocka_unit_test(test_max_open),
        cmocka_unit_test(test_site_start_first),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

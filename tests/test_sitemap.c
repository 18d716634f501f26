/* test_sitemap — sitemaps.org files (crawler/sitemap.c): urlset, index, gzip, text form,
 * the URL cap and broken input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/limits.h"
#include "crawler/sitemap.h"
#include "tests/support/gzip.h"

#define URLSET                                                                                     \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"                             \
    "<url><loc>https://a.lv/</loc><priority>1.0</priority></url>\n"                                \
    "<url><loc>\n  https://a.lv/kontakti?a=1&amp;b=2 </loc></url>\n"                               \
    "<url><loc><![CDATA[https://a.lv/zinas]]></loc></url>\n"                                       \
    "</urlset>\n"

static void test_urlset(void **state)
{
    (void)state;
    struct ea_sitemap sm;
    assert_int_equal(ea_sitemap_parse(URLSET, strlen(URLSET), 0, &sm), EA_OK);
    assert_false(sm.index);
    assert_false(sm.truncated);
    assert_int_equal(sm.nlocs, 3);
    assert_string_equal(sm.locs[0], "https://a.lv/");
    assert_string_equal(sm.locs[1], "https://a.lv/kontakti?a=1&b=2");
    assert_string_equal(sm.locs[2], "https://a.lv/zinas");
    ea_sitemap_release(&sm);
}

static void test_index(void **state)
{
    (void)state;
    const char *x = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    "<sitemap><loc>https://a.lv/s1.xml</loc><lastmod>2026-01-01</lastmod>"
                    "</sitemap><sitemap><loc>https://a.lv/s2.xml.gz</loc></sitemap>"
                    "</sitemapindex>";
    struct ea_sitemap sm;
    assert_int_equal(ea_sitemap_parse(x, strlen(x), 0, &sm), EA_OK);
    assert_true(sm.index);
    assert_int_equal(sm.nlocs, 2);
    assert_string_equal(sm.locs[1], "https://a.lv/s2.xml.gz");
    ea_sitemap_release(&sm);
}

static void test_gzip(void **state)
{
    (void)state;
    size_t n;
    char *gz = ea_test_gzip(URLSET, strlen(URLSET), &n);
    struct ea_sitemap sm;
    assert_int_equal(ea_sitemap_parse(gz, n, 0, &sm), EA_OK);
    assert_int_equal(sm.nlocs, 3);
    assert_string_equal(sm.locs[2], "https://a.lv/zinas");
    ea_sitemap_release(&sm);
    free(gz);
}

/* A million URLs: only max_urls are kept and the rest is reported cut. */
static void test_cap(void **state)
{
    (void)state;
    struct ea_buf b = EA_BUF_INIT(64u * 1024 * 1024);
    ea_buf_add(&b, "<urlset>");
    for (unsigned i = 0; i < 1000000; i++)
        ea_buf_addf(&b, "<url><loc>https://a.lv/p%u</loc></url>", i);
    ea_buf_add(&b, "</urlset>");
    size_t n;
    char *gz = ea_test_gzip(b.buf, b.len, &n);
    struct ea_sitemap sm;
    assert_int_equal(ea_sitemap_parse(gz, n, 100, &sm), EA_OK);
    assert_int_equal(sm.nlocs, 100);
    assert_true(sm.truncated);
    ea_sitemap_release(&sm);
    /* Without a smaller cap, sitemaps.org's 50,000 (the file is > 50 MB inflated, cut too). */
    assert_int_equal(ea_sitemap_parse(gz, n, 0, &sm), EA_OK);
    assert_int_equal(sm.nlocs, EA_MAX_SITEMAP_URLS);
    assert_true(sm.truncated);
    ea_sitemap_release(&sm);
    free(gz);
    ea_buf_release(&b);
}

static void test_text_and_junk(void **state)
{
    (void)state;
    const char *t = "https://a.lv/a\nhttps://a.lv/b\r\nnot a url\n";
    struct ea_sitemap sm;
    assert_int_equal(ea_sitemap_parse(t, strlen(t), 0, &sm), EA_OK);
    assert_int_equal(sm.nlocs, 2);
    assert_string_equal(sm.locs[1], "https://a.lv/b");
    ea_sitemap_release(&sm);
    const char *html = "<!doctype html><html><body>404</body></html>";
    assert_int_equal(ea_sitemap_parse(html, strlen(html), 0, &sm), EA_PARSE);
    assert_int_equal(sm.nlocs, 0);
    const char *bad = "<urlset><url><loc>https://a.lv/ok</loc></url><url><loc>broken";
    assert_int_equal(ea_sitemap_parse(bad, strlen(bad), 0, &sm), EA_OK);
    assert_int_equal(sm.nlocs, 1);
    ea_sitemap_release(&sm);
    /* An external entity is not fetched or expanded. */
    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE u [<!ENTITY e SYSTEM "
                      "\"file:///etc/passwd\">]><urlset><url><loc>https://a.lv/&e;</loc></url>"
                      "</urlset>";
    assert_int_equal(ea_sitemap_parse(xxe, strlen(xxe), 0, &sm), EA_OK);
    for (size_t i = 0; i < sm.nlocs; i++)
        assert_null(strstr(sm.locs[i], "root:"));
    ea_sitemap_release(&sm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urlset),        cmocka_unit_test(test_index),
        cmocka_unit_test(test_gzip),          cmocka_unit_test(test_cap),
        cmocka_unit_test(test_text_and_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

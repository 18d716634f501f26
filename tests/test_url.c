/* test_url — canonical URLs, site scope and the pieces robots.txt reads (crawler/url.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crawler/digest.h"
#include "crawler/links.h"
#include "crawler/url.h"

static void expect_canon(const char *base, const char *href, const char *want)
{
    char *got = ea_url_canon(base, href);
    if (!want) {
        if (got)
            fail_msg("'%s' + '%s' gave '%s', want none", base ? base : "-", href, got);
        return;
    }
    if (got && strcmp(got, want))
        fail_msg("'%s' + '%s' gave '%s', want '%s'", base ? base : "-", href, got, want);
    if (!got)
        fail_msg("'%s' + '%s' gave none, want '%s'", base ? base : "-", href, want);
    assert_string_equal(got, want);
    free(got);
}

static void test_canon(void **state)
{
    (void)state;
    const char *b = "https://www.vid.gov.lv/lv/par/index.html?x=1#top";
    expect_canon(NULL, "HTTP://WWW.Example.LV:80/a/./b/../c#frag", "http://www.example.lv/a/c");
    expect_canon(NULL, "https://example.lv:443", "https://example.lv/");
    expect_canon(NULL, "https://example.lv:8443/x", "https://example.lv:8443/x");
    expect_canon(b, "kontakti", "https://www.vid.gov.lv/lv/par/kontakti");
    expect_canon(b, "../zinas/?p=2", "https://www.vid.gov.lv/lv/zinas/?p=2");
    expect_canon(b, "/", "https://www.vid.gov.lv/");
    expect_canon(b, "#main", "https://www.vid.gov.lv/lv/par/index.html?x=1");
    expect_canon(b, "", "https://www.vid.gov.lv/lv/par/index.html?x=1");
    expect_canon(b, "?y=2#z", "https://www.vid.gov.lv/lv/par/index.html?y=2");
    expect_canon(b, "//cdn.example.com/a", "https://cdn.example.com/a");
    expect_canon(b, "  /spaced  ", "https://www.vid.gov.lv/spaced");
    /* %-encoding: unreserved decoded, the rest upper-case hex; non-ASCII encoded. */
    expect_canon(NULL, "http://a.lv/%7euser/%2fx%3a", "http://a.lv/~user/%2Fx%3A");
    expect_canon(NULL,
                 "http://a.lv/zi\xc5\x86"
                 "as",
                 "http://a.lv/zi%C5%86as");
    expect_canon(NULL, "http://a.lv/a%41b", "http://a.lv/aAb");
    /* Not pages: other schemes, nonsense, too long. */
    expect_canon(b, "mailto:info@vid.gov.lv", NULL);
    expect_canon(b, "tel:+37167120000", NULL);
    expect_canon(b, "javascript:void(0)", NULL);
    expect_canon(b, "data:text/html,hi", NULL);
    expect_canon(b, "ftp://files.vid.gov.lv/", NULL);
    expect_canon(NULL, "relative/only", NULL);
    char *huge = malloc(3000);
    memset(huge, 'a', 2999);
    huge[2999] = '\0';
    memcpy(huge, "http://a.lv/", 12);
    expect_canon(NULL, huge, NULL);
    free(huge);
}

static void test_site(void **state)
{
    (void)state;
    char *h = ea_url_site_host("https://WWW.VID.gov.lv:8443/x");
    assert_string_equal(h, "vid.gov.lv");
    free(h);
    h = ea_url_site_host("http://www./");
    assert_non_null(h);
    free(h);
    assert_true(ea_url_in_site("http://vid.gov.lv/a", "vid.gov.lv"));
    assert_true(ea_url_in_site("https://www.vid.gov.lv:444/a", "vid.gov.lv"));
    assert_false(ea_url_in_site("https://eds.vid.gov.lv/", "vid.gov.lv"));
    assert_false(ea_url_in_site("https://vid.gov.lv.evil.com/", "vid.gov.lv"));
    assert_false(ea_url_in_site("mailto:x@vid.gov.lv", "vid.gov.lv"));
}

static void test_parts(void **state)
{
    (void)state;
    char *p = ea_url_path_query("https://a.lv/x/y?q=1");
    assert_string_equal(p, "/x/y?q=1");
    free(p);
    p = ea_url_path_query("https://a.lv");
    assert_string_equal(p, "/");
    free(p);
    p = ea_url_path_query("https://a.lv?q");
    assert_string_equal(p, "/?q");
    free(p);
    p = ea_url_origin("https://a.lv:8080/x?y");
    assert_string_equal(p, "https://a.lv:8080");
    free(p);
    assert_null(ea_url_origin("nothing"));
}

/* FIPS 180-4 examples, and lengths around the padding boundary against known digests. */
static void test_sha256(void **state)
{
    (void)state;
    char h[EA_SHA256_HEX];
    ea_sha256_hex("", 0, h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ea_sha256_hex("abc", 3, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ea_sha256_hex(m, strlen(m), h);
    assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char a[1000];
    memset(a, 'a', sizeof(a));
    ea_sha256_hex(a, 1000, h);
    assert_string_equal(h, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

/* A page's stylesheets in document order: <link rel=stylesheet> targets (not alternate ones)
 * and its <style> elements' @import rules, resolved against <base>, each with its media. */
static void test_stylesheets(void **state)
{
    (void)state;
    static const char html[] = "<html><head><base href=\"https://a.lv/x/\">"
                               "<style>@import url(one.css) screen;</style>"
                               "<link rel=\"stylesheet\" href=\"two.css\">"
                               "<link rel=\"alternate stylesheet\" href=\"alt.css\">"
                               "<link rel=\"stylesheet\" media=\"print\" href=\"/p.css\">"
                               "<style media=\"print\">@import \"never.css\";</style>"
                               "<template><style>@import \"nor.css\";</style></template>"
                               "<style>a { color: red } @import \"late.css\";</style>"
                               "<style>@import \"p2.css\" print;</style>"
                               "<style media=\"(monochrome)\">@import \"m.css\";</style>"
                               "</head><body><style>@import '../three.css';</style></body></html>";
    struct ea_doc *doc = NULL;
    assert_int_equal(ea_doc_parse(html, strlen(html), "https://a.lv/", &doc), EA_OK);
    struct ea_links l = { 0 };
    ea_links_stylesheets(doc, "https://a.lv/", &l);
    /* A <style>'s media and its @import's count together; an import for print is none. */
    static const struct {
        const char *url, *name;
        bool imported;
        enum ea_css_media media;
    } want[] = {
        { "https://a.lv/x/one.css", "screen", true, EA_CSS_MEDIA_YES },
        { "https://a.lv/x/two.css", "", false, EA_CSS_MEDIA_YES },
        { "https://a.lv/p.css", "print", false, EA_CSS_MEDIA_NO },
        { "https://a.lv/x/m.css", "", true, EA_CSS_MEDIA_MAYBE },
        { "https://a.lv/three.css", "", true, EA_CSS_MEDIA_YES },
    };
    assert_int_equal(l.len, EA_ARRAY_LEN(want));
    for (size_t i = 0; i < l.len; i++) {
        assert_string_equal(l.v[i].url, want[i].url);
        assert_string_equal(l.v[i].name, want[i].name);
        assert_int_equal(l.v[i].imported, want[i].imported);
        assert_int_equal(l.v[i].media, want[i].media);
    }
    ea_links_release(&l);
    ea_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canon),       cmocka_unit_test(test_site),
        cmocka_unit_test(test_parts),       cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_stylesheets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

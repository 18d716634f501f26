/* test_robots — robots.txt under RFC 9309 with Google's readings (crawler/robots.c): group
 * selection, longest match, Allow on a tie, '*' and '$', encodings, line endings, caps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/limits.h"
#include "crawler/robots.h"

/* One assertion: robots.txt text, agent, path and the verdict. */
struct rcase {
    const char *txt;
    const char *agent;
    const char *path;
    bool allowed;
};

static const struct rcase cases[] = {
    /* Empty file, empty agent: everything allowed. */
    { "", "FooBot", "/", true },
    { "user-agent: *\ndisallow: /\n", "", "/x", false },
    /* Group selection by product token, case-insensitive; "*" only without a match. */
    { "user-agent: FooBot\ndisallow: /\n", "FooBot", "/x/y", false },
    { "user-agent: FooBot\ndisallow: /\n", "foobot/2.1 (+http://x)", "/x", false },
    { "user-agent: FooBot\ndisallow: /\n", "BarBot", "/x", true },
    { "user-agent: *\ndisallow: /\nuser-agent: FooBot\nallow: /\n", "FooBot", "/x", true },
    { "user-agent: *\ndisallow: /\nuser-agent: FooBot\nallow: /\n", "BarBot", "/x", false },
    { "user-agent: FooBot\nuser-agent: BarBot\ndisallow: /x\n", "BarBot", "/x", false },
    { "user-agent: Foo Bar\ndisallow: /\n", "Foo", "/x", false },
    { "user-agent: * baz\ndisallow: /\n", "Foo", "/x", false },
    /* Blank lines do not end a group; rules before any user-agent are ignored. */
    { "user-agent: FooBot\n\ndisallow: /\n", "FooBot", "/x", false },
    { "disallow: /\nuser-agent: FooBot\nallow: /y\n", "FooBot", "/x", true },
    /* Groups for one agent are merged. */
    { "user-agent: FooBot\ndisallow: /a\nuser-agent: BarBot\ndisallow: /b\n"
      "user-agent: FooBot\ndisallow: /c\n",
      "FooBot", "/c/1", false },
    { "user-agent: FooBot\ndisallow: /a\nuser-agent: BarBot\ndisallow: /b\n"
      "user-agent: FooBot\ndisallow: /c\n",
      "FooBot", "/b", true },
    /* Sitemap and unknown lines do not close the agent lines. */
    { "user-agent: FooBot\nsitemap: http://x/s.xml\nuser-agent: BarBot\ndisallow: /\n", "FooBot",
      "/x", false },
    /* Field names any case, a missing colon accepted, typos. */
    { "USER-AGENT: FooBot\nDisAllow: /x\n", "FooBot", "/x", false },
    { "user-agent FooBot\ndisallow /x\n", "FooBot", "/x", false },
    { "useragent: FooBot\ndisalow: /x\n", "FooBot", "/x", false },
    /* Paths are case-sensitive. */
    { "user-agent: *\ndisallow: /X\n", "FooBot", "/x", true },
    /* Longest match wins; a tie goes to allow. */
    { "user-agent: *\ndisallow: /a\nallow: /a/b\n", "FooBot", "/a/b/c", true },
    { "user-agent: *\nallow: /a\ndisallow: /a/b\n", "FooBot", "/a/b/c", false },
    { "user-agent: *\nallow: /page\ndisallow: /page\n", "FooBot", "/page", true },
    { "user-agent: *\nallow: /page\ndisallow: /*.html\n", "FooBot", "/page.html", false },
    { "user-agent: *\nallow: /$\ndisallow: /\n", "FooBot", "/", true },
    { "user-agent: *\nallow: /$\ndisallow: /\n", "FooBot", "/x", false },
    /* Empty disallow matches nothing. */
    { "user-agent: *\ndisallow:\n", "FooBot", "/x", true },
    /* Wildcards and the end anchor. */
    { "user-agent: *\ndisallow: /fish*\n", "FooBot", "/fishheads", false },
    { "user-agent: *\ndisallow: /fish\n", "FooBot", "/fish.php?id=1", false },
    { "user-agent: *\ndisallow: /*.php\n", "FooBot", "/folder/filename.php?p=1", false },
    { "user-agent: *\ndisallow: /*.php$\n", "FooBot", "/filename.php?p=1", true },
    { "user-agent: *\ndisallow: /*.php$\n", "FooBot", "/filename.php", false },
    { "user-agent: *\ndisallow: /fish*.php\n", "FooBot", "/fishheads/catfish.php?p=1", false },
    { "user-agent: *\ndisallow: /fish*.php\n", "FooBot", "/Fish.PHP", true },
    { "user-agent: *\ndisallow: /*?\n", "FooBot", "/a?b=1", false },
    { "user-agent: *\ndisallow: /*?\n", "FooBot", "/a", true },
    /* Comments. */
    { "user-agent: *\ndisallow: /x # not /y\n", "FooBot", "/x", false },
    { "user-agent: *\ndisallow: /x # not /y\n", "FooBot", "/y", true },
    /* Encoding: non-ASCII in a pattern is %-encoded; %xx compared upper-case; %-encoded
     * letters are not the letters. */
    { "user-agent: *\ndisallow: /zi\xc5\x86"
      "as\n",
      "FooBot", "/zi%C5%86as", false },
    { "user-agent: *\ndisallow: /a%3c\n", "FooBot", "/a%3C", false },
    { "user-agent: *\ndisallow: /baz\n", "FooBot", "/%62%61%7A", true },
    /* Google: Allow /dir/index.html also allows /dir/. */
    { "user-agent: *\ndisallow: /\nallow: /d/index.html\n", "FooBot", "/d/", true },
    { "user-agent: *\ndisallow: /\nallow: /d/index.html\n", "FooBot", "/d/x", false },
    /* Line endings and a BOM. */
    { "user-agent: *\r\ndisallow: /x\r\n", "FooBot", "/x", false },
    { "user-agent: *\rdisallow: /x\r", "FooBot", "/x", false },
    { "\xEF\xBB\xBFuser-agent: *\ndisallow: /x\n", "FooBot", "/x", false },
    { "\xEF\xBBuser-agent: *\ndisallow: /x\n", "FooBot", "/x", false },
    /* /robots.txt is always allowed; an empty path is "/". */
    { "user-agent: *\ndisallow: /\n", "FooBot", "/robots.txt", true },
    { "user-agent: *\ndisallow: /\n", "FooBot", "", false },
    /* An HTML page served as robots.txt has no rules. */
    { "<!doctype html><html><body><p>Disallow everything!</p></body></html>", "FooBot", "/x",
      true },
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct rcase *c = &cases[i];
        struct ea_robots *r = ea_robots_parse(c->txt, strlen(c->txt));
        bool got = ea_robots_allowed(r, c->agent, c->path);
        ea_robots_free(r);
        if (got != c->allowed)
            fail_msg("case %zu: agent '%s' path '%s': got %s", i, c->agent, c->path,
                     got ? "allowed" : "disallowed");
    }
}

static void test_status(void **state)
{
    (void)state;
    struct ea_robots *r = ea_robots_new_all(true);
    assert_true(ea_robots_allowed(r, "eaudit", "/x"));
    assert_false(ea_robots_unreachable(r));
    ea_robots_free(r);
    r = ea_robots_new_all(false);
    assert_false(ea_robots_allowed(r, "eaudit", "/x"));
    assert_true(ea_robots_allowed(r, "eaudit", "/robots.txt"));
    assert_true(ea_robots_unreachable(r));
    ea_robots_free(r);
}

static void test_delay_sitemaps(void **state)
{
    (void)state;
    const char *t = "Sitemap: https://a.lv/s1.xml\nuser-agent: eaudit\ncrawl-delay: 2.5\n"
                    "disallow: /private\nuser-agent: *\ncrawl-delay: 9\n"
                    "sitemap:https://a.lv/s2.xml.gz # two\n";
    struct ea_robots *r = ea_robots_parse(t, strlen(t));
    assert_true(ea_robots_crawl_delay(r, "eaudit/1.0") == 2.5);
    assert_true(ea_robots_crawl_delay(r, "other") == 9);
    assert_int_equal(ea_robots_nsitemaps(r), 2);
    assert_string_equal(ea_robots_sitemap(r, 0), "https://a.lv/s1.xml");
    assert_string_equal(ea_robots_sitemap(r, 1), "https://a.lv/s2.xml.gz");
    assert_null(ea_robots_sitemap(r, 2));
    assert_false(ea_robots_sitemaps_cut(r));
    ea_robots_free(r);
    /* EA_MAX_SITEMAPS kept, the one more said cut */
    struct ea_buf many = EA_BUF_INIT(1 << 16);
    for (int i = 0; i <= EA_MAX_SITEMAPS; i++)
        ea_buf_addf(&many, "Sitemap: https://a.lv/s%d.xml\n", i);
    r = ea_robots_parse(many.buf, many.len);
    assert_int_equal(ea_robots_nsitemaps(r), EA_MAX_SITEMAPS);
    assert_true(ea_robots_sitemaps_cut(r));
    ea_robots_free(r);
    ea_buf_release(&many);
    r = ea_robots_parse("user-agent: *\ndisallow: /\n", 26);
    assert_true(ea_robots_crawl_delay(r, "eaudit") < 0);
    ea_robots_free(r);
}

/* Only the first EA_MAX_ROBOTS bytes count: a rule after them is not read. A long
 * wildcard path does not make matching slow (no backtracking). */
static void test_caps(void **state)
{
    (void)state;
    size_t pad = EA_MAX_ROBOTS + 10;
    const char *head = "user-agent: *\n";
    const char *tail = "\ndisallow: /late\n";
    char *t = malloc(strlen(head) + pad + strlen(tail) + 1);
    memcpy(t, head, strlen(head));
    memset(t + strlen(head), '#', pad);
    memcpy(t + strlen(head) + pad, tail, strlen(tail) + 1);
    struct ea_robots *r = ea_robots_parse(t, strlen(t));
    assert_true(ea_robots_allowed(r, "x", "/late"));
    ea_robots_free(r);
    free(t);

    const char *w = "user-agent: *\ndisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*b$\n";
    r = ea_robots_parse(w, strlen(w));
    char path[2001];
    path[0] = '/';
    memset(path + 1, 'a', 1999);
    path[2000] = '\0';
    assert_true(ea_robots_allowed(r, "x", path));
    path[1999] = 'b';
    assert_false(ea_robots_allowed(r, "x", path));
    ea_robots_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_delay_sitemaps),
        cmocka_unit_test(test_caps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* core/seeds: SPEC §2. Bad lines are reported with their line number; the rest is kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/seeds.h"

static void parse(const char *text, struct ea_seeds *s, struct ea_buf *err)
{
    ea_seeds_parse(text, strlen(text), "seeds.txt", s, err);
}

static void test_plain_urls(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    struct ea_buf err = EA_BUF_INIT(4096);
    parse("# comment\n\nhttps://www.mod.gov.lv\r\n  http://Example.LV:8080/x  \n", &s, &err);
    assert_string_equal(err.buf, "");
    assert_int_equal(s.len, 2);
    assert_string_equal(s.v[0].id, "mod-gov-lv");
    assert_string_equal(s.v[0].url, "https://www.mod.gov.lv");
    assert_int_equal(s.v[0].line, 3);
    assert_null(s.v[0].name);
    assert_string_equal(s.v[1].id, "example-lv");
    assert_string_equal(s.v[1].url, "http://Example.LV:8080/x");
    ea_seeds_release(&s);
    ea_buf_release(&err);
}

static void test_header_columns(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    struct ea_buf err = EA_BUF_INIT(4096);
    parse("id\tname_lv\ttype\tparent\turl\textra\n"
          "am\tAizsardzības ministrija\tministry\t-\thttps://www.mod.gov.lv\tignored\n"
          "vid\tValsts ieņēmumu dienests\tinstitution\tfm\thttps://www.vid.gov.lv\n",
          &s, &err);
    assert_string_equal(err.buf, "");
    assert_int_equal(s.len, 2);
    assert_string_equal(s.v[0].id, "am");
    assert_string_equal(s.v[0].name, "Aizsardzības ministrija");
    assert_string_equal(s.v[0].type, "ministry");
    assert_null(s.v[0].parent); /* "-" means none */
    assert_string_equal(s.v[1].parent, "fm");
    assert_string_equal(s.v[1].url, "https://www.vid.gov.lv");
    ea_seeds_release(&s);
    ea_buf_release(&err);
}

static void test_columns_in_any_order(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    struct ea_buf err = EA_BUF_INIT(4096);
    parse("id\turl\tname\n"
          "x\thttps://x.lv\tIks\n"
          "\thttps://www.y.lv\t\n",
          &s, &err);
    assert_string_equal(err.buf, "");
    assert_int_equal(s.len, 2);
    assert_string_equal(s.v[0].name, "Iks");
    assert_string_equal(s.v[1].id, "y-lv"); /* empty id: made from the host */
    ea_seeds_release(&s);
    ea_buf_release(&err);
}

static void test_bad_lines_reported_rest_kept(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    struct ea_buf err = EA_BUF_INIT(4096);
    parse("id\tname_lv\ttype\tparent\turl\n"         /* 1 */
          "a\tA\tministry\t-\thttps://a.lv\n"        /* 2 ok */
          "b\tB\tministry\t-\tftp://b.lv\n"          /* 3 scheme */
          "c\tC\tagency\t-\thttps://c.lv\n"          /* 4 type */
          "a\tA again\tministry\t-\thttps://a2.lv\n" /* 5 duplicate id */
          "d\tD\tministry\t-\t\n"                    /* 6 no url */
          "e f\tE\tinstitution\t-\thttps://e.lv\n"   /* 7 bad id */
          "g\tG\tinstitution\t-\thttps:///nohost\n"  /* 8 no host */
          "h\tH\t\xff\xfe\t-\thttps://h.lv\n"        /* 9 not UTF-8 */
          "i\tI\tinstitution\t-\thttps://i.lv/a b\n" /* 10 space */
          "j\tJ\tinstitution\t-\thttps://j.lv\n",    /* 11 ok */
          &s, &err);
    assert_int_equal(s.len, 2);
    assert_string_equal(s.v[0].id, "a");
    assert_string_equal(s.v[1].id, "j");
    assert_int_equal(s.v[1].line, 11);
    const char *want[] = {
        "seeds.txt:3: 'ftp://b.lv' is not an http:// or https:// URL; skipped",
        "seeds.txt:4: type 'agency' is neither 'ministry' nor 'institution'; skipped",
        "seeds.txt:5: id 'a' is already used on line 2; skipped",
        "seeds.txt:6: no url in column 5; skipped",
        "seeds.txt:7: id 'e f' may hold only",
        "seeds.txt:8: 'https:///nohost' has no host name; skipped",
        "seeds.txt:9: not valid UTF-8",
        "seeds.txt:10: 'https://i.lv/a b' contains spaces",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        if (!strstr(err.buf, want[i]))
            fail_msg("missing message '%s' in:\n%s", want[i], err.buf);
    }
    size_t lines = 0;
    for (const char *p = err.buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 8);
    ea_seeds_release(&s);
    ea_buf_release(&err);
}

static void test_fields_without_header(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    struct ea_buf err = EA_BUF_INIT(4096);
    parse("am\thttps://www.mod.gov.lv\nhttps://ok.lv\n", &s, &err);
    assert_int_equal(s.len, 1);
    assert_non_null(strstr(err.buf, "seeds.txt:1: 2 tab-separated fields but no header"));
    ea_seeds_release(&s);
    ea_buf_release(&err);
}

static void test_bom_and_long_line(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    struct ea_buf err = EA_BUF_INIT(4096);
    char text[6000];
    size_t n = (size_t)snprintf(text, sizeof(text), "\xEF\xBB\xBFhttps://a.lv\nhttps://b.lv/");
    memset(text + n, 'x', 5000);
    memcpy(text + n + 5000, "\nhttps://c.lv", 14);
    parse(text, &s, &err);
    assert_int_equal(s.len, 2);
    assert_string_equal(s.v[0].url, "https://a.lv");
    assert_string_equal(s.v[1].url, "https://c.lv");
    assert_non_null(strstr(err.buf, "seeds.txt:2: line longer than"));
    ea_seeds_release(&s);
    ea_buf_release(&err);
}

static void test_load_missing_file(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    size_t nbad = 0;
    assert_int_equal(ea_seeds_load("/nonexistent/seeds.txt", &s, &nbad), EA_IO);
    assert_int_equal(s.len, 0);
}

static void test_repository_seeds_file(void **state)
{
    (void)state;
    struct ea_seeds s = { 0 };
    size_t nbad = 99;
    assert_int_equal(ea_seeds_load(EA_FIXTURES "/../../seeds.txt", &s, &nbad), EA_OK);
    assert_int_equal(nbad, 0);
    assert_true(s.len >= 100);
    assert_string_equal(s.v[0].id, "am");
    assert_string_equal(s.v[0].type, "ministry");
    ea_seeds_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_urls),
        cmocka_unit_test(test_header_columns),
        cmocka_unit_test(test_columns_in_any_order),
        cmocka_unit_test(test_bad_lines_reported_rest_kept),
        cmocka_unit_test(test_fields_without_header),
        cmocka_unit_test(test_bom_and_long_line),
        cmocka_unit_test(test_load_missing_file),
        cmocka_unit_test(test_repository_seeds_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

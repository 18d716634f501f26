/* test_charset — encoding sniffing and decoding to UTF-8 (crawler/charset.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/limits.h"
#include "core/xalloc.h"
#include "crawler/charset.h"

/* The Latvian letters with diacritics, small then capital, as windows-1257 (and
 * iso-8859-13, which puts them at the same bytes) and as UTF-8. */
#define LV_1257                                                                                    \
    "\xE2\xE8\xE7\xEC\xEE\xED\xEF\xF2\xF0\xFB\xFE \xC2\xC8\xC7\xCC\xCE\xCD\xCF\xD2\xD0\xDB\xDE"
#define LV_UTF8 "āčēģīķļņšūž ĀČĒĢĪĶĻŅŠŪŽ"

#define PAGE_HEAD "<!doctype html><html lang=lv><head><title>t</title></head><body><p>"
#define PAGE_TAIL "</p></body></html>"

/* Strict UTF-8 validation, independent of the decoder's own. */
static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 4;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (i + k > n)
            return false;
        for (size_t j = 1; j < k; j++) {
            if ((p[i + j] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + j] & 0x3Fu);
        }
        if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += k;
    }
    return true;
}

static struct ea_decoded decode(const char *bytes, size_t len, const char *ctype)
{
    struct ea_decoded d;
    assert_int_equal(ea_charset_decode(bytes, len, ctype, &d), EA_OK);
    assert_non_null(d.utf8);
    assert_int_equal(strlen(d.utf8), d.len); /* no stray NUL in these inputs */
    assert_true(valid_utf8(d.utf8, d.len));
    assert_non_null(d.encoding);
    return d;
}

static void check_lv(const struct ea_decoded *d)
{
    assert_non_null(strstr(d->utf8, "<p>" LV_UTF8 "</p>"));
}

static void test_default_1257(void **state)
{
    (void)state;
    static const char page[] = PAGE_HEAD LV_1257 PAGE_TAIL;
    struct ea_decoded d = decode(page, sizeof(page) - 1, NULL);
    assert_string_equal(d.encoding, "windows-1257");
    assert_int_equal(d.source, EA_CHARSET_DEFAULT);
    assert_int_equal(d.replaced, 0);
    assert_null(d.unknown_label);
    check_lv(&d);
    ea_decoded_release(&d);

    /* A Content-Type without a charset is no label either. */
    d = decode(page, sizeof(page) - 1, "text/html");
    assert_int_equal(d.source, EA_CHARSET_DEFAULT);
    check_lv(&d);
    ea_decoded_release(&d);
}

static void test_http_charset(void **state)
{
    (void)state;
    static const char page[] = PAGE_HEAD LV_1257 PAGE_TAIL;
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=windows-1257");
    assert_string_equal(d.encoding, "windows-1257");
    assert_int_equal(d.source, EA_CHARSET_HTTP);
    check_lv(&d);
    ea_decoded_release(&d);

    /* Quotes, case and spaces; the cp1257 alias. */
    d = decode(page, sizeof(page) - 1, "Text/HTML ;  CharSet = \"CP1257\" ");
    assert_string_equal(d.encoding, "windows-1257");
    assert_int_equal(d.source, EA_CHARSET_HTTP);
    check_lv(&d);
    ea_decoded_release(&d);

    /* The HTTP label beats a meta that says otherwise. */
    static const char meta[] = "<meta charset=utf-8>" PAGE_HEAD LV_1257 PAGE_TAIL;
    d = decode(meta, sizeof(meta) - 1, "text/html;charset=x-cp1257");
    assert_int_equal(d.source, EA_CHARSET_HTTP);
    check_lv(&d);
    ea_decoded_release(&d);
}

static void test_meta_charset(void **state)
{
    (void)state;
    static const char page[] =
        "<!doctype html><html><head><!-- <meta charset=koi8-r> -->"
        "<META  Charset = 'Windows-1257' ><title>t</title></head><body><p>" LV_1257 PAGE_TAIL;
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html");
    assert_string_equal(d.encoding, "windows-1257");
    assert_int_equal(d.source, EA_CHARSET_META);
    check_lv(&d);
    ea_decoded_release(&d);

    static const char equiv[] =
        "<html><head><meta name=x content='charset=koi8-r'>"
        "<meta content=\"text/html; charset=iso-8859-13\" HTTP-EQUIV=\"Content-Type\">"
        "</head><body><p>" LV_1257 "\xB4" PAGE_TAIL;
    d = decode(equiv, sizeof(equiv) - 1, NULL);
    assert_string_equal(d.encoding, "iso-8859-13");
    assert_int_equal(d.source, EA_CHARSET_META);
    assert_non_null(strstr(d.utf8, "<p>" LV_UTF8 "\xE2\x80\x9C</p>")); /* 0xB4 is U+201C */
    ea_decoded_release(&d);

    /* meta charset=utf-16 means UTF-8: the page was read as ASCII to find it. */
    static const char u16[] = "<meta charset=utf-16><p>" LV_UTF8 "</p>";
    d = decode(u16, sizeof(u16) - 1, NULL);
    assert_string_equal(d.encoding, "utf-8");
    check_lv(&d);
    ea_decoded_release(&d);
}

static void test_iso_8859_13(void **state)
{
    (void)state;
    static const char page[] = PAGE_HEAD LV_1257 "\xB4" PAGE_TAIL;
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=ISO-8859-13");
    assert_string_equal(d.encoding, "iso-8859-13");
    assert_non_null(strstr(d.utf8, "<p>" LV_UTF8 "\xE2\x80\x9C</p>"));
    ea_decoded_release(&d);

    /* The same bytes as windows-1257: 0xB4 is an acute accent there. */
    d = decode(page, sizeof(page) - 1, NULL);
    assert_non_null(strstr(d.utf8, "<p>" LV_UTF8 "\xC2\xB4</p>"));
    ea_decoded_release(&d);
}

static void test_bom_utf8(void **state)
{
    (void)state;
    static const char page[] = "\xEF\xBB\xBF" PAGE_HEAD LV_UTF8 PAGE_TAIL;
    /* The BOM beats the HTTP label. */
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=windows-1257");
    assert_string_equal(d.encoding, "utf-8");
    assert_int_equal(d.source, EA_CHARSET_BOM);
    assert_int_equal(d.replaced, 0);
    assert_memory_equal(d.utf8, "<!doctype", 9); /* BOM stripped */
    check_lv(&d);
    ea_decoded_release(&d);
}

static void test_sniff_utf8(void **state)
{
    (void)state;
    static const char page[] = PAGE_HEAD LV_UTF8 PAGE_TAIL;
    struct ea_decoded d = decode(page, sizeof(page) - 1, NULL);
    assert_string_equal(d.encoding, "utf-8");
    assert_int_equal(d.source, EA_CHARSET_SNIFF);
    check_lv(&d);
    ea_decoded_release(&d);

    /* Pure ASCII stays the default (it reads the same either way). */
    d = decode("<p>hello</p>", 12, NULL);
    assert_int_equal(d.source, EA_CHARSET_DEFAULT);
    assert_string_equal(d.utf8, "<p>hello</p>");
    ea_decoded_release(&d);
}

static void test_utf16le_bom(void **state)
{
    (void)state;
    /* "<p>ā Ž</p>" in UTF-16LE after a BOM. */
    static const char page[] = "\xFF\xFE<\0p\0>\0\x01\x01 \0\x7D\x01<\0/\0p\0>\0";
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=windows-1257");
    assert_string_equal(d.encoding, "utf-16le");
    assert_int_equal(d.source, EA_CHARSET_BOM);
    assert_string_equal(d.utf8, "<p>ā Ž</p>");
    ea_decoded_release(&d);

    static const char be[] = "\xFE\xFF\0<\0p\0>\x01\x01";
    d = decode(be, sizeof(be) - 1, NULL);
    assert_string_equal(d.encoding, "utf-16be");
    assert_string_equal(d.utf8, "<p>ā");
    ea_decoded_release(&d);
}

static void test_latin1_is_1252(void **state)
{
    (void)state;
    /* 0x80 is the euro sign in windows-1252 but a C1 control in real ISO-8859-1. */
    static const char page[] = "<p>\x80 \xE2</p>";
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=latin1");
    assert_string_equal(d.encoding, "windows-1252");
    assert_string_equal(d.utf8, "<p>€ â</p>");
    ea_decoded_release(&d);

    assert_string_equal(ea_charset_lookup("ISO-8859-1", 10), "windows-1252");
    assert_string_equal(ea_charset_lookup(" us-ascii\t", 10), "windows-1252");
    assert_string_equal(ea_charset_lookup("ascii", 5), "windows-1252");
    assert_string_equal(ea_charset_lookup("cp1257", 6), "windows-1257");
    assert_string_equal(ea_charset_lookup("UTF8", 4), "utf-8");
    assert_string_equal(ea_charset_lookup("latin4", 6), "iso-8859-4");
    assert_string_equal(ea_charset_lookup("Shift_JIS", 9), "shift_jis");
    assert_string_equal(ea_charset_lookup("utf-8xyz", 5), "utf-8"); /* len is honoured */
    assert_null(ea_charset_lookup("klingon", 7));
    assert_null(ea_charset_lookup("", 0));
    assert_null(ea_charset_lookup("   ", 3));
    assert_null(ea_charset_lookup(NULL, 0));
}

static void test_unknown_label(void **state)
{
    (void)state;
    static const char page[] = "<meta charset=x-klingon><p>" LV_1257 "</p>";
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=x-elvish");
    /* Both labels are ignored; the first is recorded; sniffing goes on to the default. */
    assert_non_null(d.unknown_label);
    assert_string_equal(d.unknown_label, "x-elvish");
    assert_int_equal(d.source, EA_CHARSET_DEFAULT);
    assert_string_equal(d.encoding, "windows-1257");
    check_lv(&d);
    ea_decoded_release(&d);

    /* An unknown meta label is skipped and a later meta still counts. */
    static const char two[] = "<meta charset=x-klingon><meta charset=utf-8><p>" LV_UTF8 "</p>";
    d = decode(two, sizeof(two) - 1, NULL);
    assert_string_equal(d.unknown_label, "x-klingon");
    assert_int_equal(d.source, EA_CHARSET_META);
    check_lv(&d);
    ea_decoded_release(&d);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* A lone continuation byte, an overlong '/', a surrogate, a windows-1257 'ā' and a
     * 5-byte lead, all in a page declared UTF-8. */
    static const char page[] = "<p>a\x80"
                               "b\xC0\xAF"
                               "c\xED\xA0\x80"
                               "d\xE2"
                               "e\xF8\x88\x80\x80\x80"
                               "f" LV_UTF8 "</p>";
    struct ea_decoded d = decode(page, sizeof(page) - 1, "text/html; charset=utf-8");
    assert_string_equal(d.encoding, "utf-8");
    assert_int_equal(d.source, EA_CHARSET_HTTP);
    assert_true(d.replaced >= 5);
    assert_non_null(strstr(d.utf8, "a\xEF\xBF\xBD"
                                   "b"));
    assert_non_null(strstr(d.utf8, "d\xEF\xBF\xBD"
                                   "e"));
    assert_non_null(strstr(d.utf8, "f" LV_UTF8 "</p>"));
    ea_decoded_release(&d);

    /* Undefined bytes in a legacy encoding become U+FFFD too (0xA1 in windows-1257). */
    static const char legacy[] = "<p>x\xA1y</p>";
    d = decode(legacy, sizeof(legacy) - 1, "text/html; charset=windows-1257");
    assert_int_equal(d.replaced, 1);
    assert_string_equal(d.utf8, "<p>x\xEF\xBF\xBDy</p>");
    ea_decoded_release(&d);
}

static void test_truncated_multibyte(void **state)
{
    (void)state;
    /* "ž" (C5 BE) cut after its first byte at the end of a UTF-8 body: still sniffed as
     * UTF-8 (a capped body can end anywhere), and the stub becomes U+FFFD. */
    static const char page[] = "<p>" LV_UTF8 "\xC5";
    struct ea_decoded d = decode(page, sizeof(page) - 1, NULL);
    assert_string_equal(d.encoding, "utf-8");
    assert_int_equal(d.source, EA_CHARSET_SNIFF);
    assert_int_equal(d.replaced, 1);
    assert_string_equal(d.utf8, "<p>" LV_UTF8 "\xEF\xBF\xBD");
    ea_decoded_release(&d);

    /* The same with three bytes of a four-byte character, and in UTF-16 via iconv. */
    static const char four[] = "ok\xF0\x9F\x98";
    d = decode(four, sizeof(four) - 1, "text/html; charset=utf-8");
    assert_int_equal(d.replaced, 1);
    assert_string_equal(d.utf8, "ok\xEF\xBF\xBD");
    ea_decoded_release(&d);

    static const char u16[] = "\xFF\xFEo\0k\0\x01";
    d = decode(u16, sizeof(u16) - 1, NULL);
    assert_int_equal(d.replaced, 1);
    assert_string_equal(d.utf8, "ok\xEF\xBF\xBD");
    ea_decoded_release(&d);
}

static void test_empty(void **state)
{
    (void)state;
    struct ea_decoded d = decode("", 0, NULL);
    assert_int_equal(d.len, 0);
    assert_string_equal(d.utf8, "");
    assert_int_equal(d.source, EA_CHARSET_DEFAULT);
    ea_decoded_release(&d);

    d = decode(NULL, 0, "text/html; charset=utf-8");
    assert_int_equal(d.len, 0);
    assert_string_equal(d.encoding, "utf-8");
    ea_decoded_release(&d);

    /* A BOM alone. */
    d = decode("\xEF\xBB\xBF", 3, NULL);
    assert_int_equal(d.len, 0);
    assert_int_equal(d.source, EA_CHARSET_BOM);
    ea_decoded_release(&d);

    ea_decoded_release(NULL);
}

static void test_meta_after_1024_ignored(void **state)
{
    (void)state;
    size_t pad = 1100;
    const char *tail = "<meta charset=utf-8><p>" LV_1257 "</p>";
    size_t n = pad + strlen(tail);
    char *page = ea_xmalloc(n + 1);
    memcpy(page, "<html>", 6);
    memset(page + 6, ' ', pad - 6);
    memcpy(page + pad, tail, strlen(tail) + 1);
    struct ea_decoded d = decode(page, n, NULL);
    assert_int_equal(d.source, EA_CHARSET_DEFAULT);
    assert_string_equal(d.encoding, "windows-1257");
    check_lv(&d);
    ea_decoded_release(&d);

    /* Within the first 1024 bytes it counts. */
    memcpy(page + 900, tail, strlen(tail) + 1);
    d = decode(page, 900 + strlen(tail), NULL);
    assert_int_equal(d.source, EA_CHARSET_META);
    assert_string_equal(d.encoding, "utf-8");
    assert_true(d.replaced > 0); /* the bytes were windows-1257 after all */
    ea_decoded_release(&d);
    free(page);
}

static void test_source_names(void **state)
{
    (void)state;
    assert_string_equal(ea_charset_source_name(EA_CHARSET_BOM), "bom");
    assert_string_equal(ea_charset_source_name(EA_CHARSET_HTTP), "http");
    assert_string_equal(ea_charset_source_name(EA_CHARSET_META), "meta");
    assert_string_equal(ea_charset_source_name(EA_CHARSET_SNIFF), "sniff");
    assert_string_equal(ea_charset_source_name(EA_CHARSET_DEFAULT), "default");
}

static void test_big_1257(void **state)
{
    (void)state;
    /* A large legacy page grows the output buffer many times. */
    size_t reps = 50000;
    size_t unit = sizeof(LV_1257) - 1;
    char *page = ea_xmalloc(reps * unit);
    for (size_t i = 0; i < reps; i++)
        memcpy(page + i * unit, LV_1257, unit);
    struct ea_decoded d = decode(page, reps * unit, NULL);
    assert_int_equal(d.len, reps * (sizeof(LV_UTF8) - 1));
    assert_int_equal(d.replaced, 0);
    assert_memory_equal(d.utf8 + d.len - (sizeof(LV_UTF8) - 1), LV_UTF8, sizeof(LV_UTF8) - 1);
    ea_decoded_release(&d);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_1257),
        cmocka_unit_test(test_http_charset),
        cmocka_unit_test(test_meta_charset),
        cmocka_unit_test(test_iso_8859_13),
        cmocka_unit_test(test_bom_utf8),
        cmocka_unit_test(test_sniff_utf8),
        cmocka_unit_test(test_utf16le_bom),
        cmocka_unit_test(test_latin1_is_1252),
        cmocka_unit_test(test_unknown_label),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_truncated_multibyte),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_meta_after_1024_ignored),
        cmocka_unit_test(test_source_names),
        cmocka_unit_test(test_big_1257),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

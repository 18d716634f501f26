/* writers/json: the streaming JSON writer, byte for byte against jansson's json_dumps (which
 * report.json and `check --format json` were written with before), plus what jansson cannot
 * do: invalid UTF-8, misuse, flushing a long text to a FILE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writers/json.h"

static const char *const strings[] = {
    "",
    "plain",
    "quote \" and backslash \\ and slash /",
    "controls \b\f\n\r\t \x01\x1f end",
    "del \x7f stays",
    "Sabiedrības līdzdalība — “citāts” €",
    "astral \xF0\x9F\x98\x80 smile",
};
static const double reals[] = { 0, 100, 87.5, 12.3456789, -3.25, 1e20, 1e-5, 123456, 1.5e300 };

/* The same document through jansson and through the writer. */
static json_t *jansson_doc(void)
{
    json_t *root = json_object(), *arr = json_array(), *nums = json_array();
    for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++)
        json_array_append_new(arr, json_string(strings[i]));
    for (size_t i = 0; i < sizeof(reals) / sizeof(*reals); i++)
        json_array_append_new(nums, json_real(reals[i]));
    json_object_set_new(root, "strings", arr);
    json_object_set_new(root, "reals", nums);
    json_object_set_new(root, "int", json_integer(-42));
    json_object_set_new(root, "big", json_integer(9007199254740993LL));
    json_object_set_new(root, "yes", json_true());
    json_object_set_new(root, "no", json_false());
    json_object_set_new(root, "nothing", json_null());
    json_object_set_new(root, "empty_object", json_object());
    json_object_set_new(root, "empty_array", json_array());
    json_t *nested = json_object(), *inner = json_array();
    json_array_append_new(inner, json_object());
    json_array_append_new(inner, json_array());
    json_array_append_new(inner, json_integer(1));
    json_object_set_new(nested, "key \"quoted\"", inner);
    json_object_set_new(root, "nested", nested);
    return root;
}

static void writer_doc(struct ea_json *w)
{
    ea_json_object(w);
    ea_json_key(w, "strings");
    ea_json_array(w);
    for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++)
        ea_json_str(w, strings[i]);
    ea_json_end(w);
    ea_json_key(w, "reals");
    ea_json_array(w);
    for (size_t i = 0; i < sizeof(reals) / sizeof(*reals); i++)
        ea_json_real(w, reals[i], 4);
    ea_json_end(w);
    ea_json_kint(w, "int", -42);
    ea_json_kint(w, "big", 9007199254740993LL);
    ea_json_key(w, "yes");
    ea_json_bool(w, true);
    ea_json_key(w, "no");
    ea_json_bool(w, false);
    ea_json_kstr(w, "nothing", NULL);
    ea_json_key(w, "empty_object");
    ea_json_object(w);
    ea_json_end(w);
    ea_json_key(w, "empty_array");
    ea_json_array(w);
    ea_json_end(w);
    ea_json_key(w, "nested");
    ea_json_object(w);
    ea_json_key(w, "key \"quoted\"");
    ea_json_array(w);
    ea_json_object(w);
    ea_json_end(w);
    ea_json_array(w);
    ea_json_end(w);
    ea_json_int(w, 1);
    ea_json_end(w);
    ea_json_end(w);
    ea_json_end(w);
}

static void same_as_jansson(size_t flags, unsigned indent)
{
    json_t *doc = jansson_doc();
    char *want = json_dumps(doc, flags | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(doc);
    assert_non_null(want);

    struct ea_json w;
    ea_json_init(&w, NULL, indent, EA_JSON_MAX_PENDING);
    writer_doc(&w);
    assert_int_equal(ea_json_finish(&w), EA_OK);
    assert_string_equal(w.buf.buf, want);
    ea_json_release(&w);
    free(want);
}

static void test_compact_as_jansson(void **state)
{
    (void)state;
    same_as_jansson(JSON_COMPACT, 0);
}

static void test_indent_as_jansson(void **state)
{
    (void)state;
    same_as_jansson(JSON_INDENT(1), 1);
    same_as_jansson(JSON_INDENT(2), 2);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    /* jansson refuses these strings (json_string gives NULL); the writer keeps the text and
     * puts U+FFFD for each byte that starts no valid sequence. */
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "a\xFFz", "\"a\xEF\xBF\xBDz\"" },
        { "cut \xC4", "\"cut \xEF\xBF\xBD\"" },         /* sequence cut by the end */
        { "\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"" }, /* overlong '/' */
        { "\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" }, /* surrogate */
        { "\x80lone", "\"\xEF\xBF\xBDlone\"" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        struct ea_json w;
        ea_json_init(&w, NULL, 0, 1024);
        ea_json_str(&w, cases[i].in);
        assert_int_equal(ea_json_finish(&w), EA_OK);
        assert_string_equal(w.buf.buf, cases[i].out);
        json_error_t err;
        json_t *back = json_loads(w.buf.buf, JSON_DECODE_ANY, &err);
        assert_non_null(back); /* valid JSON, valid UTF-8 */
        json_decref(back);
        ea_json_release(&w);
    }
}

static void test_misuse_reported(void **state)
{
    (void)state;
    struct ea_json w;

    ea_json_init(&w, NULL, 0, 1024);
    ea_json_object(&w); /* never closed */
    assert_int_equal(ea_json_finish(&w), EA_LIMIT);
    ea_json_release(&w);

    ea_json_init(&w, NULL, 0, 1024);
    ea_json_end(&w); /* nothing open */
    assert_int_equal(ea_json_finish(&w), EA_LIMIT);
    ea_json_release(&w);

    ea_json_init(&w, NULL, 0, 1 << 16);
    for (int i = 0; i < EA_JSON_MAX_NEST + 5; i++)
        ea_json_array(&w);
    for (int i = 0; i < EA_JSON_MAX_NEST + 5; i++)
        ea_json_end(&w);
    assert_int_equal(ea_json_finish(&w), EA_LIMIT);
    ea_json_release(&w);

    ea_json_init(&w, NULL, 0, 8); /* the cap cuts the text */
    ea_json_str(&w, "longer than eight bytes");
    assert_int_equal(ea_json_finish(&w), EA_LIMIT);
    assert_true(w.buf.len <= 8);
    ea_json_release(&w);

    ea_json_init(&w, NULL, 0, 64);
    ea_json_real(&w, 0.0 / 0.0, 4); /* JSON has no NaN */
    assert_int_equal(ea_json_finish(&w), EA_OK);
    assert_string_equal(w.buf.buf, "null");
    ea_json_release(&w);
}

static void test_long_text_flushed_to_file(void **state)
{
    (void)state;
    /* Far more than EA_JSON_FLUSH: written in pieces, read back whole. */
    FILE *f = tmpfile();
    assert_non_null(f);
    struct ea_json w;
    ea_json_init(&w, f, 1, EA_JSON_MAX_PENDING);
    enum {
        N = 50000
    };
    ea_json_array(&w);
    for (int i = 0; i < N; i++) {
        ea_json_object(&w);
        ea_json_kint(&w, "i", i);
        ea_json_kstr(&w, "s", "ābc");
        ea_json_end(&w);
        assert_true(w.buf.len < EA_JSON_FLUSH + 1024); /* never holds the whole text */
    }
    ea_json_end(&w);
    assert_int_equal(ea_json_finish(&w), EA_OK);
    ea_json_release(&w);
    rewind(f);
    json_error_t err;
    json_t *back = json_loadf(f, 0, &err);
    fclose(f);
    assert_non_null(back);
    assert_int_equal(json_array_size(back), N);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(back, N - 1), "i")), N - 1);
    json_decref(back);
}

static void test_write_error_reported(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    struct ea_json w;
    ea_json_init(&w, f, 0, EA_JSON_MAX_PENDING);
    ea_json_str(&w, "anything");
    assert_int_equal(ea_json_finish(&w), EA_IO);
    ea_json_release(&w);
    fclose(f);
}

/* A memoised value reads exactly as the same value written in place, at every depth and
 * layout; its text is made once per (key, variant, depth); a function that does not write
 * one whole value is written in place and not kept. */
static unsigned entry_calls;

static void entry(struct ea_json *w, const void *arg)
{
    entry_calls++;
    ea_json_object(w);
    ea_json_kstr(w, "id", arg);
    ea_json_key(w, "tags");
    ea_json_array(w);
    ea_json_str(w, "wcag2a");
    ea_json_str(w, "wcag111");
    ea_json_end(w);
    ea_json_key(w, "nodes");
    ea_json_array(w);
    ea_json_end(w);
    ea_json_kint(w, "count", 0);
    ea_json_end(w);
}

static unsigned two_calls;

static void two_values(struct ea_json *w, const void *arg)
{
    (void)arg;
    two_calls++;
    ea_json_int(w, 1);
    ea_json_int(w, 2);
}

static unsigned nothing_calls;

static void nothing(struct ea_json *w, const void *arg)
{
    (void)w;
    (void)arg;
    nothing_calls++;
}

static void memo_doc(struct ea_json *w, bool memo)
{
    static const char *const ids[] = { "image-alt", "label" };
    ea_json_object(w);
    ea_json_key(w, "pages");
    ea_json_array(w);
    for (int page = 0; page < 3; page++) {
        ea_json_object(w);
        ea_json_key(w, "inapplicable");
        ea_json_array(w);
        for (int i = 0; i < 2; i++) {
            if (memo)
                ea_json_memo_value(w, ids[i], 0, entry, ids[i]);
            else
                entry(w, ids[i]);
        }
        ea_json_end(w);
        ea_json_end(w);
    }
    ea_json_end(w);
    ea_json_key(w, "top");
    if (memo) /* the same key at another depth: its own text */
        ea_json_memo_value(w, ids[0], 0, entry, ids[0]);
    else
        entry(w, ids[0]);
    ea_json_key(w, "pair");
    ea_json_array(w);
    if (memo)
        ea_json_memo_value(w, "two", 0, two_values, NULL);
    else
        two_values(w, NULL);
    ea_json_end(w);
    /* a function that writes no value after a key: not kept (tried each time) */
    for (int i = 0; i < 2; i++) {
        ea_json_key(w, i ? "none2" : "none1");
        if (memo)
            ea_json_memo_value(w, "none", 0, nothing, NULL);
        else
            nothing(w, NULL);
        ea_json_null(w);
    }
    ea_json_end(w);
}

static void test_memo_same_text(void **state)
{
    (void)state;
    for (unsigned indent = 0; indent <= 2; indent++) {
        struct ea_json a, b;
        ea_json_init(&a, NULL, indent, 1 << 20);
        ea_json_init(&b, NULL, indent, 1 << 20);
        memo_doc(&a, false);
        entry_calls = two_calls = nothing_calls = 0;
        memo_doc(&b, true);
        assert_int_equal(entry_calls, 3);   /* two ids in the pages, one at the top */
        assert_int_equal(two_calls, 2);     /* tried, then written in place: not kept */
        assert_int_equal(nothing_calls, 4); /* tried, then in place: twice each */
        assert_non_null(b.memo);            /* the entries were kept */
        assert_int_equal(ea_json_finish(&a), EA_OK);
        assert_int_equal(ea_json_finish(&b), EA_OK);
        assert_string_equal(a.buf.buf, b.buf.buf);
        json_error_t err;
        json_t *doc = json_loads(b.buf.buf, 0, &err);
        assert_non_null(doc);
        json_decref(doc);
        ea_json_release(&a);
        ea_json_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_as_jansson),
        cmocka_unit_test(test_indent_as_jansson),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_misuse_reported),
        cmocka_unit_test(test_long_text_flushed_to_file),
        cmocka_unit_test(test_write_error_reported),
        cmocka_unit_test(test_memo_same_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

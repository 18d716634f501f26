/* core/buf: the capped buffer every network-fed string goes through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

static void test_empty_is_valid_string(void **state)
{
    (void)state;
    struct ea_buf b = EA_BUF_INIT(10);
    assert_non_null(b.buf);
    assert_string_equal(b.buf, "");
    ea_buf_release(&b);
}

static void test_append_and_cap(void **state)
{
    (void)state;
    struct ea_buf b = EA_BUF_INIT(8);
    ea_buf_add(&b, "abc");
    ea_buf_addf(&b, "%d", 42);
    assert_string_equal(b.buf, "abc42");
    assert_false(ea_buf_overflow(&b));
    ea_buf_add(&b, "defgh");
    assert_int_equal(b.len, 8);
    assert_string_equal(b.buf, "abc42def");
    assert_true(ea_buf_overflow(&b));
    ea_buf_add(&b, "x"); /* sticky: stays cut */
    assert_int_equal(b.len, 8);
    ea_buf_reset(&b);
    assert_false(ea_buf_overflow(&b));
    assert_string_equal(b.buf, "");
    ea_buf_release(&b);
}

static void test_addf_long(void **state)
{
    (void)state;
    struct ea_buf b = EA_BUF_INIT(100000);
    char big[5000];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    ea_buf_addf(&b, "[%s]", big);
    assert_int_equal(b.len, 5001);
    assert_int_equal(b.buf[0], '[');
    assert_int_equal(b.buf[5000], ']');
    ea_buf_release(&b);
}

static void test_detach_trim(void **state)
{
    (void)state;
    struct ea_buf b = EA_BUF_INIT(64);
    ea_buf_add(&b, " \t hello world \n");
    ea_buf_trim(&b);
    assert_string_equal(b.buf, "hello world");
    size_t n;
    char *s = ea_buf_detach(&b, &n);
    assert_int_equal(n, 11);
    assert_string_equal(s, "hello world");
    assert_string_equal(b.buf, "");
    assert_int_equal(b.max, 64);
    free(s);
    s = ea_buf_detach(&b, NULL); /* an empty buffer detaches to a fresh "" */
    assert_string_equal(s, "");
    free(s);
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(ea_strerror(EA_OK), "success");
    assert_string_equal(ea_strerror(EA_LIMIT), "size limit exceeded");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_is_valid_string),
        cmocka_unit_test(test_append_and_cap),
        cmocka_unit_test(test_addf_long),
        cmocka_unit_test(test_detach_trim),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

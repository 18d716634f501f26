/*
 * test_css — the CSS tokenizer (CSS Syntax Level 3) and the stylesheet questions built on it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/css.h"

static bool width_media(const char *css)
{
    return ea_css_has_width_media(css, strlen(css));
}

static void test_width_media_yes(void **state)
{
    (void)state;
    assert_true(width_media("@media (max-width: 600px) { a { color: red } }"));
    assert_true(width_media("@media screen and (min-width:768px){.x{}}"));
    assert_true(width_media("@MEDIA only screen and (MAX-WIDTH: 40em) {}"));
    assert_true(width_media("@media (width >= 600px) {}"));
    assert_true(width_media("@media (400px <= width <= 700px) {}"));
    assert_true(width_media("@media print { a {} } @media (max-width: 1px) {}"));
    assert_true(width_media("@supports (display:grid) { @media (min-width: 1px) {} }"));
    assert_true(width_media("@media (max-device-width: 480px) {}"));
    assert_true(width_media("@media not all and (min-width: 50em) {}"));
    /* escapes in the feature name are decoded (CSS Syntax §4.3.7) */
    assert_true(width_media("@media (max-\\77 idth: 600px) {}"));
    assert_true(width_media("@\\6d edia (max-width: 600px) {}"));
    /* a comment between the parts does not hide it */
    assert_true(width_media("@media/**/(/*x*/max-width/**/:600px){}"));
    /* minified, with a string before it containing braces */
    assert_true(width_media("a{content:\"}\"}@media(max-width:600px){a{}}"));
}

static void test_width_media_no(void **state)
{
    (void)state;
    assert_false(width_media(""));
    assert_false(width_media("@media print { a { width: 100px } }"));
    assert_false(width_media("@media (orientation: portrait) {}"));
    assert_false(width_media("@media screen and (min-resolution: 2dppx) {}"));
    assert_false(width_media("/* @media (max-width: 600px) {} */ a {}"));
    assert_false(width_media("a::after { content: \"@media (max-width: 600px) {}\" }"));
    assert_false(width_media("a::after { content: '@media (max-width: 600px) {}' }"));
    assert_false(width_media("@import url(small.css) screen and (max-width: 600px);"));
    assert_false(width_media("@import \"small.css\" (max-width: 600px);"));
    /* a declaration named width is not a media feature */
    assert_false(width_media("@media screen { .a { max-width: 100px } }"));
    assert_false(width_media("@media screen, print { div { width: 50% } }"));
    /* no block: not an @media rule */
    assert_false(width_media("@media (max-width: 600px);"));
    assert_false(width_media("@media (max-width: 600px)"));
    /* an unterminated comment swallows the rest */
    assert_false(width_media("/* @media (max-width: 600px) {}"));
    /* url() with the text inside */
    assert_false(width_media("a { background: url(@media(max-width:1px){}) }"));
    /* the word in an identifier that is not the feature */
    assert_false(width_media("@media (min-widths: 1px) {}"));
    assert_false(width_media("@mediax (max-width: 1px) {}"));
}

static void test_width_media_len(void **state)
{
    (void)state;
    /* Only len bytes are read: no NUL needed, nothing past it. */
    const char css[] = "@media (max-width: 600px) {}";
    assert_false(ea_css_has_width_media(css, 12));
    assert_true(ea_css_has_width_media(css, sizeof(css) - 1));
    char raw[4] = { '@', 'm', 'e', 'd' };
    assert_false(ea_css_has_width_media(raw, sizeof(raw)));
    /* NUL is U+FFFD (§3.3): it neither ends the text nor may complete a feature name. */
    const char nul[] = "a{}\0@media (max-width: 1px) {}";
    assert_true(ea_css_has_width_media(nul, sizeof(nul) - 1));
    const char nul2[] = "@media (max-width\0: 1px) {}";
    assert_false(ea_css_has_width_media(nul2, sizeof(nul2) - 1));
}

struct expect {
    enum ea_css_tok_type type;
    const char *text;
};

static void tokens_are(const char *css, const struct expect *want, size_t n)
{
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, css, strlen(css));
    for (size_t i = 0; i < n; i++) {
        ea_css_next(&lx, &t);
        if (t.type != want[i].type)
            fail_msg("%s: token %zu is type %d, want %d", css, i, (int)t.type, (int)want[i].type);
        if (want[i].text) {
            assert_int_equal(t.len, strlen(want[i].text));
            assert_memory_equal(t.text, want[i].text, t.len);
        }
    }
    ea_css_next(&lx, &t);
    assert_int_equal(t.type, EA_CSS_EOF);
    ea_css_next(&lx, &t);
    assert_int_equal(t.type, EA_CSS_EOF);
}

static void test_tokens(void **state)
{
    (void)state;
    const struct expect a[] = {
        { EA_CSS_HASH, "main" },    { EA_CSS_WS, NULL },         { EA_CSS_DELIM, "." },
        { EA_CSS_IDENT, "x-y" },    { EA_CSS_LBRACE, NULL },     { EA_CSS_IDENT, "color" },
        { EA_CSS_COLON, NULL },     { EA_CSS_HASH, "fff" },      { EA_CSS_SEMICOLON, NULL },
        { EA_CSS_IDENT, "margin" }, { EA_CSS_COLON, NULL },      { EA_CSS_DIMENSION, "px" },
        { EA_CSS_WS, NULL },        { EA_CSS_PERCENTAGE, NULL }, { EA_CSS_WS, NULL },
        { EA_CSS_NUMBER, NULL },    { EA_CSS_RBRACE, NULL },
    };
    tokens_are("#main .x-y{color:#fff;margin:-1.5px 50% +.5}", a, sizeof(a) / sizeof(a[0]));

    const struct expect b[] = {
        { EA_CSS_FUNCTION, "url" }, { EA_CSS_STRING, "a b.png" }, { EA_CSS_RPAREN, NULL },
        { EA_CSS_WS, NULL },        { EA_CSS_URL, "x.png" },      { EA_CSS_WS, NULL },
        { EA_CSS_BAD_URL, NULL },   { EA_CSS_WS, NULL },          { EA_CSS_FUNCTION, "rgb" },
        { EA_CSS_NUMBER, NULL },    { EA_CSS_RPAREN, NULL },
    };
    tokens_are("url(\"a b.png\") url( x.png ) url(a b) rgb(1)", b, sizeof(b) / sizeof(b[0]));

    const struct expect c[] = {
        { EA_CSS_CDO, NULL },       { EA_CSS_AT, "media" }, { EA_CSS_WS, NULL },
        { EA_CSS_BAD_STRING, "x" }, { EA_CSS_WS, NULL },    { EA_CSS_CDC, NULL },
        { EA_CSS_DELIM, "-" },      { EA_CSS_WS, NULL },    { EA_CSS_DIMENSION, "--v" },
    };
    tokens_are("<!--@media 'x\n-->- 1--v", c, sizeof(c) / sizeof(c[0]));

    /* An escaped quote stays in the string; a backslash-newline continues it. */
    const struct expect d[] = { { EA_CSS_STRING, "a\\\"b\\\nc" } };
    tokens_are("\"a\\\"b\\\nc\"", d, 1);
    /* Dimension units and their number. */
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, "1.5e2em", 7);
    ea_css_next(&lx, &t);
    assert_int_equal(t.type, EA_CSS_DIMENSION);
    assert_true(t.num > 149.9 && t.num < 150.1);
    assert_true(ea_css_tok_is(&t, "em"));
}

static void test_tok_is(void **state)
{
    (void)state;
    struct ea_css_tok t = { .type = EA_CSS_IDENT, .text = "Wi\\64th", .len = 7 };
    assert_true(ea_css_tok_is(&t, "width"));
    assert_false(ea_css_tok_is(&t, "widt"));
    assert_false(ea_css_tok_is(&t, "widths"));
}

/* Hostile text: one pass, never past the end. */
static void test_hostile(void **state)
{
    (void)state;
    size_t n = 1u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    const char *pieces[] = { "/*", "\\", "\"", "url(", "@media(", "(((", "'", "#", "-", "\\\n" };
    for (size_t i = 0; i < n; i++)
        s[i] = pieces[i % 10][0];
    assert_false(ea_css_has_width_media(s, n));
    memset(s, '(', n);
    assert_false(ea_css_has_width_media(s, n));
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, s, n);
    size_t count = 0;
    for (ea_css_next(&lx, &t); t.type != EA_CSS_EOF; ea_css_next(&lx, &t))
        count++;
    assert_int_equal(count, n);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width_media_yes), cmocka_unit_test(test_width_media_no),
        cmocka_unit_test(test_width_media_len), cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_tok_is),          cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_css — the CSS tokenizer (CSS Syntax Level 3) and the stylesheet questions built on it.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/css.h"
#include "core/limits.h"

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

static struct ea_css_color color(const char *v)
{
    return ea_css_parse_color(v, strlen(v));
}

static void test_colors(void **state)
{
    (void)state;
    struct ea_css_color c = color("#fff");
    assert_true(c.valid && c.r == 255 && c.g == 255 && c.b == 255 && c.a == 1);
    c = color(" #0A0b0C ");
    assert_true(c.valid && c.r == 10 && c.g == 11 && c.b == 12);
    c = color("#00000080");
    assert_true(c.valid && c.a > 0.5 && c.a < 0.51);
    c = color("RebeccaPurple");
    assert_true(c.valid && c.r == 0x66 && c.g == 0x33 && c.b == 0x99);
    c = color("rgb(255, 0, 0)");
    assert_true(c.valid && c.r == 255 && c.g == 0);
    c = color("rgba(0 128 0 / 50%)");
    assert_true(c.valid && c.g == 128 && c.a == 0.5);
    c = color("hsl(120, 100%, 25%)");
    assert_true(c.valid && c.g > 127 && c.g < 128 && c.r < 1);
    c = color("transparent");
    assert_true(c.valid && c.a == 0);
    assert_false(color("var(--x)").valid);
    assert_false(color("currentcolor").valid);
    assert_false(color("#ggg").valid);
    assert_false(color("red blue").valid);
    assert_false(color("rgb(1,2)").valid);
    /* WCAG 2.0: black on white is 21:1, #777 on white about 4.48:1 */
    double r = ea_css_contrast(color("#000"), color("#fff"));
    assert_true(r > 20.99 && r < 21.01);
    r = ea_css_contrast(color("#777"), color("white"));
    assert_true(r > 4.47 && r < 4.49);
}

/* A tiny element tree for the matcher. */
struct el {
    const char *tag, *id, *cls, *href;
    const struct el *parent;
    const struct el *prev, *next; /* element siblings */
};

static const void *el_parent(const void *e)
{
    return ((const struct el *)e)->parent;
}

static const char *el_tag(const void *e)
{
    return ((const struct el *)e)->tag;
}

static const char *el_attr(const void *e, const char *name)
{
    const struct el *x = e;
    if (strcmp(name, "id") == 0)
        return x->id;
    if (strcmp(name, "class") == 0)
        return x->cls;
    if (strcmp(name, "href") == 0)
        return x->href;
    return NULL;
}

static const void *el_prev(const void *e)
{
    return ((const struct el *)e)->prev;
}

static const void *el_next(const void *e)
{
    return ((const struct el *)e)->next;
}

static const struct ea_css_elem_ops ops = {
    el_parent, el_tag, el_attr, el_prev, el_next, NULL, NULL
};

static struct ea_css_style cascade(const char *css, const struct el *e, const char *inl)
{
    struct ea_css_sheet *sh = ea_css_sheet_parse(css, strlen(css), 0, EA_CSS_MEDIA_YES);
    struct ea_css_cascade c = { 0 };
    ea_css_sheet_apply(sh, &ops, e, &c, NULL);
    if (inl)
        ea_css_apply_inline(inl, strlen(inl), &c);
    ea_css_sheet_free(sh);
    return c.style;
}

/* The budget of cascade work: an element spends one for its visit and one per rule its keys
 * could match (and per ancestor its combinators try); the element whose tests would pass
 * what is left makes none, gets every slot "maybe" and leaves the budget at 0, and so does
 * every element after it. */
static void test_cascade_budget(void **state)
{
    (void)state;
    static const char css[] = "div p { color: #777 } .x p { color: #000 } p { display: none }"
                              " #top { color: #fff }";
    struct ea_css_sheet *sh = ea_css_sheet_parse(css, strlen(css), 0, EA_CSS_MEDIA_YES);
    struct el body = { .tag = "body" };
    struct el div = { .tag = "div", .parent = &body };
    struct el p1 = { .tag = "p", .parent = &div };
    struct el p2 = { .tag = "p", .parent = &div };
    struct el span = { .tag = "span", .parent = &div };
    size_t budget = 8;
    struct ea_css_cascade c1 = { 0 }, c2 = { 0 }, c3 = { 0 }, c4 = { 0 };
    /* the visit, three rules keyed on p, and the parents "div p" and ".x p" try */
    ea_css_sheet_apply(sh, &ops, &p1, &c1, &budget);
    assert_int_equal(budget, 1);
    assert_true(c1.style.set & (1u << EA_CSS_COLOR));
    assert_true(c1.style.display_none);
    assert_int_equal(c1.style.maybe, 0);
    ea_css_sheet_apply(sh, &ops, &p2, &c2, &budget); /* the visit, then three: past it */
    assert_int_equal(budget, 0);
    assert_int_equal(c2.style.set, 0);
    assert_int_equal(c2.style.maybe, (1u << EA_CSS_NSLOTS) - 1);
    ea_css_sheet_apply(sh, &ops, &span, &c3, &budget); /* nothing left even for a visit */
    assert_int_equal(c3.style.maybe, (1u << EA_CSS_NSLOTS) - 1);
    ea_css_sheet_apply(sh, &ops, &span, &c4, NULL); /* no budget: decided */
    assert_int_equal(c4.style.maybe, 0);
    ea_css_sheet_free(sh);
}

static void test_cascade(void **state)
{
    (void)state;
    const struct el html = { "html", NULL, NULL, NULL, NULL, NULL, NULL };
    const struct el nav = { "nav", "menu", "top dark", NULL, &html, NULL, NULL };
    const struct el ul = { "ul", NULL, "list", NULL, &nav, NULL, NULL };
    const struct el a = { "a", NULL, "item Active", "/x", &ul, NULL, NULL };

    /* specificity: #id beats .class beats type, whatever the order */
    struct ea_css_style s = cascade("#menu a { color: red } .item { color: blue } a { color: "
                                    "green }",
                                    &a, NULL);
    assert_true(s.set & (1u << EA_CSS_COLOR));
    assert_true(s.color.r == 255 && s.color.b == 0);
    /* later wins at equal specificity; !important beats inline */
    s = cascade(".item { color: blue } .list > a { color: #010203 }", &a, "color: white");
    assert_true(s.color.r == 255 && s.color.g == 255);
    s = cascade(".item { color: blue !important }", &a, "color: white");
    assert_true(s.color.b == 255 && s.color.r == 0);
    /* child combinator fails across a level; descendant passes */
    s = cascade("nav > a { display: none }", &a, NULL);
    assert_false(s.set & (1u << EA_CSS_DISPLAY));
    s = cascade("nav a { display: none }", &a, NULL);
    assert_true(s.display_none);
    s = cascade("html .top.dark ul.list a[href] { visibility: hidden }", &a, NULL);
    assert_true((s.set & (1u << EA_CSS_VISIBILITY)) && !s.visible);
    /* states, :visited and pseudo-elements never apply; unmodelled pseudo-classes only may */
    s = cascade("a:hover { color: red } a::before { display: none } a:focus{display:none} "
                "a:visited { color: red }",
                &a, NULL);
    assert_int_equal(s.set, 0);
    s = cascade("a:has(b) { color: red }", &a, NULL);
    assert_int_equal(s.set, 0);
    assert_true(s.maybe & (1u << EA_CSS_COLOR));
    /* :not() is decided: a class the element has, one it lacks, a state it is not in */
    s = cascade("a:not(.item) { color: red }", &a, NULL);
    assert_int_equal(s.set | s.maybe, 0);
    s = cascade("a:not(.x, [title]):not(:hover) { color: red }", &a, NULL);
    assert_true((s.set & (1u << EA_CSS_COLOR)) && s.maybe == 0);
    s = cascade("a:not(nav a) { color: red }", &a, NULL); /* a complex argument: maybe */
    assert_true(s.maybe & (1u << EA_CSS_COLOR));
    s = cascade("a:not(:has(b)) { color: red }", &a, NULL);
    assert_true(s.maybe & (1u << EA_CSS_COLOR));
    /* :is() matches one argument; :where() adds no specificity */
    s = cascade(":is(.x, .item) { color: red } a { color: blue }", &a, NULL);
    assert_true(s.color.r == 255);
    s = cascade(":where(.x, .item) { color: red } a { color: blue }", &a, NULL);
    assert_true(s.color.b == 255);
    /* -moz-/-ms- pseudo-classes are invalid in Chromium: the whole list is dropped */
    s = cascade("a, a:-ms-input-placeholder { color: red }", &a, NULL);
    assert_int_equal(s.set | s.maybe, 0);
    /* :link is [href]; an invalid selector drops its whole list */
    s = cascade("a:link { color: #00f }", &a, NULL);
    assert_true(s.color.b == 255);
    s = cascade("a, $bad { color: #00f }", &a, NULL);
    assert_int_equal(s.set, 0);
    /* media: screen and desktop widths apply, print and phone widths do not, unknown maybe */
    s = cascade("@media print { a { display: none } } @media (max-width: 600px) { a { color: "
                "red } }",
                &a, NULL);
    assert_int_equal(s.set, 0);
    s = cascade("@media screen and (min-width: 768px) { a { color: red } }", &a, NULL);
    assert_true(s.color.r == 255);
    s = cascade("@media (min-resolution: 2dppx) { a { color: red } }", &a, NULL);
    assert_true(s.maybe & (1u << EA_CSS_COLOR));
    /* background shorthand: colour and image; var() is unknown */
    s = cascade("a { background: url(x.png) no-repeat #123456 }", &a, NULL);
    assert_true(s.bg_image && s.background.valid && s.background.r == 0x12);
    s = cascade("a { background: var(--bg) }", &a, NULL);
    assert_true((s.set & (1u << EA_CSS_BACKGROUND)) && !s.background.valid);
    s = cascade("a { background: linear-gradient(red, blue) }", &a, NULL);
    assert_true(s.bg_image && s.background.a == 0);
    /* fonts */
    s = cascade("a { font: bold 1.5em/2 Arial }", &a, NULL);
    assert_true(s.font_weight == 700 && s.font_px == -1.5);
    s = cascade("a { font-size: 18pt }", &a, NULL);
    assert_true(s.font_px == 24);
    /* escapes in class names; case-sensitive classes */
    s = cascade(".\\41 ctive { color: red } .active { color: blue }", &a, NULL);
    assert_true(s.color.r == 255);
}

static void test_cascade_structure(void **state)
{
    (void)state;
    /* <ul class="m"><li id="i1"> <li id="i2" class="on"> <li id="i3"></ul>, <p> after ul */
    struct el html = { "html", NULL, NULL, NULL, NULL, NULL, NULL };
    struct el ul = { "ul", NULL, "m", NULL, &html, NULL, NULL };
    struct el p = { "p", NULL, NULL, NULL, &html, &ul, NULL };
    struct el i1 = { "li", "i1", NULL, NULL, &ul, NULL, NULL };
    struct el i2 = { "li", "i2", "on", NULL, &ul, &i1, NULL };
    struct el i3 = { "li", "i3", NULL, NULL, &ul, &i2, NULL };
    struct el x = { "x-menu", NULL, NULL, NULL, &html, &p, NULL };
    ul.next = &p;
    p.next = &x;
    i1.next = &i2;
    i2.next = &i3;
    const char *css = "li:first-child { color: #010000 } li:last-child { color: #020000 } "
                      "li:nth-child(2n) { color: #030000 }";
    assert_true(cascade(css, &i1, NULL).color.r == 1);
    assert_true(cascade(css, &i2, NULL).color.r == 3);
    assert_true(cascade(css, &i3, NULL).color.r == 2);
    css = "li:nth-child(odd) { color: #010000 } li:nth-last-child(-n+2) { color: #020000 }";
    assert_true(cascade(css, &i1, NULL).color.r == 1);
    assert_true(cascade(css, &i2, NULL).color.r == 2);
    assert_true(cascade(css, &i3, NULL).color.r == 2);
    css = "li:nth-child(3) { color: #010000 } :only-child { color: #020000 }";
    assert_true(cascade(css, &i3, NULL).color.r == 1);
    assert_int_equal(cascade(css, &i2, NULL).set, 0);
    assert_true(cascade("li:nth-of-type(1):first-of-type { color: red }", &i1, NULL).set);
    assert_int_equal(cascade("li:nth-child(2 of .on) { color: red }", &i2, NULL).set, 0);
    assert_true(cascade("li:nth-child(2 of .on) { color: red }", &i2, NULL).maybe);
    /* sibling combinators, with backtracking over several candidates */
    css = ".on + li { color: #010000 } #i1 ~ li { background: #000 } ul + p { color: #020000 }";
    assert_true(cascade(css, &i3, NULL).color.r == 1);
    assert_true(cascade(css, &i3, NULL).background.valid);
    assert_int_equal(cascade(css, &i1, NULL).set, 0);
    assert_true(cascade(css, &p, NULL).color.r == 2);
    assert_true(cascade(".m li + li ~ #i3 { color: red }", &i3, NULL).set);
    assert_int_equal(cascade("li + #i1 { color: red }", &i1, NULL).set, 0);
    /* descendant backtracking: the nearest .m is not the one under html > ... */
    assert_true(cascade("html > ul li { color: red }", &i2, NULL).set);
    /* :defined: custom elements are not (no scripts run) */
    assert_true(cascade(":not(:defined) { display: none }", &x, NULL).display_none);
    assert_int_equal(cascade(":not(:defined) { display: none }", &p, NULL).set, 0);
}

static void test_cascade_hostile(void **state)
{
    (void)state;
    /* deeply nested @media, unterminated blocks, giant selectors: bounded, no crash */
    size_t n = 200000;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = "@media screen{"[i % 14];
    s[n] = '\0';
    struct ea_css_sheet *sh = ea_css_sheet_parse(s, n, 0, EA_CSS_MEDIA_YES);
    assert_int_equal(ea_css_sheet_rules(sh), 0);
    ea_css_sheet_free(sh);
    for (size_t i = 0; i < n; i++)
        s[i] = "a a "[i % 4];
    memcpy(s + n - 20, "{display:none}      ", 20);
    sh = ea_css_sheet_parse(s, n, 0, EA_CSS_MEDIA_YES);
    assert_int_equal(ea_css_sheet_rules(sh), 1);
    const struct el html = { "html", NULL, NULL, NULL, NULL, NULL, NULL };
    const struct el a = { "a", NULL, NULL, NULL, &html, NULL, NULL };
    struct ea_css_cascade c = { 0 };
    ea_css_sheet_apply(sh, &ops, &a, &c, NULL);
    assert_int_equal(c.style.set, 0); /* needs 50,000 ancestors called a */
    ea_css_sheet_free(sh);
    free(s);
}

/* Sheets parsed on several threads at once (the audit's workers parse pages in parallel):
 * each must index its own rules. */
static void *parse_many(void *arg)
{
    const char *hit = arg;
    struct ea_buf css = EA_BUF_INIT(1u << 20);
    size_t nrules = hit[0] == 'a' ? 400 : 60;
    for (size_t i = 0; i < nrules; i++)
        ea_buf_addf(&css, ".%s%zu, p%zu, #%s%zu { color: #000001 }\n", hit, i, i, hit, i);
    ea_buf_addf(&css, ".%s { color: #0000ff }\n", hit);
    const struct el e = { .tag = "span", .cls = hit };
    size_t bad = 0;
    for (int round = 0; round < 200; round++) {
        struct ea_css_style s = cascade(css.buf, &e, NULL);
        bad += !(s.set & (1u << EA_CSS_COLOR)) || s.color.b != 255;
    }
    ea_buf_release(&css);
    return bad ? arg : NULL;
}

static void test_parallel_parse(void **state)
{
    (void)state;
    pthread_t t[2];
    static char alpha[] = "alpha", beta[] = "beta";
    char *names[2] = { alpha, beta };
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, parse_many, names[i]), 0);
    for (int i = 0; i < 2; i++) {
        void *r = NULL;
        assert_int_equal(pthread_join(t[i], &r), 0);
        assert_null(r);
    }
}

/* The sheet's own media condition: print parses nothing, an undecidable one makes "maybe". */
static void test_sheet_media(void **state)
{
    (void)state;
    const struct el html = { "html", NULL, NULL, NULL, NULL, NULL, NULL };
    const struct el a = { "a", NULL, NULL, "/x", &html, NULL, NULL };
    const char *css = "a { color: red }";
    assert_int_equal(ea_css_media_of(NULL, 0), EA_CSS_MEDIA_YES);
    assert_int_equal(ea_css_media_of("", 0), EA_CSS_MEDIA_YES);
    assert_int_equal(ea_css_media_of("screen", 6), EA_CSS_MEDIA_YES);
    assert_int_equal(ea_css_media_of("print", 5), EA_CSS_MEDIA_NO);
    assert_int_equal(ea_css_media_of("(max-width: 600px)", 18), EA_CSS_MEDIA_NO);
    assert_int_equal(ea_css_media_of("(min-width: 40em)", 17), EA_CSS_MEDIA_YES);
    assert_int_equal(ea_css_media_of("(monochrome)", 12), EA_CSS_MEDIA_MAYBE);
    assert_int_equal(ea_css_media_both(EA_CSS_MEDIA_YES, EA_CSS_MEDIA_MAYBE), EA_CSS_MEDIA_MAYBE);
    assert_int_equal(ea_css_media_both(EA_CSS_MEDIA_MAYBE, EA_CSS_MEDIA_NO), EA_CSS_MEDIA_NO);
    assert_int_equal(ea_css_media_both(EA_CSS_MEDIA_YES, EA_CSS_MEDIA_YES), EA_CSS_MEDIA_YES);
    static const enum ea_css_media media[] = { EA_CSS_MEDIA_YES, EA_CSS_MEDIA_NO,
                                               EA_CSS_MEDIA_MAYBE };
    for (size_t i = 0; i < 3; i++) {
        struct ea_css_sheet *sh = ea_css_sheet_parse(css, strlen(css), 0, media[i]);
        struct ea_css_cascade c = { 0 };
        ea_css_sheet_apply(sh, &ops, &a, &c, NULL);
        assert_int_equal(ea_css_sheet_rules(sh), media[i] == EA_CSS_MEDIA_NO ? 0 : 1);
        assert_int_equal((c.style.set >> EA_CSS_COLOR) & 1, media[i] == EA_CSS_MEDIA_YES);
        assert_int_equal((c.style.maybe >> EA_CSS_COLOR) & 1, media[i] == EA_CSS_MEDIA_MAYBE);
        ea_css_sheet_free(sh);
    }
}

/* The @import rules a sheet starts with, in the forms CSS allows. */
static void test_imports(void **state)
{
    (void)state;
    struct ea_css_import v[4];
    const char *css = "\xEF\xBB\xBF@charset \"utf-8\";\n<!-- @layer base, theme;\n"
                      "@import url(a.css);\n@IMPORT \"b.css\" print;\n"
                      "@import url( \"c d.css\" ) layer(x) supports(display: grid) screen and "
                      "(max-width: 600px) ;\n@import url(e.css) (min-width: 40em)";
    size_t n = ea_css_imports(css, strlen(css), v, 4);
    assert_int_equal(n, 4);
    assert_string_equal(v[0].url, "a.css");
    assert_string_equal(v[0].media, "");
    assert_string_equal(v[1].url, "b.css");
    assert_string_equal(v[1].media, "print");
    assert_string_equal(v[2].url, "c d.css");
    assert_string_equal(v[2].media, "screen and (max-width: 600px)");
    assert_string_equal(v[3].url, "e.css"); /* the end of the sheet ends it */
    assert_string_equal(v[3].media, "(min-width: 40em)");
    ea_css_imports_release(v, n);
    /* at most max; an @import after a rule, inside a block, or without a URL is none */
    css = "@import 'x.css'; @import 'y.css'; @import 'z.css';";
    n = ea_css_imports(css, strlen(css), v, 2);
    assert_int_equal(n, 2);
    assert_string_equal(v[1].url, "y.css");
    ea_css_imports_release(v, n);
    static const char *const none[] = {
        "",
        "a { color: red } @import url(a.css);",
        "@media screen { @import url(a.css); }",
        "@layer x { a { color: red } } @import url(a.css);",
        "@import;",
        "@import 12px;",
        "@import url(a.css) { }",
        "/* @import url(a.css); */",
        "@import \"a.css\n\";", /* a newline in a string makes it a bad string */
    };
    for (size_t i = 0; i < EA_ARRAY_LEN(none); i++) {
        n = ea_css_imports(none[i], strlen(none[i]), v, 4);
        if (n)
            fail_msg("'%s': %zu imports, first '%s'", none[i], n, v[0].url);
    }
    /* a bad one is dropped with its block, if any (nothing inside is read), and the next
     * still counts */
    static const char *const bad_then_good[] = {
        "@import 12px; @import url(ok.css);",
        "@import 5 { @import \"x.css\"; } @import url(ok.css);",
        "@import url(\"a.css\" x) { @import \"y.css\"; } @import url(ok.css);",
        "@import url(x y) { @import \"y.css\"; } @import url(ok.css);",
        "@import {} @import url(ok.css);",
        "@import (a; b) { @import \"y.css\"; } @import url(ok.css);",
        "@import \"q.css\" screen { @import \"y.css\"; } @import url(ok.css);",
        "@layer x; @import url(ok.css);",
    };
    /* an unclosed url( holds the rest of the sheet: nothing after it is an import */
    static const char *const swallowed[] = {
        "@import url(\"a\" (x) ; @import url(evil.css);",
        "@import url(\"a\" [x] ; @import url(evil.css);",
    };
    for (size_t i = 0; i < EA_ARRAY_LEN(swallowed); i++) {
        size_t k = ea_css_imports(swallowed[i], strlen(swallowed[i]), v, 4);
        if (k)
            fail_msg("'%s': %zu imports, first '%s'", swallowed[i], k, v[0].url);
    }
    for (size_t i = 0; i < EA_ARRAY_LEN(bad_then_good); i++) {
        const char *c = bad_then_good[i];
        n = ea_css_imports(c, strlen(c), v, 4);
        if (n != 1 || strcmp(v[0].url, "ok.css") != 0)
            fail_msg("'%s': %zu imports, first '%s'", c, n, n ? v[0].url : "");
        ea_css_imports_release(v, n);
    }
}

/* @import reading on hostile sheets: a megabyte of openers, of imports, of unclosed url(s
 * and blocks ends in time with at most max imports and no read past the end. */
static void test_imports_hostile(void **state)
{
    (void)state;
    size_t n = 1u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    struct ea_css_import v[EA_MAX_CSS_IMPORTS];
    static const char *const units[] = { "@import url(",     "@import (",
                                         "@import {",        "@import '",
                                         "@import url('a' ", "@import x;",
                                         "@layer{",          "@import url(a.css) (((" };
    for (size_t u = 0; u < EA_ARRAY_LEN(units); u++) {
        size_t ul = strlen(units[u]);
        for (size_t i = 0; i < n; i++)
            s[i] = units[u][i % ul];
        size_t got = ea_css_imports(s, n, v, EA_ARRAY_LEN(v));
        assert_true(got <= EA_ARRAY_LEN(v));
        ea_css_imports_release(v, got);
    }
    /* many good ones: the first max are kept */
    const char *one = "@import url(a.css);";
    size_t ol = strlen(one);
    for (size_t i = 0; i < n; i++)
        s[i] = one[i % ol];
    size_t got = ea_css_imports(s, n / ol * ol, v, EA_ARRAY_LEN(v));
    assert_int_equal(got, EA_ARRAY_LEN(v));
    assert_string_equal(v[EA_ARRAY_LEN(v) - 1].url, "a.css");
    ea_css_imports_release(v, got);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width_media_yes), cmocka_unit_test(test_width_media_no),
        cmocka_unit_test(test_width_media_len), cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_tok_is),          cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_colors),          cmocka_unit_test(test_cascade),
        cmocka_unit_test(test_cascade_budget),  cmocka_unit_test(test_cascade_structure),
        cmocka_unit_test(test_cascade_hostile), cmocka_unit_test(test_parallel_parse),
        cmocka_unit_test(test_sheet_media),     cmocka_unit_test(test_imports),
        cmocka_unit_test(test_imports_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

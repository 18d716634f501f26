/*
 * css.h — CSS text as the checks need it: a tokenizer that follows CSS Syntax Level 3
 * (§4, comments, strings, escapes, url(), numbers and dimensions), questions asked of a
 * whole stylesheet (does it have a width media query?), and a small cascade of simple
 * selectors that yields, per element, the few properties accessibility rules read
 * (display, visibility, color, background, font size and weight).
 *
 * Everything is one pass over the text; no token ever points outside the input, and
 * nothing here allocates per token. Network-fed: stylesheets are capped by EA_MAX_CSS.
 */
#ifndef EA_CORE_CSS_H
#define EA_CORE_CSS_H

#include <stdbool.h>
#include <stddef.h>

enum ea_css_tok_type {
    EA_CSS_EOF,
    EA_CSS_IDENT,
    EA_CSS_FUNCTION, /* text is the name, without "(" */
    EA_CSS_AT,       /* text is the name, without "@" */
    EA_CSS_HASH,     /* text is the name, without "#" */
    EA_CSS_STRING,   /* text is between the quotes, escapes not decoded */
    EA_CSS_BAD_STRING,
    EA_CSS_URL, /* text is the URL, unquoted url(...) only */
    EA_CSS_BAD_URL,
    EA_CSS_DELIM, /* text is one code point */
    EA_CSS_NUMBER,
    EA_CSS_PERCENTAGE,
    EA_CSS_DIMENSION, /* num holds the value, text the unit */
    EA_CSS_WS,
    EA_CSS_CDO,
    EA_CSS_CDC,
    EA_CSS_COLON,
    EA_CSS_SEMICOLON,
    EA_CSS_COMMA,
    EA_CSS_LBRACKET,
    EA_CSS_RBRACKET,
    EA_CSS_LPAREN,
    EA_CSS_RPAREN,
    EA_CSS_LBRACE,
    EA_CSS_RBRACE,
};

struct ea_css_tok {
    enum ea_css_tok_type type;
    const char *text; /* borrowed (input): see the type for what it covers */
    size_t len;
    double num; /* NUMBER, PERCENTAGE, DIMENSION */
};

struct ea_css_lexer {
    const char *s; /* borrowed */
    size_t len, pos;
};

void ea_css_lexer_init(struct ea_css_lexer *lx, const char *css, size_t len);
/* Fills tok with the next token (comments are skipped); EA_CSS_EOF at the end, for ever. */
void ea_css_next(struct ea_css_lexer *lx, struct ea_css_tok *tok);
/* True when tok's text equals the lowercase ASCII word, ASCII case-insensitively, with CSS
 * escapes of ASCII letters decoded ("\77 idth" is "width"). */
bool ea_css_tok_is(const struct ea_css_tok *tok, const char *word);

/* True when the stylesheet has an @media rule (at any nesting) whose query tests the
 * viewport width: width, min-width, max-width (or their device- forms), including range
 * syntax. orientation, print, and text inside comments, strings or @import do not count. */
bool ea_css_has_width_media(const char *css, size_t len);

#endif

/*
 * css.c — the CSS Syntax Level 3 tokenizer (§4.3) and what is built on it. See css.h.
 */
#include "core/css.h"

#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/xalloc.h"

/* ---- tokenizer (CSS Syntax Level 3, §4.3) ---- */

void ea_css_lexer_init(struct ea_css_lexer *lx, const char *css, size_t len)
{
    lx->s = css;
    lx->len = len > EA_MAX_CSS ? EA_MAX_CSS : len;
    lx->pos = 0;
}

/* The byte at pos + k, or 0 past the end (NUL in the input reads as U+FFFD's stand-in:
 * any non-special byte; 0 is only ever tested against ASCII specials). */
static int at(const struct ea_css_lexer *lx, size_t k)
{
    size_t i = lx->pos + k;
    return i < lx->len ? (unsigned char)lx->s[i] : -1;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_newline(int c)
{
    return c == '\n' || c == '\r' || c == '\f';
}

static bool is_ws(int c)
{
    return c == ' ' || c == '\t' || is_newline(c);
}

static bool is_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 || c == 0;
}

static bool is_name(int c)
{
    return is_name_start(c) || is_digit(c) || c == '-';
}

static bool valid_escape(int c1, int c2)
{
    return c1 == '\\' && c2 != -1 && !is_newline(c2);
}

static bool starts_ident(int c1, int c2, int c3)
{
    if (c1 == '-')
        return is_name_start(c2) || c2 == '-' || valid_escape(c2, c3);
    if (c1 == '\\')
        return valid_escape(c1, c2);
    return c1 != -1 && is_name_start(c1);
}

static bool starts_number(int c1, int c2, int c3)
{
    if (c1 == '+' || c1 == '-')
        return is_digit(c2) || (c2 == '.' && is_digit(c3));
    if (c1 == '.')
        return is_digit(c2);
    return is_digit(c1);
}

/* Consumes an escape; the backslash is already consumed (§4.3.7). Returns the code point. */
static unsigned long consume_escape(struct ea_css_lexer *lx)
{
    int c = at(lx, 0);
    if (c == -1)
        return 0xFFFD;
    if (is_hex(c)) {
        unsigned long v = 0;
        for (int i = 0; i < 6 && is_hex(at(lx, 0)); i++) {
            int h = at(lx, 0);
            v = v * 16 + (unsigned long)(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            lx->pos++;
        }
        if (at(lx, 0) == '\r' && at(lx, 1) == '\n')
            lx->pos += 2;
        else if (is_ws(at(lx, 0)))
            lx->pos++;
        return v;
    }
    lx->pos++;
    while ((at(lx, 0) & 0xC0) == 0x80) /* the rest of a UTF-8 sequence */
        lx->pos++;
    return (unsigned long)c;
}

static void consume_name(struct ea_css_lexer *lx)
{
    for (;;) {
        int c = at(lx, 0);
        if (c != -1 && is_name(c))
            lx->pos++;
        else if (valid_escape(c, at(lx, 1))) {
            lx->pos++;
            consume_escape(lx);
        } else
            return;
    }
}

static void consume_number(struct ea_css_lexer *lx, struct ea_css_tok *tok)
{
    double sign = 1, v = 0;
    if (at(lx, 0) == '+' || at(lx, 0) == '-') {
        sign = at(lx, 0) == '-' ? -1 : 1;
        lx->pos++;
    }
    while (is_digit(at(lx, 0)))
        v = v * 10 + (at(lx, 0) - '0'), lx->pos++;
    if (at(lx, 0) == '.' && is_digit(at(lx, 1))) {
        lx->pos++;
        double scale = 0.1;
        while (is_digit(at(lx, 0)))
            v += (at(lx, 0) - '0') * scale, scale /= 10, lx->pos++;
    }
    int e1 = at(lx, 1);
    if ((at(lx, 0) == 'e' || at(lx, 0) == 'E') &&
        (is_digit(e1) || ((e1 == '+' || e1 == '-') && is_digit(at(lx, 2))))) {
        lx->pos++;
        int esign = 1, ev = 0;
        if (at(lx, 0) == '+' || at(lx, 0) == '-')
            esign = at(lx, 0) == '-' ? -1 : 1, lx->pos++;
        while (is_digit(at(lx, 0))) {
            if (ev < 1000)
                ev = ev * 10 + (at(lx, 0) - '0');
            lx->pos++;
        }
        for (int i = 0; i < ev && v != 0; i++)
            v = esign > 0 ? v * 10 : v / 10;
    }
    tok->num = sign * v;
}

static void consume_numeric(struct ea_css_lexer *lx, struct ea_css_tok *tok)
{
    consume_number(lx, tok);
    if (starts_ident(at(lx, 0), at(lx, 1), at(lx, 2))) {
        tok->type = EA_CSS_DIMENSION;
        tok->text = lx->s + lx->pos;
        size_t start = lx->pos;
        consume_name(lx);
        tok->len = lx->pos - start;
    } else if (at(lx, 0) == '%') {
        lx->pos++;
        tok->type = EA_CSS_PERCENTAGE;
    } else
        tok->type = EA_CSS_NUMBER;
}

/* Consumes the remnants of a bad url (§4.3.14). */
static void consume_bad_url(struct ea_css_lexer *lx)
{
    for (;;) {
        int c = at(lx, 0);
        if (c == -1)
            return;
        if (c == ')') {
            lx->pos++;
            return;
        }
        if (valid_escape(c, at(lx, 1))) {
            lx->pos++;
            consume_escape(lx);
        } else
            lx->pos++;
    }
}

/* url( already consumed, whitespace skipped (§4.3.6). */
static void consume_url(struct ea_css_lexer *lx, struct ea_css_tok *tok)
{
    tok->type = EA_CSS_URL;
    tok->text = lx->s + lx->pos;
    size_t start = lx->pos;
    for (;;) {
        int c = at(lx, 0);
        if (c == -1 || c == ')') {
            tok->len = lx->pos - start;
            if (c == ')')
                lx->pos++;
            return;
        }
        if (is_ws(c)) {
            tok->len = lx->pos - start;
            while (is_ws(at(lx, 0)))
                lx->pos++;
            if (at(lx, 0) == ')' || at(lx, 0) == -1) {
                if (at(lx, 0) == ')')
                    lx->pos++;
                return;
            }
            consume_bad_url(lx);
            tok->type = EA_CSS_BAD_URL;
            return;
        }
        if (c == '"' || c == '\'' || c == '(' || c < 0x09 || c == 0x0B ||
            (c >= 0x0E && c <= 0x1F) || c == 0x7F) {
            consume_bad_url(lx);
            tok->type = EA_CSS_BAD_URL;
            return;
        }
        if (c == '\\') {
            if (!valid_escape(c, at(lx, 1))) {
                consume_bad_url(lx);
                tok->type = EA_CSS_BAD_URL;
                return;
            }
            lx->pos++;
            consume_escape(lx);
        } else
            lx->pos++;
    }
}

static void consume_ident_like(struct ea_css_lexer *lx, struct ea_css_tok *tok)
{
    size_t start = lx->pos;
    consume_name(lx);
    tok->text = lx->s + start;
    tok->len = lx->pos - start;
    tok->type = EA_CSS_IDENT;
    if (at(lx, 0) != '(')
        return;
    lx->pos++;
    tok->type = EA_CSS_FUNCTION;
    if (!ea_css_tok_is(tok, "url"))
        return;
    while (is_ws(at(lx, 0)) && is_ws(at(lx, 1)))
        lx->pos++;
    int c = at(lx, 0);
    if (c == '"' || c == '\'' || (is_ws(c) && (at(lx, 1) == '"' || at(lx, 1) == '\'')))
        return; /* url("...") is a function token followed by a string */
    while (is_ws(at(lx, 0)))
        lx->pos++;
    consume_url(lx, tok);
}

static void consume_string(struct ea_css_lexer *lx, struct ea_css_tok *tok, int quote)
{
    tok->type = EA_CSS_STRING;
    tok->text = lx->s + lx->pos;
    size_t start = lx->pos;
    for (;;) {
        int c = at(lx, 0);
        if (c == -1 || c == quote) {
            tok->len = lx->pos - start;
            if (c == quote)
                lx->pos++;
            return;
        }
        if (is_newline(c)) { /* not consumed */
            tok->len = lx->pos - start;
            tok->type = EA_CSS_BAD_STRING;
            return;
        }
        if (c == '\\') {
            if (at(lx, 1) == -1)
                lx->pos++;
            else if (is_newline(at(lx, 1)))
                lx->pos += (at(lx, 1) == '\r' && at(lx, 2) == '\n') ? 3 : 2;
            else {
                lx->pos++;
                consume_escape(lx);
            }
        } else
            lx->pos++;
    }
}

static void skip_comments(struct ea_css_lexer *lx)
{
    while (at(lx, 0) == '/' && at(lx, 1) == '*') {
        const char *end = NULL;
        if (lx->pos + 2 < lx->len) {
            /* memmem is a GNU extension; a plain scan is as fast here. */
            for (size_t i = lx->pos + 2; i + 1 < lx->len; i++)
                if (lx->s[i] == '*' && lx->s[i + 1] == '/') {
                    end = lx->s + i;
                    break;
                }
        }
        lx->pos = end ? (size_t)(end - lx->s) + 2 : lx->len;
    }
}

void ea_css_next(struct ea_css_lexer *lx, struct ea_css_tok *tok)
{
    skip_comments(lx);
    tok->num = 0;
    tok->text = lx->s + lx->pos;
    tok->len = 1;
    int c = at(lx, 0);
    if (c == -1) {
        tok->type = EA_CSS_EOF;
        tok->len = 0;
        return;
    }
    if (is_ws(c)) {
        size_t start = lx->pos;
        while (is_ws(at(lx, 0)))
            lx->pos++;
        tok->type = EA_CSS_WS;
        tok->len = lx->pos - start;
        return;
    }
    switch (c) {
    case '"':
    case '\'':
        lx->pos++;
        consume_string(lx, tok, c);
        return;
    case '#':
        if (is_name(at(lx, 1)) || valid_escape(at(lx, 1), at(lx, 2))) {
            lx->pos++;
            size_t start = lx->pos;
            consume_name(lx);
            tok->type = EA_CSS_HASH;
            tok->text = lx->s + start;
            tok->len = lx->pos - start;
            return;
        }
        break;
    case '(':
        lx->pos++;
        tok->type = EA_CSS_LPAREN;
        return;
    case ')':
        lx->pos++;
        tok->type = EA_CSS_RPAREN;
        return;
    case '[':
        lx->pos++;
        tok->type = EA_CSS_LBRACKET;
        return;
    case ']':
        lx->pos++;
        tok->type = EA_CSS_RBRACKET;
        return;
    case '{':
        lx->pos++;
        tok->type = EA_CSS_LBRACE;
        return;
    case '}':
        lx->pos++;
        tok->type = EA_CSS_RBRACE;
        return;
    case ',':
        lx->pos++;
        tok->type = EA_CSS_COMMA;
        return;
    case ':':
        lx->pos++;
        tok->type = EA_CSS_COLON;
        return;
    case ';':
        lx->pos++;
        tok->type = EA_CSS_SEMICOLON;
        return;
    case '<':
        if (at(lx, 1) == '!' && at(lx, 2) == '-' && at(lx, 3) == '-') {
            lx->pos += 4;
            tok->type = EA_CSS_CDO;
            tok->len = 4;
            return;
        }
        break;
    case '@':
        if (starts_ident(at(lx, 1), at(lx, 2), at(lx, 3))) {
            lx->pos++;
            size_t start = lx->pos;
            consume_name(lx);
            tok->type = EA_CSS_AT;
            tok->text = lx->s + start;
            tok->len = lx->pos - start;
            return;
        }
        break;
    default:
        break;
    }
    if (starts_number(c, at(lx, 1), at(lx, 2))) {
        consume_numeric(lx, tok); /* a dimension's text is its unit */
        if (tok->type != EA_CSS_DIMENSION)
            tok->len = (size_t)(lx->s + lx->pos - tok->text);
        return;
    }
    if (c == '-' && at(lx, 1) == '-' && at(lx, 2) == '>') {
        lx->pos += 3;
        tok->type = EA_CSS_CDC;
        tok->len = 3;
        return;
    }
    if (starts_ident(c, at(lx, 1), at(lx, 2))) {
        consume_ident_like(lx, tok);
        return;
    }
    /* a delim: one code point */
    lx->pos++;
    while ((at(lx, 0) & 0xC0) == 0x80 && c >= 0xC0)
        lx->pos++;
    tok->type = EA_CSS_DELIM;
    tok->len = (size_t)(lx->s + lx->pos - tok->text);
}

bool ea_css_tok_is(const struct ea_css_tok *tok, const char *word)
{
    struct ea_css_lexer lx = { .s = tok->text, .len = tok->len, .pos = 0 };
    const char *w = word;
    while (lx.pos < lx.len) {
        unsigned long cp;
        int c = at(&lx, 0);
        if (c == '\\' && valid_escape(c, at(&lx, 1))) {
            lx.pos++;
            cp = consume_escape(&lx);
        } else {
            cp = (unsigned long)c;
            lx.pos++;
        }
        if (cp >= 'A' && cp <= 'Z')
            cp |= 0x20;
        if (!*w || cp != (unsigned char)*w)
            return false;
        w++;
    }
    return *w == '\0';
}

/* ---- stylesheet questions ---- */

static bool width_feature(const struct ea_css_tok *t)
{
    static const char *const names[] = {
        "width", "min-width", "max-width", "device-width", "min-device-width", "max-device-width",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (ea_css_tok_is(t, names[i]))
            return true;
    return false;
}

bool ea_css_has_width_media(const char *css, size_t len)
{
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, css, len);
    for (ea_css_next(&lx, &t); t.type != EA_CSS_EOF; ea_css_next(&lx, &t)) {
        if (t.type != EA_CSS_AT || !ea_css_tok_is(&t, "media"))
            continue;
        /* The prelude runs to the block's "{" (a ";" ends an invalid rule). */
        bool width = false;
        unsigned depth = 0;
        for (ea_css_next(&lx, &t); t.type != EA_CSS_EOF; ea_css_next(&lx, &t)) {
            if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION)
                depth++;
            else if (t.type == EA_CSS_RPAREN && depth > 0)
                depth--;
            else if (t.type == EA_CSS_IDENT && depth > 0 && width_feature(&t))
                width = true;
            else if ((t.type == EA_CSS_LBRACE || t.type == EA_CSS_SEMICOLON) && depth == 0)
                break;
        }
        if (width && t.type == EA_CSS_LBRACE)
            return true;
    }
    return false;
}

/*
 * css.c — the CSS Syntax Level 3 tokenizer (§4.3) and what is built on it. See css.h.
 */
#include "core/css.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    static const struct {
        char c;
        enum ea_css_tok_type type;
    } singles[] = {
        { '(', EA_CSS_LPAREN },   { ')', EA_CSS_RPAREN }, { '[', EA_CSS_LBRACKET },
        { ']', EA_CSS_RBRACKET }, { '{', EA_CSS_LBRACE }, { '}', EA_CSS_RBRACE },
        { ',', EA_CSS_COMMA },    { ':', EA_CSS_COLON },  { ';', EA_CSS_SEMICOLON },
    };
    for (size_t i = 0; i < sizeof(singles) / sizeof(singles[0]); i++)
        if (c == singles[i].c) {
            lx->pos++;
            tok->type = singles[i].type;
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

/* ---- colours ---- */

/* CSS Color Level 4 §6.1 named colours, sorted for binary search. */
static const struct {
    const char *name;
    unsigned rgb;
} named_colors[] = {
    { "aliceblue", 0xf0f8ff },
    { "antiquewhite", 0xfaebd7 },
    { "aqua", 0x00ffff },
    { "aquamarine", 0x7fffd4 },
    { "azure", 0xf0ffff },
    { "beige", 0xf5f5dc },
    { "bisque", 0xffe4c4 },
    { "black", 0x000000 },
    { "blanchedalmond", 0xffebcd },
    { "blue", 0x0000ff },
    { "blueviolet", 0x8a2be2 },
    { "brown", 0xa52a2a },
    { "burlywood", 0xdeb887 },
    { "cadetblue", 0x5f9ea0 },
    { "chartreuse", 0x7fff00 },
    { "chocolate", 0xd2691e },
    { "coral", 0xff7f50 },
    { "cornflowerblue", 0x6495ed },
    { "cornsilk", 0xfff8dc },
    { "crimson", 0xdc143c },
    { "cyan", 0x00ffff },
    { "darkblue", 0x00008b },
    { "darkcyan", 0x008b8b },
    { "darkgoldenrod", 0xb8860b },
    { "darkgray", 0xa9a9a9 },
    { "darkgreen", 0x006400 },
    { "darkgrey", 0xa9a9a9 },
    { "darkkhaki", 0xbdb76b },
    { "darkmagenta", 0x8b008b },
    { "darkolivegreen", 0x556b2f },
    { "darkorange", 0xff8c00 },
    { "darkorchid", 0x9932cc },
    { "darkred", 0x8b0000 },
    { "darksalmon", 0xe9967a },
    { "darkseagreen", 0x8fbc8f },
    { "darkslateblue", 0x483d8b },
    { "darkslategray", 0x2f4f4f },
    { "darkslategrey", 0x2f4f4f },
    { "darkturquoise", 0x00ced1 },
    { "darkviolet", 0x9400d3 },
    { "deeppink", 0xff1493 },
    { "deepskyblue", 0x00bfff },
    { "dimgray", 0x696969 },
    { "dimgrey", 0x696969 },
    { "dodgerblue", 0x1e90ff },
    { "firebrick", 0xb22222 },
    { "floralwhite", 0xfffaf0 },
    { "forestgreen", 0x228b22 },
    { "fuchsia", 0xff00ff },
    { "gainsboro", 0xdcdcdc },
    { "ghostwhite", 0xf8f8ff },
    { "gold", 0xffd700 },
    { "goldenrod", 0xdaa520 },
    { "gray", 0x808080 },
    { "green", 0x008000 },
    { "greenyellow", 0xadff2f },
    { "grey", 0x808080 },
    { "honeydew", 0xf0fff0 },
    { "hotpink", 0xff69b4 },
    { "indianred", 0xcd5c5c },
    { "indigo", 0x4b0082 },
    { "ivory", 0xfffff0 },
    { "khaki", 0xf0e68c },
    { "lavender", 0xe6e6fa },
    { "lavenderblush", 0xfff0f5 },
    { "lawngreen", 0x7cfc00 },
    { "lemonchiffon", 0xfffacd },
    { "lightblue", 0xadd8e6 },
    { "lightcoral", 0xf08080 },
    { "lightcyan", 0xe0ffff },
    { "lightgoldenrodyellow", 0xfafad2 },
    { "lightgray", 0xd3d3d3 },
    { "lightgreen", 0x90ee90 },
    { "lightgrey", 0xd3d3d3 },
    { "lightpink", 0xffb6c1 },
    { "lightsalmon", 0xffa07a },
    { "lightseagreen", 0x20b2aa },
    { "lightskyblue", 0x87cefa },
    { "lightslategray", 0x778899 },
    { "lightslategrey", 0x778899 },
    { "lightsteelblue", 0xb0c4de },
    { "lightyellow", 0xffffe0 },
    { "lime", 0x00ff00 },
    { "limegreen", 0x32cd32 },
    { "linen", 0xfaf0e6 },
    { "magenta", 0xff00ff },
    { "maroon", 0x800000 },
    { "mediumaquamarine", 0x66cdaa },
    { "mediumblue", 0x0000cd },
    { "mediumorchid", 0xba55d3 },
    { "mediumpurple", 0x9370db },
    { "mediumseagreen", 0x3cb371 },
    { "mediumslateblue", 0x7b68ee },
    { "mediumspringgreen", 0x00fa9a },
    { "mediumturquoise", 0x48d1cc },
    { "mediumvioletred", 0xc71585 },
    { "midnightblue", 0x191970 },
    { "mintcream", 0xf5fffa },
    { "mistyrose", 0xffe4e1 },
    { "moccasin", 0xffe4b5 },
    { "navajowhite", 0xffdead },
    { "navy", 0x000080 },
    { "oldlace", 0xfdf5e6 },
    { "olive", 0x808000 },
    { "olivedrab", 0x6b8e23 },
    { "orange", 0xffa500 },
    { "orangered", 0xff4500 },
    { "orchid", 0xda70d6 },
    { "palegoldenrod", 0xeee8aa },
    { "palegreen", 0x98fb98 },
    { "paleturquoise", 0xafeeee },
    { "palevioletred", 0xdb7093 },
    { "papayawhip", 0xffefd5 },
    { "peachpuff", 0xffdab9 },
    { "peru", 0xcd853f },
    { "pink", 0xffc0cb },
    { "plum", 0xdda0dd },
    { "powderblue", 0xb0e0e6 },
    { "purple", 0x800080 },
    { "rebeccapurple", 0x663399 },
    { "red", 0xff0000 },
    { "rosybrown", 0xbc8f8f },
    { "royalblue", 0x4169e1 },
    { "saddlebrown", 0x8b4513 },
    { "salmon", 0xfa8072 },
    { "sandybrown", 0xf4a460 },
    { "seagreen", 0x2e8b57 },
    { "seashell", 0xfff5ee },
    { "sienna", 0xa0522d },
    { "silver", 0xc0c0c0 },
    { "skyblue", 0x87ceeb },
    { "slateblue", 0x6a5acd },
    { "slategray", 0x708090 },
    { "slategrey", 0x708090 },
    { "snow", 0xfffafa },
    { "springgreen", 0x00ff7f },
    { "steelblue", 0x4682b4 },
    { "tan", 0xd2b48c },
    { "teal", 0x008080 },
    { "thistle", 0xd8bfd8 },
    { "tomato", 0xff6347 },
    { "turquoise", 0x40e0d0 },
    { "violet", 0xee82ee },
    { "wheat", 0xf5deb3 },
    { "white", 0xffffff },
    { "whitesmoke", 0xf5f5f5 },
    { "yellow", 0xffff00 },
    { "yellowgreen", 0x9acd32 },
};

static struct ea_css_color rgb_of(unsigned v, double a)
{
    return (struct ea_css_color){
        .valid = true, .r = (v >> 16) & 0xff, .g = (v >> 8) & 0xff, .b = v & 0xff, .a = a
    };
}

static int hexval(int c)
{
    return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

static struct ea_css_color hash_color(const struct ea_css_tok *t)
{
    struct ea_css_color bad = { 0 };
    size_t n = t->len;
    if (n != 3 && n != 4 && n != 6 && n != 8)
        return bad;
    int d[8];
    for (size_t i = 0; i < n; i++) {
        if (!is_hex((unsigned char)t->text[i]))
            return bad;
        d[i] = hexval((unsigned char)t->text[i]);
    }
    if (n <= 4) {
        struct ea_css_color c = rgb_of(
            (unsigned)(d[0] * 17) << 16 | (unsigned)(d[1] * 17) << 8 | (unsigned)(d[2] * 17), 1);
        if (n == 4)
            c.a = d[3] * 17 / 255.0;
        return c;
    }
    unsigned v = 0;
    for (size_t i = 0; i < 6; i++)
        v = v << 4 | (unsigned)d[i];
    return rgb_of(v, n == 8 ? (d[6] * 16 + d[7]) / 255.0 : 1);
}

static struct ea_css_color ident_color(const struct ea_css_tok *t)
{
    struct ea_css_color bad = { 0 };
    char name[24];
    if (t->len == 0 || t->len >= sizeof(name))
        return bad;
    for (size_t i = 0; i < t->len; i++) {
        char c = t->text[i];
        name[i] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
    }
    name[t->len] = '\0';
    if (strcmp(name, "transparent") == 0)
        return rgb_of(0, 0);
    size_t lo = 0, hi = sizeof(named_colors) / sizeof(named_colors[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, named_colors[mid].name);
        if (c == 0)
            return rgb_of(named_colors[mid].rgb, 1);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return bad;
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static double hue_to_rgb(double p, double q, double t)
{
    if (t < 0)
        t += 1;
    if (t > 1)
        t -= 1;
    if (t < 1.0 / 6)
        return p + (q - p) * 6 * t;
    if (t < 0.5)
        return q;
    if (t < 2.0 / 3)
        return p + (q - p) * (2.0 / 3 - t) * 6;
    return p;
}

/* rgb()/rgba()/hsl()/hsla(): the function token is consumed; reads up to ")". */
static struct ea_css_color func_color(struct ea_css_lexer *lx, const struct ea_css_tok *fn)
{
    struct ea_css_color bad = { 0 };
    bool hsl = ea_css_tok_is(fn, "hsl") || ea_css_tok_is(fn, "hsla");
    if (!hsl && !ea_css_tok_is(fn, "rgb") && !ea_css_tok_is(fn, "rgba"))
        return bad;
    double v[4] = { 0, 0, 0, 1 };
    bool pct[4] = { false, false, false, false };
    size_t n = 0;
    struct ea_css_tok t;
    for (ea_css_next(lx, &t); t.type != EA_CSS_RPAREN; ea_css_next(lx, &t)) {
        if (t.type == EA_CSS_WS || t.type == EA_CSS_COMMA ||
            (t.type == EA_CSS_DELIM && t.text[0] == '/'))
            continue;
        if (n >= 4)
            return bad;
        if (t.type == EA_CSS_NUMBER || t.type == EA_CSS_PERCENTAGE ||
            (t.type == EA_CSS_DIMENSION && hsl && n == 0 && ea_css_tok_is(&t, "deg"))) {
            pct[n] = t.type == EA_CSS_PERCENTAGE;
            v[n++] = t.num;
        } else
            return bad; /* var(), calc(), none, EOF ... */
    }
    if (n < 3)
        return bad;
    double a = pct[3] ? v[3] / 100 : v[3];
    a = clamp(a, 0, 1);
    if (!hsl) {
        struct ea_css_color c = { .valid = true, .a = a };
        double *ch[3] = { &c.r, &c.g, &c.b };
        for (size_t i = 0; i < 3; i++)
            *ch[i] = clamp(pct[i] ? v[i] * 2.55 : v[i], 0, 255);
        return c;
    }
    double h = v[0] / 360, s = clamp(v[1] / 100, 0, 1), l = clamp(v[2] / 100, 0, 1);
    h -= (double)(long)h;
    if (h < 0)
        h += 1;
    double q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
    return (struct ea_css_color){ .valid = true,
                                  .r = 255 * hue_to_rgb(p, q, h + 1.0 / 3),
                                  .g = 255 * hue_to_rgb(p, q, h),
                                  .b = 255 * hue_to_rgb(p, q, h - 1.0 / 3),
                                  .a = a };
}

/* The colour starting at token t (more tokens may be read for a function). */
static struct ea_css_color tok_color(struct ea_css_lexer *lx, const struct ea_css_tok *t)
{
    struct ea_css_color bad = { 0 };
    switch (t->type) {
    case EA_CSS_HASH:
        return hash_color(t);
    case EA_CSS_IDENT:
        return ident_color(t);
    case EA_CSS_FUNCTION:
        return func_color(lx, t);
    default:
        return bad;
    }
}

struct ea_css_color ea_css_parse_color(const char *value, size_t len)
{
    struct ea_css_color bad = { 0 };
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, value, len);
    do
        ea_css_next(&lx, &t);
    while (t.type == EA_CSS_WS);
    struct ea_css_color c = tok_color(&lx, &t);
    do
        ea_css_next(&lx, &t);
    while (t.type == EA_CSS_WS);
    return t.type == EA_CSS_EOF ? c : bad;
}

static double channel(double v)
{
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double ea_css_luminance(struct ea_css_color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double ea_css_contrast(struct ea_css_color a, struct ea_css_color b)
{
    double la = ea_css_luminance(a), lb = ea_css_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

struct ea_css_color ea_css_blend(struct ea_css_color fg, struct ea_css_color bg)
{
    double a = fg.a;
    return (struct ea_css_color){ .valid = fg.valid && bg.valid,
                                  .r = fg.r * a + bg.r * (1 - a),
                                  .g = fg.g * a + bg.g * (1 - a),
                                  .b = fg.b * a + bg.b * (1 - a),
                                  .a = 1 };
}

/* ---- stylesheet rules ---- */

/* A selector's match: MAYBE when only a browser could tell (an unmodelled pseudo-class). */
enum tri {
    NO,
    YES,
    MAYBE
};

enum simple_kind {
    SK_TAG,
    SK_ID,
    SK_CLASS,
    SK_ATTR,
    SK_UNIVERSAL,
    SK_NTH,     /* :nth-child() and its kin: a, b, nth flags */
    SK_NOT,     /* :not(): none of the argument compounds (name: first, value: count) */
    SK_IS,      /* :is(), :where(), :matches(): one of them */
    SK_DEFINED, /* :defined: scripts do not run, so custom elements are undefined */
    SK_NEVER,   /* a state the initial page is not in (:hover, :visited...) */
    SK_UNKNOWN  /* a pseudo-class not modelled (:checked, :has()...): MAYBE */
};
enum nth_flags {
    NTH_OF_TYPE = 1, /* count siblings of the same tag only */
    NTH_LAST = 2,    /* count from the last sibling */
    NTH_ONLY = 4,    /* :only-child, :only-of-type: first from both ends */
};
enum attr_op {
    OP_EXISTS,
    OP_EQ,
    OP_INCLUDES,
    OP_DASH,
    OP_PREFIX,
    OP_SUFFIX,
    OP_SUBSTR
};

struct simple {
    unsigned char kind, op, nth;
    bool icase;
    size_t name, value; /* offsets into sheet->str; SK_NOT/SK_IS: first argument and count */
    int a, b;           /* SK_NTH: matches positions a * n + b (n >= 0), 1-based */
};

struct compound {
    size_t first, n; /* simples */
    /* rightmost first: how it relates to the next compound (its left): ' ', '>', '+', '~'
     * or 0 */
    char comb;
};

struct rule {
    size_t first, n; /* compounds, rightmost first */
    unsigned spec, order;
    size_t decl;
    bool maybe;
    unsigned char key_kind; /* SK_ID, SK_CLASS, SK_TAG or SK_UNIVERSAL */
    size_t key;             /* offset into str */
};

struct decls {
    struct ea_css_style style;
    unsigned important; /* 1 << slot */
};

struct ea_css_sheet {
    char *str; /* owned: NUL-terminated names and values */
    size_t str_len, str_cap;
    struct simple *simples; /* owned */
    size_t nsimples, simples_cap;
    struct compound *comps; /* owned */
    size_t ncomps, comps_cap;
    struct rule *rules; /* owned */
    size_t nrules, rules_cap;
    struct decls *decls; /* owned */
    size_t ndecls, decls_cap;
    size_t *index; /* owned: rule numbers sorted by (key_kind, key) */
    unsigned next_order;
    /* the compounds of :not() and :is() arguments, and their simples */
    struct simple *asimples; /* owned */
    size_t nasimples, asimples_cap;
    struct compound *acomps; /* owned */
    size_t nacomps, acomps_cap;
};

/* Stores the decoded text of an ident or string token, lowercased if asked. */
static size_t put_tok(struct ea_css_sheet *sh, const struct ea_css_tok *t, bool lower)
{
    EA_GROW(sh->str, sh->str_len + t->len * 2 + 8, sh->str_cap);
    size_t off = sh->str_len;
    struct ea_css_lexer lx = { .s = t->text, .len = t->len, .pos = 0 };
    while (lx.pos < lx.len) {
        int c = at(&lx, 0);
        unsigned long cp;
        if (c == '\\' && valid_escape(c, at(&lx, 1))) {
            lx.pos++;
            cp = consume_escape(&lx);
        } else if (c == '\\') {
            lx.pos++; /* an escaped newline in a string: dropped */
            if (at(&lx, 0) == '\r' && at(&lx, 1) == '\n')
                lx.pos++;
            if (lx.pos < lx.len)
                lx.pos++;
            continue;
        } else {
            sh->str[sh->str_len++] = lower && c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : (char)c;
            lx.pos++;
            continue;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        if (lower && cp >= 'A' && cp <= 'Z')
            cp |= 0x20;
        char *o = sh->str + sh->str_len;
        if (cp < 0x80)
            o[0] = (char)cp, sh->str_len += 1;
        else if (cp < 0x800)
            o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 0x3F)), sh->str_len += 2;
        else if (cp < 0x10000)
            o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
            o[2] = (char)(0x80 | (cp & 0x3F)), sh->str_len += 3;
        else
            o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
            o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F)),
            sh->str_len += 4;
    }
    sh->str[sh->str_len++] = '\0';
    return off;
}

static void next_nows(struct ea_css_lexer *lx, struct ea_css_tok *t)
{
    do
        ea_css_next(lx, t);
    while (t->type == EA_CSS_WS);
}

/* Skips to the ")" matching an already consumed "(" or function token. */
static void skip_parens(struct ea_css_lexer *lx)
{
    unsigned depth = 1;
    struct ea_css_tok t;
    while (depth) {
        ea_css_next(lx, &t);
        if (t.type == EA_CSS_EOF)
            return;
        if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION)
            depth++;
        else if (t.type == EA_CSS_RPAREN)
            depth--;
    }
}

/* Pseudo-classes a page in its initial state does not match: rules using them never apply. */
static bool state_pseudo(const struct ea_css_tok *t)
{
    static const char *const names[] = {
        "hover",
        "focus",
        "active",
        "focus-within",
        "focus-visible",
        "target",
        "before",
        "after",
        "first-line",
        "first-letter",
        "placeholder",
        "selection",
        "marker",
        "backdrop",
        "-webkit-scrollbar",
        "-moz-focusring",
        "placeholder-shown",
        "-webkit-autofill",
        "autofill",
        "visited", /* browsers style every link as unvisited for getComputedStyle */
        "fullscreen",
        "-webkit-full-screen",
        "modal",
        "popover-open",
        "user-invalid",
        "user-valid",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (ea_css_tok_is(t, names[i]))
            return true;
    return false;
}

struct sel_state {
    size_t rule_first_comp; /* compounds of the rule being built (leftmost first for now) */
    size_t comp_first_simple;
    bool in_compound, dead, maybe;
    char comb;
    unsigned ids, classes, types;
};

static void add_simple(struct ea_css_sheet *sh, struct sel_state *st, struct simple s)
{
    if (!st->in_compound) {
        EA_GROW(sh->comps, sh->ncomps + 1, sh->comps_cap);
        sh->comps[sh->ncomps++] =
            (struct compound){ .first = sh->nsimples, .n = 0, .comb = st->comb };
        st->in_compound = true;
        st->comb = ' ';
    }
    EA_GROW(sh->simples, sh->nsimples + 1, sh->simples_cap);
    sh->simples[sh->nsimples++] = s;
    sh->comps[sh->ncomps - 1].n++;
}

/* Ends one complex selector: reverses its compounds to rightmost-first and keeps the rule. */
static void end_selector(struct ea_css_sheet *sh, struct sel_state *st, size_t decl, bool maybe)
{
    size_t first = st->rule_first_comp, n = sh->ncomps - first;
    if (st->dead || n == 0) {
        sh->ncomps = first;
        goto out;
    }
    /* Built leftmost first, each compound holding the combinator to its left neighbour;
     * reversed, comps[first + i].comb relates compound i to compound i + 1 (its left). */
    for (size_t i = 0; i < n / 2; i++) {
        struct compound tmp = sh->comps[first + i];
        sh->comps[first + i] = sh->comps[first + n - 1 - i];
        sh->comps[first + n - 1 - i] = tmp;
    }
    struct rule r = { .first = first,
                      .n = n,
                      .spec = (st->ids > 255 ? 255 : st->ids) << 16 |
                              (st->classes > 255 ? 255 : st->classes) << 8 |
                              (st->types > 255 ? 255 : st->types),
                      .order = sh->next_order,
                      .decl = decl,
                      .maybe = maybe || st->maybe,
                      .key_kind = SK_UNIVERSAL };
    const struct compound *right = &sh->comps[first];
    for (size_t i = 0; i < right->n; i++) {
        const struct simple *s = &sh->simples[right->first + i];
        if (s->kind == SK_ID || (s->kind == SK_CLASS && r.key_kind != SK_ID) ||
            (s->kind == SK_TAG && r.key_kind == SK_UNIVERSAL)) {
            r.key_kind = s->kind;
            r.key = s->name;
        }
    }
    if (sh->nrules < EA_MAX_CSS_RULES) {
        EA_GROW(sh->rules, sh->nrules + 1, sh->rules_cap);
        sh->rules[sh->nrules++] = r;
    }
out:
    st->rule_first_comp = sh->ncomps;
    st->in_compound = false;
    st->dead = st->maybe = false;
    st->comb = 0;
    st->ids = st->classes = st->types = 0;
}

/* [attr op value flag] after "[". False when malformed. */
static bool parse_attr_sel(struct ea_css_sheet *sh, struct ea_css_lexer *lx, struct simple *s)
{
    struct ea_css_tok t;
    next_nows(lx, &t);
    if (t.type != EA_CSS_IDENT)
        return false;
    s->kind = SK_ATTR;
    s->name = put_tok(sh, &t, true);
    s->op = OP_EXISTS;
    next_nows(lx, &t);
    if (t.type == EA_CSS_RBRACKET)
        return true;
    if (t.type != EA_CSS_DELIM)
        return false;
    switch (t.text[0]) {
    case '=':
        s->op = OP_EQ;
        break;
    case '~':
        s->op = OP_INCLUDES;
        break;
    case '|':
        s->op = OP_DASH;
        break;
    case '^':
        s->op = OP_PREFIX;
        break;
    case '$':
        s->op = OP_SUFFIX;
        break;
    case '*':
        s->op = OP_SUBSTR;
        break;
    default:
        return false;
    }
    if (s->op != OP_EQ) {
        ea_css_next(lx, &t);
        if (t.type != EA_CSS_DELIM || t.text[0] != '=')
            return false;
    }
    next_nows(lx, &t);
    if (t.type != EA_CSS_IDENT && t.type != EA_CSS_STRING)
        return false;
    s->value = put_tok(sh, &t, false);
    next_nows(lx, &t);
    if (t.type == EA_CSS_IDENT && (ea_css_tok_is(&t, "i") || ea_css_tok_is(&t, "s"))) {
        s->icase = ea_css_tok_is(&t, "i");
        next_nows(lx, &t);
    }
    return t.type == EA_CSS_RBRACKET;
}

/* Reads an+b ("odd", "even", "3", "-n+2", "2n - 1") from the text of :nth-child(...). False
 * when it is not one (or uses "of S", which is not modelled). */
static bool parse_nth(const char *p, const char *end, int *a, int *b)
{
    char buf[32];
    size_t n = 0;
    for (; p < end; p++) {
        if (is_ws((unsigned char)*p))
            continue;
        if (n + 1 >= sizeof(buf))
            return false;
        buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
    }
    buf[n] = '\0';
    if (strcmp(buf, "odd") == 0 || strcmp(buf, "even") == 0) {
        *a = 2;
        *b = buf[0] == 'o';
        return true;
    }
    const char *q = buf;
    long v = 0, sign = 1;
    bool digits = false;
    if (*q == '+' || *q == '-')
        sign = *q++ == '-' ? -1 : 1;
    for (; *q >= '0' && *q <= '9' && v < 100000; q++, digits = true)
        v = v * 10 + (*q - '0');
    if (*q != 'n') {
        *a = 0;
        *b = (int)(sign * v);
        return digits && *q == '\0';
    }
    *a = (int)(sign * (digits ? v : 1));
    q++;
    *b = 0;
    if (*q == '\0')
        return true;
    if (*q != '+' && *q != '-')
        return false;
    sign = *q++ == '-' ? -1 : 1;
    v = 0;
    digits = false;
    for (; *q >= '0' && *q <= '9' && v < 100000; q++, digits = true)
        v = v * 10 + (*q - '0');
    *b = (int)(sign * v);
    return digits && *q == '\0';
}

static bool ends_with_ci(const struct ea_css_tok *t, const char *suffix)
{
    size_t n = strlen(suffix);
    if (t->len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = t->text[t->len - n + i];
        if ((c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c) != suffix[i])
            return false;
    }
    return true;
}

static bool ends_with_type(const struct ea_css_tok *t)
{
    return ends_with_ci(t, "of-type");
}

static unsigned max_u(unsigned a, unsigned b)
{
    return a > b ? a : b;
}

/* What a pseudo-class becomes. */
enum pseudo {
    PS_SIMPLE,   /* *s is filled in */
    PS_NEVER,    /* never matches the initial page */
    PS_INVALID,  /* browsers drop the selector list */
    PS_ARGUMENTS /* :not() or :is(): the caller parses the argument list */
};

static bool tok_is_any(const struct ea_css_tok *t, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ea_css_tok_is(t, words[i]))
            return true;
    return false;
}

/* The pseudo-class named by t (after ":"); a function's arguments are consumed, except for
 * :not()/:is()/:where() (PS_ARGUMENTS). */
static enum pseudo pseudo_class(struct ea_css_sheet *sh, struct ea_css_lexer *lx,
                                const struct ea_css_tok *t, struct simple *s)
{
    static const char *const structural[] = { "first-child",   "last-child",   "only-child",
                                              "first-of-type", "last-of-type", "only-of-type" };
    static const char *const nth[] = { "nth-child", "nth-last-child", "nth-of-type",
                                       "nth-last-of-type" };
    static const char *const lists[] = { "not", "is", "where", "matches", "-webkit-any" };
    if (t->type == EA_CSS_FUNCTION) {
        if (tok_is_any(t, lists, sizeof(lists) / sizeof(lists[0])))
            return PS_ARGUMENTS;
        size_t start = lx->pos;
        skip_parens(lx);
        s->kind = SK_UNKNOWN;
        if (!tok_is_any(t, nth, sizeof(nth) / sizeof(nth[0])))
            return PS_SIMPLE;
        if (parse_nth(lx->s + start, lx->s + (lx->pos > start ? lx->pos - 1 : start), &s->a,
                      &s->b)) {
            s->kind = SK_NTH;
            s->nth = (unsigned char)((ends_with_type(t) ? NTH_OF_TYPE : 0) |
                                     (ea_css_tok_is(t, "nth-last-child") ||
                                              ea_css_tok_is(t, "nth-last-of-type")
                                          ? NTH_LAST
                                          : 0));
        }
        return PS_SIMPLE;
    }
    if (t->type != EA_CSS_IDENT)
        return PS_INVALID;
    if (state_pseudo(t))
        return PS_NEVER;
    struct ea_css_tok name = { .type = EA_CSS_IDENT };
    if (ea_css_tok_is(t, "link") || ea_css_tok_is(t, "any-link") ||
        ea_css_tok_is(t, "-webkit-any-link")) {
        name.text = "href";
        name.len = 4;
        s->kind = SK_ATTR;
        s->op = OP_EXISTS;
        s->name = put_tok(sh, &name, true);
    } else if (ea_css_tok_is(t, "root") || ea_css_tok_is(t, "scope")) {
        name.text = "html";
        name.len = 4;
        s->kind = SK_TAG;
        s->name = put_tok(sh, &name, true);
    } else if (tok_is_any(t, structural, sizeof(structural) / sizeof(structural[0]))) {
        /* first-: 0n+1 from the start; last-: from the end; only-: both (NTH_LAST | 4) */
        s->kind = SK_NTH;
        s->a = 0;
        s->b = 1;
        s->nth = (unsigned char)((ends_with_type(t) ? NTH_OF_TYPE : 0) |
                                 (t->text[0] == 'l' || t->text[0] == 'L' ? NTH_LAST : 0) |
                                 (t->text[0] == 'o' || t->text[0] == 'O' ? NTH_ONLY : 0));
    } else if (ea_css_tok_is(t, "defined")) {
        s->kind = SK_DEFINED;
    } else if (t->len > 1 && t->text[0] == '-' && !ends_with_ci(t, "-any-link") &&
               (t->len < 8 || strncmp(t->text, "-webkit-", 8) != 0)) {
        return PS_INVALID; /* -moz-, -ms-: Chromium drops the rule */
    } else {
        s->kind = SK_UNKNOWN;
    }
    return PS_SIMPLE;
}

/* The packed specificity of one argument compound. */
static unsigned compound_spec(const struct ea_css_sheet *sh, const struct compound *c)
{
    unsigned spec = 0;
    for (size_t i = 0; i < c->n; i++) {
        unsigned char k = sh->asimples[c->first + i].kind;
        spec += k == SK_ID ? 1u << 16 : k == SK_TAG ? 1u : k == SK_UNIVERSAL ? 0u : 1u << 8;
    }
    return spec;
}

static void add_arg_simple(struct ea_css_sheet *sh, struct simple s, bool *open)
{
    if (!*open) {
        EA_GROW(sh->acomps, sh->nacomps + 1, sh->acomps_cap);
        sh->acomps[sh->nacomps++] = (struct compound){ .first = sh->nasimples };
        *open = true;
    }
    EA_GROW(sh->asimples, sh->nasimples + 1, sh->asimples_cap);
    sh->asimples[sh->nasimples++] = s;
    sh->acomps[sh->nacomps - 1].n++;
}

/* The argument list of :not()/:is() after its "(", to the matching ")": each argument one
 * compound selector. Fills *out (SK_NOT or SK_IS with its arguments) and returns the
 * largest argument specificity; an argument list that is not plain compounds (combinators,
 * nested lists) makes *out SK_UNKNOWN. *invalid is set for an argument browsers reject. */
static unsigned parse_arguments(struct ea_css_sheet *sh, struct ea_css_lexer *lx, bool is_not,
                                struct simple *out, bool *invalid)
{
    size_t comps0 = sh->nacomps, simples0 = sh->nasimples;
    bool open = false, complex = false, gap = false, never = false;
    unsigned spec = 0;
    struct ea_css_tok t;
    for (ea_css_next(lx, &t); t.type != EA_CSS_RPAREN; ea_css_next(lx, &t)) {
        struct simple s = { 0 };
        if (t.type == EA_CSS_EOF) {
            *invalid = true;
            break;
        }
        if (t.type == EA_CSS_WS) {
            gap = open;
            continue;
        }
        if (t.type == EA_CSS_COMMA) {
            if (open)
                spec = max_u(spec, compound_spec(sh, &sh->acomps[sh->nacomps - 1]));
            open = gap = never = false;
            continue;
        }
        if (gap || never)
            complex = true; /* "a b" inside: a complex selector */
        if (t.type == EA_CSS_IDENT || (t.type == EA_CSS_DELIM && t.text[0] == '*')) {
            if (open)
                complex = true;
            s.kind = t.type == EA_CSS_IDENT ? SK_TAG : SK_UNIVERSAL;
            if (t.type == EA_CSS_IDENT)
                s.name = put_tok(sh, &t, true);
        } else if (t.type == EA_CSS_HASH) {
            s.kind = SK_ID;
            s.name = put_tok(sh, &t, false);
        } else if (t.type == EA_CSS_DELIM && t.text[0] == '.') {
            ea_css_next(lx, &t);
            if (t.type != EA_CSS_IDENT) {
                *invalid = true;
                continue;
            }
            s.kind = SK_CLASS;
            s.name = put_tok(sh, &t, false);
        } else if (t.type == EA_CSS_LBRACKET) {
            if (!parse_attr_sel(sh, lx, &s)) {
                *invalid = true;
                continue;
            }
        } else if (t.type == EA_CSS_COLON) {
            ea_css_next(lx, &t);
            if (t.type == EA_CSS_COLON) {
                *invalid = true; /* a pseudo-element inside :not()/:is() */
                continue;
            }
            enum pseudo ps = pseudo_class(sh, lx, &t, &s);
            if (ps == PS_INVALID) {
                *invalid = true;
                continue;
            }
            if (ps == PS_ARGUMENTS) {
                skip_parens(lx);
                s.kind = SK_UNKNOWN; /* nested lists are not modelled */
            }
            if (ps == PS_NEVER)
                s.kind = SK_NEVER;
        } else {
            complex = true; /* a combinator or anything else */
            if (t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LPAREN)
                skip_parens(lx);
            continue;
        }
        add_arg_simple(sh, s, &open);
    }
    if (open)
        spec = max_u(spec, compound_spec(sh, &sh->acomps[sh->nacomps - 1]));
    *out = (struct simple){ .kind = is_not ? SK_NOT : SK_IS };
    out->name = comps0;
    out->value = sh->nacomps - comps0;
    if (complex || out->value == 0) {
        sh->nacomps = comps0;
        sh->nasimples = simples0;
        *out = (struct simple){ .kind = SK_UNKNOWN };
    }
    return spec;
}

/* Parses a selector list into rules sharing decl. An invalid selector drops the list. */
static void parse_selectors(struct ea_css_sheet *sh, const char *text, size_t len, size_t decl,
                            bool maybe)
{
    size_t rules0 = sh->nrules, comps0 = sh->ncomps, simples0 = sh->nsimples;
    size_t acomps0 = sh->nacomps, asimples0 = sh->nasimples;
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, text, len);
    struct sel_state st = { .rule_first_comp = sh->ncomps };
    bool invalid = false;
    for (ea_css_next(&lx, &t); t.type != EA_CSS_EOF && !invalid; ea_css_next(&lx, &t)) {
        struct simple s = { 0 };
        switch (t.type) {
        case EA_CSS_WS:
            if (st.in_compound) {
                st.in_compound = false;
                st.comb = ' ';
            }
            continue;
        case EA_CSS_COMMA:
            end_selector(sh, &st, decl, maybe);
            continue;
        case EA_CSS_DELIM:
            if (t.text[0] == '>' || t.text[0] == '+' || t.text[0] == '~') {
                if (sh->ncomps == st.rule_first_comp) {
                    invalid = true; /* nothing on the left */
                    continue;
                }
                st.in_compound = false;
                st.comb = t.text[0];
                continue;
            }
            if (t.text[0] == '*') {
                s.kind = SK_UNIVERSAL;
                add_simple(sh, &st, s);
                continue;
            }
            if (t.text[0] == '.') {
                ea_css_next(&lx, &t);
                if (t.type != EA_CSS_IDENT) {
                    invalid = true;
                    continue;
                }
                s.kind = SK_CLASS;
                s.name = put_tok(sh, &t, false);
                st.classes++;
                add_simple(sh, &st, s);
                continue;
            }
            invalid = true;
            continue;
        case EA_CSS_IDENT:
            if (st.in_compound) {
                invalid = true;
                continue;
            }
            s.kind = SK_TAG;
            s.name = put_tok(sh, &t, true);
            st.types++;
            add_simple(sh, &st, s);
            continue;
        case EA_CSS_HASH:
            s.kind = SK_ID;
            s.name = put_tok(sh, &t, false);
            st.ids++;
            add_simple(sh, &st, s);
            continue;
        case EA_CSS_LBRACKET:
            if (!parse_attr_sel(sh, &lx, &s)) {
                invalid = true;
                continue;
            }
            st.classes++;
            add_simple(sh, &st, s);
            continue;
        case EA_CSS_COLON: {
            ea_css_next(&lx, &t);
            if (t.type == EA_CSS_COLON) { /* a pseudo-element: never matches an element */
                ea_css_next(&lx, &t);
                if (t.type == EA_CSS_FUNCTION)
                    skip_parens(&lx);
                st.dead = true;
                continue;
            }
            enum pseudo ps = pseudo_class(sh, &lx, &t, &s);
            if (ps == PS_INVALID) {
                invalid = true;
                continue;
            }
            if (ps == PS_NEVER) {
                st.dead = true;
                continue;
            }
            unsigned spec = 1u << 8;
            if (ps == PS_ARGUMENTS) {
                bool where = ea_css_tok_is(&t, "where");
                spec = parse_arguments(sh, &lx, ea_css_tok_is(&t, "not"), &s, &invalid);
                if (where)
                    spec = 0;
            }
            st.ids += spec >> 16;
            st.classes += (spec >> 8) & 0xff;
            st.types += spec & 0xff;
            add_simple(sh, &st, s);
            continue;
        }
        default:
            invalid = true;
            continue;
        }
    }
    if (invalid) {
        sh->nrules = rules0;
        sh->ncomps = comps0;
        sh->nsimples = simples0;
        sh->nacomps = acomps0;
        sh->nasimples = asimples0;
        return;
    }
    end_selector(sh, &st, decl, maybe);
}

/* ---- declarations ---- */

static void set_slot(struct decls *d, enum ea_css_slot slot, bool important)
{
    d->style.set |= 1u << slot;
    d->style.inherit &= ~(1u << slot); /* declare_inherit sets it again after this */
    if (important)
        d->important |= 1u << slot;
    else
        d->important &= ~(1u << slot);
}

static bool image_token(const struct ea_css_tok *t)
{
    return t->type == EA_CSS_URL || t->type == EA_CSS_BAD_URL ||
           (t->type == EA_CSS_FUNCTION &&
            (ea_css_tok_is(t, "url") || ends_with_ci(t, "image-set") ||
             ea_css_tok_is(t, "element") || ends_with_ci(t, "gradient")));
}

static bool is_var(const struct ea_css_tok *t)
{
    return t->type == EA_CSS_FUNCTION &&
           (ea_css_tok_is(t, "var") || ea_css_tok_is(t, "env") || ea_css_tok_is(t, "attr"));
}

/* A value made of one keyword: inherit, initial, unset, revert... */
static bool wide_keyword(const struct ea_css_tok *t, const char *kw)
{
    return t->type == EA_CSS_IDENT && ea_css_tok_is(t, kw);
}

static double font_keyword(const struct ea_css_tok *t)
{
    static const struct {
        const char *name;
        double px;
    } kw[] = {
        { "xx-small", 9 },    { "x-small", 10 },  { "small", 13 },    { "medium", 16 },
        { "large", 18 },      { "x-large", 24 },  { "xx-large", 32 }, { "xxx-large", 48 },
        { "smaller", -0.83 }, { "larger", -1.2 },
    };
    for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
        if (ea_css_tok_is(t, kw[i].name))
            return kw[i].px;
    return 0;
}

/* A length for font-size: > 0 px, < 0 a factor of the parent's size, 0 unknown. */
static double font_length(const struct ea_css_tok *t)
{
    if (t->type == EA_CSS_PERCENTAGE)
        return -t->num / 100;
    if ((t->type == EA_CSS_NUMBER || t->type == EA_CSS_DIMENSION || t->type == EA_CSS_PERCENTAGE) &&
        t->num == 0)
        return EA_CSS_FONT_ZERO;
    if (t->type != EA_CSS_DIMENSION)
        return t->type == EA_CSS_IDENT ? font_keyword(t) : 0;
    static const struct {
        const char *unit;
        double px;
    } units[] = {
        { "px", 1 },         { "pt", 4.0 / 3 },   { "pc", 16 },  { "in", 96 },
        { "cm", 96 / 2.54 }, { "mm", 96 / 25.4 }, { "rem", 16 }, { "q", 96 / 101.6 },
    };
    if (ea_css_tok_is(t, "em"))
        return -t->num;
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (ea_css_tok_is(t, units[i].unit))
            return t->num * units[i].px > 0 ? t->num * units[i].px : 0;
    return 0; /* vw, ex, ch ...: depends on what we cannot know */
}

static int weight_of(const struct ea_css_tok *t)
{
    if (t->type == EA_CSS_NUMBER && t->num >= 1 && t->num <= 1000)
        return (int)t->num;
    if (t->type != EA_CSS_IDENT)
        return 0;
    if (ea_css_tok_is(t, "normal"))
        return 400;
    if (ea_css_tok_is(t, "bold") || ea_css_tok_is(t, "bolder"))
        return 700;
    if (ea_css_tok_is(t, "lighter"))
        return 300;
    return 0;
}

/* Interprets one declaration's value (without !important) into d. */
static unsigned char display_of(const struct ea_css_tok *t)
{
    static const char *const blocks[] = { "block", "list-item", "table", "flow-root" };
    static const char *const inline_blocks[] = { "inline-block", "inline-table" };
    if (t->type != EA_CSS_IDENT)
        return EA_DISPLAY_OTHER;
    if (ea_css_tok_is(t, "none"))
        return EA_DISPLAY_NONE;
    if (ea_css_tok_is(t, "inline"))
        return EA_DISPLAY_INLINE;
    if (ea_css_tok_is(t, "flex") || ea_css_tok_is(t, "grid"))
        return EA_DISPLAY_FLEX;
    if (ea_css_tok_is(t, "inline-flex") || ea_css_tok_is(t, "inline-grid"))
        return EA_DISPLAY_INLINE_FLEX;
    for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
        if (ea_css_tok_is(t, blocks[i]))
            return EA_DISPLAY_BLOCK;
    if (t->len > 6 && strncasecmp(t->text, "table-", 6) == 0)
        return EA_DISPLAY_BLOCK;
    for (size_t i = 0; i < sizeof(inline_blocks) / sizeof(inline_blocks[0]); i++)
        if (ea_css_tok_is(t, inline_blocks[i]))
            return EA_DISPLAY_INLINE_BLOCK;
    return EA_DISPLAY_OTHER;
}

/* A hash of the first family of a font-family list starting at t ("Helvetica Neue",
 * 'Open Sans', serif), lowercased; EA_CSS_FAMILY_UNKNOWN for var() or nothing. */
static unsigned family_of(struct ea_css_lexer *lx, struct ea_css_tok *t)
{
    unsigned h = 2166136261u;
    bool any = false;
    for (; t->type != EA_CSS_EOF && t->type != EA_CSS_COMMA; ea_css_next(lx, t)) {
        if (t->type == EA_CSS_WS)
            continue;
        if (t->type != EA_CSS_IDENT && t->type != EA_CSS_STRING)
            return EA_CSS_FAMILY_UNKNOWN;
        if (any)
            h = (h ^ ' ') * 16777619u;
        for (size_t i = 0; i < t->len; i++) {
            unsigned char c = (unsigned char)t->text[i];
            h = (h ^ (c >= 'A' && c <= 'Z' ? c | 0x20 : c)) * 16777619u;
        }
        any = true;
    }
    if (!any)
        return EA_CSS_FAMILY_UNKNOWN;
    return h > EA_CSS_FAMILY_UNKNOWN ? h : h + 2;
}

/* True when the first family (token t) names an icon font, whose "text" is ligature names
 * ("star", "menu") that axe-core does not judge. */
static bool icon_family(const struct ea_css_tok *t)
{
    static const char *const words[] = { "icon", "awesome", "symbols", "glyph" };
    if (t->type != EA_CSS_IDENT && t->type != EA_CSS_STRING)
        return false;
    for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
        size_t n = strlen(words[w]);
        for (size_t i = 0; i + n <= t->len; i++)
            if (strncasecmp(t->text + i, words[w], n) == 0)
                return true;
    }
    return false;
}

static bool border_prop(const struct ea_css_tok *p)
{
    static const char *const names[] = {
        "border",
        "border-top",
        "border-bottom",
        "border-style",
        "border-width",
        "border-top-style",
        "border-bottom-style",
        "border-top-width",
        "border-bottom-width",
        "border-block",
        "border-block-start",
        "border-block-end",
        "border-block-style",
        "border-block-width",
        "outline",
        "outline-style",
        "outline-width",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (ea_css_tok_is(p, names[i]))
            return true;
    return false;
}

/* A length at least EA_CSS_OFFSCREEN_PX to the top or left (px, or em/rem at 16 px). */
static bool far_negative(const struct ea_css_tok *t)
{
    if (t->type != EA_CSS_DIMENSION)
        return false;
    double px = t->num;
    if ((t->len == 2 && strncasecmp(t->text, "em", 2) == 0) ||
        (t->len == 3 && strncasecmp(t->text, "rem", 3) == 0))
        px *= 16;
    return px <= -EA_CSS_OFFSCREEN_PX;
}

/* clip: rect(...) whose every length is at most 1 px (rect(0 0 0 0), rect(1px, 1px, 1px,
 * 1px)): nothing of the box shows. */
static bool tiny_rect(struct ea_css_lexer *lx, const struct ea_css_tok *t)
{
    if (t->type != EA_CSS_FUNCTION || !ea_css_tok_is(t, "rect"))
        return false;
    struct ea_css_tok a;
    unsigned n = 0;
    for (next_nows(lx, &a); a.type != EA_CSS_RPAREN && a.type != EA_CSS_EOF; next_nows(lx, &a)) {
        if (a.type == EA_CSS_COMMA)
            continue;
        if ((a.type != EA_CSS_NUMBER && a.type != EA_CSS_DIMENSION) || a.num > 1 || a.num < 0)
            return false;
        n++;
    }
    return n == 4;
}

/* clip-path: inset(50%) (or more) or circle(0): the box is clipped away. */
static bool clipped_away(struct ea_css_lexer *lx, const struct ea_css_tok *t)
{
    if (t->type != EA_CSS_FUNCTION)
        return false;
    struct ea_css_tok a;
    next_nows(lx, &a);
    if (ea_css_tok_is(t, "inset"))
        return a.type == EA_CSS_PERCENTAGE && a.num >= 50;
    if (ea_css_tok_is(t, "circle"))
        return (a.type == EA_CSS_NUMBER || a.type == EA_CSS_DIMENSION ||
                a.type == EA_CSS_PERCENTAGE) &&
               a.num == 0;
    return false;
}

/* The layout properties that take a box off the screen or make it a block: position,
 * float, clip, clip-path, left, top. False when prop is none of them. */
static bool layout_decl(struct decls *d, const struct ea_css_tok *prop, struct ea_css_lexer *lx,
                        struct ea_css_tok *t, bool initial, bool imp)
{
    struct ea_css_style *st = &d->style;
    if (ea_css_tok_is(prop, "position")) {
        st->positioned = !initial && (wide_keyword(t, "absolute") || wide_keyword(t, "fixed"));
        set_slot(d, EA_CSS_POSITION, imp);
    } else if (ea_css_tok_is(prop, "float")) {
        st->floated =
            !initial && (wide_keyword(t, "left") || wide_keyword(t, "right") ||
                         wide_keyword(t, "inline-start") || wide_keyword(t, "inline-end"));
        set_slot(d, EA_CSS_FLOAT, imp);
    } else if (ea_css_tok_is(prop, "clip")) {
        st->clip_rect = !initial && tiny_rect(lx, t);
        set_slot(d, EA_CSS_CLIP, imp);
    } else if (ea_css_tok_is(prop, "clip-path")) {
        st->clip_path = !initial && clipped_away(lx, t);
        set_slot(d, EA_CSS_CLIP_PATH, imp);
    } else if (ea_css_tok_is(prop, "left") || ea_css_tok_is(prop, "inset-inline-start")) {
        st->off_left = !initial && far_negative(t);
        set_slot(d, EA_CSS_LEFT, imp);
    } else if (ea_css_tok_is(prop, "top") || ea_css_tok_is(prop, "inset-block-start")) {
        st->off_top = !initial && far_negative(t);
        set_slot(d, EA_CSS_TOP, imp);
    } else {
        return false;
    }
    return true;
}

/* "inherit" (and "unset" for an inherited property) takes the parent's value, which
 * matters where the user agent sets one: a { color: inherit } drops the link blue. */
static void declare_inherit(struct decls *d, const struct ea_css_tok *prop, bool unset, bool imp)
{
    static const struct {
        const char *name;
        unsigned slots;
        bool inherited;
    } props[] = {
        { "color", 1u << EA_CSS_COLOR, true },
        { "font-size", 1u << EA_CSS_FONT_SIZE, true },
        { "font-weight", 1u << EA_CSS_FONT_WEIGHT, true },
        { "font-family", 1u << EA_CSS_FONT_FAMILY, true },
        { "font-style", 1u << EA_CSS_FONT_STYLE, true },
        { "font",
          1u << EA_CSS_FONT_SIZE | 1u << EA_CSS_FONT_WEIGHT | 1u << EA_CSS_FONT_FAMILY |
              1u << EA_CSS_FONT_STYLE,
          true },
        { "visibility", 1u << EA_CSS_VISIBILITY, true },
        { "background-color", 1u << EA_CSS_BACKGROUND, false },
        { "background", 1u << EA_CSS_BACKGROUND | 1u << EA_CSS_BG_IMAGE, false },
        { "text-decoration", 1u << EA_CSS_UNDERLINE, false },
        { "text-decoration-line", 1u << EA_CSS_UNDERLINE, false },
    };
    for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
        if (!ea_css_tok_is(prop, props[i].name) || (unset && !props[i].inherited))
            continue;
        for (unsigned slot = 0; slot < EA_CSS_NSLOTS; slot++)
            if (props[i].slots & (1u << slot)) {
                set_slot(d, (enum ea_css_slot)slot, imp);
                d->style.inherit |= 1u << slot;
            }
        return;
    }
}

static void declare(struct decls *d, const struct ea_css_tok *prop, const char *v, size_t n,
                    bool imp)
{
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, v, n);
    next_nows(&lx, &t);
    if (wide_keyword(&t, "inherit") || wide_keyword(&t, "unset")) {
        declare_inherit(d, prop, wide_keyword(&t, "unset"), imp);
        return;
    }
    if (t.type == EA_CSS_EOF || wide_keyword(&t, "revert") || wide_keyword(&t, "revert-layer"))
        return; /* the user agent's value, which the caller supplies */
    bool initial = wide_keyword(&t, "initial");
    struct ea_css_style *st = &d->style;
    if (ea_css_tok_is(prop, "display")) {
        st->display_none = !initial && wide_keyword(&t, "none");
        st->display = initial ? EA_DISPLAY_INLINE : display_of(&t);
        set_slot(d, EA_CSS_DISPLAY, imp);
    } else if (ea_css_tok_is(prop, "visibility")) {
        st->visible = initial || !(wide_keyword(&t, "hidden") || wide_keyword(&t, "collapse"));
        set_slot(d, EA_CSS_VISIBILITY, imp);
    } else if (ea_css_tok_is(prop, "color")) {
        st->color = initial ? rgb_of(0, 1) : ea_css_parse_color(v, n);
        set_slot(d, EA_CSS_COLOR, imp);
    } else if (ea_css_tok_is(prop, "background-color")) {
        st->background = initial ? rgb_of(0, 0) : ea_css_parse_color(v, n);
        set_slot(d, EA_CSS_BACKGROUND, imp);
    } else if (ea_css_tok_is(prop, "background-image")) {
        st->bg_image = false;
        for (; t.type != EA_CSS_EOF; ea_css_next(&lx, &t))
            if (image_token(&t) || is_var(&t))
                st->bg_image = true;
        set_slot(d, EA_CSS_BG_IMAGE, imp);
    } else if (ea_css_tok_is(prop, "background")) {
        /* The shorthand resets the colour to transparent and the image to none. */
        struct ea_css_color c = rgb_of(0, 0);
        bool image = false, unknown = false;
        for (; t.type != EA_CSS_EOF; ea_css_next(&lx, &t)) {
            if (image_token(&t)) {
                image = true;
                if (t.type == EA_CSS_FUNCTION)
                    skip_parens(&lx);
                continue;
            }
            if (is_var(&t)) {
                unknown = true;
                skip_parens(&lx);
                continue;
            }
            struct ea_css_color k = tok_color(&lx, &t);
            if (k.valid)
                c = k;
            else if (t.type == EA_CSS_FUNCTION)
                skip_parens(&lx);
        }
        st->background = unknown ? (struct ea_css_color){ 0 } : c;
        st->bg_image = image;
        set_slot(d, EA_CSS_BACKGROUND, imp);
        set_slot(d, EA_CSS_BG_IMAGE, imp);
    } else if (ea_css_tok_is(prop, "font-size")) {
        st->font_px = initial ? 16 : font_length(&t);
        set_slot(d, EA_CSS_FONT_SIZE, imp);
    } else if (ea_css_tok_is(prop, "font-weight")) {
        st->font_weight = initial ? 400 : weight_of(&t);
        set_slot(d, EA_CSS_FONT_WEIGHT, imp);
    } else if (ea_css_tok_is(prop, "font")) {
        /* [style] [variant] [weight] size[/line-height] family: the first length is the size;
         * the shorthand resets the weight to normal. */
        int w = 400;
        double px = 0;
        bool italic = false;
        for (; t.type != EA_CSS_EOF; ea_css_next(&lx, &t)) {
            if (wide_keyword(&t, "italic") || wide_keyword(&t, "oblique"))
                italic = true;
            else if (t.type == EA_CSS_NUMBER && weight_of(&t))
                w = weight_of(&t);
            else if (t.type == EA_CSS_IDENT &&
                     (ea_css_tok_is(&t, "bold") || ea_css_tok_is(&t, "bolder") ||
                      ea_css_tok_is(&t, "lighter")))
                w = weight_of(&t);
            else if (t.type == EA_CSS_DIMENSION || t.type == EA_CSS_PERCENTAGE ||
                     (t.type == EA_CSS_IDENT && font_keyword(&t) != 0)) {
                px = font_length(&t);
                break;
            } else if (is_var(&t))
                break;
        }
        if (px == 0 && t.type != EA_CSS_DIMENSION)
            return; /* a system font (caption, menu...) or var(): leave both alone */
        st->font_px = px;
        st->font_weight = w;
        st->italic = italic;
        /* after the size: an optional "/ line-height", then the family list */
        next_nows(&lx, &t);
        if (t.type == EA_CSS_DELIM && t.text[0] == '/') {
            next_nows(&lx, &t);
            next_nows(&lx, &t);
        }
        st->icon_font = icon_family(&t);
        st->font_family = family_of(&lx, &t);
        set_slot(d, EA_CSS_FONT_SIZE, imp);
        set_slot(d, EA_CSS_FONT_WEIGHT, imp);
        set_slot(d, EA_CSS_FONT_STYLE, imp);
        set_slot(d, EA_CSS_FONT_FAMILY, imp);
    } else if (ea_css_tok_is(prop, "text-decoration") ||
               ea_css_tok_is(prop, "text-decoration-line")) {
        st->underline = false;
        for (; t.type != EA_CSS_EOF; ea_css_next(&lx, &t))
            if (wide_keyword(&t, "underline") || is_var(&t))
                st->underline = true;
        set_slot(d, EA_CSS_UNDERLINE, imp);
    } else if (ea_css_tok_is(prop, "overflow") || ea_css_tok_is(prop, "overflow-x") ||
               ea_css_tok_is(prop, "overflow-y")) {
        bool scroll = false;
        for (; t.type != EA_CSS_EOF; ea_css_next(&lx, &t))
            if (wide_keyword(&t, "auto") || wide_keyword(&t, "scroll"))
                scroll = true;
        /* overflow-x: hidden must not undo an earlier overflow-y: auto */
        if (scroll || ea_css_tok_is(prop, "overflow")) {
            st->scroll = scroll;
            set_slot(d, EA_CSS_SCROLL, imp);
        }
    } else if (layout_decl(d, prop, &lx, &t, initial, imp)) {
        /* position, float, clip, clip-path, left, top */
    } else if (ea_css_tok_is(prop, "font-family")) {
        st->icon_font = !initial && icon_family(&t);
        st->font_family = initial ? EA_CSS_FAMILY_DEFAULT : family_of(&lx, &t);
        set_slot(d, EA_CSS_FONT_FAMILY, imp);
    } else if (ea_css_tok_is(prop, "font-style")) {
        st->italic = !initial && (wide_keyword(&t, "italic") || wide_keyword(&t, "oblique"));
        set_slot(d, EA_CSS_FONT_STYLE, imp);
    } else if (border_prop(prop)) {
        /* a border shows unless its style is none/hidden or its width 0 (a longhand colour or
         * radius changes nothing) */
        bool shows = false, hides = initial;
        for (; t.type != EA_CSS_EOF; ea_css_next(&lx, &t)) {
            if (wide_keyword(&t, "none") || wide_keyword(&t, "hidden") ||
                ((t.type == EA_CSS_NUMBER || t.type == EA_CSS_DIMENSION) && t.num == 0))
                hides = true;
            else
                shows = true;
        }
        st->border = shows && !hides;
        set_slot(d, EA_CSS_BORDER, imp);
    } else if (ea_css_tok_is(prop, "opacity")) {
        double o = t.type == EA_CSS_PERCENTAGE ? t.num / 100 : t.num;
        st->effect = !initial && (t.type == EA_CSS_NUMBER || t.type == EA_CSS_PERCENTAGE) && o < 1;
        if (is_var(&t))
            st->effect = true;
        set_slot(d, EA_CSS_EFFECT, imp);
    } else if (ea_css_tok_is(prop, "animation") || ea_css_tok_is(prop, "animation-name") ||
               ea_css_tok_is(prop, "-webkit-animation") ||
               ea_css_tok_is(prop, "-webkit-animation-name")) {
        /* colours and visibility change while it runs (AMP pages stay hidden for 8 s when
         * their script does not run): the colours at any one time are unknown */
        st->effect = !initial && !wide_keyword(&t, "none");
        set_slot(d, EA_CSS_EFFECT, imp);
    } else if (ea_css_tok_is(prop, "filter") || ea_css_tok_is(prop, "text-shadow") ||
               ea_css_tok_is(prop, "mix-blend-mode") ||
               ea_css_tok_is(prop, "-webkit-text-fill-color") ||
               ea_css_tok_is(prop, "-webkit-background-clip") ||
               ea_css_tok_is(prop, "background-clip")) {
        bool plain = initial || wide_keyword(&t, "none") || wide_keyword(&t, "normal") ||
                     wide_keyword(&t, "border-box") || wide_keyword(&t, "currentcolor");
        if (!plain) {
            st->effect = true;
            set_slot(d, EA_CSS_EFFECT, imp);
        }
    }
}

/* Reads declarations up to the "}" closing the block (or EOF), skipping nested blocks. */
static void parse_decls(struct ea_css_lexer *lx, struct decls *d)
{
    struct ea_css_tok t;
    for (;;) {
        next_nows(lx, &t);
        if (t.type == EA_CSS_EOF || t.type == EA_CSS_RBRACE)
            return;
        if (t.type == EA_CSS_SEMICOLON)
            continue;
        struct ea_css_tok prop = t;
        bool ok = prop.type == EA_CSS_IDENT;
        if (ok) {
            next_nows(lx, &t);
            ok = t.type == EA_CSS_COLON;
        }
        /* The value runs to ";" or "}" at depth 0; "!important" at its end. */
        size_t vstart = lx->pos, vend = lx->pos, bang = 0;
        unsigned depth = 0;
        bool important = false, seen_bang = false;
        if (!ok && t.type == EA_CSS_RBRACE)
            return;
        if (!ok && t.type == EA_CSS_SEMICOLON)
            continue;
        for (;;) {
            size_t before = lx->pos;
            ea_css_next(lx, &t);
            if (t.type == EA_CSS_EOF)
                break;
            if (depth == 0 && (t.type == EA_CSS_SEMICOLON || t.type == EA_CSS_RBRACE)) {
                vend = before;
                break;
            }
            if (t.type == EA_CSS_LBRACE || t.type == EA_CSS_LPAREN || t.type == EA_CSS_LBRACKET ||
                t.type == EA_CSS_FUNCTION)
                depth++;
            else if ((t.type == EA_CSS_RBRACE || t.type == EA_CSS_RPAREN ||
                      t.type == EA_CSS_RBRACKET) &&
                     depth > 0)
                depth--;
            else if (depth == 0 && t.type == EA_CSS_DELIM && t.text[0] == '!') {
                seen_bang = true;
                bang = before;
            } else if (depth == 0 && seen_bang && t.type == EA_CSS_IDENT &&
                       ea_css_tok_is(&t, "important")) {
                important = true;
            } else if (t.type != EA_CSS_WS)
                seen_bang = false;
            vend = lx->pos;
        }
        if (ok) {
            size_t end = important ? bang : vend;
            declare(d, &prop, lx->s + vstart, end - vstart, important);
        }
        if (t.type == EA_CSS_EOF || t.type == EA_CSS_RBRACE)
            return;
    }
}

/* ---- media queries, for a 1280 x 1024 screen ---- */

#define VIEW_W 1280.0
#define VIEW_H 1024.0

static double media_px(const struct ea_css_tok *t, bool *ok)
{
    *ok = true;
    if (t->type == EA_CSS_NUMBER && t->num == 0)
        return 0;
    if (t->type == EA_CSS_DIMENSION) {
        if (ea_css_tok_is(t, "px"))
            return t->num;
        if (ea_css_tok_is(t, "em") || ea_css_tok_is(t, "rem"))
            return t->num * 16;
        if (ea_css_tok_is(t, "pt"))
            return t->num * 4 / 3;
    }
    *ok = false;
    return 0;
}

/* One "(feature: value)" after "(": YES/NO/MAYBE. Consumes through ")". */
static enum tri media_feature(struct ea_css_lexer *lx)
{
    struct ea_css_tok name, t;
    next_nows(lx, &name);
    if (name.type == EA_CSS_LPAREN || name.type == EA_CSS_FUNCTION || name.type != EA_CSS_IDENT) {
        if (name.type != EA_CSS_RPAREN)
            skip_parens(lx);
        return MAYBE;
    }
    next_nows(lx, &t);
    if (t.type != EA_CSS_COLON) {
        if (t.type != EA_CSS_RPAREN)
            skip_parens(lx);
        /* (color), (hover), (pointer) alone, or range syntax */
        return ea_css_tok_is(&name, "color") || ea_css_tok_is(&name, "hover") ? YES : MAYBE;
    }
    struct ea_css_tok v;
    next_nows(lx, &v);
    enum tri r = MAYBE;
    bool ok;
    double px = media_px(&v, &ok);
    if (ea_css_tok_is(&name, "min-width") && ok)
        r = VIEW_W >= px ? YES : NO;
    else if (ea_css_tok_is(&name, "max-width") && ok)
        r = VIEW_W <= px ? YES : NO;
    else if (ea_css_tok_is(&name, "min-height") && ok)
        r = VIEW_H >= px ? YES : NO;
    else if (ea_css_tok_is(&name, "max-height") && ok)
        r = VIEW_H <= px ? YES : NO;
    else if (ea_css_tok_is(&name, "orientation"))
        r = ea_css_tok_is(&v, "landscape") ? YES : NO;
    else if (ea_css_tok_is(&name, "prefers-color-scheme"))
        r = ea_css_tok_is(&v, "light") ? YES : NO;
    else if (ea_css_tok_is(&name, "prefers-reduced-motion") ||
             ea_css_tok_is(&name, "prefers-contrast") || ea_css_tok_is(&name, "forced-colors") ||
             ea_css_tok_is(&name, "-ms-high-contrast"))
        r = ea_css_tok_is(&v, "no-preference") || ea_css_tok_is(&v, "none") ? YES : NO;
    if (v.type != EA_CSS_RPAREN)
        skip_parens(lx);
    return r;
}

/* A media query list (an @media prelude): the OR of its queries. */
static enum tri media_list(const char *text, size_t len)
{
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    ea_css_lexer_init(&lx, text, len);
    enum tri any = NO;
    bool empty = true;
    for (;;) {
        enum tri q = YES;
        bool neg = false, seen = false;
        for (next_nows(&lx, &t); t.type != EA_CSS_EOF && t.type != EA_CSS_COMMA;
             next_nows(&lx, &t)) {
            seen = true;
            enum tri part = MAYBE;
            if (t.type == EA_CSS_IDENT) {
                if (ea_css_tok_is(&t, "not")) {
                    neg = true;
                    continue;
                }
                if (ea_css_tok_is(&t, "only") || ea_css_tok_is(&t, "and"))
                    continue;
                if (ea_css_tok_is(&t, "or")) {
                    q = q == NO ? MAYBE : q; /* rare: treat as undecided */
                    continue;
                }
                part = ea_css_tok_is(&t, "all") || ea_css_tok_is(&t, "screen") ? YES : NO;
            } else if (t.type == EA_CSS_LPAREN)
                part = media_feature(&lx);
            else if (t.type == EA_CSS_FUNCTION)
                skip_parens(&lx);
            if (part == NO)
                q = NO;
            else if (part == MAYBE && q == YES)
                q = MAYBE;
        }
        if (seen) {
            empty = false;
            if (neg)
                q = q == YES ? NO : q == NO ? YES : MAYBE;
            if (q == YES)
                any = YES;
            else if (q == MAYBE && any == NO)
                any = MAYBE;
        }
        if (t.type == EA_CSS_EOF)
            break;
    }
    return empty ? YES : any;
}

bool ea_css_media_may_apply(const char *query, size_t len)
{
    return media_list(query, len) != NO;
}

enum ea_css_media ea_css_media_of(const char *query, size_t len)
{
    if (!query)
        return EA_CSS_MEDIA_YES;
    switch (media_list(query, len)) {
    case NO:
        return EA_CSS_MEDIA_NO;
    case MAYBE:
        return EA_CSS_MEDIA_MAYBE;
    default:
        return EA_CSS_MEDIA_YES;
    }
}

enum ea_css_media ea_css_media_both(enum ea_css_media a, enum ea_css_media b)
{
    if (a == EA_CSS_MEDIA_NO || b == EA_CSS_MEDIA_NO)
        return EA_CSS_MEDIA_NO;
    if (a == EA_CSS_MEDIA_MAYBE || b == EA_CSS_MEDIA_MAYBE)
        return EA_CSS_MEDIA_MAYBE;
    return EA_CSS_MEDIA_YES;
}

/* ---- @import ---- */

static void skip_block(struct ea_css_lexer *lx);

/* Removes CSS whitespace at both ends of s, in place. */
static void trim_ws(char *s)
{
    size_t n = strlen(s), a = 0;
    while (a < n && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n' || s[a] == '\r' || s[a] == '\f'))
        a++;
    while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r' ||
                     s[n - 1] == '\f'))
        n--;
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

/* Skips the rest of an at-rule: to its ";" (true), or past its {} block, or to the end
 * (false). depth: the parentheses already open. */
static bool skip_statement(struct ea_css_lexer *lx, unsigned depth)
{
    struct ea_css_tok t;
    for (ea_css_next(lx, &t); t.type != EA_CSS_EOF; ea_css_next(lx, &t)) {
        if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LBRACKET)
            depth++;
        else if ((t.type == EA_CSS_RPAREN || t.type == EA_CSS_RBRACKET) && depth > 0)
            depth--;
        else if (depth == 0 && t.type == EA_CSS_SEMICOLON)
            return true;
        else if (depth == 0 && t.type == EA_CSS_LBRACE) {
            skip_block(lx); /* the block is the rule's: none of it is read */
            return false;
        }
    }
    return false;
}

/* After "@import": the URL (a url() token, a string, or url("...")) into *url, and the media
 * list up to ";" into *media. False for a rule to ignore (no URL, a bad token). */
static bool import_rule(struct ea_css_lexer *lx, char **url, char **media)
{
    struct ea_css_tok t;
    next_nows(lx, &t);
    const char *u = NULL;
    size_t ulen = 0;
    if (t.type == EA_CSS_URL || t.type == EA_CSS_STRING) {
        u = t.text;
        ulen = t.len;
    } else if (t.type == EA_CSS_FUNCTION && ea_css_tok_is(&t, "url")) {
        next_nows(lx, &t);
        if (t.type != EA_CSS_STRING) {
            bool opener =
                t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LBRACKET;
            skip_statement(lx, t.type == EA_CSS_RPAREN ? 0 : opener ? 2 : 1);
            return false;
        }
        u = t.text;
        ulen = t.len;
        next_nows(lx, &t);
        if (t.type != EA_CSS_RPAREN) {
            bool opener =
                t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LBRACKET;
            skip_statement(lx, opener ? 2 : 1); /* still inside url( */
            return false;
        }
    } else {
        if (t.type == EA_CSS_LBRACE)
            skip_block(lx);
        else if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LBRACKET)
            skip_statement(lx, 1);
        else if (t.type != EA_CSS_SEMICOLON && t.type != EA_CSS_EOF)
            skip_statement(lx, 0);
        return false;
    }
    /* The media list runs to ";"; a layer or supports() condition before it is left out. */
    size_t mstart = lx->pos;
    for (;;) {
        size_t before = lx->pos;
        next_nows(lx, &t);
        if (t.type == EA_CSS_IDENT && ea_css_tok_is(&t, "layer")) {
            mstart = lx->pos;
        } else if (t.type == EA_CSS_FUNCTION &&
                   (ea_css_tok_is(&t, "layer") || ea_css_tok_is(&t, "supports"))) {
            skip_parens(lx);
            mstart = lx->pos;
        } else {
            lx->pos = before;
            break;
        }
    }
    size_t mend = mstart;
    bool ended = false;
    unsigned depth = 0;
    for (;;) {
        size_t before = lx->pos;
        ea_css_next(lx, &t);
        if (t.type == EA_CSS_EOF) {
            mend = before;
            ended = true;
            break;
        }
        if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LBRACKET)
            depth++;
        else if ((t.type == EA_CSS_RPAREN || t.type == EA_CSS_RBRACKET) && depth > 0)
            depth--;
        else if (depth == 0 && t.type == EA_CSS_SEMICOLON) {
            mend = before;
            ended = true;
            break;
        } else if (depth == 0 && t.type == EA_CSS_LBRACE) {
            skip_block(lx);
            break; /* "@import x {...}": not an import */
        }
    }
    if (!ended || !ulen)
        return false;
    *url = ea_xstrndup(u, ulen);
    *media = ea_xstrndup(lx->s + mstart, mend - mstart);
    trim_ws(*media);
    return true;
}

size_t ea_css_imports(const char *css, size_t len, struct ea_css_import *out, size_t max)
{
    struct ea_css_lexer lx;
    struct ea_css_tok t;
    size_t n = 0;
    if (css && len >= 3 && !memcmp(css, "\xEF\xBB\xBF", 3)) {
        css += 3; /* a byte order mark: not a token */
        len -= 3;
    }
    ea_css_lexer_init(&lx, css ? css : "", css ? len : 0);
    for (;;) {
        ea_css_next(&lx, &t);
        if (t.type == EA_CSS_WS || t.type == EA_CSS_CDO || t.type == EA_CSS_CDC)
            continue;
        if (t.type != EA_CSS_AT)
            return n; /* the first rule that is not one of these ends the imports */
        if (ea_css_tok_is(&t, "charset") || ea_css_tok_is(&t, "layer")) {
            if (!skip_statement(&lx, 0))
                return n; /* an @layer block is a rule */
            continue;
        }
        if (!ea_css_tok_is(&t, "import"))
            return n;
        char *url, *media;
        if (!import_rule(&lx, &url, &media))
            continue;
        if (n < max) {
            out[n++] = (struct ea_css_import){ .url = url, .media = media };
        } else {
            free(url);
            free(media);
        }
    }
}

void ea_css_imports_release(struct ea_css_import *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].url);
        free(v[i].media);
    }
}

/* ---- sheet parsing ---- */

/* Skips to the "}" closing an already consumed "{". */
static void skip_block(struct ea_css_lexer *lx)
{
    unsigned depth = 1;
    struct ea_css_tok t;
    while (depth) {
        ea_css_next(lx, &t);
        if (t.type == EA_CSS_EOF)
            return;
        if (t.type == EA_CSS_LBRACE)
            depth++;
        else if (t.type == EA_CSS_RBRACE)
            depth--;
    }
}

/* Deeper @media/@supports nesting is skipped (a hostile sheet could nest without end). */
#define MAX_NEST 32

static void parse_block_rules(struct ea_css_sheet *sh, struct ea_css_lexer *lx, enum tri media,
                              unsigned nest)
{
    struct ea_css_tok t;
    for (;;) {
        size_t start = lx->pos;
        ea_css_next(lx, &t);
        if (t.type == EA_CSS_EOF || (t.type == EA_CSS_RBRACE && nest > 0))
            return;
        if (t.type == EA_CSS_WS || t.type == EA_CSS_CDO || t.type == EA_CSS_CDC ||
            t.type == EA_CSS_RBRACE || t.type == EA_CSS_SEMICOLON)
            continue;
        if (t.type == EA_CSS_AT) {
            struct ea_css_tok name = t;
            size_t pstart = lx->pos, pend = lx->pos;
            unsigned depth = 0;
            for (;;) {
                size_t before = lx->pos;
                ea_css_next(lx, &t);
                if (t.type == EA_CSS_EOF)
                    return;
                if (depth == 0 && (t.type == EA_CSS_LBRACE || t.type == EA_CSS_SEMICOLON)) {
                    pend = before;
                    break;
                }
                if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION ||
                    t.type == EA_CSS_LBRACKET)
                    depth++;
                else if ((t.type == EA_CSS_RPAREN || t.type == EA_CSS_RBRACKET) && depth > 0)
                    depth--;
            }
            if (t.type == EA_CSS_SEMICOLON)
                continue;
            enum tri inner = NO;
            if (ea_css_tok_is(&name, "media")) {
                enum tri m = media_list(lx->s + pstart, pend - pstart);
                inner = m == NO ? NO : (m == MAYBE || media == MAYBE) ? MAYBE : YES;
            } else if (ea_css_tok_is(&name, "supports") || ea_css_tok_is(&name, "layer") ||
                       ea_css_tok_is(&name, "document") || ea_css_tok_is(&name, "-moz-document"))
                inner = media;
            else if (ea_css_tok_is(&name, "container") || ea_css_tok_is(&name, "scope"))
                inner = media == NO ? NO : MAYBE;
            if (inner == NO || nest >= MAX_NEST)
                skip_block(lx);
            else
                parse_block_rules(sh, lx, inner, nest + 1);
            continue;
        }
        /* A qualified rule: the prelude runs to "{". */
        size_t pend = start;
        unsigned depth = 0;
        for (;;) {
            if (t.type == EA_CSS_EOF)
                return;
            if (depth == 0 && t.type == EA_CSS_LBRACE)
                break;
            if (t.type == EA_CSS_LPAREN || t.type == EA_CSS_FUNCTION || t.type == EA_CSS_LBRACKET)
                depth++;
            else if ((t.type == EA_CSS_RPAREN || t.type == EA_CSS_RBRACKET) && depth > 0)
                depth--;
            pend = lx->pos;
            ea_css_next(lx, &t);
        }
        struct decls d = { .style = { .visible = true } };
        parse_decls(lx, &d);
        sh->next_order++;
        if (!d.style.set)
            continue; /* nothing the cascade tracks: not worth matching */
        EA_GROW(sh->decls, sh->ndecls + 1, sh->decls_cap);
        sh->decls[sh->ndecls] = d;
        size_t nr = sh->nrules;
        parse_selectors(sh, lx->s + start, pend - start, sh->ndecls, media == MAYBE);
        if (sh->nrules > nr)
            sh->ndecls++;
    }
}

static int cmp_key(const struct ea_css_sheet *sh, const struct rule *a, const struct rule *b)
{
    if (a->key_kind != b->key_kind)
        return a->key_kind < b->key_kind ? -1 : 1;
    if (a->key_kind == SK_UNIVERSAL)
        return 0;
    return strcmp(sh->str + a->key, sh->str + b->key);
}

/* Rule a before rule b in the index: by key, then source order. */
static bool index_before(const struct ea_css_sheet *sh, size_t a, size_t b)
{
    const struct rule *ra = &sh->rules[a], *rb = &sh->rules[b];
    int c = cmp_key(sh, ra, rb);
    return c ? c < 0 : ra->order < rb->order;
}

/* Sorts sh->index (a bottom-up merge sort: qsort has no context argument, and a global one
 * would race when worker threads parse pages at once). */
static void sort_index(struct ea_css_sheet *sh)
{
    size_t n = sh->nrules;
    size_t *tmp = ea_xcalloc(n ? n : 1, sizeof(*tmp)), *a = sh->index, *b = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = index_before(sh, a[j], a[i]) ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        size_t *t = a;
        a = b;
        b = t;
    }
    if (a != sh->index)
        memcpy(sh->index, a, n * sizeof(*a));
    free(tmp);
}

struct ea_css_sheet *ea_css_sheet_parse(const char *css, size_t len, unsigned order_base,
                                        enum ea_css_media media)
{
    struct ea_css_sheet *sh = ea_xcalloc(1, sizeof(*sh));
    sh->next_order = order_base;
    struct ea_css_lexer lx;
    ea_css_lexer_init(&lx, css ? css : "", css ? len : 0);
    if (media != EA_CSS_MEDIA_NO)
        parse_block_rules(sh, &lx, media == EA_CSS_MEDIA_MAYBE ? MAYBE : YES, 0);
    sh->index = ea_xcalloc(sh->nrules ? sh->nrules : 1, sizeof(*sh->index));
    for (size_t i = 0; i < sh->nrules; i++)
        sh->index[i] = i;
    sort_index(sh);
    return sh;
}

void ea_css_sheet_free(struct ea_css_sheet *sh)
{
    if (!sh)
        return;
    free(sh->str);
    free(sh->simples);
    free(sh->comps);
    free(sh->rules);
    free(sh->decls);
    free(sh->index);
    free(sh->asimples);
    free(sh->acomps);
    free(sh);
}

size_t ea_css_sheet_rules(const struct ea_css_sheet *sh)
{
    return sh->nrules;
}

unsigned ea_css_sheet_end_order(const struct ea_css_sheet *sh)
{
    return sh->next_order;
}

/* ---- matching ---- */

static bool word_in(const char *list, const char *w, bool icase)
{
    size_t wl = strlen(w);
    if (wl == 0)
        return false;
    for (const char *p = list; *p;) {
        while (*p && is_ws((unsigned char)*p))
            p++;
        size_t n = 0;
        while (p[n] && !is_ws((unsigned char)p[n]))
            n++;
        if (n == wl && (icase ? strncasecmp(p, w, n) == 0 : strncmp(p, w, n) == 0))
            return true;
        p += n;
    }
    return false;
}

static bool attr_matches(const struct simple *s, const char *v, const char *want)
{
    size_t vl = strlen(v), wl = strlen(want);
    int (*ncmp)(const char *, const char *, size_t) = s->icase ? strncasecmp : strncmp;
    switch (s->op) {
    case OP_EXISTS:
        return true;
    case OP_EQ:
        return vl == wl && ncmp(v, want, vl) == 0;
    case OP_INCLUDES:
        return word_in(v, want, s->icase);
    case OP_DASH:
        return vl >= wl && ncmp(v, want, wl) == 0 && (vl == wl || v[wl] == '-');
    case OP_PREFIX:
        return wl && vl >= wl && ncmp(v, want, wl) == 0;
    case OP_SUFFIX:
        return wl && vl >= wl && ncmp(v + vl - wl, want, wl) == 0;
    case OP_SUBSTR:
        if (!wl)
            return false;
        for (size_t i = 0; i + wl <= vl; i++)
            if (ncmp(v + i, want, wl) == 0)
                return true;
        return false;
    }
    return false;
}

static enum tri tri_and(enum tri a, enum tri b)
{
    return a == NO || b == NO ? NO : a == MAYBE || b == MAYBE ? MAYBE : YES;
}

/* 1-based position of e among its element siblings (of its tag for NTH_OF_TYPE), counted
 * from the end for NTH_LAST; 0 past EA_MAX_NTH_SIBLINGS (too many to count). */
static unsigned nth_position(const struct ea_css_elem_ops *ops, const void *e, unsigned flags)
{
    if (ops->position)
        return ops->position(ops->ctx, e, (flags & NTH_OF_TYPE) != 0, (flags & NTH_LAST) != 0);
    const char *tag = ops->tag(e);
    unsigned pos = 1;
    for (const void *x = (flags & NTH_LAST) ? ops->next(e) : ops->prev(e); x;
         x = (flags & NTH_LAST) ? ops->next(x) : ops->prev(x)) {
        if ((flags & NTH_OF_TYPE) && (!tag || !ops->tag(x) || strcmp(tag, ops->tag(x)) != 0))
            continue;
        if (++pos > EA_MAX_NTH_SIBLINGS)
            return 0;
    }
    return pos;
}

static enum tri nth_matches(const struct simple *s, const struct ea_css_elem_ops *ops,
                            const void *e)
{
    if (s->nth & NTH_ONLY)
        return nth_position(ops, e, s->nth & NTH_OF_TYPE) == 1 &&
                       nth_position(ops, e, (s->nth & NTH_OF_TYPE) | NTH_LAST) == 1
                   ? YES
                   : NO;
    unsigned pos = nth_position(ops, e, s->nth);
    if (pos == 0)
        return MAYBE;
    long d = (long)pos - s->b;
    if (s->a == 0)
        return d == 0 ? YES : NO;
    return d % s->a == 0 && d / s->a >= 0 ? YES : NO;
}

static enum tri compound_matches(const struct ea_css_sheet *sh, const struct simple *base,
                                 const struct compound *c, const struct ea_css_elem_ops *ops,
                                 const void *e);

/* :not() (any is false) and :is() (any is true) over their argument compounds. */
static enum tri list_matches(const struct ea_css_sheet *sh, const struct simple *s,
                             const struct ea_css_elem_ops *ops, const void *e)
{
    enum tri m = NO;
    for (size_t i = 0; i < s->value && m != YES; i++) {
        enum tri a = compound_matches(sh, sh->asimples, &sh->acomps[s->name + i], ops, e);
        if (a != NO)
            m = a;
    }
    if (s->kind == SK_IS)
        return m;
    return m == YES ? NO : m == MAYBE ? MAYBE : YES;
}

static enum tri simple_matches(const struct ea_css_sheet *sh, const struct simple *s,
                               const struct ea_css_elem_ops *ops, const void *e)
{
    const char *name = sh->str + s->name;
    switch (s->kind) {
    case SK_UNIVERSAL:
        return YES;
    case SK_TAG: {
        const char *tag = ops->tag(e);
        return tag && strcmp(tag, name) == 0 ? YES : NO;
    }
    case SK_ID: {
        const char *id = ops->attr(e, "id");
        return id && strcmp(id, name) == 0 ? YES : NO;
    }
    case SK_CLASS: {
        const char *cl = ops->attr(e, "class");
        return cl && word_in(cl, name, false) ? YES : NO;
    }
    case SK_ATTR: {
        const char *v = ops->attr(e, name);
        return v && attr_matches(s, v, sh->str + s->value) ? YES : NO;
    }
    case SK_NTH:
        return nth_matches(s, ops, e);
    case SK_NOT:
    case SK_IS:
        return list_matches(sh, s, ops, e);
    case SK_DEFINED: {
        const char *tag = ops->tag(e);
        return tag && strchr(tag, '-') ? NO : YES;
    }
    case SK_NEVER:
        return NO;
    }
    return MAYBE; /* SK_UNKNOWN */
}

static enum tri compound_matches(const struct ea_css_sheet *sh, const struct simple *base,
                                 const struct compound *c, const struct ea_css_elem_ops *ops,
                                 const void *e)
{
    enum tri m = YES;
    for (size_t i = 0; i < c->n && m != NO; i++)
        m = tri_and(m, simple_matches(sh, &base[c->first + i], ops, e));
    return m;
}

/* The element a combinator leads to from e, and the next candidate after x for the
 * combinators that try several (descendant, general sibling). */
static const void *comb_first(const struct ea_css_elem_ops *ops, char comb, const void *e)
{
    return comb == '+' || comb == '~' ? ops->prev(e) : ops->parent(e);
}

static const void *comb_next(const struct ea_css_elem_ops *ops, char comb, const void *x)
{
    return comb == ' ' ? ops->parent(x) : comb == '~' ? ops->prev(x) : NULL;
}

/* Compounds i.. of rule r against e, right to left, trying every candidate for descendant
 * and sibling combinators; *budget bounds the work (MAYBE when it runs out). */
static enum tri match_from(const struct ea_css_sheet *sh, const struct rule *r, size_t i,
                           const struct ea_css_elem_ops *ops, const void *e, unsigned *budget)
{
    const struct compound *c = &sh->comps[r->first + i];
    enum tri m = compound_matches(sh, sh->simples, c, ops, e);
    if (m == NO || i + 1 == r->n)
        return m;
    enum tri rest = NO;
    for (const void *x = comb_first(ops, c->comb, e); x && rest != YES;
         x = comb_next(ops, c->comb, x)) {
        if (*budget == 0)
            return MAYBE;
        (*budget)--;
        enum tri t = match_from(sh, r, i + 1, ops, x, budget);
        if (t != NO)
            rest = t;
    }
    return tri_and(m, rest);
}

/* page (may be NULL) is the page's budget: the candidates tried are taken from it too. */
static enum tri rule_matches(const struct ea_css_sheet *sh, const struct rule *r,
                             const struct ea_css_elem_ops *ops, const void *e, size_t *page)
{
    if (r->n > EA_MAX_SELECTOR_COMPOUNDS)
        return compound_matches(sh, sh->simples, &sh->comps[r->first], ops, e) == NO ? NO : MAYBE;
    unsigned cap = EA_MAX_SELECTOR_STEPS;
    if (page && *page < cap)
        cap = (unsigned)*page;
    unsigned budget = cap;
    enum tri m = match_from(sh, r, 0, ops, e, &budget);
    if (page)
        *page -= cap - budget;
    return m != NO && r->maybe ? MAYBE : m;
}

static bool prio_wins(struct ea_css_prio a, struct ea_css_prio b)
{
    if (a.important != b.important)
        return a.important;
    if (a.specificity != b.specificity)
        return a.specificity > b.specificity;
    return a.order >= b.order;
}

void ea_css_style_copy_slot(struct ea_css_style *dst, const struct ea_css_style *src,
                            enum ea_css_slot slot)
{
    switch (slot) {
    case EA_CSS_DISPLAY:
        dst->display_none = src->display_none;
        dst->display = src->display;
        break;
    case EA_CSS_VISIBILITY:
        dst->visible = src->visible;
        break;
    case EA_CSS_COLOR:
        dst->color = src->color;
        break;
    case EA_CSS_BACKGROUND:
        dst->background = src->background;
        break;
    case EA_CSS_BG_IMAGE:
        dst->bg_image = src->bg_image;
        break;
    case EA_CSS_FONT_SIZE:
        dst->font_px = src->font_px;
        break;
    case EA_CSS_FONT_WEIGHT:
        dst->font_weight = src->font_weight;
        break;
    case EA_CSS_EFFECT:
        dst->effect = src->effect;
        break;
    case EA_CSS_UNDERLINE:
        dst->underline = src->underline;
        break;
    case EA_CSS_SCROLL:
        dst->scroll = src->scroll;
        break;
    case EA_CSS_POSITION:
        dst->positioned = src->positioned;
        break;
    case EA_CSS_FLOAT:
        dst->floated = src->floated;
        break;
    case EA_CSS_CLIP:
        dst->clip_rect = src->clip_rect;
        break;
    case EA_CSS_CLIP_PATH:
        dst->clip_path = src->clip_path;
        break;
    case EA_CSS_LEFT:
        dst->off_left = src->off_left;
        break;
    case EA_CSS_TOP:
        dst->off_top = src->off_top;
        break;
    case EA_CSS_FONT_FAMILY:
        dst->font_family = src->font_family;
        dst->icon_font = src->icon_font;
        break;
    case EA_CSS_FONT_STYLE:
        dst->italic = src->italic;
        break;
    case EA_CSS_BORDER:
        dst->border = src->border;
        break;
    case EA_CSS_NSLOTS:
        break;
    }
}

/* True when a rule that may apply sets slot to a value that cannot hide the text: a clip,
 * clip-path or offset that keeps the box on screen only matters if it applies. */
static bool shows_anyway(const struct ea_css_style *s, enum ea_css_slot slot)
{
    switch (slot) {
    case EA_CSS_CLIP:
        return !s->clip_rect;
    case EA_CSS_CLIP_PATH:
        return !s->clip_path;
    case EA_CSS_LEFT:
        return !s->off_left;
    case EA_CSS_TOP:
        return !s->off_top;
    default:
        return false;
    }
}

static void apply_decls(struct ea_css_cascade *c, const struct decls *d, unsigned spec,
                        unsigned order, bool maybe)
{
    const struct ea_css_style *s = &d->style;
    for (unsigned slot = 0; slot < EA_CSS_NSLOTS; slot++) {
        unsigned bit = 1u << slot;
        if (!(s->set & bit))
            continue;
        if (maybe) {
            if (!shows_anyway(s, (enum ea_css_slot)slot))
                c->style.maybe |= bit;
            continue;
        }
        struct ea_css_prio p = { .important = (d->important & bit) != 0,
                                 .specificity = spec,
                                 .order = order };
        if ((c->style.set & bit) && !prio_wins(p, c->prio[slot]))
            continue;
        c->style.set |= bit;
        c->style.inherit = (c->style.inherit & ~bit) | (s->inherit & bit);
        c->prio[slot] = p;
        ea_css_style_copy_slot(&c->style, s, (enum ea_css_slot)slot);
    }
}

/* The rules whose key is (kind, key): [*lo, *hi) in sh->index. */
static void key_range(const struct ea_css_sheet *sh, unsigned char kind, const char *key,
                      size_t keylen, size_t *lo_out, size_t *hi_out)
{
    size_t lo = 0, hi = sh->nrules;
    /* lower bound */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const struct rule *r = &sh->rules[sh->index[mid]];
        int c = r->key_kind != kind    ? (r->key_kind < kind ? -1 : 1)
                : kind == SK_UNIVERSAL ? 0
                                       : strncmp(sh->str + r->key, key, keylen);
        if (c == 0 && kind != SK_UNIVERSAL && sh->str[r->key + keylen] != '\0')
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *lo_out = lo;
    size_t e = lo;
    while (e < sh->nrules) {
        const struct rule *r = &sh->rules[sh->index[e]];
        if (r->key_kind != kind)
            break;
        if (kind != SK_UNIVERSAL &&
            (strncmp(sh->str + r->key, key, keylen) != 0 || sh->str[r->key + keylen] != '\0'))
            break;
        e++;
    }
    *hi_out = e;
}

/* False when the budget had no room for hi - lo tests: c is all "maybe", no test made. */
static bool spend(size_t *budget, size_t n, struct ea_css_cascade *c)
{
    if (!budget || n <= *budget) {
        if (budget)
            *budget -= n;
        return true;
    }
    *budget = 0;
    c->style.maybe |= (1u << EA_CSS_NSLOTS) - 1;
    return false;
}

static bool apply_range(const struct ea_css_sheet *sh, const struct ea_css_elem_ops *ops,
                        const void *elem, struct ea_css_cascade *c, unsigned char kind,
                        const char *key, size_t keylen, size_t *budget)
{
    size_t lo, hi;
    key_range(sh, kind, key, keylen, &lo, &hi);
    if (!spend(budget, hi - lo, c))
        return false;
    for (size_t i = lo; i < hi; i++) {
        const struct rule *r = &sh->rules[sh->index[i]];
        enum tri m = rule_matches(sh, r, ops, elem, budget);
        if (m != NO)
            apply_decls(c, &sh->decls[r->decl], r->spec, r->order, m == MAYBE);
    }
    return true;
}

void ea_css_sheet_apply(const struct ea_css_sheet *sh, const struct ea_css_elem_ops *ops,
                        const void *elem, struct ea_css_cascade *c, size_t *budget)
{
    if (!sh->nrules || !spend(budget, 1, c))
        return;
    const char *id = ops->attr(elem, "id");
    if (id && *id && !apply_range(sh, ops, elem, c, SK_ID, id, strlen(id), budget))
        return;
    const char *cl = ops->attr(elem, "class");
    for (const char *p = cl; p && *p;) {
        while (*p && is_ws((unsigned char)*p))
            p++;
        size_t n = 0;
        while (p[n] && !is_ws((unsigned char)p[n]))
            n++;
        /* a class listed twice must not apply its rules twice: harmless (same priority) */
        if (n && !apply_range(sh, ops, elem, c, SK_CLASS, p, n, budget))
            return;
        p += n;
    }
    const char *tag = ops->tag(elem);
    if (tag && !apply_range(sh, ops, elem, c, SK_TAG, tag, strlen(tag), budget))
        return;
    apply_range(sh, ops, elem, c, SK_UNIVERSAL, "", 0, budget);
}

void ea_css_apply_inline(const char *decls, size_t len, struct ea_css_cascade *c)
{
    struct decls d = { .style = { .visible = true } };
    struct ea_css_lexer lx;
    ea_css_lexer_init(&lx, decls, len);
    parse_decls(&lx, &d);
    apply_decls(c, &d, 1u << 24, ~0u, false);
}

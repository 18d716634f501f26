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
 * syntax. orientation, print, and text inside comments, strings or @import do not count
 * (an @import's media list is seen by ea_css_imports). */
bool ea_css_has_width_media(const char *css, size_t len);

/* An @import rule: the URL as written (relative to the sheet) and its media query list
 * ("" for all media; a layer or supports() condition is left out). */
struct ea_css_import {
    char *url;   /* owned */
    char *media; /* owned */
};
/* The @import rules a stylesheet starts with (CSS Cascade 4 §2.1: after @charset and
 * statement @layer rules, before any other rule; an @import after them is invalid and
 * ignored), at most max of them into out; returns how many it stored. */
size_t ea_css_imports(const char *css, size_t len, struct ea_css_import *out, size_t max);
void ea_css_imports_release(struct ea_css_import *v, size_t n);

/* ---- values ---- */

/* An sRGB colour, channels 0..255, alpha 0..1; valid false when it could not be read. */
struct ea_css_color {
    bool valid;
    double r, g, b, a;
};

/* Reads a colour value: a named colour, transparent, #rgb, #rgba, #rrggbb, #rrggbbaa,
 * rgb()/rgba()/hsl()/hsla() in comma or space syntax. currentcolor, var(), system colours
 * and anything else give valid = false. */
struct ea_css_color ea_css_parse_color(const char *value, size_t len);
/* WCAG 2.0 relative luminance of an opaque colour, and the contrast ratio of two. */
double ea_css_luminance(struct ea_css_color c);
double ea_css_contrast(struct ea_css_color a, struct ea_css_color b);
/* fg drawn with its alpha over the opaque bg. */
struct ea_css_color ea_css_blend(struct ea_css_color fg, struct ea_css_color bg);

/* ---- cascade ---- */

/* The properties the cascade tracks, one slot each. */
enum ea_css_slot {
    EA_CSS_DISPLAY,     /* display_none */
    EA_CSS_VISIBILITY,  /* visible */
    EA_CSS_COLOR,       /* color (valid false: set to something unknowable, e.g. var()) */
    EA_CSS_BACKGROUND,  /* background (background-color or the shorthand's colour) */
    EA_CSS_BG_IMAGE,    /* bg_image: a url() or gradient background */
    EA_CSS_FONT_SIZE,   /* font_px */
    EA_CSS_FONT_WEIGHT, /* font_weight */
    EA_CSS_EFFECT,      /* effect: opacity < 1, filter, text-shadow, mix-blend-mode */
    EA_CSS_UNDERLINE,   /* underline: text-decoration(-line) has underline */
    EA_CSS_SCROLL,      /* scroll: overflow(-x|-y) auto or scroll */
    EA_CSS_POSITION,    /* positioned: position absolute or fixed */
    EA_CSS_FLOAT,       /* floated: float left or right */
    EA_CSS_CLIP,        /* clip_rect: clip: rect() of at most 1 px */
    EA_CSS_CLIP_PATH,   /* clip_path: clip-path: inset(50%) or a zero circle */
    EA_CSS_LEFT,        /* off_left: left (or inset-inline-start) <= -EA_CSS_OFFSCREEN_PX */
    EA_CSS_TOP,         /* off_top: top <= -EA_CSS_OFFSCREEN_PX */
    EA_CSS_FONT_FAMILY, /* font_family */
    EA_CSS_FONT_STYLE,  /* italic: font-style italic or oblique */
    EA_CSS_BORDER,      /* border: a top or bottom border or an outline that may show */
    EA_CSS_NSLOTS
};

/* An offset at least this far off the top or left edge puts the box off the 1280 x 1024
 * screen ("left: -9999px", the usual screen-reader-only pattern). */
#define EA_CSS_OFFSCREEN_PX 1000.0

/* What display an element declares (the DISPLAY slot); DEFAULT: the tag's own. */
enum ea_css_display {
    EA_DISPLAY_DEFAULT,
    EA_DISPLAY_INLINE,
    EA_DISPLAY_BLOCK, /* block, list-item, table(-*), flow-root */
    EA_DISPLAY_FLEX,  /* flex, grid: a block whose children are blocks too */
    EA_DISPLAY_INLINE_BLOCK,
    EA_DISPLAY_INLINE_FLEX, /* inline-flex, inline-grid: children are blocks */
    EA_DISPLAY_NONE,
    EA_DISPLAY_OTHER /* contents, ruby, var()... */
};

/* font_px of font-size: 0 (kept positive: known, and inherited as px). */
#define EA_CSS_FONT_ZERO 1e-3

/* font_family values besides a hash of the first family's name. */
#define EA_CSS_FAMILY_DEFAULT 0u /* the user agent's (serif) */
#define EA_CSS_FAMILY_UNKNOWN 1u /* var() or unreadable */

/* Declared values of one element (not inherited: the caller inherits). */
struct ea_css_style {
    unsigned set;     /* 1 << slot for each slot with a declared value */
    unsigned inherit; /* 1 << slot for set slots whose declared value is "inherit" */
    unsigned maybe;   /* 1 << slot for slots a rule may set that a static page cannot decide
                       * (:has(), :checked, some media queries...) */
    bool display_none;
    bool visible;
    bool bg_image;
    bool effect;
    bool underline;
    bool scroll;
    unsigned char display; /* enum ea_css_display, the element's own */
    bool positioned, floated;
    bool clip_rect, clip_path, off_left, off_top;
    /* computed (ea_doc_style): it or an ancestor is clipped away or positioned off screen */
    bool offscreen;
    bool italic;          /* inherited */
    bool border;          /* the element's own */
    unsigned font_family; /* inherited: EA_CSS_FAMILY_* or a hash of the first family */
    bool icon_font;       /* inherited, with font_family: an icon font (Material Icons...) */
    int font_weight;
    /* > 0: px; < 0: -(factor of the parent's size) for em and %; 0: unknown (calc, vw) */
    double font_px;
    struct ea_css_color color, background;
};
/* Copies the value of one property slot from src to dst (flags untouched). */
void ea_css_style_copy_slot(struct ea_css_style *dst, const struct ea_css_style *src,
                            enum ea_css_slot slot);

struct ea_css_prio {
    bool important;
    unsigned specificity; /* (ids << 16) | (classes << 8) | types; inline is 1 << 24 */
    unsigned order;       /* source order across all sheets */
};

/* One element's cascade in progress: declared values and the priority of each. */
struct ea_css_cascade {
    struct ea_css_style style;
    struct ea_css_prio prio[EA_CSS_NSLOTS];
};

/* Parsed stylesheet rules for matching. Opaque. */
struct ea_css_sheet;

/* Parses css (at most EA_MAX_CSS bytes) into rules whose declarations set a tracked slot.
 * Selectors: compounds of type, *, #id, .class, [attr], [attr op value], :link and
 * :any-link (as [href]), :root, :not()/:is()/:where() of compounds, :nth-child() and its
 * kin, :first-/:last-/:only-child and -of-type, :defined, joined by descendant, child and
 * sibling combinators. Rules for a state (:hover, :focus, :visited...) or a pseudo-element
 * never apply; rules with pseudo-classes not modelled (:has(), :checked...) only may
 * apply (their slots become "maybe").
 * @media is evaluated for a 1280 x 1024 screen (what bench/ gives axe-core); a query it
 * cannot decide makes its rules "maybe". @supports and @layer blocks apply; other at-rules
 * are skipped. order_base is added to each rule's source order so that several sheets
 * cascade in document order; ea_css_sheet_end_order() is one past the last order used. */
/* Whether a media query list applies to the 1280 x 1024 screen the cascade assumes: NO
 * ("print", "(max-width: 600px)"), YES ("screen", "" or none), MAYBE (a query it cannot
 * decide: its rules make slots "maybe"). */
enum ea_css_media {
    EA_CSS_MEDIA_NO,
    EA_CSS_MEDIA_YES,
    EA_CSS_MEDIA_MAYBE
};
/* query may be NULL (no media attribute: all media). */
enum ea_css_media ea_css_media_of(const char *query, size_t len);
/* Both conditions (a sheet imported with media from a sheet linked with media). */
enum ea_css_media ea_css_media_both(enum ea_css_media a, enum ea_css_media b);

/* media: the sheet's own condition (its <link media> or @import's list): NO parses no rules,
 * MAYBE makes every rule's slots "maybe". */
struct ea_css_sheet *ea_css_sheet_parse(const char *css, size_t len, unsigned order_base,
                                        enum ea_css_media media);
void ea_css_sheet_free(struct ea_css_sheet *sheet);
size_t ea_css_sheet_rules(const struct ea_css_sheet *sheet);
unsigned ea_css_sheet_end_order(const struct ea_css_sheet *sheet);

/* The element interface the matcher needs (core/doc.c supplies it from ea_node). */
struct ea_css_elem_ops {
    const void *(*parent)(const void *elem);                 /* NULL at the root */
    const char *(*tag)(const void *elem);                    /* lowercase */
    const char *(*attr)(const void *elem, const char *name); /* lowercase name; NULL if absent */
    const void *(*prev)(const void *elem); /* the previous element sibling, or NULL */
    const void *(*next)(const void *elem); /* the next element sibling, or NULL */
    /* May be NULL (the siblings are walked): elem's 1-based position among its element
     * siblings (of_type: those of its tag), counted from the last when from_end. */
    unsigned (*position)(const void *ctx, const void *elem, bool of_type, bool from_end);
    const void *ctx; /* position's */
};

/* False when a media query list (a media attribute or @media prelude) cannot apply to the
 * 1280 x 1024 screen the cascade assumes ("print", "(max-width: 600px)"). */
bool ea_css_media_may_apply(const char *query, size_t len);

/* Applies every rule of sheet that matches elem to c. budget (NULL: none) is the work left
 * for the page: one for elem's visit, one per rule that could match it (by its key: id,
 * class, tag or none), one per ancestor or sibling a combinator tries. When elem's tests
 * would pass it, none is made, all of elem's slots become "maybe", and it stays 0: a cascade
 * whose work grows with rules x elements (20,000 rules keyed on "p" over 20,000 <p>s) or
 * sheets x elements stays bounded, its undecided part needing review. */
void ea_css_sheet_apply(const struct ea_css_sheet *sheet, const struct ea_css_elem_ops *ops,
                        const void *elem, struct ea_css_cascade *c, size_t *budget);
/* Applies a style attribute's declarations to c with inline priority. */
void ea_css_apply_inline(const char *decls, size_t len, struct ea_css_cascade *c);

#endif

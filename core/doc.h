/*
 * doc.h — one parsed HTML page. The ONLY user of gumbo: ea_doc_parse() runs gumbo over the
 * UTF-8 source and copies its tree into a flat array of ea_node (document order), then
 * frees gumbo's output. Checks and everything above see only ea_node, never gumbo.
 *
 * Besides the tree the doc computes, once per page, what most rules need: hidden-ness
 * (the hidden attribute, aria-hidden, inline display:none / visibility:hidden), an id
 * index, source positions, the start tag as written, and unique CSS selectors.
 *
 * Hostile pages: nesting deeper than EA_MAX_DEPTH is flattened before gumbo sees it (gumbo
 * is quadratic in depth), gumbo's error list is capped, and every walk is iterative.
 */
#ifndef EA_CORE_DOC_H
#define EA_CORE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/compat.h"
#include "core/css.h"
#include "core/err.h"

enum ea_node_type {
    EA_NODE_ELEMENT,
    EA_NODE_TEXT, /* text, CDATA and whitespace; comments are dropped */
};

enum ea_ns {
    EA_NS_HTML,
    EA_NS_SVG,
    EA_NS_MATHML,
};

/* Flags computed once per node by ea_doc_parse(). */
enum ea_node_flags {
    /* Not rendered: display:none or visibility:hidden|collapse from the cascade (style
     * attributes, <style> blocks and linked stylesheets, see ea_doc_style), the hidden
     * attribute (unless the author's CSS sets another display), a <template>/<script>/
     * <style>/<noscript> subtree, <input type=hidden>. display:none hides the subtree;
     * visibility inherits, so a visibility:visible child of a hidden parent is shown. */
    EA_NODE_HIDDEN = 1 << 0,
    /* aria-hidden="true" on the node or an ancestor. */
    EA_NODE_ARIA_HIDDEN = 1 << 1,
    /* Its id attribute is non-empty and no other element has the same id. */
    EA_NODE_UNIQUE_ID = 1 << 2,
    /* Attribute summaries, so rules that look at few elements skip the rest without a
     * string compare: a role attribute, any aria-* attribute, any on* event handler. */
    EA_NODE_HAS_ROLE = 1 << 3,
    EA_NODE_HAS_ARIA = 1 << 4,
    EA_NODE_HAS_HANDLER = 1 << 5,
};

struct ea_attr {
    const char *name;  /* borrowed (doc): lowercase */
    const char *value; /* borrowed (doc): UTF-8, entities decoded */
};

struct ea_node {
    enum ea_node_type type;
    enum ea_ns ns;
    unsigned flags;              /* enum ea_node_flags */
    const char *tag;             /* borrowed (doc): lowercase tag name; NULL for text */
    const char *text;            /* borrowed (doc): text of a text node; NULL for elements */
    const struct ea_attr *attrs; /* borrowed (doc) */
    size_t nattrs;
    struct ea_node *parent; /* borrowed (doc): NULL for the root <html> */
    struct ea_node *first_child, *last_child, *next, *prev; /* borrowed (doc) */
    size_t index;                                           /* position in doc->nodes */
    unsigned depth;                                         /* 0 for <html> */
    unsigned line, column;      /* 1-based position of the start tag; 0 if made by the parser */
    size_t src_offset, src_len; /* the start tag as written in doc->html; len 0 if implied */
};

/* A linked stylesheet the crawler fetched for the page (inline <style> is in the tree). */
struct ea_stylesheet {
    char *url;  /* owned */
    char *text; /* owned: UTF-8, NUL-terminated */
    size_t len;
    enum ea_css_media media; /* its <link media> (and @import media): NO cascades nothing */
    unsigned links;          /* how many of the page's <link>s name it (0: @import only) */
};

struct ea_doc {
    char *url;  /* owned: the page's URL (base for relative links), may be NULL */
    char *html; /* owned: the UTF-8 source that was parsed */
    size_t html_len;
    struct ea_node *nodes; /* owned: every node in document order; nodes[0] is <html> */
    size_t nnodes;
    struct ea_node *root; /* borrowed: <html> */
    struct ea_node *head; /* borrowed: <head> */
    struct ea_node *body; /* borrowed: <body> or <frameset> */
    bool depth_limited;   /* the source nested deeper than EA_MAX_DEPTH and was flattened */
    bool tags_limited;    /* it had more than EA_MAX_PAGE_TAGS tags: the rest was cut */
    bool attrs_limited;   /* a tag had more than EA_MAX_TAG_ATTRS attributes: the rest were cut */
    bool cascade_limited; /* its stylesheets took EA_MAX_CASCADE_WORK: all styles "maybe" */
    size_t parse_errors;  /* gumbo's count, capped */
    struct ea_stylesheet *sheets; /* owned: linked stylesheets, in document order */
    size_t nsheets;
    void *priv; /* owned: string storage and the id index */
};

/* ea_doc_parse without the cascade: no styles, and hidden flags from the markup alone, until
 * ea_doc_cascade() (ea_doc_add_stylesheet calls it). For a tree that waits before it is
 * checked (its stylesheets being fetched): the cascade's per-node records are three quarters
 * of a tree. */
EA_NODISCARD enum ea_err ea_doc_parse_tree(const char *html, size_t len, const char *url,
                                           struct ea_doc **out);
/* The page's own styles (<style> blocks and style attributes) cascaded and every node's style
 * and hidden flags computed; once (later calls do nothing). */
void ea_doc_cascade(struct ea_doc *doc);
/* Parses len bytes of UTF-8 html, its styles cascaded. url may be NULL. Never fails on bad
 * HTML (the HTML5 algorithm always yields a tree); fails only on bad arguments. */
EA_NODISCARD enum ea_err ea_doc_parse(const char *html, size_t len, const char *url,
                                      struct ea_doc **out);
void ea_doc_free(struct ea_doc *doc);
/* About the bytes doc holds (its arrays and strings, not malloc's overhead): what keeping
 * it costs. */
size_t ea_doc_bytes(const struct ea_doc *doc);
/* A linked stylesheet as a page has it. links: how many of the page's <link>s name it (the
 * checks count them against the page's <link>s; a sheet only imported names none). */
struct ea_doc_sheet {
    const char *url, *text; /* borrowed */
    size_t len;
    enum ea_css_media media;
    unsigned links;
};
/* Hands linked stylesheets' texts (copied) to the checks, which need them for mobile and
 * contrast rules, and cascades their rules into every node's style and hidden flags (in the
 * order given, after earlier linked sheets and before <style> blocks), each under its media:
 * a print sheet is listed but cascades nothing, one for a query the cascade cannot decide
 * makes its slots "maybe" (ea_css_media_of). The styles are computed once for all of them.
 * Call before the checks run. */
void ea_doc_add_stylesheets(struct ea_doc *doc, const struct ea_doc_sheet *v, size_t n);
/* One of them. */
void ea_doc_add_stylesheet(struct ea_doc *doc, const char *url, const char *css, size_t len,
                           enum ea_css_media media, unsigned links);
/* node's computed style: color, font_px, font_weight, visible and display_none (set when
 * an ancestor is display:none too) inherited; background and bg_image the element's own
 * (a text node's are transparent), and so are underline (links have one by default) and
 * scroll (overflow auto/scroll); effect when it or an ancestor has opacity < 1, a filter
 * or a text shadow; maybe: slots that a rule the static cascade cannot decide may change.
 * Includes the user agent's defaults for links, headings and form controls. */
const struct ea_css_style *ea_doc_style(const struct ea_doc *doc, const struct ea_node *node);

/* The value of attribute name (lowercase) or NULL when absent. */
const char *ea_node_attr(const struct ea_node *node, const char *name);
bool ea_node_has_attr(const struct ea_node *node, const char *name);
/* True when node is an HTML element with this lowercase tag name. */
bool ea_node_is(const struct ea_node *node, const char *tag);
/* The nearest ancestor that is an HTML element called tag, or NULL. */
const struct ea_node *ea_node_closest(const struct ea_node *node, const char *tag);
/* True when attribute attr of node, a list separated by ASCII whitespace, holds word (ASCII
 * case-insensitively): rel="Alternate Stylesheet" holds "stylesheet". */
bool ea_node_attr_has_token(const struct ea_node *node, const char *attr, const char *word);
/* A <link> whose stylesheet a browser loads: rel holds "stylesheet" and not "alternate",
 * and it has an href (its media aside). The crawler fetches these; checks count them. */
bool ea_node_is_stylesheet_link(const struct ea_node *node);
/* A <style> whose rules apply: an HTML one, not inside <template> or <noscript> (browsers
 * run with scripting on), whose media may apply to the screen the cascade assumes. */
bool ea_node_style_applies(const struct ea_node *node);
/* True when anc is node or one of its ancestors. */
bool ea_node_contains(const struct ea_node *anc, const struct ea_node *node);
/* The next node in document order after node's subtree (skipping its descendants). */
const struct ea_node *ea_node_next_outside(const struct ea_doc *doc, const struct ea_node *node);
/* The node after n in a pre-order walk of root's subtree (root itself excluded), or NULL at
 * the end; with descend false, n's own descendants are skipped. Iterative: start with
 * ea_node_walk(root, root, true). */
const struct ea_node *ea_node_walk(const struct ea_node *root, const struct ea_node *n,
                                   bool descend);
/* Appends node's text content (all descendant text, as DOM textContent) to out. */
void ea_node_text(const struct ea_node *node, struct ea_buf *out);
/* Hidden from assistive technology: EA_NODE_HIDDEN or EA_NODE_ARIA_HIDDEN. */
bool ea_node_hidden(const struct ea_node *node);

/* The element whose id is id (the first one when ids repeat), or NULL. */
const struct ea_node *ea_doc_by_id(const struct ea_doc *doc, const char *id);
/* How many elements have this id. */
size_t ea_doc_id_count(const struct ea_doc *doc, const char *id);
/* Every element called tag (lowercase, any namespace), in document order; *n gets the count.
 * Returns NULL (and *n = 0) when there is none. Built once per page, so checks that look at
 * all <img> or all <label> need not walk the tree. */
struct ea_node *const *ea_doc_tagged(const struct ea_doc *doc, const char *tag, size_t *n);
/* The HTML <label> elements whose for attribute is id, in document order (*n of them; NULL
 * when none). */
struct ea_node *const *ea_doc_labels_for(const struct ea_doc *doc, const char *id, size_t *n);

/* Appends node's target as axe-core gives it: "#id" when the id is unique, otherwise the
 * shortest unique CSS path (tag, #id, .class, :nth-child) from the nearest ancestor with a
 * unique id or from html. Remembers the answer in doc (several rules name the same
 * element), so, like everything that reads a doc, one thread at a time. */
void ea_doc_selector(const struct ea_doc *doc, const struct ea_node *node, struct ea_buf *out);
/* Appends node's start tag as written in the source (at most EA_MAX_SNIPPET bytes, "..."
 * marking a cut); for an element the parser implied, a start tag rebuilt from its
 * attributes. */
void ea_doc_snippet(const struct ea_doc *doc, const struct ea_node *node, struct ea_buf *out);

#endif

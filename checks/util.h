/*
 * util.h — small predicates several checks share: blank strings, filled attributes, the
 * explicit presentational role and axe-core's role conflict resolution, and the meta
 * elements a browser would actually apply. Checks-internal; nothing outside checks/ uses it.
 */
#ifndef EA_CHECKS_UTIL_H
#define EA_CHECKS_UTIL_H

#include <stdbool.h>

#include "core/doc.h"
#include "core/finding.h"
#include "rules/aria.h"

/* True when s is NULL or holds only ASCII whitespace (HTML's space characters). */
bool ea_checks_blank(const char *s);
/* True when node has attribute name with a value that is not blank. */
bool ea_checks_attr_filled(const struct ea_node *node, const char *name);
/* True when the role attribute's first token is "none" or "presentation" (ASCII
 * case-insensitive), i.e. the author asked for a presentational element. */
bool ea_checks_role_presentational(const struct ea_node *node);
/* True when node asked to be presentational and the browser honours it: axe-core's
 * presentational-role check, which fails when role conflict resolution (a focusable element
 * or a global aria-label/aria-labelledby/aria-describedby) keeps the native role. */
bool ea_checks_presentational_honoured(const struct ea_node *node);
/* True for a <meta> the browser does not apply: inside <template> or <noscript>. */
bool ea_checks_meta_inert(const struct ea_node *node);
/* ASCII case-insensitive equality of a and b (either may be NULL: then false). */
bool ea_checks_ieq(const char *a, const char *b);

/* True when the primary subtag of a language tag is well-formed and known: two letters from
 * ISO 639-1 or three letters, optionally followed by "-" and more subtags. */
bool ea_checks_lang_valid(const char *value);
/* The element's explicit role: the first token of its role attribute that the WAI-ARIA
 * tables know and that is not abstract; NULL when none. */
const struct ea_aria_role *ea_checks_explicit_role(const struct ea_node *n);
/* The element's role from the tables: explicit, else implicit (ea_role); NULL when none. */
const struct ea_aria_role *ea_checks_role(const struct ea_node *n);
/* True when ea_role(n) is role. */
bool ea_checks_role_is(const struct ea_node *n, const char *role);
/* An HTML, SVG or MathML element that is not hidden from assistive technology. */
bool ea_checks_judged(const struct ea_node *n);
/* Records a pass when ok, else a violation saying why. */
void ea_checks_verdict(struct ea_results *out, const struct ea_node *n, bool ok, const char *why);
/* True when node's text content holds more than whitespace. */
bool ea_checks_has_text(const struct ea_node *n);
/* A native element that its own rule names (a[href], button, input, select, textarea, img,
 * area, summary, ...): the aria-*-name rules skip it, as axe-core's no-naming-method. */
bool ea_checks_native_named(const struct ea_node *n);
/* Judges every element, not hidden and not natively named, whose explicit role is one of
 * the space-separated roles: a violation when its accessible name is empty. */
void ea_checks_name_by_role(const struct ea_doc *doc, struct ea_results *out, const char *roles,
                            const char *why);
/* Calls fn for each whitespace-separated token of s. Stops early when fn returns false. */
void ea_checks_tokens(const char *s, bool (*fn)(const char *tok, size_t n, void *ctx), void *ctx);
/* True when the focusable element n is in the tab order (no negative tabindex). */
bool ea_checks_tabbable(const struct ea_node *n);

/* A table's cells on its grid (HTML's table model: rowspan and colspan, capped at the
 * HTML limits), rows from the table's own <tr>s (directly or in thead/tbody/tfoot), nested
 * tables excluded. */
struct ea_checks_cell {
    const struct ea_node *node; /* borrowed: td or th */
    size_t row, col, rowspan, colspan;
};

struct ea_checks_table {
    struct ea_checks_cell *cells; /* owned, in document order */
    size_t ncells, cap;
    size_t nrows, ncols;
};

void ea_checks_table_build(const struct ea_node *table, struct ea_checks_table *t);
void ea_checks_table_release(struct ea_checks_table *t);
/* True for a table the author made presentational or a role other than table/grid. */
bool ea_checks_table_layout(const struct ea_node *table);
/* Calls judge for every HTML <table> that is judged (not hidden, not a layout role) with its
 * grid built. */
void ea_checks_each_table(const struct ea_doc *doc, struct ea_results *out,
                          void (*judge)(const struct ea_node *table,
                                        const struct ea_checks_table *t, struct ea_results *out));
/* True for a role that owned-element and context searches look through: none, presentation,
 * generic, or no role at all (NULL). */
bool ea_checks_role_transparent(const struct ea_aria_role *r);

/* The colour behind element n: translucent backgrounds blended up to an opaque one (or the
 * white canvas). False, with *why, when an ancestor's background is an image or gradient or
 * cannot be decided statically, or when a box positioned absolute or fixed (out of the flow,
 * over whatever layout puts under it) comes before an opaque background. */
bool ea_checks_background(const struct ea_doc *doc, const struct ea_node *n,
                          struct ea_css_color *out, const char **why);

#endif

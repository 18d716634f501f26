/*
 * util.h — small predicates several checks share: blank strings, filled attributes, the
 * explicit presentational role and axe-core's role conflict resolution, and the meta
 * elements a browser would actually apply. Checks-internal; nothing outside checks/ uses it.
 */
#ifndef EA_CHECKS_UTIL_H
#define EA_CHECKS_UTIL_H

#include <stdbool.h>

#include "core/doc.h"

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

#endif

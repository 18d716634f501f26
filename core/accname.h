/*
 * accname.h — roles and the accessible name and description computation (W3C accname 1.1,
 * HTML-AAM). About twenty rules reduce to "does this element have a non-empty accessible
 * name", so it lives in core/ and is computed the same way everywhere.
 *
 * Order for an element (accname 1.1 §4.3.2): hidden content is skipped unless referenced;
 * aria-labelledby (not recursively); aria-label; the native host language label (label
 * elements for form controls, alt for img/area/input type=image, caption for table,
 * legend for fieldset, figcaption for figure, title element for svg, value/default label
 * for buttons); the subtree for roles that take their name from content; title (and
 * placeholder for text inputs) as the last resort. Whitespace is collapsed and trimmed.
 */
#ifndef EA_CORE_ACCNAME_H
#define EA_CORE_ACCNAME_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/doc.h"

/* Where the name came from: rules and reports say "named by aria-label" etc. */
enum ea_name_source {
    EA_NAME_NONE,
    EA_NAME_LABELLEDBY,
    EA_NAME_LABEL_ATTR, /* aria-label */
    EA_NAME_NATIVE,     /* <label>, alt, caption, legend, value, ... */
    EA_NAME_CONTENT,    /* subtree text */
    EA_NAME_TITLE,      /* title or placeholder attribute */
};

/* Appends node's accessible name (collapsed whitespace, trimmed, at most EA_MAX_ACCNAME
 * bytes) to out and returns where it came from. */
enum ea_name_source ea_accname(const struct ea_doc *doc, const struct ea_node *node,
                               struct ea_buf *out);
/* True when node's accessible name is non-empty. */
bool ea_accname_has(const struct ea_doc *doc, const struct ea_node *node);

/* node's role: the first recognised token of its role attribute, else its implicit ARIA
 * role from HTML-AAM ("link" for a[href], "img" for img with non-empty alt, "presentation"
 * for img alt="", "button", "textbox", ...); NULL when it has none. Static string. */
const char *ea_role(const struct ea_node *node);
/* True when the role takes its name from content (button, link, heading, cell, ...). */
bool ea_role_name_from_content(const char *role);

/* Focusable: natively (a[href], button, input, select, textarea, summary, iframe,
 * [contenteditable], area[href]) and not disabled, or with a tabindex; nodes not rendered
 * (EA_NODE_HIDDEN) are not, but aria-hidden ones are. */
bool ea_node_focusable(const struct ea_node *node);

#endif

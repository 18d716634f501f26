/*
 * aria-prohibited-attr (axe-core): aria-label and aria-labelledby are prohibited on generic
 * elements (div, span, b, i... with no role) and on roles that cannot be named (caption,
 * code, deletion, emphasis, generic, insertion, paragraph, strong, subscript, superscript).
 * As axe-core: a violation when the element has no text, incomplete when it has (the text
 * is read anyway).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

/* HTML elements whose implicit role is generic or cannot be named (HTML-AAM). */
static const char *const unnamed_tags[] = {
    "b",   "bdi", "bdo", "code", "data",  "del",  "div",    "em",  "i",   "ins", "p",
    "pre", "q",   "s",   "samp", "small", "span", "strong", "sub", "sup", "u",
};

static bool prohibited(const struct ea_node *n)
{
    if (ea_node_has_attr(n, "role")) {
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (r)
            return (r->flags & EA_ROLE_NAME_PROHIBITED) != 0;
    }
    if (n->ns != EA_NS_HTML)
        return false;
    if (ea_node_is(n, "a"))
        return !ea_node_has_attr(n, "href");
    for (size_t i = 0; i < EA_ARRAY_LEN(unnamed_tags); i++)
        if (ea_node_is(n, unnamed_tags[i]))
            return true;
    return false;
}

/* An img, svg, input... inside: axe-core's subtree text may count it, so defer. */
static bool has_embedded(const struct ea_node *n)
{
    for (const struct ea_node *c = ea_node_walk(n, n, true); c; c = ea_node_walk(n, c, true))
        if (ea_node_is(c, "img") || ea_node_is(c, "input") || c->ns == EA_NS_SVG)
            return true;
    return false;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(n->flags & EA_NODE_HAS_ARIA) || !ea_checks_judged(n) ||
            !(ea_checks_attr_filled(n, "aria-label") ||
              ea_checks_attr_filled(n, "aria-labelledby")))
            continue;
        if (!prohibited(n))
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
        else if (ea_checks_has_text(n) || has_embedded(n))
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                           "aria-label/aria-labelledby is prohibited on this element; its text "
                           "is read instead");
        else
            ea_results_add(out, EA_OUTCOME_VIOLATION, n,
                           "aria-label/aria-labelledby is prohibited on an element with no role");
    }
}

const struct ea_check ea_check_aria_prohibited_attr = {
    .id = "aria-prohibited-attr",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Elementiem nedrīkst lietot to lomai aizliegtus ARIA atribūtus",
    .help_en = "Elements must only use permitted ARIA attributes",
    .fix_lv = "Noņemiet aria-label/aria-labelledby no elementiem bez lomas (div, span...) vai "
              "dodiet tiem piemērotu lomu; tekstu ierakstiet pašā elementā",
    .fix_en = "Remove aria-label/aria-labelledby from elements without a role (div, span...) or "
              "give them a fitting role; put the text in the element itself",
    .run = run,
};

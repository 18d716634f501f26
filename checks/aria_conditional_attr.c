/*
 * aria-conditional-attr (axe-core): a native checkbox's aria-checked agrees with its checked
 * state, and rows outside a treegrid carry no aria-level, aria-posinset, aria-setsize or
 * aria-expanded.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static const char *const row_attrs[] = { "aria-level", "aria-posinset", "aria-setsize",
                                         "aria-expanded" };

static void checkbox(const struct ea_node *n, struct ea_results *out)
{
    const char *v = ea_node_attr(n, "aria-checked");
    bool checked = ea_node_has_attr(n, "checked");
    bool ok = (ea_checks_ieq(v, "true") && checked) || (ea_checks_ieq(v, "false") && !checked) ||
              ea_checks_blank(v);
    ea_checks_verdict(out, n, ok, "aria-checked on a native checkbox disagrees with its state");
}

static void row(const struct ea_node *n, struct ea_results *out)
{
    bool any = false;
    for (size_t k = 0; k < EA_ARRAY_LEN(row_attrs); k++)
        any |= ea_node_has_attr(n, row_attrs[k]);
    if (!any)
        return;
    const struct ea_node *t = n->parent;
    while (t && !ea_checks_role_is(t, "treegrid") && !ea_checks_role_is(t, "table") &&
           !ea_checks_role_is(t, "grid"))
        t = t->parent;
    if (!t)
        return;
    ea_checks_verdict(out, n, ea_checks_role_is(t, "treegrid"),
                      "row attributes (aria-level, aria-posinset, aria-setsize, aria-expanded) "
                      "are only allowed in a treegrid");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(n->flags & EA_NODE_HAS_ARIA) || !ea_checks_judged(n))
            continue;
        if (ea_node_is(n, "input") && ea_checks_ieq(ea_node_attr(n, "type"), "checkbox") &&
            ea_node_has_attr(n, "aria-checked"))
            checkbox(n, out);
        else if (ea_checks_role_is(n, "row"))
            row(n, out);
    }
}

const struct ea_check ea_check_aria_conditional_attr = {
    .id = "aria-conditional-attr",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA atribūti jālieto tā, kā to lomai noteikts",
    .help_en = "ARIA attributes must be used as specified for the element's role",
    .fix_lv =
        "Izvēles rūtiņai noņemiet aria-checked (stāvokli dod checked); aria-level, aria-posinset, "
        "aria-setsize un aria-expanded rindām lietojiet tikai treegrid tabulās",
    .fix_en = "Drop aria-checked from a native checkbox (checked gives the state); use aria-level, "
              "aria-posinset, aria-setsize and aria-expanded on rows only in a treegrid",
    .run = run,
};

/*
 * aria-required-parent (axe-core): an element whose explicit role needs a context role (listitem,
 * option, tab, row, cell, menuitem, treeitem...) has it: the nearest ancestor with a role
 * (generic and presentational ones are looked through), or the element that aria-owns it.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static const struct ea_node *owner(const struct ea_doc *doc, const struct ea_node *n)
{
    const char *id = ea_node_attr(n, "id");
    if (!id || !*id)
        return NULL;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const char *owns = ea_node_attr(&doc->nodes[i], "aria-owns");
        if (owns && ea_aria_in_list(owns, id, strlen(id)))
            return &doc->nodes[i];
    }
    return NULL;
}

static bool context_ok(const struct ea_aria_role *r, const struct ea_node *p)
{
    for (; p; p = p->parent) {
        if (p->type != EA_NODE_ELEMENT)
            continue;
        const struct ea_aria_role *pr = ea_checks_role(p);
        if (ea_checks_role_transparent(pr))
            continue;
        if (ea_aria_in_list(r->context, pr->name, strlen(pr->name)))
            return true;
        /* a group may stand between items and their menu, listbox or tree */
        if (strcmp(pr->name, "group") == 0 || strcmp(pr->name, "rowgroup") == 0)
            continue;
        return false;
    }
    return false;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !(n->flags & EA_NODE_HAS_ROLE))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (!r || !r->context)
            continue;
        bool ok = context_ok(r, n->parent);
        if (!ok) {
            const struct ea_node *o = owner(doc, n);
            ok = o && context_ok(r, o);
        }
        ea_checks_verdict(out, n, ok, "element is not inside the parent role it requires");
    }
}

const struct ea_check ea_check_aria_required_parent = {
    .id = "aria-required-parent",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Elementiem ar ARIA lomu jāatrodas lomai vajadzīgajā vecākelementā",
    .help_en = "Certain ARIA roles must be contained by particular parents",
    .fix_lv = "Ievietojiet elementu vecākā ar vajadzīgo lomu (piem., role=\"tab\" elementā ar "
              "role=\"tablist\")",
    .fix_en = "Put the element in a parent with the required role (e.g. role=\"tab\" inside "
              "role=\"tablist\")",
    .run = run,
};

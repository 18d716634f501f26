/*
 * role-img-alt (axe-core): HTML elements other than img/area/input/object whose explicit role
 * is img have an accessible name from aria-label, aria-labelledby or title.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || n->ns != EA_NS_HTML || !(n->flags & EA_NODE_HAS_ROLE) ||
            ea_node_is(n, "img") || ea_node_is(n, "area") || ea_node_is(n, "input") ||
            ea_node_is(n, "object"))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (r && strcmp(r->name, "img") == 0)
            ea_checks_verdict(out, n, ea_accname_has(doc, n) || ea_checks_attr_filled(n, "title"),
                              "element with role=img has no alternative text");
    }
}

const struct ea_check ea_check_role_img_alt = {
    .id = "role-img-alt",
    .wcag = "1.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Elementiem ar role=\"img\" jābūt alternatīvajam tekstam",
    .help_en = "[role=\"img\"] elements must have an alternative text",
    .fix_lv = "Pievienojiet elementam ar role=\"img\" aria-label vai aria-labelledby",
    .fix_en = "Give the role=\"img\" element aria-label or aria-labelledby",
    .run = run,
};

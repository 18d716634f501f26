/*
 * aria-deprecated-role (axe-core): the role an element gets from its role attribute is not
 * deprecated in WAI-ARIA 1.2 / DPUB-ARIA (rules/aria.c marks them).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !(n->flags & EA_NODE_HAS_ROLE))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (r)
            ea_checks_verdict(out, n, !(r->flags & EA_ROLE_DEPRECATED), "role is deprecated");
    }
}

const struct ea_check ea_check_aria_deprecated_role = {
    .id = "aria-deprecated-role",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MINOR,
    .help_lv = "Nedrīkst lietot novecojušas ARIA lomas",
    .help_en = "Deprecated ARIA roles must not be used",
    .fix_lv = "Aizstājiet novecojušo lomu (piem., directory) ar pašreizējo (list)",
    .fix_en = "Replace the deprecated role (e.g. directory) with its current one (list)",
    .run = run,
};

/*
 * ea-heading-empty (eaudit; axe-core has it only as best practice): every heading (<h1>-<h6>,
 * role=heading) that assistive technology sees has a non-empty accessible name: an empty
 * heading is announced as a heading with nothing to say (1.3.1, 2.4.6).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !ea_checks_role_is(n, "heading"))
            continue;
        ea_checks_verdict(out, n, ea_accname_has(doc, n), "heading is empty");
    }
}

const struct ea_check ea_check_ea_heading_empty = {
    .id = "ea-heading-empty",
    .wcag = "1.3.1,2.4.6",
    .level = EA_LEVEL_AA,
    .impact = EA_IMPACT_MINOR,
    .help_lv = "Virsrakstiem jābūt ar saturu",
    .help_en = "Headings must not be empty",
    .fix_lv = "Ierakstiet virsrakstā tekstu vai noņemiet tukšo virsraksta elementu",
    .fix_en = "Put text in the heading or remove the empty heading element",
    .run = run,
};

/*
 * aria-roles (axe-core): a non-empty role attribute names at least one valid role, and none of
 * its tokens is an abstract role (widget, input, landmark...).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool check_token(const char *tok, size_t n, void *ctx)
{
    unsigned *st = ctx;
    const struct ea_aria_role *r = ea_aria_role(tok, n);
    if (!r)
        return true;
    if (r->flags & EA_ROLE_ABSTRACT)
        *st |= 2;
    else
        *st |= 1;
    return true;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        const char *role = ea_node_attr(n, "role");
        if (!ea_checks_judged(n) || ea_checks_blank(role))
            continue;
        unsigned st = 0; /* 1: a valid role, 2: an abstract role */
        ea_checks_tokens(role, check_token, &st);
        if (st & 2)
            ea_checks_verdict(out, n, false, "role attribute uses an abstract role");
        else
            ea_checks_verdict(out, n, st & 1, "role attribute names no valid ARIA role");
    }
}

const struct ea_check ea_check_aria_roles = {
    .id = "aria-roles",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "ARIA lomām jāatbilst derīgām vērtībām",
    .help_en = "ARIA roles used must conform to valid values",
    .fix_lv = "Lietojiet tikai WAI-ARIA definētas, neabstraktas lomas; pārbaudiet pareizrakstību",
    .fix_en = "Use only roles WAI-ARIA defines that are not abstract; check the spelling",
    .run = run,
};

/*
 * ea-heading-order (eaudit): a heading more than one level deeper than the heading before it
 * (h2 then h4) is incomplete: the outline skips a level, which 1.3.1 may or may not care
 * about depending on the content. Headings that follow in order pass.
 */
#include <stdlib.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static int level(const struct ea_node *n)
{
    const char *lv = ea_node_attr(n, "aria-level");
    if (lv && ea_node_has_attr(n, "role")) {
        long v = strtol(lv, NULL, 10);
        if (v >= 1 && v <= 100)
            return (int)v;
    }
    if (n->ns == EA_NS_HTML && n->tag[0] == 'h' && n->tag[1] >= '1' && n->tag[1] <= '6' &&
        !n->tag[2])
        return n->tag[1] - '0';
    return 2; /* role=heading without aria-level */
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    int prev = 0;
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !ea_checks_role_is(n, "heading"))
            continue;
        int l = level(n);
        if (prev && l > prev + 1)
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                           "heading level skips a level after the previous heading");
        else
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
        prev = l;
    }
}

const struct ea_check ea_check_ea_heading_order = {
    .id = "ea-heading-order",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MODERATE,
    .help_lv = "Virsrakstu līmeņi nedrīkst izlaist pakāpes",
    .help_en = "Heading levels should only increase by one",
    .fix_lv = "Lietojiet virsrakstus secīgi: pēc <h2> nāk <h3>, nevis <h4>",
    .fix_en = "Use heading levels in sequence: <h2> is followed by <h3>, not <h4>",
    .run = run,
};

/*
 * aria-braille-equivalent (axe-core): aria-braillelabel needs a non-empty accessible name and
 * aria-brailleroledescription a non-empty aria-roledescription.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(n->flags & EA_NODE_HAS_ARIA) || !ea_checks_judged(n))
            continue;
        bool label = ea_node_has_attr(n, "aria-braillelabel");
        bool roledesc = ea_node_has_attr(n, "aria-brailleroledescription");
        if (!label && !roledesc)
            continue;
        /* review on fail, as axe-core */
        if (label && !ea_accname_has(doc, n))
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                           "aria-braillelabel on an element with no accessible name");
        else if (roledesc && !ea_checks_attr_filled(n, "aria-roledescription"))
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                           "aria-brailleroledescription without aria-roledescription");
        else
            ea_checks_verdict(out, n, true, NULL);
    }
}

const struct ea_check ea_check_aria_braille_equivalent = {
    .id = "aria-braille-equivalent",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "aria-braille atribūtiem jābūt ar ne-Braila ekvivalentu",
    .help_en = "aria-braille attributes must have a non-braille equivalent",
    .fix_lv = "Ja lietojat aria-braillelabel, dodiet elementam arī nosaukumu; "
              "aria-brailleroledescription lietojiet tikai kopā ar aria-roledescription",
    .fix_en = "With aria-braillelabel give the element an accessible name too; use "
              "aria-brailleroledescription only together with aria-roledescription",
    .run = run,
};

/*
 * scrollable-region-focusable (axe-core, heuristic): an element the cascade gives overflow auto
 * or scroll, with content, that is neither focusable nor holds anything focusable, is
 * incomplete: whether its content actually overflows needs layout. Focusable ones pass.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !n->first_child || n == doc->root || n == doc->body)
            continue;
        const struct ea_css_style *s = ea_doc_style(doc, n);
        if (!s->scroll || (ea_node_is(n, "textarea") || ea_node_is(n, "select")))
            continue;
        if (!ea_checks_has_text(n))
            continue;
        bool ok = ea_checks_tabbable(n);
        for (const struct ea_node *c = ea_node_walk(n, n, true); c && !ok;
             c = ea_node_walk(n, c, true))
            ok = c->type == EA_NODE_ELEMENT && ea_checks_tabbable(c);
        if (ok)
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
        else
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, n,
                           "scrollable region has nothing focusable: if it scrolls, keyboard "
                           "users cannot scroll it");
    }
}

const struct ea_check ea_check_scrollable_region_focusable = {
    .id = "scrollable-region-focusable",
    .wcag = "2.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Ritināmiem apgabaliem jābūt pieejamiem ar tastatūru",
    .help_en = "Scrollable region must have keyboard access",
    .fix_lv = "Dodiet ritināmam apgabalam tabindex=\"0\" vai ievietojiet tajā fokusējamu elementu",
    .fix_en = "Give the scrolling region tabindex=\"0\" or put a focusable element in it",
    .run = run,
};

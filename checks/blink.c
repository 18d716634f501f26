/*
 * blink (axe-core): no <blink> element (blinking text cannot be paused, 2.2.2).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *b = ea_doc_tagged(doc, "blink", &n);
    for (size_t i = 0; i < n; i++)
        if (b[i]->ns == EA_NS_HTML && ea_checks_judged(b[i]))
            ea_checks_verdict(out, b[i], false, "blink element makes text flash");
}

const struct ea_check ea_check_blink = {
    .id = "blink",
    .wcag = "2.2.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<blink> elementi ir novecojuši un nav lietojami",
    .help_en = "<blink> elements are deprecated and must not be used",
    .fix_lv = "Noņemiet <blink>; ja tekstam jāizceļas, lietojiet stilu bez mirgošanas",
    .fix_en = "Remove <blink>; emphasise the text with a style that does not flash",
    .run = run,
};

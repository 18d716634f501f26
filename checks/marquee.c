/*
 * marquee (axe-core): no <marquee> element (moving text cannot be paused, 2.2.2).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *m = ea_doc_tagged(doc, "marquee", &n);
    for (size_t i = 0; i < n; i++)
        if (m[i]->ns == EA_NS_HTML && ea_checks_judged(m[i]))
            ea_checks_verdict(out, m[i], false, "marquee element scrolls text");
}

const struct ea_check ea_check_marquee = {
    .id = "marquee",
    .wcag = "2.2.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<marquee> elementi ir novecojuši un nav lietojami",
    .help_en = "<marquee> elements are deprecated and must not be used",
    .fix_lv = "Noņemiet <marquee>; kustīgam saturam dodiet pogu, ar ko to apturēt",
    .fix_en = "Remove <marquee>; give moving content a control that stops it",
    .run = run,
};

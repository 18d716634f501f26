/*
 * aria-tab-name (axe-core): elements whose explicit role is tab have an accessible name
 * (aria-label, aria-labelledby, title, or content where the role takes its name from it).
 * Native elements named by their own rules (button, input, a[href]...) are skipped, as
 * axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "tab", "tab has no accessible name");
}

const struct ea_check ea_check_aria_tab_name = {
    .id = "aria-tab-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA cilnēm (tab) jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA tabs must have an accessible name",
    .fix_lv = "Ierakstiet cilnē tekstu vai pievienojiet aria-label vai aria-labelledby",
    .fix_en = "Put text in the tab or add aria-label or aria-labelledby",
    .run = run,
};

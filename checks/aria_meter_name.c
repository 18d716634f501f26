/*
 * aria-meter-name (axe-core): elements whose explicit role is meter have an accessible name
 * (aria-label, aria-labelledby, title, or content where the role takes its name from it).
 * Native elements named by their own rules (button, input, a[href]...) are skipped, as
 * axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "meter", "meter has no accessible name");
}

const struct ea_check ea_check_aria_meter_name = {
    .id = "aria-meter-name",
    .wcag = "1.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA meter elementiem jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA meter nodes must have an accessible name",
    .fix_lv = "Pievienojiet aria-label vai aria-labelledby, kas pasaka, ko mērītājs rāda",
    .fix_en = "Add aria-label or aria-labelledby saying what the meter shows",
    .run = run,
};

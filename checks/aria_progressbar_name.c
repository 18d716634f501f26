/*
 * aria-progressbar-name (axe-core): elements whose explicit role is progressbar have an accessible
 * name (aria-label, aria-labelledby, title, or content where the role takes its name from it).
 * Native elements named by their own rules (button, input, a[href]...) are skipped, as
 * axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "progressbar", "progressbar has no accessible name");
}

const struct ea_check ea_check_aria_progressbar_name = {
    .id = "aria-progressbar-name",
    .wcag = "1.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA progressbar elementiem jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA progressbar nodes must have an accessible name",
    .fix_lv = "Pievienojiet aria-label vai aria-labelledby, kas pasaka, kā norisi josla rāda",
    .fix_en = "Add aria-label or aria-labelledby saying whose progress the bar shows",
    .run = run,
};

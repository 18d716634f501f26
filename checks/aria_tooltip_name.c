/*
 * aria-tooltip-name (axe-core): elements whose explicit role is tooltip have an accessible name
 * (aria-label, aria-labelledby, title, or content where the role takes its name from it).
 * Native elements named by their own rules (button, input, a[href]...) are skipped, as
 * axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "tooltip", "tooltip has no accessible name");
}

const struct ea_check ea_check_aria_tooltip_name = {
    .id = "aria-tooltip-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA tooltip elementiem jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA tooltip nodes must have an accessible name",
    .fix_lv = "Ierakstiet paskaidrē tekstu vai pievienojiet aria-label vai aria-labelledby",
    .fix_en = "Put text in the tooltip or add aria-label or aria-labelledby",
    .run = run,
};

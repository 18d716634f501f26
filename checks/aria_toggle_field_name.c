/*
 * aria-toggle-field-name (axe-core): elements whose explicit role is checkbox, menuitemcheckbox,
 * menuitemradio, radio, switch, option have an accessible name (aria-label, aria-labelledby, title,
 * or content where the role takes its name from it). Native elements named by their own rules
 * (button, input, a[href]...) are skipped, as axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "checkbox menuitemcheckbox menuitemradio radio switch option",
                           "toggle field has no accessible name");
}

const struct ea_check ea_check_aria_toggle_field_name = {
    .id = "aria-toggle-field-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA pārslēgšanas laukiem jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA toggle fields must have an accessible name",
    .fix_lv = "Ierakstiet elementā tekstu vai pievienojiet aria-label vai aria-labelledby",
    .fix_en = "Put text inside the element or add aria-label or aria-labelledby",
    .run = run,
};

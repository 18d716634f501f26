/*
 * aria-input-field-name (axe-core): elements whose explicit role is combobox, listbox, searchbox,
 * slider, spinbutton, textbox have an accessible name (aria-label, aria-labelledby, title, or
 * content where the role takes its name from it). Native elements named by their own rules (button,
 * input, a[href]...) are skipped, as axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "combobox listbox searchbox slider spinbutton textbox",
                           "element with an input role has no accessible name");
}

const struct ea_check ea_check_aria_input_field_name = {
    .id = "aria-input-field-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA ievades laukiem jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA input fields must have an accessible name",
    .fix_lv = "Pievienojiet laukam aria-label vai aria-labelledby, kas norāda uz redzamu etiķeti",
    .fix_en = "Add aria-label, or aria-labelledby pointing at a visible label",
    .run = run,
};

/*
 * aria-command-name (axe-core): elements whose explicit role is button, link, menuitem have an
 * accessible name (aria-label, aria-labelledby, title, or content where the role takes its name
 * from it). Native elements named by their own rules (button, input, a[href]...) are skipped, as
 * axe-core's no-naming-method.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_name_by_role(doc, out, "button link menuitem",
                           "element with a command role has no accessible name");
}

const struct ea_check ea_check_aria_command_name = {
    .id = "aria-command-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "ARIA komandām (button, link, menuitem) jābūt piekļūstamajam nosaukumam",
    .help_en = "ARIA commands must have an accessible name",
    .fix_lv = "Ierakstiet elementā tekstu vai pievienojiet aria-label vai aria-labelledby ar "
              "saprotamu nosaukumu",
    .fix_en =
        "Put text inside the element or add aria-label or aria-labelledby with a meaningful name",
    .run = run,
};

/*
 * nested-interactive (axe-core): an element whose role makes its children presentational
 * (button, checkbox, radio, switch, tab, option, slider, img, progressbar...) holds no
 * focusable element: screen readers never announce it.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || !n->first_child)
            continue;
        const struct ea_aria_role *r = ea_checks_role(n);
        if (!r || !(r->flags & EA_ROLE_CHILDREN_PRESENTATIONAL))
            continue;
        bool ok = true;
        for (const struct ea_node *c = ea_node_walk(n, n, true); c && ok;
             c = ea_node_walk(n, c, true))
            if (c->type == EA_NODE_ELEMENT && ea_checks_tabbable(c))
                ok = false;
        ea_checks_verdict(out, n, ok, "interactive element contains a focusable element");
    }
}

const struct ea_check ea_check_nested_interactive = {
    .id = "nested-interactive",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Interaktīvi elementi nedrīkst būt ligzdoti",
    .help_en = "Interactive controls must not be nested",
    .fix_lv = "Iznesiet saiti vai pogu ārpus otras pogas; vienai vadīklai jābūt vienā līmenī",
    .fix_en = "Move the inner link or button out of the outer control",
    .run = run,
};

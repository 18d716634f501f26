/*
 * ea-click-no-key (eaudit; axe-core has no static rule for it): an element with an onclick,
 * onmousedown, onmouseup, ondblclick or onkeydown/onkeypress/onkeyup handler that cannot
 * receive focus (not natively focusable, no tabindex) cannot be used by keyboard (2.1.1).
 * <html>, <body> and <label> (which forwards the click) are not judged.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static const char *const handlers[] = { "onclick",   "onmousedown", "onmouseup", "ondblclick",
                                        "onkeydown", "onkeypress",  "onkeyup" };

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(n->flags & EA_NODE_HAS_HANDLER) || !ea_checks_judged(n) || n == doc->root ||
            n == doc->body || ea_node_is(n, "label"))
            continue;
        bool any = false;
        for (size_t k = 0; k < EA_ARRAY_LEN(handlers) && !any; k++)
            any = ea_node_has_attr(n, handlers[k]);
        if (!any)
            continue;
        ea_checks_verdict(out, n, ea_node_focusable(n),
                          "element has a mouse or key handler but cannot receive keyboard focus");
    }
}

const struct ea_check ea_check_ea_click_no_key = {
    .id = "ea-click-no-key",
    .wcag = "2.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Ar peli lietojamiem elementiem jābūt lietojamiem arī ar tastatūru",
    .help_en = "Elements with click handlers must be keyboard accessible",
    .fix_lv = "Lietojiet <button> vai <a href> klikšķināmiem elementiem; ja tas nav iespējams, "
              "pievienojiet tabindex=\"0\", lomu un tastatūras apstrādi",
    .fix_en = "Use <button> or <a href> for clickable elements; failing that, add tabindex=\"0\", "
              "a role and keyboard handling",
    .run = run,
};

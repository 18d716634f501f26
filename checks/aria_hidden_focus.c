/*
 * aria-hidden-focus (axe-core): an element with aria-hidden="true" is not focusable and holds no
 * element in the tab order (keyboard users would land on something screen readers cannot
 * see). Elements not rendered (display:none, hidden) are out of the tab order anyway.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (n->type != EA_NODE_ELEMENT || (n->flags & EA_NODE_HIDDEN) ||
            !(n->flags & EA_NODE_ARIA_HIDDEN) ||
            (n->parent && (n->parent->flags & EA_NODE_ARIA_HIDDEN)))
            continue; /* judge each aria-hidden subtree once, at its top */
        bool ok = !ea_checks_tabbable(n);
        for (const struct ea_node *c = ea_node_walk(n, n, true); c && ok;
             c = ea_node_walk(n, c, !(c->flags & EA_NODE_HIDDEN)))
            if (ea_checks_tabbable(c))
                ok = false;
        ea_checks_verdict(out, n, ok,
                          "aria-hidden element is focusable or contains focusable elements");
    }
}

const struct ea_check ea_check_aria_hidden_focus = {
    .id = "aria-hidden-focus",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "aria-hidden elementi nedrīkst saturēt fokusējamus elementus",
    .help_en = "ARIA hidden element must not be focusable or contain focusable elements",
    .fix_lv = "Fokusējamiem elementiem aria-hidden zonā pievienojiet tabindex=\"-1\" vai noņemiet "
              "aria-hidden",
    .fix_en = "Give focusable elements inside the aria-hidden region tabindex=\"-1\", or remove "
              "aria-hidden",
    .run = run,
};

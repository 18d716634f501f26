/*
 * frame-title (axe-core): every <iframe> and <frame> has an accessible name — a non-empty
 * title, aria-label or aria-labelledby — so screen reader users know what a frame holds
 * before entering it. As axe-core 4.x (no-negative-tabindex-matches), a frame taken out of
 * the tab order with a negative tabindex is not judged; nor is one hidden from assistive
 * technology. role="none" does not excuse a frame: frames are focusable, so the browser
 * keeps their role (axe-core's presentational-role check).
 */
#include <stdlib.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool negative_tabindex(const struct ea_node *n)
{
    const char *t = ea_node_attr(n, "tabindex");
    if (!t)
        return false;
    char *end;
    long v = strtol(t, &end, 10);
    return end != t && v < 0;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(ea_node_is(n, "iframe") || ea_node_is(n, "frame")) || ea_node_hidden(n) ||
            negative_tabindex(n))
            continue;
        if (ea_accname_has(doc, n))
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
        else if (ea_node_has_attr(n, "aria-labelledby"))
            ea_results_add(out, EA_OUTCOME_VIOLATION, n,
                           "frame has no title and its aria-labelledby names nothing");
        else if (ea_node_has_attr(n, "title"))
            ea_results_add(out, EA_OUTCOME_VIOLATION, n, "title attribute of frame is empty");
        else
            ea_results_add(out, EA_OUTCOME_VIOLATION, n, "frame has no title attribute");
    }
}

const struct ea_check ea_check_frame_title = {
    .id = "frame-title",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Rāmjiem jābūt piekļūstamajam nosaukumam",
    .help_en = "Frames must have an accessible name",
    .fix_lv = "Dodiet elementam <iframe> atribūtu title, kas pasaka, kas rāmī ir, piemēram, "
              "title=\"Iestādes atrašanās vieta kartē\"",
    .fix_en = "Give the <iframe> a title attribute that says what the frame holds, e.g. "
              "title=\"Map of the office location\"",
    .run = run,
};

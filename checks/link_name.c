/*
 * link-name (axe-core): every link has discernible text — a non-empty accessible name from
 * its content (including the alt of an image in it), aria-label, aria-labelledby or title.
 * Judges <a href> (a focusable link keeps its role even with role="none") and any other
 * element whose explicit role is link; <area> is area-alt's. Links hidden from assistive
 * technology are not judged. In-page links (href="#main") are judged like any other.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool is_link(const struct ea_node *n)
{
    if (n->type != EA_NODE_ELEMENT || n->ns != EA_NS_HTML)
        return false;
    if (ea_node_is(n, "a") && ea_node_has_attr(n, "href"))
        return true;
    if (!(n->flags & EA_NODE_HAS_ROLE) || ea_node_is(n, "area"))
        return false;
    const char *role = ea_role(n);
    return role && strcmp(role, "link") == 0;
}

static void judge(const struct ea_doc *doc, const struct ea_node *a, struct ea_results *out)
{
    if (ea_accname_has(doc, a)) {
        ea_results_add(out, EA_OUTCOME_PASS, a, NULL);
        return;
    }
    const char *why = "link has no discernible text";
    if (ea_node_has_attr(a, "aria-labelledby"))
        why = "link has no discernible text and its aria-labelledby names nothing";
    else
        for (const struct ea_node *c = a->first_child; c; c = c->next)
            if (ea_node_is(c, "img") && !ea_node_has_attr(c, "alt")) {
                why = "link has no discernible text: its image has no alt attribute";
                break;
            }
    ea_results_add(out, EA_OUTCOME_VIOLATION, a, why);
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (is_link(n) && !ea_node_hidden(n))
            judge(doc, n, out);
    }
}

const struct ea_check ea_check_link_name = {
    .id = "link-name",
    .wcag = "2.4.4,4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Saitēm jābūt uztveramam tekstam",
    .help_en = "Links must have discernible text",
    .fix_lv = "Ierakstiet saitē tekstu, kas pasaka, kurp tā ved; ikonai vai attēlam saitē "
              "dodiet atribūtu alt vai saitei atribūtu aria-label",
    .fix_en = "Put text in the link that says where it leads; give an icon or image in the "
              "link an alt attribute, or the link an aria-label",
    .run = run,
};

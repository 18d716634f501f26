/*
 * aria-hidden-body (axe-core): <body> does not carry aria-hidden="true", which would hide the
 * whole page from screen readers.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    const struct ea_node *body = doc->body;
    if (!body || !ea_node_is(body, "body"))
        return;
    ea_checks_verdict(out, body, !(body->flags & EA_NODE_ARIA_HIDDEN),
                      "body has aria-hidden=\"true\": the page is hidden from screen readers");
}

const struct ea_check ea_check_aria_hidden_body = {
    .id = "aria-hidden-body",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Elementam <body> nedrīkst būt aria-hidden=\"true\"",
    .help_en = "aria-hidden=\"true\" must not be present on the document body",
    .fix_lv = "Noņemiet aria-hidden no <body>; slēpiet tikai atsevišķus elementus",
    .fix_en = "Remove aria-hidden from <body>; hide individual elements instead",
    .run = run,
};

/*
 * svg-img-alt (axe-core): an <svg> (or SVG element) whose explicit role is img,
 * graphics-document or graphics-symbol has an accessible name: aria-label, aria-labelledby,
 * a <title> child or a title attribute.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!ea_checks_judged(n) || n->ns != EA_NS_SVG || !(n->flags & EA_NODE_HAS_ROLE))
            continue;
        const struct ea_aria_role *r = ea_checks_explicit_role(n);
        if (!r || (strcmp(r->name, "img") != 0 && strcmp(r->name, "graphics-document") != 0 &&
                   strcmp(r->name, "graphics-symbol") != 0))
            continue;
        ea_checks_verdict(out, n, ea_accname_has(doc, n) || ea_checks_attr_filled(n, "title"),
                          "svg with an image role has no alternative text");
    }
}

const struct ea_check ea_check_svg_img_alt = {
    .id = "svg-img-alt",
    .wcag = "1.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "SVG attēliem ar attēla lomu jābūt alternatīvajam tekstam",
    .help_en = "svg elements with an img role must have an alternative text",
    .fix_lv = "Pievienojiet <svg role=\"img\"> elementu <title> vai aria-label",
    .fix_en = "Give <svg role=\"img\"> a <title> child or aria-label",
    .run = run,
};

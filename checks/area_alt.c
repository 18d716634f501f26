/*
 * area-alt (axe-core): every <area href> in an image map has alternative text: a non-blank
 * alt, aria-label, aria-labelledby that names something, or title.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *areas = ea_doc_tagged(doc, "area", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *a = areas[i];
        if (a->ns != EA_NS_HTML || !ea_node_has_attr(a, "href") || !ea_checks_judged(a) ||
            !ea_node_closest(a, "map"))
            continue;
        bool ok = ea_checks_attr_filled(a, "alt") || ea_checks_attr_filled(a, "title") ||
                  ea_accname_has(doc, a);
        ea_checks_verdict(out, a, ok, "area element has no alternative text");
    }
}

const struct ea_check ea_check_area_alt = {
    .id = "area-alt",
    .wcag = "2.4.4,4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Attēlkartes <area> elementiem jābūt alternatīvajam tekstam",
    .help_en = "Active <area> elements must have alternative text",
    .fix_lv = "Pievienojiet katram <area> atribūtu alt, kas pasaka, kurp saite ved",
    .fix_en = "Give every <area> an alt attribute saying where the link goes",
    .run = run,
};

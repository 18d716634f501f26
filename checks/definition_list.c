/*
 * definition-list (axe-core): a <dl> (without a role) directly holds only <dt>, <dd>, <div>
 * groups of them, <script> and <template>, and no text; its terms come before their
 * definitions (no <dd> after any <dt> fails, as axe-core's structured-dlitems).
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/text.h"

static bool allowed(const struct ea_node *c, bool in_div)
{
    if (c->type == EA_NODE_TEXT)
        return ea_text_is_blank(c->text, strlen(c->text));
    if (c->flags & EA_NODE_HIDDEN)
        return true;
    if (ea_node_is(c, "dt") || ea_node_is(c, "dd") || ea_node_is(c, "script") ||
        ea_node_is(c, "template"))
        return !ea_node_has_attr(c, "role");
    return !in_div && ea_node_is(c, "div") && !ea_node_has_attr(c, "role");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *dl = ea_doc_tagged(doc, "dl", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *d = dl[i];
        if (d->ns != EA_NS_HTML || !ea_checks_judged(d) || ea_node_has_attr(d, "role"))
            continue;
        /* Order as axe-core's structured-dlitems: a dl with terms or definitions needs a
         * <dd> somewhere after a <dt> (direct children only). */
        bool ok = true, any = false, dt = false, ordered = false;
        for (const struct ea_node *c = d->first_child; c && ok; c = c->next) {
            ok = allowed(c, false);
            if (ea_node_is(c, "div"))
                for (const struct ea_node *g = c->first_child; g && ok; g = g->next)
                    ok = allowed(g, true);
            any |= ea_node_is(c, "dt") || ea_node_is(c, "dd");
            ordered |= dt && ea_node_is(c, "dd");
            dt |= ea_node_is(c, "dt");
        }
        if (!ok) {
            ea_checks_verdict(out, d, false,
                              "dl contains elements other than dt, dd and div groups");
            continue;
        }
        ea_checks_verdict(out, d, !any || ordered,
                          "dl has no definition after a term: terms and definitions are out of "
                          "order");
    }
}

const struct ea_check ea_check_definition_list = {
    .id = "definition-list",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<dl> elementiem jāsatur tikai pareizi sakārtotas <dt> un <dd> grupas",
    .help_en = "<dl> elements must only directly contain properly-ordered <dt> and <dd> groups, "
               "<div>, <script>, <template> elements",
    .fix_lv = "Ievietojiet <dl> tieši tikai <dt> un <dd> (vai <div> ar tiem), sākot ar <dt>",
    .fix_en =
        "Put only <dt> and <dd> (or <div>s holding them) directly in <dl>, starting with a <dt>",
    .run = run,
};

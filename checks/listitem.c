/*
 * listitem (axe-core): every <li> without a role has a parent whose role is list (<ul>, <ol>,
 * <menu>, or role="list").
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *li = ea_doc_tagged(doc, "li", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *l = li[i];
        if (l->ns != EA_NS_HTML || !ea_checks_judged(l) || ea_node_has_attr(l, "role"))
            continue;
        const struct ea_node *p = l->parent;
        bool ok = p && ea_checks_role_is(p, "list");
        ea_checks_verdict(out, l, ok, "li element is not inside a list");
    }
}

const struct ea_check ea_check_listitem = {
    .id = "listitem",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<li> elementiem jāatrodas <ul> vai <ol> sarakstā",
    .help_en = "<li> elements must be contained in a <ul> or <ol>",
    .fix_lv = "Ievietojiet <li> sarakstā <ul> vai <ol> (vai elementā ar role=\"list\")",
    .fix_en = "Put <li> inside a <ul> or <ol> (or an element with role=\"list\")",
    .run = run,
};

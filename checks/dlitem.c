/*
 * dlitem (axe-core): every <dt> and <dd> has a <dl> parent, or a <div> parent whose parent is
 * a <dl>; a parent with a role other than list/presentation/none fails.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool dl_parent(const struct ea_node *p)
{
    if (!ea_node_is(p, "dl"))
        return false;
    const char *role = ea_node_attr(p, "role");
    return !role || ea_checks_role_presentational(p) || ea_checks_ieq(role, "list");
}

static void judge(const struct ea_node *n, struct ea_results *out)
{
    if (n->ns != EA_NS_HTML || !ea_checks_judged(n))
        return;
    const struct ea_node *p = n->parent;
    bool ok = dl_parent(p) ||
              (ea_node_is(p, "div") && !ea_node_has_attr(p, "role") && dl_parent(p->parent));
    ea_checks_verdict(out, n, ok, "dt/dd element is not inside a dl");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    static const char *const tags[] = { "dt", "dd" };
    for (size_t t = 0; t < 2; t++) {
        size_t n = 0;
        struct ea_node *const *e = ea_doc_tagged(doc, tags[t], &n);
        for (size_t i = 0; i < n; i++)
            judge(e[i], out);
    }
}

const struct ea_check ea_check_dlitem = {
    .id = "dlitem",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<dt> un <dd> elementiem jāatrodas <dl> elementā",
    .help_en = "<dt> and <dd> elements must be contained by a <dl>",
    .fix_lv = "Ievietojiet <dt> un <dd> elementā <dl> (vai <div> tieši tajā)",
    .fix_en = "Put <dt> and <dd> inside a <dl> (or a <div> directly in one)",
    .run = run,
};

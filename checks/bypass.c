/*
 * bypass (axe-core): a page with links offers a way past repeated blocks: an in-page link
 * (href="#..."), a heading, or a main landmark. Judged once, on <html>.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool any_of(const struct ea_doc *doc, const char *tag)
{
    size_t n = 0;
    struct ea_node *const *e = ea_doc_tagged(doc, tag, &n);
    for (size_t i = 0; i < n; i++)
        if (e[i]->ns == EA_NS_HTML && !ea_node_hidden(e[i]))
            return true;
    return false;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    if (!doc->root)
        return;
    size_t na = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "a", &na);
    bool links = false, internal = false;
    for (size_t i = 0; i < na; i++) {
        const char *href = ea_node_attr(a[i], "href");
        if (!href)
            continue;
        links = true;
        if (href[0] == '#' && href[1] && href[1] != '/' && href[1] != '!')
            internal = true;
    }
    if (!links)
        return;
    bool ok = internal || any_of(doc, "main");
    static const char *const headings[] = { "h1", "h2", "h3", "h4", "h5", "h6" };
    for (size_t i = 0; i < EA_ARRAY_LEN(headings) && !ok; i++)
        ok = any_of(doc, headings[i]);
    for (size_t i = 0; i < doc->nnodes && !ok; i++) {
        const struct ea_node *n = &doc->nodes[i];
        ok = (n->flags & EA_NODE_HAS_ROLE) && !ea_node_hidden(n) &&
             (ea_checks_role_is(n, "main") || ea_checks_role_is(n, "heading"));
    }
    /* axe-core's bypass is "review on fail": a page without these may still offer a way
     * (a script-made skip link, a short page), so a failure is incomplete. */
    ea_results_add(
        out, ok ? EA_OUTCOME_PASS : EA_OUTCOME_INCOMPLETE, doc->root,
        ok ? NULL : "page has no skip link, heading or main landmark to bypass repeated blocks");
}

const struct ea_check ea_check_bypass = {
    .id = "bypass",
    .wcag = "2.4.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Lapā jābūt veidam, kā izlaist atkārtotus blokus",
    .help_en = "Page must have means to bypass repeated blocks",
    .fix_lv = "Pievienojiet saiti \"Pāriet uz saturu\" (href=\"#saturs\"), <main> orientieri vai "
              "virsrakstus",
    .fix_en = "Add a \"Skip to content\" link (href=\"#content\"), a <main> landmark or headings",
    .run = run,
};

/*
 * ea-duplicate-id (eaudit; axe-core retired its duplicate-id with WCAG 2.2, but WCAG 2.0
 * 4.1.1 Parsing still requires unique ids): one violation per repeated id, on its first
 * element; one pass per unique id.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        const char *id = ea_node_attr(n, "id");
        if (n->type != EA_NODE_ELEMENT || !id || !*id)
            continue;
        if (n->flags & EA_NODE_UNIQUE_ID) {
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
            continue;
        }
        if (ea_doc_by_id(doc, id) == n) /* the first of the repeats */
            ea_results_add(out, EA_OUTCOME_VIOLATION, n, "id is used by more than one element");
    }
}

const struct ea_check ea_check_ea_duplicate_id = {
    .id = "ea-duplicate-id",
    .wcag = "4.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MINOR,
    .help_lv = "id atribūta vērtībām jābūt unikālām",
    .help_en = "id attribute values must be unique",
    .fix_lv = "Pārsauciet atkārtotos id tā, lai katrs id lapā būtu vienu reizi",
    .fix_en = "Rename repeated ids so that each id occurs once on the page",
    .run = run,
};

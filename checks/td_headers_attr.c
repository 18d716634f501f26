/*
 * td-headers-attr (axe-core): in a table, every id in a cell's headers attribute names another
 * cell of the same table. Judged per table that uses headers.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void judge(const struct ea_doc *doc, const struct ea_node *table,
                  const struct ea_checks_table *t, struct ea_results *out)
{
    bool uses = false, ok = true;
    for (size_t i = 0; i < t->ncells && ok; i++) {
        const struct ea_node *c = t->cells[i].node;
        const char *h = ea_node_attr(c, "headers");
        if (ea_checks_blank(h))
            continue;
        uses = true;
        for (const char *p = h; *p && ok;) {
            size_t n = strcspn(p, " \t\n\r\f");
            if (n) {
                char id[256];
                if (n >= sizeof(id)) {
                    ok = false;
                    break;
                }
                memcpy(id, p, n);
                id[n] = '\0';
                const struct ea_node *ref = ea_doc_by_id(doc, id);
                bool in_table = false;
                for (size_t k = 0; ref && k < t->ncells && !in_table; k++)
                    in_table = t->cells[k].node == ref;
                ok = in_table && ref != c;
            }
            p += n;
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
                p++;
        }
    }
    if (uses)
        ea_checks_verdict(out, table, ok,
                          "a cell's headers attribute names a cell outside this table or itself");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t nt = 0;
    struct ea_node *const *tables = ea_doc_tagged(doc, "table", &nt);
    for (size_t ti = 0; ti < nt; ti++) {
        const struct ea_node *table = tables[ti];
        if (table->ns != EA_NS_HTML || !ea_checks_judged(table) || ea_checks_table_layout(table))
            continue;
        struct ea_checks_table t;
        ea_checks_table_build(table, &t);
        judge(doc, table, &t, out);
        ea_checks_table_release(&t);
    }
}

const struct ea_check ea_check_td_headers_attr = {
    .id = "td-headers-attr",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Tabulas šūnu headers atribūtam jānorāda uz tās pašas tabulas galvenēm",
    .help_en =
        "Table cells that use the headers attribute must only refer to cells in the same table",
    .fix_lv = "Norādiet headers atribūtā tikai tās pašas tabulas <th> šūnu id",
    .fix_en = "List in headers only the ids of <th> cells of the same table",
    .run = run,
};

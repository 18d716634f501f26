/*
 * td-headers-attr (axe-core): in a table, every id in a cell's headers attribute names another
 * cell of the same table. Judged per table that uses headers.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

struct refs {
    const struct ea_checks_table *t;
    const struct ea_node *cell; /* the cell whose headers attribute is read */
    bool ok;
};

/* True while every token names another cell of the table by its id. */
static bool names_cell(const char *tok, size_t n, void *ctx)
{
    struct refs *r = ctx;
    bool found = false;
    for (size_t k = 0; k < r->t->ncells && !found; k++) {
        const struct ea_node *c = r->t->cells[k].node;
        const char *id = ea_node_attr(c, "id");
        found = c != r->cell && id && strlen(id) == n && memcmp(id, tok, n) == 0;
    }
    r->ok = found;
    return found;
}

static void judge(const struct ea_node *table, const struct ea_checks_table *t,
                  struct ea_results *out)
{
    bool uses = false, ok = true;
    for (size_t i = 0; i < t->ncells && ok; i++) {
        const struct ea_node *c = t->cells[i].node;
        const char *h = ea_node_attr(c, "headers");
        if (ea_checks_blank(h))
            continue;
        uses = true;
        struct refs r = { t, c, true };
        ea_checks_tokens(h, names_cell, &r);
        ok = r.ok;
    }
    if (uses)
        ea_checks_verdict(out, table, ok,
                          "a cell's headers attribute names a cell outside this table or itself");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_each_table(doc, out, judge);
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

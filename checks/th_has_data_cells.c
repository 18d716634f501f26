/*
 * th-has-data-cells (axe-core): in a data table, every header cell describes data: a
 * header cell has a <td> in its row or its column (axe-core accepts either direction); a th
 * some cell's headers attribute names passes. A table with
 * headers and no data cells at all is incomplete.
 */
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool referenced(const struct ea_checks_table *t, const struct ea_node *th)
{
    const char *id = ea_node_attr(th, "id");
    if (!id || !*id)
        return false;
    for (size_t i = 0; i < t->ncells; i++) {
        const char *h = ea_node_attr(t->cells[i].node, "headers");
        if (h && ea_aria_in_list(h, id, strlen(id)))
            return true;
    }
    return false;
}

static bool scoped(const struct ea_node *th, const char *scope)
{
    const char *s = ea_node_attr(th, "scope");
    return s && strcasecmp(s, scope) == 0;
}

/* A td in the header's row or column (axe-core accepts either direction); as in axe-core, a
 * row header in a column header's column, or a column header in a row header's row, is
 * described too (the first column of a table whose rows are named by <th scope=row>). */
static bool has_data(const struct ea_checks_table *t, const struct ea_checks_cell *h)
{
    for (size_t i = 0; i < t->ncells; i++) {
        const struct ea_checks_cell *c = &t->cells[i];
        if (c == h)
            continue;
        bool row = c->row < h->row + h->rowspan && h->row < c->row + c->rowspan;
        bool col = c->col < h->col + h->colspan && h->col < c->col + c->colspan;
        if (ea_node_is(c->node, "td")) {
            if (row || col)
                return true;
        } else if ((col && scoped(c->node, "row")) || (row && scoped(c->node, "col"))) {
            return true;
        }
    }
    return false;
}

static void judge(const struct ea_node *table, const struct ea_checks_table *t,
                  struct ea_results *out)
{
    size_t ths = 0, tds = 0;
    bool ok = true;
    for (size_t i = 0; i < t->ncells; i++) {
        const struct ea_checks_cell *c = &t->cells[i];
        if (ea_node_is(c->node, "td")) {
            tds++;
            continue;
        }
        if (!ea_checks_has_text(c->node))
            continue;
        ths++;
        if (ok && !has_data(t, c) && !referenced(t, c->node))
            ok = false;
    }
    if (!ths)
        return;
    if (!tds)
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, table,
                       "table has header cells and no data cells: check it is a data table");
    else
        ea_checks_verdict(out, table, ok, "a header cell describes no data cells");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_each_table(doc, out, judge);
}

const struct ea_check ea_check_th_has_data_cells = {
    .id = "th-has-data-cells",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Tabulas galvenēm jāattiecas uz datu šūnām",
    .help_en = "All th elements and elements with role=columnheader/rowheader must have data cells "
               "they describe",
    .fix_lv = "Noņemiet <th>, kam nav datu šūnu, vai pārvērtiet to par <td>/<caption>",
    .fix_en = "Remove <th> cells that describe no data cells, or make them <td> or a <caption>",
    .run = run,
};

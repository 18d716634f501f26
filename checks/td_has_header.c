/*
 * td-has-header (axe-core, heuristic): in a table of at least 3 x 3 cells, every non-empty <td>
 * has a header: a <th> in its row or column, or a headers attribute. A table with no <th>
 * at all is incomplete rather than failed: it may be a layout table, which only a person can
 * tell.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool has_header(const struct ea_checks_table *t, const struct ea_checks_cell *d)
{
    if (ea_checks_attr_filled(d->node, "headers"))
        return true;
    for (size_t i = 0; i < t->ncells; i++) {
        const struct ea_checks_cell *c = &t->cells[i];
        if (!ea_node_is(c->node, "th"))
            continue;
        bool same_row = c->row < d->row + d->rowspan && d->row < c->row + c->rowspan;
        bool same_col = c->col < d->col + d->colspan && d->col < c->col + c->colspan;
        if (same_row || same_col)
            return true;
    }
    return false;
}

static void judge(const struct ea_node *table, const struct ea_checks_table *t,
                  struct ea_results *out)
{
    if (t->nrows < 3 || t->ncols < 3 || t->ncells > 20000)
        return;
    bool any_th = false;
    for (size_t i = 0; i < t->ncells && !any_th; i++)
        any_th = ea_node_is(t->cells[i].node, "th");
    bool ok = true, any_td = false;
    for (size_t i = 0; i < t->ncells && ok; i++) {
        const struct ea_checks_cell *c = &t->cells[i];
        if (!ea_node_is(c->node, "td") || !ea_checks_has_text(c->node))
            continue;
        any_td = true;
        ok = any_th && has_header(t, c);
    }
    if (!any_td)
        return;
    if (!any_th)
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, table,
                       "table has no header cells: if it holds data, add th headers");
    else
        ea_checks_verdict(out, table, ok, "a non-empty data cell has no header");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_each_table(doc, out, judge);
}

const struct ea_check ea_check_td_has_header = {
    .id = "td-has-header",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Lielu datu tabulu šūnām jābūt galvenēm",
    .help_en = "Non-empty <td> elements in larger tables must have an associated table header",
    .fix_lv = "Pievienojiet tabulai <th> galvenes (ar scope=\"col\"/\"row\") vai headers atribūtus",
    .fix_en = "Give the table <th> headers (with scope=\"col\"/\"row\") or headers attributes",
    .run = run,
};

/*
 * table-fake-caption (axe-core, heuristic): a table whose first row is one cell spanning all
 * (2 or more) columns uses a cell as its caption. A violation when the table has header
 * cells (a data table); incomplete when it has none (it may be a layout table).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void judge(const struct ea_node *table, const struct ea_checks_table *t,
                  struct ea_results *out)
{
    if (t->nrows < 2 || t->ncols < 2)
        return;
    size_t first_row = 0;
    const struct ea_checks_cell *only = NULL;
    bool any_th = false;
    for (size_t i = 0; i < t->ncells; i++) {
        const struct ea_checks_cell *c = &t->cells[i];
        if (c->row == 0) {
            first_row++;
            only = c;
        } else if (ea_node_is(c->node, "th"))
            any_th = true;
    }
    bool fake = first_row == 1 && only->colspan >= t->ncols && ea_checks_has_text(only->node);
    if (!fake)
        ea_results_add(out, EA_OUTCOME_PASS, table, NULL);
    else if (any_th)
        ea_results_add(out, EA_OUTCOME_VIOLATION, table,
                       "the first row's single spanning cell acts as the table's caption");
    else
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, table,
                       "the first row's single spanning cell may be a caption");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    ea_checks_each_table(doc, out, judge);
}

const struct ea_check ea_check_table_fake_caption = {
    .id = "table-fake-caption",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Tabulas virsrakstam jālieto <caption>, nevis apvienota šūna",
    .help_en = "Data or header cells must not be used to give caption to a data table",
    .fix_lv = "Pārvietojiet tabulas pirmās rindas apvienotās šūnas tekstu elementā <caption>",
    .fix_en = "Move the text of the first row's spanning cell into a <caption>",
    .run = run,
};

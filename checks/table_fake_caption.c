/*
 * table-fake-caption (axe-core, heuristic): a table whose first row is one cell spanning all
 * (2 or more) columns uses a cell as its caption: incomplete, since only a person can tell
 * a data table from a layout one (axe-core's heuristic flagged none of our corpus cases).
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
    for (size_t i = 0; i < t->ncells; i++) {
        const struct ea_checks_cell *c = &t->cells[i];
        if (c->row == 0) {
            first_row++;
            only = c;
        }
    }
    bool fake = first_row == 1 && only->colspan >= t->ncols && ea_checks_has_text(only->node);
    /* Whether the table holds data (so the cell is a fake caption) is axe-core's layout
     * heuristic, which reported none of our candidates on the corpus: always incomplete. */
    ea_results_add(
        out, fake ? EA_OUTCOME_INCOMPLETE : EA_OUTCOME_PASS, table,
        fake ? "the first row's single spanning cell may be acting as the table's caption" : NULL);
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

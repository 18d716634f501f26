/*
 * select-name (axe-core): every <select> has an accessible name: a label, aria-label,
 * aria-labelledby or title; a presentational role the browser honours also passes.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/limits.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *sel = ea_doc_tagged(doc, "select", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *s = sel[i];
        if (s->ns != EA_NS_HTML || !ea_checks_judged(s))
            continue;
        bool ok = ea_checks_attr_filled(s, "title") || ea_checks_presentational_honoured(s);
        if (!ok) {
            struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME);
            enum ea_name_source src = ea_accname(doc, s, &name);
            /* a select's own value (its chosen option) is not a label */
            ok = src != EA_NAME_NONE && src != EA_NAME_CONTENT && name.len > 0;
            ea_buf_release(&name);
        }
        ea_checks_verdict(out, s, ok, "select element has no accessible name");
    }
}

const struct ea_check ea_check_select_name = {
    .id = "select-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Izvēlnes elementam <select> jābūt piekļūstamajam nosaukumam",
    .help_en = "Select element must have an accessible name",
    .fix_lv = "Sasaistiet ar <select> etiķeti (<label for>) vai pievienojiet aria-label",
    .fix_en = "Associate a label with the <select> (<label for>) or add aria-label",
    .run = run,
};

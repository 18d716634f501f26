/*
 * summary-name (axe-core): the <summary> that controls its <details> (the first summary child)
 * has discernible text.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *sum = ea_doc_tagged(doc, "summary", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *s = sum[i];
        if (s->ns != EA_NS_HTML || !ea_checks_judged(s) || !ea_node_is(s->parent, "details"))
            continue;
        const struct ea_node *first = s->parent->first_child;
        while (first && !ea_node_is(first, "summary"))
            first = first->next;
        if (first != s)
            continue;
        ea_checks_verdict(out, s, ea_accname_has(doc, s) || ea_checks_attr_filled(s, "title"),
                          "summary element has no discernible text");
    }
}

const struct ea_check ea_check_summary_name = {
    .id = "summary-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<summary> elementiem jābūt uztveramam tekstam",
    .help_en = "Summary elements must have discernible text",
    .fix_lv = "Ierakstiet <summary> tekstu, kas pasaka, ko atvērs, vai pievienojiet aria-label",
    .fix_en = "Put text in <summary> saying what it opens, or add aria-label",
    .run = run,
};

/*
 * form-field-multiple-labels (axe-core): a form control labelled by more than one <label>
 * (label[for] plus a wrapping label) is incomplete, as in axe-core: screen readers read only
 * one of them, and whether that loses anything needs a person.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool labelable(const struct ea_node *n)
{
    if (ea_node_is(n, "textarea") || ea_node_is(n, "select"))
        return true;
    if (!ea_node_is(n, "input"))
        return false;
    const char *t = ea_node_attr(n, "type");
    return !(ea_checks_ieq(t, "hidden") || ea_checks_ieq(t, "button") ||
             ea_checks_ieq(t, "submit") || ea_checks_ieq(t, "reset") || ea_checks_ieq(t, "image"));
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (n->ns != EA_NS_HTML || !labelable(n) || !ea_checks_judged(n))
            continue;
        size_t count = 0, nl = 0;
        const struct ea_node *wrap = ea_node_closest(n, "label");
        const char *id = ea_node_attr(n, "id");
        if (id && *id && ea_doc_id_count(doc, id) == 1) {
            struct ea_node *const *labels = ea_doc_labels_for(doc, id, &nl);
            for (size_t k = 0; k < nl; k++)
                if (labels[k] != wrap && !(labels[k]->flags & EA_NODE_HIDDEN))
                    count++;
        }
        if (wrap && !(wrap->flags & EA_NODE_HIDDEN))
            count++;
        if (count == 0)
            continue;
        if (count > 1)
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, n, "form field has more than one label");
        else
            ea_results_add(out, EA_OUTCOME_PASS, n, NULL);
    }
}

const struct ea_check ea_check_form_field_multiple_labels = {
    .id = "form-field-multiple-labels",
    .wcag = "3.3.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MODERATE,
    .help_lv = "Veidlapas laukam nedrīkst būt vairākas etiķetes",
    .help_en = "Form field must not have multiple label elements",
    .fix_lv = "Atstājiet laukam vienu <label>; papildu skaidrojumu sasaistiet ar aria-describedby",
    .fix_en = "Keep one <label> per field; tie extra help to it with aria-describedby",
    .run = run,
};

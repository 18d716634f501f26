/*
 * ea-form-no-submit (eaudit): a <form> with fields has a submit button (<button> without a
 * type or type=submit, <input type=submit|image>, also one outside with form=id). Without one,
 * a form of selects, checkboxes or radios is a violation (it must submit on change, 3.2.2);
 * one with a text field is incomplete (Enter submits it implicitly).
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool is_submit(const struct ea_node *c)
{
    const char *t = ea_node_attr(c, "type");
    if (ea_node_is(c, "button"))
        return !t || ea_checks_ieq(t, "submit") ||
               !(ea_checks_ieq(t, "button") || ea_checks_ieq(t, "reset"));
    return ea_node_is(c, "input") && (ea_checks_ieq(t, "submit") || ea_checks_ieq(t, "image"));
}

static void judge(const struct ea_doc *doc, const struct ea_node *form, struct ea_results *out)
{
    bool submit = false, text = false, other = false;
    for (const struct ea_node *c = ea_node_walk(form, form, true); c;
         c = ea_node_walk(form, c, true)) {
        if (c->type != EA_NODE_ELEMENT)
            continue;
        if (is_submit(c))
            submit = true;
        else if (ea_node_is(c, "select") || ea_node_is(c, "textarea"))
            other = true;
        else if (ea_node_is(c, "input")) {
            const char *t = ea_node_attr(c, "type");
            if (ea_checks_ieq(t, "hidden") || ea_checks_ieq(t, "button") ||
                ea_checks_ieq(t, "reset"))
                continue;
            if (ea_checks_ieq(t, "checkbox") || ea_checks_ieq(t, "radio") ||
                ea_checks_ieq(t, "range") || ea_checks_ieq(t, "color") || ea_checks_ieq(t, "file"))
                other = true;
            else
                text = true;
        }
    }
    const char *id = ea_node_attr(form, "id");
    if (!submit && id && *id) /* a submit button outside the form with form=id */
        for (size_t i = 0; i < doc->nnodes && !submit; i++) {
            const struct ea_node *c = &doc->nodes[i];
            submit = is_submit(c) && ea_checks_ieq(ea_node_attr(c, "form"), id) &&
                     strcmp(ea_node_attr(c, "form"), id) == 0;
        }
    if (!text && !other)
        return;
    if (submit)
        ea_results_add(out, EA_OUTCOME_PASS, form, NULL);
    else if (text)
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, form,
                       "form has no submit button: check that it is not submitted on change");
    else
        ea_results_add(out, EA_OUTCOME_VIOLATION, form,
                       "form has fields and no submit button: it must submit on change");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *f = ea_doc_tagged(doc, "form", &n);
    for (size_t i = 0; i < n; i++)
        if (f[i]->ns == EA_NS_HTML && ea_checks_judged(f[i]))
            judge(doc, f[i], out);
}

const struct ea_check ea_check_ea_form_no_submit = {
    .id = "ea-form-no-submit",
    .wcag = "3.2.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MODERATE,
    .help_lv = "Veidlapai jābūt iesniegšanas pogai",
    .help_en = "Forms must have a submit button",
    .fix_lv = "Pievienojiet veidlapai pogu <button type=\"submit\">Iesniegt</button>; "
              "neiesniedziet veidlapu, tikai mainot lauka vērtību",
    .fix_en = "Add a <button type=\"submit\">Submit</button>; do not submit the form when a field "
              "changes",
    .run = run,
};

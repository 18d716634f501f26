/*
 * input-button-name (axe-core): <input type=button|submit|reset> has discernible text: a value,
 * aria-label, aria-labelledby or title (submit and reset have a default name; a blank value
 * does not remove it).
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *in = ea_doc_tagged(doc, "input", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *c = in[i];
        const char *t = ea_node_attr(c, "type");
        if (c->ns != EA_NS_HTML || !ea_checks_judged(c) ||
            !(ea_checks_ieq(t, "button") || ea_checks_ieq(t, "submit") ||
              ea_checks_ieq(t, "reset")))
            continue;
        /* An explicit value="" leaves the button blank in browsers (axe-core fails it), even
         * on submit and reset, whose default name only applies without a value attribute. */
        const char *value = ea_node_attr(c, "value");
        bool named = value && ea_checks_blank(value)
                         ? ea_checks_attr_filled(c, "aria-label") ||
                               ea_checks_attr_filled(c, "title") ||
                               ea_checks_attr_filled(c, "aria-labelledby")
                         : ea_accname_has(doc, c) || ea_checks_attr_filled(c, "title");
        ea_checks_verdict(out, c, named, "input button has no discernible text");
    }
}

const struct ea_check ea_check_input_button_name = {
    .id = "input-button-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Ievades pogām jābūt uztveramam tekstam",
    .help_en = "Input buttons must have discernible text",
    .fix_lv =
        "Pievienojiet pogai atribūtu value ar tekstu (piem., value=\"Meklēt\") vai aria-label",
    .fix_en = "Give the button a value with text (e.g. value=\"Search\") or aria-label",
    .run = run,
};

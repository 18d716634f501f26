/*
 * button-name (axe-core): every <button> has discernible text (<input type=button|submit|
 * reset> is input-button-name's, as in axe-core 4.x; judging it here too counted it twice). Passes
 * with a non-empty accessible name (content, aria-label, aria-labelledby, title, the value of an
 * input, the default "Submit"/"Reset" of submit/reset inputs without a value) or with
 * role="none"/"presentation" that the browser honours (a disabled button; a focusable one keeps its
 * button role, as axe-core's presentational-role check says). Buttons hidden from assistive
 * technology are skipped.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool is_button(const struct ea_node *n)
{
    return ea_node_is(n, "button");
}

static void judge(const struct ea_doc *doc, const struct ea_node *b, struct ea_results *out)
{
    if (ea_checks_presentational_honoured(b) || ea_accname_has(doc, b)) {
        ea_results_add(out, EA_OUTCOME_PASS, b, NULL);
        return;
    }
    const char *why = "button has no discernible text";
    if (ea_node_has_attr(b, "aria-labelledby"))
        why = "button has no discernible text and its aria-labelledby names nothing";
    else if (ea_node_is(b, "input"))
        why = "input button has no value, aria-label or title";
    ea_results_add(out, EA_OUTCOME_VIOLATION, b, why);
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (is_button(n) && !ea_node_hidden(n))
            judge(doc, n, out);
    }
}

const struct ea_check ea_check_button_name = {
    .id = "button-name",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Pogām jābūt uztveramam tekstam",
    .help_en = "Buttons must have discernible text",
    .fix_lv = "Ierakstiet pogā tekstu, kas pasaka, ko tā dara; pogai ar ikonu dodiet atribūtu "
              "aria-label, bet pogai <input> — atribūtu value",
    .fix_en = "Put text in the button that says what it does; give an icon button an "
              "aria-label, and an <input> button a value",
    .run = run,
};

/*
 * label (axe-core): every form control has a label. Judges <input> (except types hidden,
 * image, submit, reset and button, which other rules cover) and <textarea>; <select> is
 * select-name's, as in axe-core 4.x (judging it here too counted it twice). Passes as axe-core's
 * "any" list: a non-empty accessible name (a wrapping or for= <label>, aria-label,
 * aria-labelledby, title), a non-empty placeholder (axe-core's non-empty-placeholder
 * accepts it although a placeholder vanishes as one types), or role="none"/"presentation"
 * that the browser honours (only a disabled control: a focusable one keeps its role).
 * Controls hidden from assistive technology are skipped.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool is_control(const struct ea_node *n)
{
    if (ea_node_is(n, "textarea"))
        return true;
    if (!ea_node_is(n, "input"))
        return false;
    static const char *const skip[] = { "hidden", "image", "submit", "reset", "button" };
    const char *type = ea_node_attr(n, "type");
    for (size_t i = 0; i < EA_ARRAY_LEN(skip); i++)
        if (ea_checks_ieq(type, skip[i]))
            return false;
    return true;
}

static void judge(const struct ea_doc *doc, const struct ea_node *c, struct ea_results *out)
{
    if (ea_accname_has(doc, c) || ea_checks_attr_filled(c, "title") ||
        ea_checks_attr_filled(c, "placeholder") || ea_checks_presentational_honoured(c)) {
        ea_results_add(out, EA_OUTCOME_PASS, c, NULL);
        return;
    }
    const char *why = "form control has no label";
    if (ea_node_has_attr(c, "aria-labelledby"))
        why = "form control has no label and its aria-labelledby names nothing";
    else if (ea_node_closest(c, "label"))
        why = "form control's wrapping label has no text";
    ea_results_add(out, EA_OUTCOME_VIOLATION, c, why);
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (is_control(n) && !ea_node_hidden(n))
            judge(doc, n, out);
    }
}

const struct ea_check ea_check_label = {
    .id = "label",
    .wcag = "1.3.1,4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Veidlapas elementiem jābūt etiķetēm",
    .help_en = "Form elements must have labels",
    .fix_lv = "Sasaistiet ar lauku redzamu etiķeti: <label for=\"lauka-id\">Vārds</label> vai "
              "ietveriet lauku elementā <label>; ja redzama teksta nav, lietojiet aria-label",
    .fix_en = "Associate a visible label with the field: <label for=\"field-id\">Name</label>, "
              "or wrap the field in <label>; with no visible text, use aria-label",
    .run = run,
};

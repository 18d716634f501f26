/*
 * ea-target-blank (eaudit, a notice): a link with target=_blank whose accessible name does not
 * warn ("jaunā logā", "jaunā cilnē", "new window", "new tab", "ārēja saite"...) is
 * incomplete: WCAG G201 advises the warning; a person decides whether the surprise matters.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/limits.h"
#include "core/text.h"

static const char *const warnings[] = { "jauna loga", "jauna cilne", "jauna lapa", "new window",
                                        "new tab",    "external",    "areja",      "atveras" };

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "a", &n);
    struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME), f = EA_BUF_INIT(EA_MAX_ACCNAME * 2);
    for (size_t i = 0; i < n; i++) {
        if (a[i]->ns != EA_NS_HTML || !ea_node_has_attr(a[i], "href") || !ea_checks_judged(a[i]) ||
            !ea_checks_ieq(ea_node_attr(a[i], "target"), "_blank"))
            continue;
        ea_buf_reset(&name);
        ea_buf_reset(&f);
        ea_accname(doc, a[i], &name);
        const char *title = ea_node_attr(a[i], "title");
        if (title)
            ea_buf_addf(&name, " %s", title);
        ea_text_fold(name.buf, name.len, &f);
        bool warned = false;
        for (size_t k = 0; k < EA_ARRAY_LEN(warnings) && !warned; k++)
            warned = strstr(f.buf, warnings[k]) != NULL;
        if (warned)
            ea_results_add(out, EA_OUTCOME_PASS, a[i], NULL);
        else
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, a[i],
                           "link opens a new window without saying so");
    }
    ea_buf_release(&name);
    ea_buf_release(&f);
}

const struct ea_check ea_check_ea_target_blank = {
    .id = "ea-target-blank",
    .wcag = NULL,
    .level = EA_LEVEL_BEST_PRACTICE,
    .impact = EA_IMPACT_MINOR,
    .help_lv = "Saitēm, kas atveras jaunā logā, jābrīdina par to",
    .help_en = "Links that open a new window should say so",
    .fix_lv =
        "Pievienojiet saites tekstam \"(atveras jaunā logā)\" vai ikonu ar šādu alternatīvo tekstu",
    .fix_en =
        "Add \"(opens in a new window)\" to the link text, or an icon with that alternative text",
    .run = run,
};

/*
 * frame-focusable-content (axe-core, heuristic): a frame with a negative tabindex passes when
 * its srcdoc has nothing focusable; otherwise it is incomplete, since the framed page is not
 * fetched. Frames without a negative tabindex pass.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool srcdoc_focusable(const char *srcdoc)
{
    static const char *const marks[] = { "<a ",       "<button",  "<input", "<select",
                                         "<textarea", "tabindex", "<iframe" };
    for (size_t i = 0; i < EA_ARRAY_LEN(marks); i++)
        if (strstr(srcdoc, marks[i]))
            return true;
    return false;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    static const char *const tags[] = { "iframe", "frame" };
    for (size_t t = 0; t < 2; t++) {
        size_t n = 0;
        struct ea_node *const *f = ea_doc_tagged(doc, tags[t], &n);
        for (size_t i = 0; i < n; i++) {
            if (f[i]->ns != EA_NS_HTML || !ea_checks_judged(f[i]))
                continue;
            const char *ti = ea_node_attr(f[i], "tabindex");
            const char *srcdoc = ea_node_attr(f[i], "srcdoc");
            if (!ti || strtol(ti, NULL, 10) >= 0 || (srcdoc && !srcdoc_focusable(srcdoc)))
                ea_results_add(out, EA_OUTCOME_PASS, f[i], NULL);
            else
                ea_results_add(out, EA_OUTCOME_INCOMPLETE, f[i],
                               "frame has tabindex=-1: check its page has nothing to focus");
        }
    }
}

const struct ea_check ea_check_frame_focusable_content = {
    .id = "frame-focusable-content",
    .wcag = "2.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Rāmjiem ar fokusējamu saturu nedrīkst būt tabindex=\"-1\"",
    .help_en = "Frames with focusable content must not have tabindex=-1",
    .fix_lv = "Noņemiet tabindex=\"-1\" no <iframe>, kuram ir saites vai veidlapas",
    .fix_en = "Remove tabindex=\"-1\" from an <iframe> that holds links or forms",
    .run = run,
};

/*
 * aria-valid-attr (axe-core): every attribute starting with aria- is one WAI-ARIA 1.2 defines
 * (rules/aria.c).
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    struct ea_buf msg = EA_BUF_INIT(256);
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (!(n->flags & EA_NODE_HAS_ARIA) || !ea_checks_judged(n))
            continue;
        bool any = false;
        ea_buf_reset(&msg);
        for (size_t a = 0; a < n->nattrs; a++) {
            const char *name = n->attrs[a].name;
            if (strncmp(name, "aria-", 5) != 0)
                continue;
            any = true;
            if (!ea_aria_attr(name))
                ea_buf_addf(&msg, "%s%.60s", msg.len ? ", " : "invalid ARIA attribute: ", name);
        }
        if (any)
            ea_checks_verdict(out, n, msg.len == 0, msg.buf);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_aria_valid_attr = {
    .id = "aria-valid-attr",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "ARIA atribūtiem jābūt derīgiem ARIA atribūtu nosaukumiem",
    .help_en = "ARIA attributes must conform to valid names",
    .fix_lv = "Izlabojiet aria-* atribūta nosaukumu (piem., aria-labeledby -> aria-labelledby)",
    .fix_en = "Correct the aria-* attribute name (e.g. aria-labeledby -> aria-labelledby)",
    .run = run,
};

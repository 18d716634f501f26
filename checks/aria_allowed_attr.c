/*
 * aria-allowed-attr (axe-core): every known aria-* attribute on an element is global or
 * required/supported by its role (explicit, else implicit; WAI-ARIA 1.2 tables in
 * rules/aria.c). Unknown aria-* names are aria-valid-attr's; row attributes outside a
 * treegrid are aria-conditional-attr's.
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
        const struct ea_aria_role *role = NULL;
        bool any = false, looked = false;
        ea_buf_reset(&msg);
        for (size_t a = 0; a < n->nattrs; a++) {
            const struct ea_aria_attr *attr =
                strncmp(n->attrs[a].name, "aria-", 5) == 0 ? ea_aria_attr(n->attrs[a].name) : NULL;
            if (!attr)
                continue;
            any = true;
            if (!looked) {
                role = ea_checks_role(n);
                looked = true;
            }
            if (!ea_aria_role_allows(role, attr))
                ea_buf_addf(&msg, "%s%s",
                            msg.len ? ", " : "ARIA attribute not allowed: ", attr->name);
        }
        if (any)
            ea_checks_verdict(out, n, msg.len == 0, msg.buf);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_aria_allowed_attr = {
    .id = "aria-allowed-attr",
    .wcag = "4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Elementiem drīkst lietot tikai to lomai atļautos ARIA atribūtus",
    .help_en = "Elements must only use supported ARIA attributes",
    .fix_lv = "Noņemiet ARIA atribūtus, ko elementa loma neatbalsta, vai mainiet lomu",
    .fix_en = "Remove the ARIA attributes the element's role does not support, or change the role",
    .run = run,
};

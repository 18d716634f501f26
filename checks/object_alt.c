/*
 * object-alt (axe-core): <object data> has alternative text: fallback text content, aria-label,
 * aria-labelledby, title, or a presentational role. Whether the object loaded (axe-core skips
 * ones that did) cannot be known statically: every object with data is judged.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *obj = ea_doc_tagged(doc, "object", &n);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *o = obj[i];
        if (o->ns != EA_NS_HTML || !ea_checks_judged(o) || !ea_checks_attr_filled(o, "data"))
            continue;
        bool ok = ea_checks_has_text(o) || ea_checks_attr_filled(o, "title") ||
                  ea_checks_role_presentational(o) || ea_accname_has(doc, o);
        ea_checks_verdict(out, o, ok, "object element has no alternative text");
    }
}

const struct ea_check ea_check_object_alt = {
    .id = "object-alt",
    .wcag = "1.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "<object> elementiem jābūt alternatīvajam tekstam",
    .help_en = "<object> elements must have alternative text",
    .fix_lv = "Ierakstiet <object> iekšā tekstu, kas aizstāj saturu, vai pievienojiet aria-label "
              "vai title",
    .fix_en = "Put fallback text inside <object>, or add aria-label or title",
    .run = run,
};

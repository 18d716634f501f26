/*
 * valid-lang (axe-core): every element other than <html> with a non-empty lang (or xml:lang)
 * names a valid language.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 1; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (n == doc->root || !ea_checks_judged(n))
            continue;
        const char *lang = ea_node_attr(n, "lang");
        if (ea_checks_blank(lang))
            lang = ea_node_attr(n, "xml:lang");
        if (ea_checks_blank(lang))
            continue;
        ea_checks_verdict(out, n, ea_checks_lang_valid(lang),
                          "lang attribute is not a valid language");
    }
}

const struct ea_check ea_check_valid_lang = {
    .id = "valid-lang",
    .wcag = "3.1.2",
    .level = EA_LEVEL_AA,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "lang atribūtam jābūt derīgai vērtībai",
    .help_en = "lang attribute must have a valid value",
    .fix_lv = "Norādiet derīgu valodas kodu (BCP 47), piem., lang=\"en\" angļu tekstam",
    .fix_en = "Use a valid language code (BCP 47), e.g. lang=\"en\" for English text",
    .run = run,
};

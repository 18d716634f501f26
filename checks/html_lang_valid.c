/*
 * html-lang-valid (axe-core): the lang (and xml:lang) of <html> names a real language.
 * Applies when either attribute is present and non-empty. As axe-core does, only the
 * primary subtag is judged: the value is trimmed, cut at the first '-' and lowercased, so
 * "lv-LV" is fine and "lv_LV" (primary subtag "lv_lv") is not.
 *
 * Valid primary subtags: the 184 two-letter codes of ISO 639-1 (the table below, sorted for
 * bsearch), or any three ASCII letters. Stated limit: three-letter codes are not checked
 * against ISO 639-2/639-3 (7,000+ codes), so "xyz" passes where axe-core would fail it;
 * other lengths (private "x-..." and grandfathered "i-..." tags, 4-8 letter subtags) fail,
 * as in axe-core.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/buf.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    const struct ea_node *html = doc->root;
    if (!html)
        return;
    static const char *const attrs[] = { "lang", "xml:lang" };
    bool applies = false;
    struct ea_buf msg = EA_BUF_INIT(256);
    for (size_t i = 0; i < EA_ARRAY_LEN(attrs); i++) {
        const char *value = ea_node_attr(html, attrs[i]);
        if (!value || !*value)
            continue;
        applies = true;
        if (ea_checks_lang_valid(value))
            continue;
        ea_buf_addf(&msg, "%s%s=\"%.40s%s\"", msg.len ? ", " : "", attrs[i], value,
                    strlen(value) > 40 ? "..." : "");
    }
    if (!applies) {
        ea_buf_release(&msg);
        return;
    }
    if (msg.len) {
        ea_buf_add(&msg, " is not a valid language");
        ea_results_add(out, EA_OUTCOME_VIOLATION, html, msg.buf);
    } else {
        ea_results_add(out, EA_OUTCOME_PASS, html, NULL);
    }
    ea_buf_release(&msg);
}

const struct ea_check ea_check_html_lang_valid = {
    .id = "html-lang-valid",
    .wcag = "3.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Elementa <html> atribūtam lang jābūt derīgai vērtībai",
    .help_en = "<html> element must have a valid value for the lang attribute",
    .fix_lv = "Lietojiet BCP 47 valodas kodu, kas sākas ar ISO 639 kodu, piemēram, lang=\"lv\" "
              "vai lang=\"en-GB\" (atdalītājs ir defise, nevis pasvītra)",
    .fix_en = "Use a BCP 47 language tag that starts with an ISO 639 code, e.g. lang=\"lv\" or "
              "lang=\"en-GB\" (the separator is a hyphen, not an underscore)",
    .run = run,
};

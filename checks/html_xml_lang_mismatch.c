/*
 * html-xml-lang-mismatch (axe-core): when <html> has both a valid lang and a valid xml:lang,
 * their primary subtags agree ("lv" and "lv-LV" do).
 */
#include <string.h>
#include <strings.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

/* Length of the primary subtag. */
static size_t primary(const char *v, const char **start)
{
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f')
        v++;
    *start = v;
    return strcspn(v, "- \t\n\r\f");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    const struct ea_node *html = doc->root;
    if (!html)
        return;
    const char *lang = ea_node_attr(html, "lang"), *xml = ea_node_attr(html, "xml:lang");
    if (ea_checks_blank(lang) || ea_checks_blank(xml) || !ea_checks_lang_valid(lang) ||
        !ea_checks_lang_valid(xml))
        return;
    const char *a, *b;
    size_t na = primary(lang, &a), nb = primary(xml, &b);
    ea_checks_verdict(out, html, na == nb && strncasecmp(a, b, na) == 0,
                      "lang and xml:lang name different languages");
}

const struct ea_check ea_check_html_xml_lang_mismatch = {
    .id = "html-xml-lang-mismatch",
    .wcag = "3.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MODERATE,
    .help_lv = "HTML elementa lang un xml:lang jānorāda viena un tā pati pamatvaloda",
    .help_en = "HTML elements with lang and xml:lang must have the same base language",
    .fix_lv = "Norādiet lang un xml:lang vienu valodu (piem., abiem \"lv\") vai noņemiet xml:lang",
    .fix_en = "Give lang and xml:lang the same language (e.g. both \"lv\") or remove xml:lang",
    .run = run,
};

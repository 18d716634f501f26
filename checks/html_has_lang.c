/*
 * html-has-lang (axe-core): <html> has a lang attribute with a value. As in axe-core's
 * has-lang check, xml:lang alone does not pass in an HTML (not XHTML) document: browsers
 * and screen readers ignore it there. eaudit parses every page as text/html.
 */
#include "checks/check.h"
#include "checks/util.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    const struct ea_node *html = doc->root;
    if (!html)
        return;
    if (ea_checks_attr_filled(html, "lang"))
        ea_results_add(out, EA_OUTCOME_PASS, html, NULL);
    else if (ea_checks_attr_filled(html, "xml:lang"))
        ea_results_add(out, EA_OUTCOME_VIOLATION, html,
                       "html element has only xml:lang, which HTML documents ignore");
    else if (ea_node_has_attr(html, "lang"))
        ea_results_add(out, EA_OUTCOME_VIOLATION, html, "lang attribute of html element is empty");
    else
        ea_results_add(out, EA_OUTCOME_VIOLATION, html, "html element has no lang attribute");
}

const struct ea_check ea_check_html_has_lang = {
    .id = "html-has-lang",
    .wcag = "3.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Elementam <html> jābūt atribūtam lang",
    .help_en = "<html> element must have a lang attribute",
    .fix_lv = "Norādiet lapas valodu elementa <html> atribūtā lang, piemēram, <html lang=\"lv\">",
    .fix_en = "Give the page's language in the lang attribute of <html>, e.g. <html lang=\"lv\">",
    .run = run,
};

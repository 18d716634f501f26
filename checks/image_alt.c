/*
 * image-alt (axe-core): every <img> has alternative text or is presentational. Passes, as
 * axe-core's "any" list: an alt attribute (alt="" marks a decorative image), a non-empty
 * aria-label, aria-labelledby or title (through the accessible name), or role="none" /
 * "presentation" that the browser honours. Fails, as axe-core's alt-space-value: an alt
 * of only whitespace, which screen readers read as nothing yet do not treat as decorative.
 * Images hidden from assistive technology are not judged.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void judge(const struct ea_doc *doc, const struct ea_node *img, struct ea_results *out)
{
    const char *alt = ea_node_attr(img, "alt");
    if (alt && *alt && ea_checks_blank(alt)) {
        ea_results_add(out, EA_OUTCOME_VIOLATION, img,
                       "alt attribute holds only whitespace; use alt=\"\" for a decorative image");
        return;
    }
    if (alt || ea_checks_presentational_honoured(img) || ea_accname_has(doc, img)) {
        ea_results_add(out, EA_OUTCOME_PASS, img, NULL);
        return;
    }
    if (ea_node_has_attr(img, "aria-labelledby"))
        ea_results_add(out, EA_OUTCOME_VIOLATION, img,
                       "img has no alt attribute and its aria-labelledby names nothing");
    else if (ea_checks_role_presentational(img))
        ea_results_add(out, EA_OUTCOME_VIOLATION, img,
                       "img has no alt attribute, and its role=none/presentation is overridden "
                       "because it is focusable or has global ARIA attributes");
    else
        ea_results_add(out, EA_OUTCOME_VIOLATION, img, "img has no alt attribute");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    for (size_t i = 0; i < doc->nnodes; i++) {
        const struct ea_node *n = &doc->nodes[i];
        if (ea_node_is(n, "img") && !ea_node_hidden(n))
            judge(doc, n, out);
    }
}

const struct ea_check ea_check_image_alt = {
    .id = "image-alt",
    .wcag = "1.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Attēliem jābūt alternatīvajam tekstam",
    .help_en = "Images must have alternative text",
    .fix_lv = "Pievienojiet attēlam atribūtu alt, kas īsi pasaka to pašu, ko attēls; "
              "tikai dekoratīvam attēlam lietojiet tukšu alt=\"\"",
    .fix_en = "Add an alt attribute that says briefly what the image conveys; give a purely "
              "decorative image an empty alt=\"\"",
    .run = run,
};

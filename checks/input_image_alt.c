/*
 * input-image-alt (axe-core): <input type=image> has alternative text: a non-blank alt,
 * aria-label, aria-labelledby that names something, or title. The browser's fallback name
 * ("Submit") does not count.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/limits.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *in = ea_doc_tagged(doc, "input", &n);
    struct ea_buf name = EA_BUF_INIT(EA_MAX_ACCNAME);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *c = in[i];
        if (c->ns != EA_NS_HTML || !ea_checks_judged(c) ||
            !ea_checks_ieq(ea_node_attr(c, "type"), "image"))
            continue;
        bool ok = ea_checks_attr_filled(c, "alt") || ea_checks_attr_filled(c, "aria-label") ||
                  ea_checks_attr_filled(c, "title");
        if (!ok && ea_node_has_attr(c, "aria-labelledby")) {
            ea_buf_reset(&name);
            ok = ea_accname(doc, c, &name) == EA_NAME_LABELLEDBY && name.len > 0;
        }
        ea_checks_verdict(out, c, ok, "image button has no alternative text");
    }
    ea_buf_release(&name);
}

const struct ea_check ea_check_input_image_alt = {
    .id = "input-image-alt",
    .wcag = "1.1.1,4.1.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "Attēla pogām jābūt alternatīvajam tekstam",
    .help_en = "Image buttons must have alternative text",
    .fix_lv = "Pievienojiet <input type=\"image\"> atribūtu alt, kas pasaka pogas darbību (piem., "
              "alt=\"Meklēt\")",
    .fix_en =
        "Give <input type=\"image\"> an alt saying what the button does (e.g. alt=\"Search\")",
    .run = run,
};

/*
 * server-side-image-map (axe-core): no <img ismap>: its regions are reachable only by mouse.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *img = ea_doc_tagged(doc, "img", &n);
    for (size_t i = 0; i < n; i++)
        if (img[i]->ns == EA_NS_HTML && ea_node_has_attr(img[i], "ismap") &&
            ea_checks_judged(img[i]))
            /* review on fail, as axe-core: the link may also work without coordinates */
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, img[i],
                           "img uses a server-side image map (ismap)");
}

const struct ea_check ea_check_server_side_image_map = {
    .id = "server-side-image-map",
    .wcag = "2.1.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MINOR,
    .help_lv = "Nedrīkst lietot servera puses attēlkartes",
    .help_en = "Server-side image maps must not be used",
    .fix_lv =
        "Aizstājiet <img ismap> ar klienta puses attēlkarti (<map> ar <area>) vai parastām saitēm",
    .fix_en = "Replace <img ismap> with a client-side image map (<map> with <area>) or plain links",
    .run = run,
};

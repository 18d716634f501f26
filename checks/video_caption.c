/*
 * video-caption (axe-core): a <video> with a <track kind=captions> passes; without one it is
 * incomplete, as in axe-core: the captions may be burnt into the picture, or the video
 * silent, which only a person can tell.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static bool has_captions(const struct ea_node *media)
{
    for (const struct ea_node *c = media->first_child; c; c = c->next)
        if (ea_node_is(c, "track") && ea_checks_ieq(ea_node_attr(c, "kind"), "captions"))
            return true;
    return false;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *v = ea_doc_tagged(doc, "video", &n);
    for (size_t i = 0; i < n; i++) {
        if (v[i]->ns != EA_NS_HTML || !ea_checks_judged(v[i]))
            continue;
        if (has_captions(v[i]))
            ea_results_add(out, EA_OUTCOME_PASS, v[i], NULL);
        else
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, v[i],
                           "video has no captions track: check that captions are provided");
    }
}

const struct ea_check ea_check_video_caption = {
    .id = "video-caption",
    .wcag = "1.2.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "<video> elementiem jābūt subtitriem",
    .help_en = "<video> elements must have captions",
    .fix_lv = "Pievienojiet video <track kind=\"captions\"> ar subtitriem latviešu valodā",
    .fix_en = "Add <track kind=\"captions\"> with captions to the video",
    .run = run,
};

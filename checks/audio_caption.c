/*
 * audio-caption (axe-core): an <audio> with a <track kind=captions> passes; without one it is
 * incomplete: a transcript next to it also satisfies 1.2.1, which only a person can tell.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *a = ea_doc_tagged(doc, "audio", &n);
    for (size_t i = 0; i < n; i++) {
        if (a[i]->ns != EA_NS_HTML || !ea_checks_judged(a[i]))
            continue;
        bool captions = false;
        for (const struct ea_node *c = a[i]->first_child; c; c = c->next)
            if (ea_node_is(c, "track") && ea_checks_ieq(ea_node_attr(c, "kind"), "captions"))
                captions = true;
        if (captions)
            ea_results_add(out, EA_OUTCOME_PASS, a[i], NULL);
        else
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, a[i],
                           "audio has no captions track: check for a transcript");
    }
}

const struct ea_check ea_check_audio_caption = {
    .id = "audio-caption",
    .wcag = "1.2.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_CRITICAL,
    .help_lv = "<audio> elementiem jābūt teksta atšifrējumam vai subtitriem",
    .help_en = "<audio> elements must have a captions track",
    .fix_lv =
        "Pievienojiet audio ierakstam <track kind=\"captions\"> vai blakus teksta atšifrējumu",
    .fix_en = "Add <track kind=\"captions\"> to the audio, or a transcript next to it",
    .run = run,
};

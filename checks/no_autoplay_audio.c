/*
 * no-autoplay-audio (axe-core): a <video>/<audio> with autoplay passes when muted; otherwise
 * it is incomplete: whether it has sound, and for longer than 3 s, needs the media file.
 */
#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"

static void judge(const struct ea_node *m, struct ea_results *out)
{
    if (m->ns != EA_NS_HTML || !ea_checks_judged(m) || !ea_node_has_attr(m, "autoplay"))
        return;
    if (ea_node_has_attr(m, "muted"))
        ea_results_add(out, EA_OUTCOME_PASS, m, NULL);
    else
        ea_results_add(out, EA_OUTCOME_INCOMPLETE, m,
                       "media plays automatically: check it has no sound longer than 3 s");
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    static const char *const tags[] = { "video", "audio" };
    for (size_t t = 0; t < 2; t++) {
        size_t n = 0;
        struct ea_node *const *m = ea_doc_tagged(doc, tags[t], &n);
        for (size_t i = 0; i < n; i++)
            judge(m[i], out);
    }
}

const struct ea_check ea_check_no_autoplay_audio = {
    .id = "no-autoplay-audio",
    .wcag = "1.4.2",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_MODERATE,
    .help_lv = "<video> vai <audio> nedrīkst automātiski atskaņot skaņu ilgāk par 3 sekundēm",
    .help_en = "<video> or <audio> elements must not play automatically",
    .fix_lv = "Noņemiet autoplay, pievienojiet muted vai dodiet vadīklas skaņas apturēšanai",
    .fix_en = "Remove autoplay, add muted, or provide controls that stop the sound",
    .run = run,
};

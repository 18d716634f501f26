/*
 * p-as-heading (axe-core, heuristic): a short <p> (under 120 characters) followed by another
 * <p> that looks like a heading: bold where the next is not (its own weight or all its text
 * in <b>/<strong>), or at least 1.2 x the next one's font size. Incomplete, since whether it
 * is a heading is a judgement; other paragraphs with a following one pass.
 */
#include <string.h>

#include "checks/check.h"
#include "checks/util.h"
#include "core/accname.h"
#include "core/text.h"

static const struct ea_node *next_p(const struct ea_node *p)
{
    for (const struct ea_node *s = p->next; s; s = s->next) {
        if (s->type == EA_NODE_TEXT && ea_text_is_blank(s->text, strlen(s->text)))
            continue;
        return ea_node_is(s, "p") ? s : NULL;
    }
    return NULL;
}

/* All the paragraph's text inside one b/strong child. */
static bool all_bold(const struct ea_node *p)
{
    const struct ea_node *only = NULL;
    for (const struct ea_node *c = p->first_child; c; c = c->next) {
        if (c->type == EA_NODE_TEXT && ea_text_is_blank(c->text, strlen(c->text)))
            continue;
        if (only || !(ea_node_is(c, "b") || ea_node_is(c, "strong")))
            return false;
        only = c;
    }
    return only != NULL;
}

static void run(const struct ea_doc *doc, struct ea_results *out)
{
    size_t n = 0;
    struct ea_node *const *ps = ea_doc_tagged(doc, "p", &n);
    struct ea_buf text = EA_BUF_INIT(400);
    for (size_t i = 0; i < n; i++) {
        const struct ea_node *p = ps[i];
        const struct ea_node *next = p->ns == EA_NS_HTML && ea_checks_judged(p) ? next_p(p) : NULL;
        if (!next || !ea_checks_has_text(p) || !ea_checks_has_text(next))
            continue;
        ea_buf_reset(&text);
        ea_node_text(p, &text);
        const struct ea_css_style *a = ea_doc_style(doc, p), *b = ea_doc_style(doc, next);
        bool bold =
            (a->font_weight >= 600 || all_bold(p)) && b->font_weight < 600 && !all_bold(next);
        bool big = a->font_px > 0 && b->font_px > 0 && a->font_px >= 1.2 * b->font_px;
        if ((bold || big) && text.len < 120)
            ea_results_add(out, EA_OUTCOME_INCOMPLETE, p,
                           "paragraph is styled like a heading: if it is one, use h1-h6");
        else
            ea_results_add(out, EA_OUTCOME_PASS, p, NULL);
    }
    ea_buf_release(&text);
}

const struct ea_check ea_check_p_as_heading = {
    .id = "p-as-heading",
    .wcag = "1.3.1",
    .level = EA_LEVEL_A,
    .impact = EA_IMPACT_SERIOUS,
    .help_lv = "Virsrakstiem jālieto virsraksta elementi, nevis treknraksta rindkopas",
    .help_en = "Styled <p> elements must not be used as headings",
    .fix_lv =
        "Ja rindkopa ir virsraksts, lietojiet <h2>-<h6> atbilstošā līmenī un noformējiet to ar CSS",
    .fix_en =
        "If the paragraph is a heading, use <h2>-<h6> at the right level and style it with CSS",
    .run = run,
};

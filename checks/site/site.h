/*
 * site.h — the questionnaire (SPEC §3, mobile_viewport .. easy_read) for one site. The
 * audit shows it every checked page while the page's tree is alive (ea_site_observe), then
 * asks for the answers (ea_site_answer). It keeps only small facts per page, never trees,
 * so memory does not grow with the pages of a site.
 */
#ifndef EA_CHECKS_SITE_SITE_H
#define EA_CHECKS_SITE_SITE_H

#include <stdbool.h>

#include "core/doc.h"
#include "core/sheet.h"
#include "rules/concepts.h"

struct ea_site;

/* audit_date: "YYYY-MM-DD" (news freshness). concepts: borrowed, outlives the site. */
struct ea_site *ea_site_new(const struct ea_concepts *concepts, const char *audit_date);
void ea_site_free(struct ea_site *site);

/* One checked HTML page. url is its final URL; homepage marks the site's homepage; via is
 * the concept of the homepage link the crawler followed to reach it (-1 when none). The
 * page's linked stylesheets are in doc->sheets. */
void ea_site_observe(struct ea_site *site, const struct ea_doc *doc, const char *url, bool homepage,
                     int via);

/* Fills the questionnaire columns of row (mobile_viewport .. easy_read); a value that could
 * not be determined stays NULL (empty). */
void ea_site_answer(const struct ea_site *site, struct ea_sheet_row *row);

/* Why each answer is what it is, so an expert can verify a 1 or a 0 in seconds: the page
 * that decided it and the element (start tag and name) or a text excerpt; for an empty
 * answer, the reason. Columns the questionnaire does not answer stay NULL. */
struct ea_sheet_evidence {
    char *url[EA_COL_COUNT];     /* owned, may be NULL */
    char *excerpt[EA_COL_COUNT]; /* owned, may be NULL; at most EA_MAX_EVIDENCE bytes */
};
void ea_sheet_evidence_init(struct ea_sheet_evidence *ev);
void ea_sheet_evidence_release(struct ea_sheet_evidence *ev);
/* ea_site_answer() plus the evidence for each column it fills (ev may be NULL). */
void ea_site_answer_evidence(const struct ea_site *site, struct ea_sheet_row *row,
                             struct ea_sheet_evidence *ev);

#endif

/*
 * scores.h — the e-index results (SPEC §6): OUT/scores.csv, one row per institution in
 * ranking order with the five theme scores, levels and the answers each rests on; and
 * OUT/scores.html, the readable report: group indices (all, ministries, institutions), level
 * distribution, theme leaders, ranking and, per institution, the recommendations for its
 * next level in each theme. The HTML is self-contained (no script, no network), escaped,
 * and in Latvian.
 */
#ifndef EA_WRITERS_SCORES_H
#define EA_WRITERS_SCORES_H

#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"
#include "rules/model.h"
#include "scoring/scoring.h"

struct ea_scored {
    const char *id, *name, *type; /* borrowed; type "ministry", "institution" or other */
    struct ea_score score;
    const double *points; /* borrowed: one per model question, NAN when missing */
};

struct ea_score_report {
    const struct ea_model *model; /* borrowed */
    const struct ea_scored *inst; /* borrowed */
    size_t n;
    const size_t *order; /* borrowed: inst indices in ranking order (ea_score_rank) */
    const char *inputs;  /* borrowed: one line naming the input files, for the report */
};

/* Both write through a temporary file renamed into place and print why on failure. */
EA_NODISCARD enum ea_err ea_scores_write_csv(const char *path, const struct ea_score_report *r);
EA_NODISCARD enum ea_err ea_scores_write_html(const char *path, const struct ea_score_report *r);

/* An empty answer table for source's questions: a header of question ids (after id, name),
 * a "#,jautājums" row with their texts, a "#,atbildes" row with the answers each takes, then
 * one empty row per institution (ids, names: n of them). */
EA_NODISCARD enum ea_err ea_scores_write_template(const char *path, const struct ea_model *m,
                                                  enum ea_source src, const char *const *ids,
                                                  const char *const *names, size_t n);

#endif

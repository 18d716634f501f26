/*
 * model.h — the e-index scoring model as data (SPEC §6, issue 7): the five themes with their
 * weights, maturity-level boundaries and recommendations, and the questions with their source
 * (automatic sheet column, self-assessment, expert), theme and answer-to-points mapping.
 *
 * The model lives in rules/model/eindex.xml so that an expert can replace any weight,
 * boundary, question or text without touching C. The default file is embedded in the binary
 * at build time; `--model DIR` (or a file) loads another. Every problem is reported as
 * "FILE:LINE: reason" and the whole file is rejected: a half-read model would score wrongly
 * without anyone noticing.
 */
#ifndef EA_RULES_MODEL_H
#define EA_RULES_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/compat.h"
#include "core/err.h"
#include "core/sheet.h"

/* SPEC §6 fixes five themes and five maturity levels. */
#define EA_THEMES 5
#define EA_LEVELS 5

enum ea_source {
    EA_SOURCE_AUTO,   /* a column of the evaluation sheet (SPEC §3) */
    EA_SOURCE_SELF,   /* the institution's self-assessment CSV */
    EA_SOURCE_EXPERT, /* the experts' evaluation CSV */
    EA_SOURCE_COUNT
};

enum ea_map {
    EA_MAP_BOOL,   /* "1" earns the points, "0" none */
    EA_MAP_LINEAR, /* a number from lo to hi earns points in proportion (clamped) */
    EA_MAP_STEPS,  /* a number earns the points of the first step whose [min, max] holds it */
    EA_MAP_CHOICE, /* a text earns the points of the choice it equals */
};

struct ea_step {
    double min, max; /* inclusive; -HUGE_VAL / HUGE_VAL when open (steps) */
    double points;
    char *value; /* owned; the answer text (choice), NULL for steps */
};

struct ea_question {
    char *id;      /* owned; the CSV column (auto: a sheet column name) */
    char *text_lv; /* owned; the question as asked */
    char *text_en; /* owned; may be NULL */
    enum ea_source source;
    int theme; /* index into ea_model.themes */
    enum ea_map map;
    double points; /* the most an answer earns: the question's share of its theme's maximum */
    double lo, hi; /* linear */
    struct ea_step *steps; /* owned; steps and choices */
    size_t nsteps;
    bool assumed; /* the mapping or points are our assumption, not published */
    int line;     /* where it is defined, for messages */
};

struct ea_recommendation {
    int level;  /* the level it leads to (2..5) */
    char *text; /* owned */
};

struct ea_theme {
    const char *id; /* borrowed (static): "communication", ... */
    char *name_lv;  /* owned */
    char *name_en;  /* owned */
    char *short_lv; /* owned; for table headers, the name when the file gives none */
    double weight;  /* normalised: the weights of the five themes sum to 1 */
    bool weight_assumed;
    /* lower[l] is the lowest score (inclusive) of level l + 1; lower[0] is 0 */
    double lower[EA_LEVELS];
    bool levels_assumed;
    struct ea_recommendation *recs; /* owned */
    size_t nrecs;
};

enum ea_overall_rule {
    EA_OVERALL_SCORE, /* the overall index against the overall boundaries */
    EA_OVERALL_MIN,   /* the lowest theme level */
    EA_OVERALL_MEAN,  /* the mean of the theme levels, rounded half up */
};

struct ea_model {
    char *file; /* owned; where it was read from, for messages and the report */
    struct ea_theme themes[EA_THEMES];
    struct ea_question *questions; /* owned */
    size_t nquestions;
    enum ea_overall_rule overall_rule;
    double overall_lower[EA_LEVELS];
    bool overall_assumed;
    /* Sheet columns the model says it does not score (<ignore>), so that a test can check
     * that every column of SPEC §3 is either scored or deliberately left out. */
    bool ignored[EA_COL_COUNT];
};

/* The five theme ids, in SPEC §6's order. */
extern const char *const ea_theme_ids[EA_THEMES];

/* Loads path (a model file, or a directory holding eindex.xml; NULL: the built-in default).
 * Every problem goes to errors as "FILE:LINE: reason\n" (NULL: logged as errors) and the
 * load fails with EA_PARSE (EA_IO when the file cannot be read). */
EA_NODISCARD enum ea_err ea_model_load(const char *path, struct ea_model **out,
                                       struct ea_buf *errors);
/* The same from memory; name is what messages call it. */
EA_NODISCARD enum ea_err ea_model_parse(const char *name, const char *data, size_t len,
                                        struct ea_model **out, struct ea_buf *errors);
void ea_model_free(struct ea_model *m);

/* "auto", "self", "expert". */
const char *ea_source_name(enum ea_source s);
/* The question called id, or NULL. */
const struct ea_question *ea_model_question(const struct ea_model *m, const char *id);

/* The built-in default model file (rules/model/eindex.xml, embedded at build time). */
extern const unsigned char ea_model_default[];
extern const size_t ea_model_default_len;

#endif

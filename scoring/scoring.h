/*
 * scoring.h — the e-index scoring core (SPEC §6): answers → points → theme scores (0-100),
 * the overall index (the weighted mean of the theme scores), maturity levels, ranks, group
 * indices and the recommendations for the next level. Pure functions over the model
 * (rules/model.h) and numbers: no I/O, so they are easy to test and to reuse.
 *
 * Missing answers are explicit: a question without an answer is left out of its theme's
 * maximum (not counted as 0), a theme without any answer has no score (NAN) and is left out
 * of the overall index, whose weights are renormalised over the themes that have one. Every
 * score carries how many answers it rests on.
 */
#ifndef EA_SCORING_SCORING_H
#define EA_SCORING_SCORING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "rules/model.h"

enum ea_answer {
    EA_ANSWER_OK,
    EA_ANSWER_MISSING, /* empty: not answered, or not determined (SPEC §3) */
    EA_ANSWER_INVALID, /* not an answer the question's mapping knows */
};

/* What q takes, for people: "1 vai 0", "skaitlis 0-100", "0 | 1 | 2" (appended to b). */
void ea_score_describe_answers(const struct ea_question *q, struct ea_buf *b);

/* The points raw earns on q (NAN unless EA_ANSWER_OK). Leading and trailing blanks are
 * ignored; NULL and blank are missing. */
enum ea_answer ea_score_answer(const struct ea_question *q, const char *raw, double *points);

struct ea_theme_score {
    double score;     /* 0-100, NAN when no question of the theme was answered */
    int level;        /* 1-5, 0 without a score */
    double earned;    /* points earned */
    double max;       /* points possible over the answered questions */
    size_t answered;  /* questions answered */
    size_t questions; /* questions the model has in the theme */
};

struct ea_score {
    struct ea_theme_score themes[EA_THEMES];
    double overall;       /* 0-100, NAN when no theme has a score */
    int level;            /* 1-5, 0 without an overall score */
    size_t themes_scored; /* themes the overall index rests on */
    size_t answered, questions;
    int rank; /* 1 = best; equal indices share a rank; 0 = unranked (no index) */
};

/* Scores one institution. points[i] belongs to m->questions[i]: NAN when missing. */
void ea_score_compute(const struct ea_model *m, const double *points, struct ea_score *out);

/* The level (1-5) of score against lower[] (lower[l] is the lowest score of level l + 1,
 * inclusive); 0 for NAN. */
int ea_score_level(const double lower[EA_LEVELS], double score);

/* The mean of scores[0..n) weighted by weights, skipping NAN scores and renormalising the
 * weights over the rest; NAN when no score with a positive weight is left. */
double ea_score_weighted_mean(const double *scores, const double *weights, size_t n);

/* Rounds half away from zero to decimals places (what the reports print: themes 1, overall 2),
 * so that a level and a rank never disagree with the number shown. */
double ea_score_round(double v, int decimals);

/* Ranks scores[0..n) by overall index, best first, on the two decimals shown; equal indices
 * share a rank (1, 2, 2, 4); no index: rank 0. order (optional) receives the indices of
 * scores in ranking order, ties by their position (the input order). */
void ea_score_rank(struct ea_score *scores, size_t n, size_t *order);

struct ea_group {
    double overall;              /* mean overall index of members with one; NAN for none */
    size_t n;                    /* members with an overall index */
    size_t members;              /* members in all */
    double themes[EA_THEMES];    /* mean theme scores; NAN for none */
    size_t nthemes[EA_THEMES];   /* members with that theme's score */
    int level;                   /* the group index's level (overall boundaries/rule) */
    int theme_levels[EA_THEMES]; /* the mean theme scores' levels, 0 for none */
};

/* The group index over the scores whose member[i] is true (member NULL: all). */
void ea_score_group(const struct ea_model *m, const struct ea_score *scores, const bool *member,
                    size_t n, struct ea_group *out);

/* The recommendations for leaving level (1-4) in theme t: those for level + 1, or when the
 * model has none for it, those for the nearest level above that has some. Fills out[] with
 * up to max pointers into the model and returns how many there are (0 at level 5 or without
 * a level). */
size_t ea_score_next_steps(const struct ea_theme *t, int level,
                           const struct ea_recommendation **out, size_t max);

#endif

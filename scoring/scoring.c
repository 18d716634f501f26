/* The scoring core: arithmetic only, every input from the caller, nothing printed. */
#include "scoring/scoring.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Blank-trimmed view of s. */
static const char *trim(const char *s, size_t *len)
{
    size_t n;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    *len = n;
    return s;
}

static bool parse_number(const char *s, size_t n, double *out)
{
    char tmp[64], *end;
    if (n == 0 || n >= sizeof(tmp))
        return false;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    /* A decimal comma is what a Latvian spreadsheet writes. */
    for (char *p = tmp; *p; p++)
        if (*p == ',')
            *p = '.';
    errno = 0;
    double v = strtod(tmp, &end);
    if (errno || end == tmp || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

enum ea_answer ea_score_answer(const struct ea_question *q, const char *raw, double *points)
{
    size_t n;
    const char *s;
    double v;

    *points = NAN;
    if (!raw)
        return EA_ANSWER_MISSING;
    s = trim(raw, &n);
    if (n == 0)
        return EA_ANSWER_MISSING;
    switch (q->map) {
    case EA_MAP_BOOL:
        if (n != 1 || (*s != '0' && *s != '1'))
            return EA_ANSWER_INVALID;
        *points = *s == '1' ? q->points : 0;
        return EA_ANSWER_OK;
    case EA_MAP_LINEAR:
        if (!parse_number(s, n, &v))
            return EA_ANSWER_INVALID;
        v = (v - q->lo) / (q->hi - q->lo);
        *points = q->points * (v < 0 ? 0 : v > 1 ? 1 : v);
        return EA_ANSWER_OK;
    case EA_MAP_STEPS:
        if (!parse_number(s, n, &v))
            return EA_ANSWER_INVALID;
        *points = 0;
        for (size_t i = 0; i < q->nsteps; i++)
            if (v >= q->steps[i].min && v <= q->steps[i].max) {
                *points = q->steps[i].points;
                break;
            }
        return EA_ANSWER_OK;
    case EA_MAP_CHOICE:
        for (size_t i = 0; i < q->nsteps; i++)
            if (strlen(q->steps[i].value) == n && memcmp(q->steps[i].value, s, n) == 0) {
                *points = q->steps[i].points;
                return EA_ANSWER_OK;
            }
        return EA_ANSWER_INVALID;
    }
    return EA_ANSWER_INVALID;
}

double ea_score_round(double v, int decimals)
{
    double f = pow(10, decimals);
    /* The epsilon absorbs binary noise: 65.32 computed as 65.31999999 must print and rank as
     * 65.32. */
    return isnan(v) ? v : round(v * f + (v >= 0 ? 1e-9 : -1e-9)) / f;
}

int ea_score_level(const double lower[EA_LEVELS], double score)
{
    int level = 1;
    if (isnan(score))
        return 0;
    for (int l = 1; l < EA_LEVELS; l++)
        if (score >= lower[l])
            level = l + 1;
    return level;
}

double ea_score_weighted_mean(const double *scores, const double *weights, size_t n)
{
    double sum = 0, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(scores[i]) || !(weights[i] > 0))
            continue;
        sum += scores[i] * weights[i];
        wsum += weights[i];
    }
    return wsum > 0 ? sum / wsum : NAN;
}

static int overall_level(const struct ea_model *m, const struct ea_theme_score *themes,
                         double overall)
{
    int min = 0, sum = 0, n = 0;
    if (isnan(overall))
        return 0;
    if (m->overall_rule == EA_OVERALL_SCORE)
        return ea_score_level(m->overall_lower, ea_score_round(overall, 2));
    for (int t = 0; t < EA_THEMES; t++) {
        if (!themes[t].level || !(m->themes[t].weight > 0))
            continue;
        min = n == 0 || themes[t].level < min ? themes[t].level : min;
        sum += themes[t].level;
        n++;
    }
    if (m->overall_rule == EA_OVERALL_MIN)
        return min;
    return (2 * sum + n) / (2 * n); /* the mean, rounded half up */
}

void ea_score_compute(const struct ea_model *m, const double *points, struct ea_score *out)
{
    double scores[EA_THEMES], weights[EA_THEMES];

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < m->nquestions; i++) {
        const struct ea_question *q = &m->questions[i];
        struct ea_theme_score *ts = &out->themes[q->theme];
        ts->questions++;
        out->questions++;
        if (isnan(points[i]))
            continue;
        ts->answered++;
        out->answered++;
        ts->earned += points[i];
        ts->max += q->points;
    }
    for (int t = 0; t < EA_THEMES; t++) {
        struct ea_theme_score *ts = &out->themes[t];
        ts->score = ts->answered ? ts->earned / ts->max * 100 : NAN;
        ts->level = ea_score_level(m->themes[t].lower, ea_score_round(ts->score, 1));
        scores[t] = ts->score;
        weights[t] = m->themes[t].weight;
        if (!isnan(ts->score) && weights[t] > 0)
            out->themes_scored++;
    }
    out->overall = ea_score_weighted_mean(scores, weights, EA_THEMES);
    out->level = overall_level(m, out->themes, out->overall);
}

struct rank_key {
    double v;
    size_t i;
};

static int by_index_desc(const void *a, const void *b)
{
    const struct rank_key *x = a, *y = b;
    bool xn = isnan(x->v), yn = isnan(y->v);
    if (xn != yn)
        return xn ? 1 : -1;
    if (!xn && x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

void ea_score_rank(struct ea_score *scores, size_t n, size_t *order)
{
    struct rank_key *keys = ea_xcalloc(n ? n : 1, sizeof(*keys));
    for (size_t i = 0; i < n; i++)
        keys[i] = (struct rank_key){ ea_score_round(scores[i].overall, 2), i };
    qsort(keys, n, sizeof(*keys), by_index_desc);
    for (size_t k = 0; k < n; k++) {
        struct ea_score *s = &scores[keys[k].i];
        if (isnan(keys[k].v))
            s->rank = 0;
        else if (k > 0 && keys[k].v == keys[k - 1].v)
            s->rank = scores[keys[k - 1].i].rank;
        else
            s->rank = (int)k + 1;
        if (order)
            order[k] = keys[k].i;
    }
    free(keys);
}

void ea_score_group(const struct ea_model *m, const struct ea_score *scores, const bool *member,
                    size_t n, struct ea_group *out)
{
    double sum = 0, tsum[EA_THEMES] = { 0 };
    struct ea_theme_score ts[EA_THEMES] = { 0 };

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        if (member && !member[i])
            continue;
        out->members++;
        if (!isnan(scores[i].overall)) {
            sum += scores[i].overall;
            out->n++;
        }
        for (int t = 0; t < EA_THEMES; t++)
            if (!isnan(scores[i].themes[t].score)) {
                tsum[t] += scores[i].themes[t].score;
                out->nthemes[t]++;
            }
    }
    out->overall = out->n ? sum / (double)out->n : NAN;
    for (int t = 0; t < EA_THEMES; t++) {
        out->themes[t] = out->nthemes[t] ? tsum[t] / (double)out->nthemes[t] : NAN;
        ts[t].level = ea_score_level(m->themes[t].lower, ea_score_round(out->themes[t], 1));
        out->theme_levels[t] = ts[t].level;
    }
    out->level = overall_level(m, ts, out->overall);
}

size_t ea_score_next_steps(const struct ea_theme *t, int level,
                           const struct ea_recommendation **out, size_t max)
{
    int target = 0;
    size_t n = 0;
    if (level < 1 || level >= EA_LEVELS)
        return 0;
    for (size_t i = 0; i < t->nrecs; i++)
        if (t->recs[i].level > level && (!target || t->recs[i].level < target))
            target = t->recs[i].level;
    for (size_t i = 0; i < t->nrecs && target; i++)
        if (t->recs[i].level == target) {
            if (n < max)
                out[n] = &t->recs[i];
            n++;
        }
    return n;
}

void ea_score_describe_answers(const struct ea_question *q, struct ea_buf *b)
{
    switch (q->map) {
    case EA_MAP_BOOL:
        ea_buf_add(b, "1 vai 0");
        break;
    case EA_MAP_LINEAR:
        ea_buf_addf(b, "skaitlis %g-%g", q->lo, q->hi);
        break;
    case EA_MAP_STEPS:
        ea_buf_add(b, "skaitlis");
        break;
    case EA_MAP_CHOICE:
        for (size_t i = 0; i < q->nsteps; i++)
            ea_buf_addf(b, "%s%s", i ? " | " : "", q->steps[i].value);
        break;
    }
}

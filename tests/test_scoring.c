/* test_scoring: the scoring core's arithmetic, table-driven, and `eaudit score` end to end on
 * the fixture model and sheet. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "rules/model.h"
#include "scoring/scoring.h"
#include "store/store.h"

#define FIX EA_FIXTURES "/scoring/"
#define N   NAN

static struct ea_model *fixture_model(void)
{
    struct ea_model *m = NULL;
    if (ea_model_load(FIX "eindex.xml", &m, NULL) != EA_OK)
        fail_msg("cannot load the fixture model");
    return m;
}

static void near(double got, double want, double eps)
{
    if (isnan(want) ? !isnan(got) : !(fabs(got - want) <= eps))
        fail_msg("got %.6f, want %.6f", got, want);
}

static void weighted_means(void **state)
{
    static const struct {
        double s[EA_THEMES], w[EA_THEMES], want;
    } cases[] = {
        /* VTUA 2022 (eindex-research.md §1.4): equal weights give 65.32. */
        { { 60.0, 72.5, 58.0, 69.4, 66.7 }, { 1, 1, 1, 1, 1 }, 65.32 },
        { { 60.0, 72.5, 58.0, 69.4, 66.7 }, { 0.2, 0.2, 0.2, 0.2, 0.2 }, 65.32 },
        /* The default model's 10/10/10/30/30 (themes in model order: communication 60.0,
         * open data 58.0, customer service 72.5, services 69.4, internal 66.7): 66.53,
         * against the published 66.8. */
        { { 60.0, 58.0, 72.5, 69.4, 66.7 }, { 10, 10, 10, 30, 30 }, 66.53 },
        /* A theme without a score drops out; the others' weights are renormalised. */
        { { 60, N, 80, N, N }, { 1, 1, 1, 1, 1 }, 70 },
        { { 60, N, 80, N, N }, { 1, 5, 3, 1, 1 }, 75 },
        /* A zero weight leaves its theme out. */
        { { 100, 0, 0, 0, 0 }, { 0, 1, 1, 1, 1 }, 0 },
        { { N, N, N, N, N }, { 1, 1, 1, 1, 1 }, N },
        { { 50, 50, 50, 50, 50 }, { 0, 0, 0, 0, 0 }, N },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        double got = ea_score_weighted_mean(cases[i].s, cases[i].w, EA_THEMES);
        near(ea_score_round(got, 2), cases[i].want, 1e-9);
    }
}

static void levels_inclusive(void **state)
{
    static const double lower[EA_LEVELS] = { 0, 20, 40, 60, 80 };
    static const struct {
        double score;
        int level;
    } cases[] = {
        { 0, 1 },    { 19.99, 1 }, { 20, 2 },   { 20.01, 2 }, { 39.999, 2 }, { 40, 3 },
        { 59.9, 3 }, { 60, 4 },    { 79.9, 4 }, { 80, 5 },    { 100, 5 },    { N, 0 },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (ea_score_level(lower, cases[i].score) != cases[i].level)
            fail_msg("score %g: level %d, want %d", cases[i].score,
                     ea_score_level(lower, cases[i].score), cases[i].level);
    /* Rounding as shown: 79.996 prints as 80.00 and so must be level 5. */
    assert_int_equal(ea_score_level(lower, ea_score_round(79.996, 2)), 5);
    assert_int_equal(ea_score_level(lower, ea_score_round(79.994, 2)), 4);
    near(ea_score_round(100.0 / 3 + 200.0 / 3, 2), 100, 0);
}

static void answers_to_points(void **state)
{
    struct ea_model *m = fixture_model();
    const struct ea_question *b = ea_model_question(m, "https");
    const struct ea_question *lin = ea_model_question(m, "s_eshare");
    const struct ea_question *st = ea_model_question(m, "open_data_files");
    const struct ea_question *ch = ea_model_question(m, "s_visitor");
    const struct {
        const struct ea_question *q;
        const char *raw;
        enum ea_answer status;
        double points;
    } cases[] = {
        { b, "1", EA_ANSWER_OK, 1 },          { b, "0", EA_ANSWER_OK, 0 },
        { b, " 1\r", EA_ANSWER_OK, 1 },       { b, "", EA_ANSWER_MISSING, N },
        { b, "  ", EA_ANSWER_MISSING, N },    { b, NULL, EA_ANSWER_MISSING, N },
        { b, "yes", EA_ANSWER_INVALID, N },   { b, "2", EA_ANSWER_INVALID, N },
        { lin, "50", EA_ANSWER_OK, 1 },       { lin, "50,5", EA_ANSWER_OK, 1.01 },
        { lin, "150", EA_ANSWER_OK, 2 },      { lin, "-3", EA_ANSWER_OK, 0 },
        { lin, "abc", EA_ANSWER_INVALID, N }, { lin, "1e999", EA_ANSWER_INVALID, N },
        { st, "0", EA_ANSWER_OK, 0 },         { st, "1", EA_ANSWER_OK, 1 },
        { st, "12", EA_ANSWER_OK, 1 },        { st, "x", EA_ANSWER_INVALID, N },
        { ch, "2", EA_ANSWER_OK, 2 },         { ch, "0", EA_ANSWER_OK, 0 },
        { ch, "3", EA_ANSWER_INVALID, N },    { ch, "", EA_ANSWER_MISSING, N },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        double p = -1;
        enum ea_answer a = ea_score_answer(cases[i].q, cases[i].raw, &p);
        if (a != cases[i].status)
            fail_msg("case %zu ('%s' for %s): status %d, want %d", i,
                     cases[i].raw ? cases[i].raw : "NULL", cases[i].q->id, a, cases[i].status);
        near(p, cases[i].points, 1e-9);
    }
    ea_model_free(m);
}

/* Question order in the fixture model: participation_link, s_visitor | open_data_link,
 * open_data_files | contact_phone, contact_email | services_link, s_eshare | https, e_dms. */
static void missing_answers(void **state)
{
    static const struct {
        double points[10];
        double themes[EA_THEMES];
        size_t answered[EA_THEMES];
        double overall;
        int level;
        size_t themes_scored;
    } cases[] = {
        /* Everything answered, full points. */
        { { 1, 2, 1, 1, 1, 1, 1, 2, 1, 1 },
          { 100, 100, 100, 100, 100 },
          { 2, 2, 2, 2, 2 },
          100,
          5,
          5 },
        /* A missing answer leaves its points out of the maximum: 1 of 1, not 1 of 3. */
        { { 1, N, 1, 1, 1, 1, 1, 2, 1, 1 },
          { 100, 100, 100, 100, 100 },
          { 1, 2, 2, 2, 2 },
          100,
          5,
          5 },
        /* ... while an answer of 0 counts: 1 of 3. */
        { { 1, 0, 1, 1, 1, 1, 1, 2, 1, 1 },
          { 100.0 / 3, 100, 100, 100, 100 },
          { 2, 2, 2, 2, 2 },
          (100.0 / 3 + 400) / 5,
          5,
          5 },
        /* A theme without answers has no score and the overall rests on four themes. */
        { { N, N, 1, 0, 0, 1, 0, 1, 0, 0 },
          { N, 50, 50, 100.0 / 3, 0 },
          { 0, 2, 2, 2, 2 },
          (50 + 50 + 100.0 / 3 + 0) / 4,
          2,
          4 },
        /* Nothing answered: no score at all. */
        { { N, N, N, N, N, N, N, N, N, N }, { N, N, N, N, N }, { 0, 0, 0, 0, 0 }, N, 0, 0 },
    };
    struct ea_model *m = fixture_model();
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ea_score s;
        size_t answered = 0;
        ea_score_compute(m, cases[i].points, &s);
        for (int t = 0; t < EA_THEMES; t++) {
            near(s.themes[t].score, cases[i].themes[t], 1e-9);
            assert_int_equal(s.themes[t].answered, cases[i].answered[t]);
            assert_int_equal(s.themes[t].questions, 2);
            answered += cases[i].answered[t];
        }
        near(s.overall, cases[i].overall, 1e-9);
        assert_int_equal(s.level, cases[i].level);
        assert_int_equal(s.themes_scored, cases[i].themes_scored);
        assert_int_equal(s.answered, answered);
        assert_int_equal(s.questions, 10);
    }
    ea_model_free(m);
}

/* One theme score per case drives every theme to the same level. */
static void each_level(void **state)
{
    static const struct {
        double p; /* points on each theme's first question (the second is missing) */
        int level;
    } cases[] = { { 0, 1 }, { 0.2, 2 }, { 0.4, 3 }, { 0.6, 4 }, { 0.8, 5 }, { 0.19, 1 } };
    struct ea_model *m = fixture_model();
    (void)state;
    /* Fractional points through a linear question: make every first question linear 0-1. */
    for (size_t i = 0; i < m->nquestions; i += 2) {
        m->questions[i].map = EA_MAP_LINEAR;
        m->questions[i].lo = 0;
        m->questions[i].hi = 1;
    }
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        double pts[10];
        struct ea_score s;
        char raw[32];
        for (size_t q = 0; q < 10; q++) {
            snprintf(raw, sizeof(raw), "%g", cases[i].p);
            if (q % 2 == 0)
                assert_int_equal(ea_score_answer(&m->questions[q], raw, &pts[q]), EA_ANSWER_OK);
            else
                pts[q] = N;
        }
        ea_score_compute(m, pts, &s);
        for (int t = 0; t < EA_THEMES; t++)
            assert_int_equal(s.themes[t].level, cases[i].level);
        assert_int_equal(s.level, cases[i].level);
    }
    ea_model_free(m);
}

static void overall_rules(void **state)
{
    /* Theme levels 1, 3, 3, 4, 5 (scores 0, 50, 50, 66.7, 100): overall index 53.33. */
    static const double pts[10] = { 0, 0, 1, 0, 1, 0, 1, 1, 1, 1 };
    struct ea_model *m = fixture_model();
    struct ea_score s;
    (void)state;
    ea_score_compute(m, pts, &s);
    assert_int_equal(s.level, 3); /* score: 53.33 against 20/40/60/80 */
    m->overall_rule = EA_OVERALL_MIN;
    ea_score_compute(m, pts, &s);
    assert_int_equal(s.level, 1);
    m->overall_rule = EA_OVERALL_MEAN; /* (1+3+3+4+5)/5 = 3.2 */
    ea_score_compute(m, pts, &s);
    assert_int_equal(s.level, 3);
    ea_model_free(m);
}

static void ranks(void **state)
{
    static const struct {
        double overall[6];
        int rank[6];
        size_t order[6];
    } cases[] = {
        { { 50, 70, 70, N, 60, 10 }, { 4, 1, 1, 0, 3, 5 }, { 1, 2, 4, 0, 5, 3 } },
        /* Equal as shown (two decimals): a shared rank. */
        { { 65.324, 65.321, 65.326, 1, 2, 3 }, { 2, 2, 1, 6, 5, 4 }, { 2, 0, 1, 5, 4, 3 } },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ea_score s[6];
        size_t order[6];
        memset(s, 0, sizeof(s));
        for (size_t k = 0; k < 6; k++)
            s[k].overall = cases[i].overall[k];
        ea_score_rank(s, 6, order);
        for (size_t k = 0; k < 6; k++) {
            assert_int_equal(s[k].rank, cases[i].rank[k]);
            assert_int_equal(order[k], cases[i].order[k]);
        }
    }
}

static void group_means(void **state)
{
    /* Ministries 40 and 60; institutions 70, none and 90. */
    static const double overall[5] = { 40, 60, 70, N, 90 };
    static const bool ministry[5] = { true, true, false, false, false };
    static const bool institution[5] = { false, false, true, true, true };
    struct ea_model *m = fixture_model();
    struct ea_score s[5];
    struct ea_group g;
    (void)state;
    memset(s, 0, sizeof(s));
    for (size_t i = 0; i < 5; i++) {
        s[i].overall = overall[i];
        for (int t = 0; t < EA_THEMES; t++)
            s[i].themes[t].score = t == 0 ? overall[i] : N;
    }
    ea_score_group(m, s, ministry, 5, &g);
    near(g.overall, 50, 1e-9);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.members, 2);
    assert_int_equal(g.level, 3);
    near(g.themes[0], 50, 1e-9);
    near(g.themes[1], N, 0);
    assert_int_equal(g.nthemes[1], 0);
    ea_score_group(m, s, institution, 5, &g);
    near(g.overall, 80, 1e-9);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.members, 3);
    assert_int_equal(g.level, 5);
    ea_score_group(m, s, NULL, 5, &g);
    near(g.overall, 65, 1e-9);
    assert_int_equal(g.n, 4);
    assert_int_equal(g.members, 5);
    ea_score_group(m, s, NULL, 0, &g);
    near(g.overall, N, 0);
    assert_int_equal(g.level, 0);
    ea_model_free(m);
}

static void next_steps(void **state)
{
    /* Fixture communication recommendations: level 2, 3, 3 (comm-3b) and 5. */
    static const struct {
        int level;
        size_t n;
        const char *first;
    } cases[] = {
        { 0, 0, NULL },     { 1, 1, "comm-2" }, { 2, 2, "comm-3" },
        { 3, 1, "comm-5" }, { 4, 1, "comm-5" }, { 5, 0, NULL },
    };
    struct ea_model *m = fixture_model();
    const struct ea_recommendation *r[4];
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = ea_score_next_steps(&m->themes[0], cases[i].level, r, 4);
        assert_int_equal(n, cases[i].n);
        if (n)
            assert_string_equal(r[0]->text, cases[i].first);
    }
    /* More than fit: the count is still the whole. */
    assert_int_equal(ea_score_next_steps(&m->themes[0], 2, r, 1), 2);
    /* A theme without recommendations. */
    assert_int_equal(ea_score_next_steps(&m->themes[2], 1, r, 4), 0);
    ea_model_free(m);
}

/* ---- eaudit score end to end ---- */

static int run(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct ea_buf b = EA_BUF_INIT(1 << 24);
    char chunk[4096];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        ea_buf_addn(&b, chunk, n);
    fclose(f);
    return ea_buf_detach(&b, NULL);
}

static void contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("missing \"%s\" in:\n%s", needle, hay ? hay : "(no file)");
}

static void cli_end_to_end(void **state)
{
    char dir[] = "/tmp/test_scoring.XXXXXX", cmd[4096], path[512];
    char *csv, *html, *err;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof(cmd),
             "'%s' score --model '%s' --sheet '%s' --self '%s' --expert '%s' --out '%s' "
             ">'%s/stdout' 2>'%s/stderr'",
             EA_BINARY, FIX, FIX "evaluation.csv", FIX "self.csv", FIX "expert.csv", dir, dir, dir);
    assert_int_equal(run(cmd), 0);

    snprintf(path, sizeof(path), "%s/scores.csv", dir);
    csv = slurp(path);
    contains(csv, "rank,id,name,type,index,level,themes_scored,answered,questions,communication,"
                  "communication_level,communication_answered,communication_questions,open_data,");
    /* Ranked: csdd 100, am 80.00 (33.3 + 100 + 100 + 66.7 + 100; level 5 inclusive), fm 10. */
    contains(csv, "\r\n1,csdd,\"VAS \"\"Ceļu satiksmes drošības direkcija\"\"\",institution,"
                  "100.00,5,5,9,10,100.0,5,2,2,");
    contains(csv, "\r\n2,am,Aizsardzības ministrija,ministry,80.00,5,5,10,10,33.3,2,2,2,100.0,5,"
                  "2,2,100.0,5,2,2,66.7,4,2,2,100.0,5,2,2\r\n");
    /* fm: open_data_files empty and e_dms "jā" (not an answer) are left out. */
    contains(csv, "\r\n3,fm,Finanšu ministrija,ministry,10.00,1,5,6,10,0.0,1,1,2,0.0,1,1,2,50.0,3,"
                  "2,2,0.0,1,1,2,0.0,1,1,2\r\n");
    /* vni: unreachable, nothing to score: no rank, no index, and it says 0 answers. */
    contains(csv, "\r\n,vni,<b>VNĪ</b> & co,institution,,,0,0,10,,,0,2,");

    snprintf(path, sizeof(path), "%s/stderr", dir);
    err = slurp(path);
    contains(err, "expert.csv:3: id 'fm', question 'e_dms': 'jā' is not an answer (1 vai 0)");
    contains(err, "self.csv:5: id 'zzz' is not in the evaluation sheet");
    contains(err, "id 'zzz' is not in the evaluation sheet");
    contains(err, "column 'e_typo' is not one of the model's expert questions");

    snprintf(path, sizeof(path), "%s/scores.html", dir);
    html = slurp(path);
    contains(html, "<html lang=\"lv\">");
    contains(html, "&lt;b&gt;VNĪ&lt;/b&gt; &amp; co");
    assert_null(strstr(html, "<b>VNĪ"));
    /* Group indices: all 63.33, ministries 45.00, institutions 100.00 (one of two scored). */
    contains(html, "<th scope=\"row\">Visas iestādes</th><td class=\"n\">4</td><td "
                   "class=\"n\">63.33</td>");
    contains(html, "<th scope=\"row\">Ministrijas</th><td class=\"n\">2</td><td "
                   "class=\"n\">45.00</td>");
    contains(html, "<th scope=\"row\">Iestādes</th><td class=\"n\">2</td><td "
                   "class=\"n\">100.00</td>");
    /* fm is on level 1 in communication: the level 2 recommendation. */
    contains(html, "<h4>Saziņa: no 1. uz 2. līmeni</h4>\n<ul>\n<li>comm-2</li>");
    contains(html, "<caption>");
    /* Level distribution: csdd and am on level 5, fm on 1, vni without an index. */
    contains(html, "<span class=\"lv lv5\">5. līmenis</span></th><td class=\"n\">2</td>");
    contains(html, "<span class=\"lv lv1\">1. līmenis</span></th><td class=\"n\">1</td>");
    contains(html, "bez indeksa</th><td class=\"n\">1</td>");
    /* Communication leaders: csdd 100.0, am 33.3, fm 0.0, best first. */
    contains(html,
             "<ul class=\"lead\"><li><span class=\"sc\">100.0</span> <a "
             "href=\"#i-csdd\">VAS &quot;Ceļu satiksmes drošības direkcija&quot;</a></li><li><span "
             "class=\"sc\">33.3</span> <a href=\"#i-am\">");
    free(csv);
    free(html);
    free(err);

    /* --template: the question ids, texts and one row per institution of the sheet. */
    snprintf(cmd, sizeof(cmd),
             "'%s' score --template --model '%s' --sheet '%s' --out '%s' >/dev/null 2>&1",
             EA_BINARY, FIX, FIX "evaluation.csv", dir);
    assert_int_equal(run(cmd), 0);
    snprintf(path, sizeof(path), "%s/self-assessment.csv", dir);
    csv = slurp(path);
    contains(csv,
             "id,name,s_visitor,s_eshare\r\n#,jautājums,Apmeklētāju izpēte,E-pieteikumu "
             "daļa\r\n#,atbildes,0 | 1 | 2,skaitlis 0-100\r\nam,Aizsardzības ministrija,,\r\n");
    free(csv);
    /* Without a sheet to read the templates still hold the questions, and no rows. */
    snprintf(cmd, sizeof(cmd), "cd '%s' && '%s' score --template --model '%s' --out t >/dev/null",
             dir, EA_BINARY, FIX);
    assert_int_equal(run(cmd), 0);
    snprintf(path, sizeof(path), "%s/t/expert.csv", dir);
    csv = slurp(path);
    assert_string_equal(csv, "id,name,e_dms\r\n#,jautājums,Vienota DVS\r\n#,atbildes,1 vai 0\r\n");
    free(csv);
    /* The template reads back as an answer table with no answers. */
    snprintf(cmd, sizeof(cmd),
             "'%s' score --model '%s' --sheet '%s' --self '%s/self-assessment.csv' --out '%s' "
             ">/dev/null 2>'%s/stderr2'",
             EA_BINARY, FIX, FIX "evaluation.csv", dir, dir, dir);
    assert_int_equal(run(cmd), 0);
    snprintf(path, sizeof(path), "%s/stderr2", dir);
    err = slurp(path);
    assert_null(strstr(err, "is not an answer"));
    free(err);

    /* A bad model stops the command with the file and line. */
    snprintf(cmd, sizeof(cmd), "'%s' score --model '%s' --sheet '%s' --out '%s' 2>'%s/stderr3'",
             EA_BINARY, FIX "bad-duplicate.xml", FIX "evaluation.csv", dir, dir);
    assert_int_equal(run(cmd), 1);
    snprintf(path, sizeof(path), "%s/stderr3", dir);
    err = slurp(path);
    contains(err, "bad-duplicate.xml:49: duplicate question 'contact_phone'");
    free(err);
    /* A malformed CSV (an unclosed quote) stops it, naming the file and line. */
    snprintf(cmd, sizeof(cmd), "'%s' score --sheet '%s' --out '%s' 2>'%s/stderr4'", EA_BINARY,
             FIX "bad-quote.csv", dir, dir);
    assert_int_equal(run(cmd), 1);
    snprintf(path, sizeof(path), "%s/stderr4", dir);
    err = slurp(path);
    contains(err, "bad-quote.csv:2: a quoted field opened in this row is never closed");
    free(err);
    /* The default model scores the same sheet. */
    snprintf(cmd, sizeof(cmd), "'%s' score --sheet '%s' --out '%s' >/dev/null 2>&1", EA_BINARY,
             FIX "evaluation.csv", dir);
    assert_int_equal(run(cmd), 0);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(run(cmd), 0);
}

/* --run / --db: the rows of a stored run instead of a sheet. */
static void cli_from_store(void **state)
{
    char dir[] = "/tmp/test_scoring.XXXXXX", cmd[4096], path[512], db[512];
    struct ea_store *st = NULL;
    struct ea_sheet_row rows[2];
    long long run_id = 0;
    char *csv, *err;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/eaudit.sqlite", dir);
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_run_begin(st, "2026-11-27", &run_id), EA_OK);
    for (size_t i = 0; i < 2; i++) {
        ea_row_init(&rows[i]);
        ea_row_set(&rows[i], EA_COL_ID, i ? "fm" : "am");
        ea_row_set(&rows[i], EA_COL_NAME, i ? "Finanšu ministrija" : "Aizsardzības ministrija");
        ea_row_set(&rows[i], EA_COL_TYPE, "ministry");
        ea_row_set_bool(&rows[i], EA_COL_REACHABLE, true);
        ea_row_set_bool(&rows[i], EA_COL_HTTPS, i == 0);
        ea_row_set_bool(&rows[i], EA_COL_PARTICIPATION_LINK, true);
        assert_int_equal(ea_store_put_site(st, run_id, i, &rows[i], NULL, 0), EA_OK);
        ea_row_release(&rows[i]);
    }
    assert_int_equal(ea_store_run_end(st, run_id, 2), EA_OK);
    ea_store_close(st);

    /* --db alone: the latest run. am: https 1 and participation 1, both themes 100. */
    snprintf(cmd, sizeof(cmd), "'%s' score --model '%s' --db '%s' --out '%s' >/dev/null 2>&1",
             EA_BINARY, FIX, db, dir);
    assert_int_equal(run(cmd), 0);
    snprintf(path, sizeof(path), "%s/scores.csv", dir);
    csv = slurp(path);
    contains(csv, "\r\n1,am,Aizsardzības ministrija,ministry,100.00,5,2,2,10,100.0,5,1,2,");
    contains(csv, "\r\n2,fm,Finanšu ministrija,ministry,50.00,3,2,2,10,100.0,5,1,2,");
    free(csv);
    /* A run that is not there, and two sources at once. */
    snprintf(cmd, sizeof(cmd), "'%s' score --model '%s' --db '%s' --run 99 --out '%s' 2>'%s/e'",
             EA_BINARY, FIX, db, dir, dir);
    assert_int_equal(run(cmd), 1);
    snprintf(path, sizeof(path), "%s/e", dir);
    err = slurp(path);
    contains(err, "run 99");
    free(err);
    snprintf(cmd, sizeof(cmd), "'%s' score --db '%s' --sheet x.csv 2>/dev/null", EA_BINARY, db);
    assert_int_equal(run(cmd), 2);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(run(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weighted_means),
        cmocka_unit_test(levels_inclusive),
        cmocka_unit_test(answers_to_points),
        cmocka_unit_test(missing_answers),
        cmocka_unit_test(each_level),
        cmocka_unit_test(overall_rules),
        cmocka_unit_test(ranks),
        cmocka_unit_test(group_means),
        cmocka_unit_test(next_steps),
        cmocka_unit_test(cli_end_to_end),
        cmocka_unit_test(cli_from_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

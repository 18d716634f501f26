/* test_model: the scoring model loader — the shipped default, the fixture model, and every
 * kind of bad file rejected with its file, line and reason. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/sheet.h"
#include "rules/model.h"

#define FIX EA_FIXTURES "/scoring/"

static void default_model_loads(void **state)
{
    struct ea_model *m = NULL;
    struct ea_buf err = EA_BUF_INIT(1 << 16);
    double sum = 0;
    size_t per_source[EA_SOURCE_COUNT] = { 0 };
    (void)state;

    assert_int_equal(ea_model_load(NULL, &m, &err), EA_OK);
    assert_string_equal(err.buf, "");
    for (int t = 0; t < EA_THEMES; t++) {
        const struct ea_theme *th = &m->themes[t];
        assert_string_equal(th->id, ea_theme_ids[t]);
        assert_non_null(th->name_lv);
        sum += th->weight;
        /* The issue: every weight and boundary that is an assumption is marked. */
        assert_true(th->weight_assumed);
        assert_true(th->levels_assumed);
        /* Every level below 5 has a way up. */
        for (int l = 2; l <= EA_LEVELS; l++) {
            bool found = false;
            for (size_t i = 0; i < th->nrecs; i++)
                found |= th->recs[i].level == l;
            assert_true(found);
        }
    }
    assert_true(fabs(sum - 1) < 1e-12);
    assert_true(m->overall_assumed);
    assert_int_equal(m->overall_rule, EA_OVERALL_SCORE);
    /* The one published boundary: level 3 starts at 50 (2017 fact sheet). */
    assert_true(m->overall_lower[2] == 50);
    /* Fact sheet: the three user-facing themes 30%, the other two 60%. */
    assert_true(fabs(m->themes[0].weight + m->themes[1].weight + m->themes[2].weight - 1.0 / 3) <
                1e-12);
    /* Every answer column of SPEC §3 is scored or deliberately ignored, not both. */
    for (int c = EA_COL_REACHABLE; c < EA_COL_COUNT; c++) {
        const struct ea_question *q = ea_model_question(m, ea_columns[c].name);
        assert_true((q != NULL) != m->ignored[c]);
        if (q)
            assert_int_equal(q->source, EA_SOURCE_AUTO);
    }
    for (size_t i = 0; i < m->nquestions; i++) {
        per_source[m->questions[i].source]++;
        assert_true(m->questions[i].assumed);
    }
    assert_true(per_source[EA_SOURCE_SELF] >= 10);
    assert_true(per_source[EA_SOURCE_EXPERT] >= 5);
    ea_model_free(m);
    ea_buf_release(&err);
}

static void fixture_model_from_dir(void **state)
{
    struct ea_model *m = NULL;
    struct ea_buf err = EA_BUF_INIT(1 << 16);
    const struct ea_question *q;
    (void)state;

    /* A directory means DIR/eindex.xml. */
    assert_int_equal(ea_model_load(EA_FIXTURES "/scoring", &m, &err), EA_OK);
    assert_string_equal(err.buf, "");
    assert_non_null(strstr(m->file, "scoring/eindex.xml"));
    for (int t = 0; t < EA_THEMES; t++)
        assert_true(fabs(m->themes[t].weight - 0.2) < 1e-12);
    assert_int_equal(m->nquestions, 10);
    q = ea_model_question(m, "s_visitor");
    assert_non_null(q);
    assert_int_equal(q->source, EA_SOURCE_SELF);
    assert_int_equal(q->map, EA_MAP_CHOICE);
    assert_int_equal(q->nsteps, 3);
    assert_int_equal(q->line, 33);
    q = ea_model_question(m, "open_data_files");
    assert_int_equal(q->nsteps, 1);
    assert_true(q->steps[0].min == 1 && isinf(q->steps[0].max));
    assert_int_equal(m->themes[0].nrecs, 4);
    assert_string_equal(m->themes[0].recs[2].text, "comm-3b");
    assert_true(m->ignored[EA_COL_WCAG_BAND]);
    assert_null(ea_model_question(m, "nope"));
    ea_model_free(m);
    ea_buf_release(&err);
}

struct bad_case {
    const char *file;
    const char *message; /* must appear in the errors, after the file name */
};

static const struct bad_case bad_cases[] = {
    { "bad-unknown-theme.xml", ":58: unknown theme 'transport'" },
    { "bad-theme-element.xml", ":25: unknown theme 'internals'" },
    { "bad-theme-element.xml", ":3: theme 'internal' is not defined" },
    { "bad-duplicate.xml", ":49: duplicate question 'contact_phone' (first on line 46)" },
    { "bad-negative-weight.xml", ":12: theme 'open_data' has a negative weight (-1)" },
    { "bad-zero-weights.xml", ":3: every theme weight is 0" },
    { "bad-levels-order.xml", ":19: boundaries out of order: l3=\"15\" is not above l2=\"20\"" },
    { "bad-overall-order.xml", ":29: boundaries out of order: l5=\"60\" is not above l4=\"60\"" },
    { "bad-level-range.xml", ":14: l5=\"180\" is outside 0-100" },
    { "bad-column.xml", ":46: automatic question 'contact_fax' is not an answer column" },
    { "bad-step-points.xml", ":44: points=\"5\" is outside 0-1" },
    { "bad-xml.xml", ":59: " },
    { "bad-not-number.xml", ":55: points=\"two\" is not a number" },
};

static void bad_models_rejected(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        struct ea_model *m = NULL;
        struct ea_buf err = EA_BUF_INIT(1 << 16);
        char path[512], want[512];
        snprintf(path, sizeof(path), FIX "%s", bad_cases[i].file);
        snprintf(want, sizeof(want), "%s%s", path, bad_cases[i].message);
        if (ea_model_load(path, &m, &err) != EA_PARSE || !strstr(err.buf, want)) {
            print_error("%s: want \"%s\" in:\n%s", bad_cases[i].file, want, err.buf);
            fail();
        }
        assert_null(m);
        ea_buf_release(&err);
    }
}

static void missing_file(void **state)
{
    struct ea_model *m = NULL;
    struct ea_buf err = EA_BUF_INIT(1 << 16);
    (void)state;
    assert_int_equal(ea_model_load(FIX "no-such-dir", &m, &err), EA_IO);
    assert_non_null(strstr(err.buf, "no-such-dir: cannot read: "));
    assert_null(m);
    ea_buf_release(&err);
}

static void parse_from_memory(void **state)
{
    static const char doc[] = "<?xml version=\"1.0\"?>\n<model version=\"2\">\n</model>\n";
    struct ea_model *m = NULL;
    struct ea_buf err = EA_BUF_INIT(1 << 16);
    (void)state;
    assert_int_equal(ea_model_parse("mem.xml", doc, sizeof(doc) - 1, &m, &err), EA_PARSE);
    assert_non_null(strstr(err.buf, "mem.xml:2: <model version=\"1\"> is the only version known"));
    assert_non_null(strstr(err.buf, "mem.xml:2: theme 'communication' is not defined"));
    assert_non_null(strstr(err.buf, "mem.xml:2: <overall> is missing"));
    assert_null(m);
    ea_buf_release(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_model_loads), cmocka_unit_test(fixture_model_from_dir),
        cmocka_unit_test(bad_models_rejected), cmocka_unit_test(missing_file),
        cmocka_unit_test(parse_from_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* writers/report*, writers/diff: golden files for a fixture run, escaping of hostile markup
 * and URLs, report.json shape, diff of two fixture runs, and the report/diff commands' bad
 * input (output folder that is a file, missing database, unknown run). Set
 * EA_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/doc.h"
#include "core/log.h"
#include "store/store.h"
#include "store_fixture.h"
#include "writers/diff.h"
#include "writers/report.h"

#define GOLDEN EA_FIXTURES "/report"

static char dir[64], db[128], out[128];
static long long run_a, run_b;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot read '%s'", path);
    struct ea_buf b;
    ea_buf_init(&b, SIZE_MAX);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        ea_buf_addn(&b, chunk, n);
    fclose(f);
    return ea_buf_detach(&b, len);
}

static void spit(const char *path, const char *s, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Compares a written file with its golden copy, naming the first differing line. */
static void golden(const char *written, const char *name)
{
    char path[256];
    size_t n, gn;
    snprintf(path, sizeof(path), "%s/%s", GOLDEN, name);
    char *got = slurp(written, &n);
    const char *update = getenv("EA_UPDATE_GOLDEN");
    if (update && *update == '1')
        spit(path, got, n);
    char *want = slurp(path, &gn);
    if (n != gn || memcmp(got, want, n) != 0) {
        size_t line = 1, i = 0;
        for (; i < n && i < gn && got[i] == want[i]; i++)
            line += got[i] == '\n';
        fail_msg("%s differs from %s at line %zu (EA_UPDATE_GOLDEN=1 rewrites it)", written, path,
                 line);
    }
    free(got);
    free(want);
}

static int setup(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    snprintf(dir, sizeof(dir), "/tmp/ea_report_XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/eaudit.sqlite", dir);
    snprintf(out, sizeof(out), "%s/reports", dir);
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    run_a = fixture_run(st, "2026-11-26", 'A');
    run_b = fixture_run(st, "2026-11-27", 'B');
    assert_int_equal(ea_reports_write_run(st, run_b, out), EA_OK);
    ea_store_close(st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *outpath(const char *rel)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", out, rel);
    return path;
}

static void test_golden(void **state)
{
    (void)state;
    golden(outpath("index.html"), "index.html");
    golden(outpath("index.en.html"), "index.en.html");
    golden(outpath("sites/am/report.html"), "am.report.html");
    golden(outpath("sites/am/report.en.html"), "am.report.en.html");
    golden(outpath("sites/am/report.json"), "am.report.json");
    golden(outpath("sites/evil/report.html"), "evil.report.html");
    golden(outpath("sites/vni/report.html"), "vni.report.html");
    /* No temporary file is left behind. */
    assert_int_not_equal(access(outpath("index.html.tmp"), F_OK), 0);
}

/* A run stored before schema 5 has no crawl notes: its reports say nothing of the crawl
 * (no table, no note, "crawl": null), not a crawl that met nothing; run B's do. */
static void test_crawl_notes_known(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    char old_out[300];
    snprintf(old_out, sizeof(old_out), "%s/run-a", dir);
    assert_int_equal(ea_store_open_reader(db, &st), EA_OK);
    assert_int_equal(ea_reports_write_run(st, run_a, old_out), EA_OK);
    ea_store_close(st);
    static const char *const sites[] = { "am", "evil" };
    for (size_t i = 0; i < 2; i++) {
        char path[400];
        snprintf(path, sizeof(path), "%s/sites/%s/report.html", old_out, sites[i]);
        char *a = slurp(path, NULL);
        snprintf(path, sizeof(path), "%s/sites/%s/report.json", old_out, sites[i]);
        char *aj = slurp(path, NULL);
        char rel[64];
        snprintf(rel, sizeof(rel), "sites/%s/report.html", sites[i]);
        char *b = slurp(outpath(rel), NULL);
        snprintf(rel, sizeof(rel), "sites/%s/report.json", sites[i]);
        char *bj = slurp(outpath(rel), NULL);
        assert_null(strstr(a, "id=\"crawl\""));
        assert_null(strstr(a, "class=\"note\""));
        assert_non_null(strstr(aj, "\"crawl\": null"));
        assert_non_null(strstr(b, "<h3 id=\"crawl\">Pārmeklēšana</h3>"));
        assert_null(strstr(bj, "\"crawl\": null"));
        assert_non_null(strstr(bj, "\"crawl\": {"));
        free(a);
        free(aj);
        free(b);
        free(bj);
    }
    /* evil (run B): robots.txt unreadable and given up, said once each, in both languages */
    char *b = slurp(outpath("sites/evil/report.en.html"), NULL);
    assert_non_null(strstr(b, "<div class=\"note\" role=\"note\">\n<p>robots.txt could not be "
                              "read"));
    assert_non_null(strstr(b, "the crawl was stopped"));
    free(b);
    b = slurp(outpath("index.en.html"), NULL);
    assert_non_null(strstr(b, "(robots.txt unreadable: homepage only)"));
    free(b);
}

/* Hostile markup and URLs come out as text: no script element, tables intact. */
static void test_escaping(void **state)
{
    (void)state;
    static const char *const files[] = {
        "index.html",
        "index.en.html",
        "sites/evil/report.html",
        "sites/evil/report.en.html",
    };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t n;
        char *html = slurp(outpath(files[i]), &n);
        struct ea_doc *doc = NULL;
        assert_int_equal(ea_doc_parse(html, n, NULL, &doc), EA_OK);
        size_t nscript = 1, ntable = 0, ntd = 0, nsvg = 0;
        (void)ea_doc_tagged(doc, "script", &nscript);
        assert_int_equal(nscript, 0);
        (void)ea_doc_tagged(doc, "table", &ntable);
        (void)ea_doc_tagged(doc, "svg", &nsvg);
        /* Every table the writer opened is still a table: count the literal openings. */
        size_t opened = 0;
        for (const char *p = html; (p = strstr(p, "<table")) != NULL; p++)
            opened += p[6] == '>' || p[6] == ' ';
        assert_int_equal(ntable, opened);
        (void)ea_doc_tagged(doc, "td", &ntd);
        assert_true(ntd > 0);
        ea_doc_free(doc);
        assert_null(strstr(html, "<script"));
        assert_null(strstr(html, "</td></table>"));
        if (strncmp(files[i], "sites/", 6) == 0) {
            /* The snippet and the hostile URL, escaped. */
            assert_non_null(strstr(html, "&#39;&quot;&lt;/td&gt;&lt;/table&gt;&lt;script&gt;"
                                         "alert(1)&lt;/script&gt;&#39;"));
            assert_non_null(strstr(html, "href=\"https://evil.example.lv/?a=1&amp;b=&quot;&gt;"
                                         "&lt;script&gt;\""));
            assert_non_null(strstr(html, "<h1>Iestāde &quot;&lt;script&gt;alert(&#39;x&#39;)"
                                         "&lt;/script&gt;&quot; &amp; Co</h1>"));
        }
        free(html);
    }
}

static const char *attr(const struct ea_node *n, const char *name)
{
    for (size_t i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}

static bool has_text(const struct ea_node *n)
{
    for (const struct ea_node *c = n->first_child; c; c = c->next)
        if ((c->type == EA_NODE_TEXT && strspn(c->text, " \n\t") < strlen(c->text)) ||
            (c->type == EA_NODE_ELEMENT && has_text(c)))
            return true;
    return false;
}

/* What the reports promise of themselves (WCAG 2.0 AA, statically checkable): a language,
 * a title, one h1 and no skipped heading level, tables with a caption and th with scope,
 * unique ids, links with text, a working skip link, a labelled chart, well-formed HTML. */
static void test_report_semantics(void **state)
{
    (void)state;
    static const char *const files[] = {
        "index.html",
        "index.en.html",
        "sites/am/report.html",
        "sites/am/report.en.html",
        "sites/evil/report.html",
        "sites/vni/report.en.html",
    };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t n;
        char *html = slurp(outpath(files[i]), &n);
        struct ea_doc *doc = NULL;
        assert_int_equal(ea_doc_parse(html, n, NULL, &doc), EA_OK);
        if (doc->parse_errors)
            fail_msg("%s: %zu HTML parse errors", files[i], doc->parse_errors);
        const char *lang = attr(doc->root, "lang");
        assert_true(lang && (strcmp(lang, "lv") == 0 || strcmp(lang, "en") == 0));
        int last = 0, h1 = 0;
        bool title = false, main_id = false, skip = false;
        for (size_t k = 0; k < doc->nnodes; k++) {
            const struct ea_node *e = &doc->nodes[k];
            if (e->type != EA_NODE_ELEMENT)
                continue;
            const char *t = e->tag;
            if (strcmp(t, "title") == 0 && e->parent == doc->head)
                title = has_text(e);
            if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) {
                int level = t[1] - '0';
                if (level > last + 1)
                    fail_msg("%s: <%s> after <h%d> (line %u)", files[i], t, last, e->line);
                h1 += level == 1;
                last = level;
                assert_true(has_text(e));
            }
            if (strcmp(t, "table") == 0) {
                const struct ea_node *c = e->first_child;
                while (c && c->type == EA_NODE_TEXT)
                    c = c->next;
                if (!c || strcmp(c->tag, "caption") != 0)
                    fail_msg("%s: table without caption (line %u)", files[i], e->line);
            }
            if (strcmp(t, "th") == 0) {
                const char *scope = attr(e, "scope");
                if (!scope || (strcmp(scope, "col") != 0 && strcmp(scope, "row") != 0))
                    fail_msg("%s: th without scope (line %u)", files[i], e->line);
            }
            if (attr(e, "id") && !(e->flags & EA_NODE_UNIQUE_ID))
                fail_msg("%s: id '%s' is not unique", files[i], attr(e, "id"));
            main_id |=
                attr(e, "id") && strcmp(attr(e, "id"), "main") == 0 && strcmp(t, "main") == 0;
            if (strcmp(t, "a") == 0) {
                if (!attr(e, "href") || !has_text(e))
                    fail_msg("%s: link without href or text (line %u)", files[i], e->line);
                if (!skip && strcmp(attr(e, "href"), "#main") == 0 && e->parent == doc->body)
                    skip = true;
            }
            if (strcmp(t, "svg") == 0) {
                const char *by = attr(e, "aria-labelledby");
                assert_string_equal(attr(e, "role"), "img");
                assert_non_null(by);
                assert_non_null(ea_doc_by_id(doc, by));
            }
        }
        assert_true(title);
        assert_int_equal(h1, 1);
        assert_true(main_id && skip);
        ea_doc_free(doc);
        free(html);
    }
}

static void test_site_dir(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "am", "am" },
        { "vid.gov.lv", "vid.gov.lv" },
        { "../etc", "_._etc" },
        { ".hidden", "_hidden" },
        { "", "_" },
        { "a/b\\c d", "a_b_c_d" },
        { "ļ", "__" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out_dir[64];
        ea_report_site_dir(cases[i][0], out_dir, sizeof(out_dir));
        assert_string_equal(out_dir, cases[i][1]);
    }
}

static void test_json_shape(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *root = json_load_file(outpath("sites/evil/report.json"), 0, &jerr);
    if (!root)
        fail_msg("report.json: %s at line %d", jerr.text, jerr.line);
    assert_string_equal(json_string_value(json_object_get(json_object_get(root, "site"), "id")),
                        "evil");
    json_t *pages = json_object_get(root, "pages");
    assert_int_equal(json_array_size(pages), 1);
    json_t *page = json_array_get(pages, 0);
    json_t *viol = json_object_get(page, "violations");
    assert_true(json_array_size(viol) >= 2); /* image-alt twice, link-name */
    bool found = false;
    size_t i;
    json_t *v;
    json_array_foreach(viol, i, v)
    {
        assert_non_null(json_object_get(v, "impact"));
        assert_true(json_is_array(json_object_get(v, "tags")));
        size_t k;
        json_t *node;
        json_array_foreach(json_object_get(v, "nodes"), k, node)
        {
            const char *html = json_string_value(json_object_get(node, "html"));
            found |= html && strstr(html, "</td></table><script>alert(1)</script>") != NULL;
            assert_true(json_is_array(json_object_get(node, "target")));
            assert_true(json_is_integer(json_object_get(node, "line")));
        }
    }
    assert_true(found); /* JSON keeps the snippet as written */
    assert_true(json_is_array(json_object_get(page, "passes")));
    assert_true(json_is_array(json_object_get(page, "inapplicable")));
    assert_int_equal(json_array_size(json_object_get(root, "broken_links")), 1);
    assert_int_equal(json_array_size(json_object_get(root, "robots_excluded")), 1);
    json_decref(root);
}

static void test_diff(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    struct ea_diff d;
    assert_int_equal(ea_store_open_reader(db, &st), EA_OK);
    assert_int_equal(ea_diff_compute(st, run_a, run_b, &d), EA_OK);
    /* am: the logo's image-alt fixed, the empty button new; vni became unreachable. */
    assert_int_equal(d.nunreachable, 1);
    assert_int_equal(d.nnew, 1);
    assert_int_equal(d.nfixed, 1); /* vni's findings were not re-checked: not "fixed" */
    assert_int_equal(d.nanswers, 3);
    bool am = false, vni = false;
    for (size_t i = 0; i < d.nsites; i++) {
        const struct ea_diff_site *s = &d.sites[i];
        if (strcmp(s->id, "am") == 0) {
            am = true;
            bool fixed_alt = false, new_button = false, search = false;
            for (size_t k = 0; k < s->nfindings; k++) {
                fixed_alt |= s->findings[k].kind == EA_DIFF_FIXED &&
                             strcmp(s->findings[k].rule, "image-alt") == 0;
                new_button |= s->findings[k].kind == EA_DIFF_NEW &&
                              strcmp(s->findings[k].rule, "button-name") == 0;
            }
            for (size_t k = 0; k < s->nanswers; k++)
                search |= s->answers[k].col == EA_COL_SITE_SEARCH &&
                          strcmp(s->answers[k].before, "0") == 0 &&
                          strcmp(s->answers[k].after, "1") == 0;
            assert_true(fixed_alt && new_button && search);
        }
        if (strcmp(s->id, "vni") == 0) {
            vni = true;
            assert_true(s->became_unreachable);
        }
        assert_string_not_equal(s->id, "evil"); /* unchanged: not listed */
    }
    assert_true(am && vni);

    char path[160];
    snprintf(path, sizeof(path), "%s/diff.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(ea_diff_write_text(f, &d), EA_OK);
    fclose(f);
    golden(path, "diff.txt");
    snprintf(path, sizeof(path), "%s/diff.json", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(ea_diff_write_json(f, &d), EA_OK);
    fclose(f);
    golden(path, "diff.json");
    ea_diff_release(&d);

    /* A run against itself: nothing changed. */
    assert_int_equal(ea_diff_compute(st, run_b, run_b, &d), EA_OK);
    assert_int_equal(d.nsites, 0);
    ea_diff_release(&d);
    assert_int_equal(ea_diff_compute(st, run_a, 99, &d), EA_NOTFOUND);
    ea_store_close(st);
}

/* Runs the eaudit binary; returns its exit status and its stderr in err. */
static int run(const char *args, char *err, size_t errlen)
{
    char cmd[1024], errpath[160];
    snprintf(errpath, sizeof(errpath), "%s/stderr.txt", dir);
    snprintf(cmd, sizeof(cmd), "%s %s >/dev/null 2>%s", EA_BINARY, args, errpath);
    int status = system(cmd);
    size_t n;
    char *s = slurp(errpath, &n);
    snprintf(err, errlen, "%s", s);
    free(s);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_cli_bad_input(void **state)
{
    (void)state;
    char args[512], err[2048], file[160];
    size_t before_len, after_len;
    char *before = slurp(db, &before_len);

    snprintf(file, sizeof(file), "%s/plain-file", dir);
    spit(file, "x", 1);
    snprintf(args, sizeof(args), "report --db %s --out %s", db, file);
    assert_int_equal(run(args, err, sizeof(err)), 1);
    assert_non_null(strstr(err, "is a file, not a folder"));
    snprintf(args, sizeof(args), "report --db %s --out %s/sub", db, file);
    assert_int_equal(run(args, err, sizeof(err)), 1);

    snprintf(args, sizeof(args), "report --db %s/absent.sqlite --out %s/r2", dir, dir);
    assert_int_equal(run(args, err, sizeof(err)), 1);
    assert_non_null(strstr(err, "no database at"));
    assert_int_not_equal(access(outpath("../r2"), F_OK), 0);

    snprintf(args, sizeof(args), "report --db %s --run 99 --out %s/r3", db, dir);
    assert_int_equal(run(args, err, sizeof(err)), 1);
    assert_non_null(strstr(err, "has no run 99"));
    snprintf(args, sizeof(args), "report --db %s --run x", db);
    assert_int_equal(run(args, err, sizeof(err)), 2);

    snprintf(args, sizeof(args), "diff --db %s --format xml", db);
    assert_int_equal(run(args, err, sizeof(err)), 2);
    snprintf(args, sizeof(args), "diff --db %s 1 2 3", db);
    assert_int_equal(run(args, err, sizeof(err)), 2);
    snprintf(args, sizeof(args), "diff --db %s 1 99", db);
    assert_int_equal(run(args, err, sizeof(err)), 1);

    /* The good paths through the binary: same files as the library wrote. */
    snprintf(args, sizeof(args), "report --db %s --out %s/again", db, dir);
    assert_int_equal(run(args, err, sizeof(err)), 0);
    char path[200];
    snprintf(path, sizeof(path), "%s/again/index.html", dir);
    golden(path, "index.html");
    snprintf(path, sizeof(path), "%s/again/evaluation.csv", dir);
    golden(path, "evaluation.csv");
    snprintf(path, sizeof(path), "%s/again/evaluation.xlsx", dir);
    assert_int_equal(access(path, F_OK), 0);
    snprintf(args, sizeof(args), "diff --db %s", db);
    assert_int_equal(run(args, err, sizeof(err)), 0);

    char *after = slurp(db, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

/* A second audit on a database an audit holds refuses, names the lock, and exits 1. */
static void test_cli_audit_lock(void **state)
{
    (void)state;
    char args[512], err[2048], seeds[160];
    struct ea_store *holder = NULL;
    snprintf(seeds, sizeof(seeds), "%s/seeds.txt", dir);
    spit(seeds, "http://site.invalid/\n", 21);
    assert_int_equal(ea_store_open(db, &holder), EA_OK);
    size_t before_len, after_len;
    char *before = slurp(db, &before_len);
    snprintf(args, sizeof(args), "audit --no-progress --db %s --out %s/audit-out %s", db, dir,
             seeds);
    assert_int_equal(run(args, err, sizeof(err)), 1);
    assert_non_null(strstr(err, "is in use by another audit"));
    char *after = slurp(db, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    ea_store_close(holder);
}

/* A full disk (here a file size limit): the report fails with a message, leaves no
 * temporary or half-written file, and the database is untouched. */
static void test_full_disk(void **state)
{
    (void)state;
    char out2[160], cmd[400], list[160];
    snprintf(out2, sizeof(out2), "%s/full", dir);
    size_t before_len, after_len;
    char *before = slurp(db, &before_len);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct ea_store *st = NULL;
        struct ea_store_run r;
        if (ea_store_open_reader(db, &st) != EA_OK || ea_store_run_get(st, run_b, &r) != EA_OK)
            _exit(2);
        ea_store_run_release(&r);
        signal(SIGXFSZ, SIG_IGN); /* write() then fails with EFBIG, as on a full disk */
        struct rlimit lim = { .rlim_cur = 4096, .rlim_max = 4096 };
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
            _exit(3);
        enum ea_err err = ea_reports_write_run(st, run_b, out2);
        ea_store_close(st);
        _exit(err == EA_IO ? 0 : 4);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    /* Nothing half-written: no temporary file and no report file at all. */
    snprintf(list, sizeof(list), "%s/full-files.txt", dir);
    snprintf(cmd, sizeof(cmd), "find %s -type f > %s", out2, list);
    assert_int_equal(system(cmd), 0);
    size_t n;
    char *files = slurp(list, &n);
    assert_int_equal(n, 0);
    free(files);
    char *after = slurp(db, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

int main(void)
{
    ea_log_set_level(EA_LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),           cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_report_semantics), cmocka_unit_test(test_site_dir),
        cmocka_unit_test(test_json_shape),       cmocka_unit_test(test_diff),
        cmocka_unit_test(test_cli_bad_input),    cmocka_unit_test(test_cli_audit_lock),
        cmocka_unit_test(test_full_disk),        cmocka_unit_test(test_crawl_notes_known),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

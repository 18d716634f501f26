/* store/: schema creation, v1 -> v2 migration, the writer's lock, read-back, bodies,
 * conditional-GET lookup, resume after SIGKILL, and bad databases left untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store_fixture.h"

static char dir[64];
static char db[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/ea_store_XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof(db), "%s/var/eaudit.sqlite", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* One value of a query run straight on the file, as text ("" for NULL). */
static char *sql_value(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *q = NULL;
    static char out[256];
    out[0] = '\0';
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK);
    int rc = sqlite3_step(q);
    assert_true(rc == SQLITE_ROW || rc == SQLITE_DONE);
    if (rc == SQLITE_ROW && sqlite3_column_text(q, 0))
        snprintf(out, sizeof(out), "%s", sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    return out;
}

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    char *msg = NULL;
    int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fail_msg("%s", msg);
    sqlite3_close(h);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct ea_buf b;
    ea_buf_init(&b, SIZE_MAX);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        ea_buf_addn(&b, chunk, n);
    fclose(f);
    return ea_buf_detach(&b, len);
}

static void test_create(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    assert_int_equal(ea_store_open(db, &st), EA_OK); /* creates var/ too */
    ea_store_close(st);
    assert_string_equal(sql_value(db, "PRAGMA user_version"), "5");
    assert_string_equal(sql_value(db, "PRAGMA journal_mode"), "wal");
    assert_string_equal(sql_value(db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                      "('runs','sites','answers','pages','rule_results',"
                                      "'findings','bodies','run_rules')"),
                        "8");
    /* Opening again is a no-op migration. */
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    ea_store_close(st);
    assert_string_equal(sql_value(db, "PRAGMA user_version"), "5");
}

static void test_migrate_v1(void **state)
{
    (void)state;
    char *sql = slurp(EA_FIXTURES "/store/v1.sql", NULL);
    char path[160];
    snprintf(path, sizeof(path), "%s/v1.sqlite", dir);
    sql_exec(path, sql);
    free(sql);
    assert_string_equal(sql_value(path, "PRAGMA user_version"), "1");

    struct ea_store *st = NULL;
    /* A reader (eaudit report on an old database) migrates it too. */
    assert_int_equal(ea_store_open_reader(path, &st), EA_OK);
    ea_store_close(st);
    assert_string_equal(sql_value(path, "PRAGMA user_version"), "5");
    assert_int_equal(ea_store_open(path, &st), EA_OK);
    struct ea_store_site_rec s;
    assert_int_equal(ea_store_site_load(st, 1, "am", &s), EA_OK);
    assert_string_equal(s.row.cells[EA_COL_NAME], "Aizsardzības ministrija");
    assert_string_equal(s.row.cells[EA_COL_WCAG_BAND], "vidēja");
    assert_null(s.row.cells[EA_COL_HTTPS]);
    assert_null(s.evidence_url[EA_COL_REACHABLE]);
    assert_int_equal(s.npages, 1);
    assert_string_equal(s.pages[0].final_url, "https://www.mod.gov.lv/lv");
    assert_null(s.pages[0].etag);
    assert_false(s.pages[0].robots_excluded);
    assert_true(s.pages[0].audited);
    assert_int_equal(s.ntallies, 2);
    assert_int_equal(s.nfindings, 1);
    assert_string_equal(s.findings[0].html, "<img src=\"logo.png\">");
    assert_int_equal(s.findings[0].line, 6);
    assert_int_equal(s.findings[0].outcome, EA_OUTCOME_VIOLATION);
    assert_false(s.crawl.known); /* stored before schema 5 */
    ea_store_site_rec_release(&s);

    /* The migrated database takes v2 data and keeps the old run as the previous one. */
    struct ea_store_prev prev;
    assert_int_equal(ea_store_prev_page(st, "am", "https://www.mod.gov.lv/", &prev), EA_OK);
    assert_int_equal(prev.run_id, 1);
    assert_int_equal(prev.status, 200);
    assert_null(prev.etag);
    ea_store_prev_release(&prev);
    long long run = fixture_run(st, "2026-11-27", 'A');
    assert_int_equal(run, 2);
    ea_store_close(st);
    assert_string_equal(sql_value(path, "PRAGMA user_version"), "5");
    assert_string_equal(sql_value(path, "PRAGMA integrity_check"), "ok");
    assert_string_equal(sql_value(path, "PRAGMA foreign_key_check"), "");
}

static void test_lock(void **state)
{
    (void)state;
    struct ea_store *a = NULL, *b = NULL, *r = NULL;
    assert_int_equal(ea_store_open(db, &a), EA_OK);
    /* flock is per open file: a second open, even in this process, conflicts. */
    assert_int_equal(ea_store_open(db, &b), EA_IO);
    assert_null(b);
    /* Another process too. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct ea_store *c = NULL;
        _exit(ea_store_open(db, &c) == EA_IO ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* Readers take no lock. */
    assert_int_equal(ea_store_open_reader(db, &r), EA_OK);
    ea_store_close(r);
    ea_store_close(a);
    assert_int_equal(ea_store_open(db, &b), EA_OK);
    ea_store_close(b);
}

static void test_roundtrip(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    long long run = fixture_run(st, "2026-11-26", 'A');

    struct ea_store_site_rec s;
    assert_int_equal(ea_store_site_load(st, run, "am", &s), EA_OK);
    assert_int_equal(s.seq, 0);
    assert_string_equal(s.row.cells[EA_COL_URL], "https://www.mod.gov.lv/");
    assert_string_equal(s.row.cells[EA_COL_REACHABLE], "1");
    assert_string_equal(s.evidence_excerpt[EA_COL_CONTACT_PHONE], "Tālrunis: 67335000");
    assert_string_equal(s.evidence_url[EA_COL_CONTACT_PHONE], "https://www.mod.gov.lv/lv/kontakti");
    assert_int_equal(s.npages, 3);
    assert_string_equal(s.pages[0].redirects, "https://www.mod.gov.lv/lv");
    assert_string_equal(s.pages[0].etag, "\"v1\"");
    assert_string_equal(s.pages[0].content_hash, "aa11");
    assert_true(s.pages[0].fetch_seconds == 0.25);
    assert_true(s.pages[0].audited);
    assert_int_equal(s.pages[1].status, 404);
    assert_string_equal(s.pages[1].referrer, "https://www.mod.gov.lv/");
    assert_false(s.pages[1].audited);
    assert_true(s.pages[2].robots_excluded);
    /* The fixture's logo has no alt and the text input no label. */
    bool image_alt = false, label = false;
    for (size_t i = 0; i < s.nfindings; i++) {
        image_alt |= strcmp(s.findings[i].rule, "image-alt") == 0;
        label |= strcmp(s.findings[i].rule, "label") == 0;
        assert_int_equal(s.findings[i].page, 0);
    }
    assert_true(image_alt && label);
    assert_int_equal(s.ntallies, 6); /* the fixture's rules */
    ea_store_site_rec_release(&s);
    assert_int_equal(ea_store_site_load(st, run, "nosuch", &s), EA_NOTFOUND);

    /* Storing a site again replaces it: no duplicate pages or findings. */
    assert_int_equal(fixture_put_site(st, run, 0, 'A'), EA_OK);
    char **ids = NULL;
    size_t nids = 0;
    assert_int_equal(ea_store_run_site_ids(st, run, &ids, &nids), EA_OK);
    assert_int_equal(nids, FIXTURE_NSITES);
    for (size_t i = 0; i < nids; i++)
        assert_string_equal(ids[i], fixture_site_ids[i]);
    ea_store_ids_free(ids, nids);
    assert_int_equal(ea_store_site_load(st, run, "am", &s), EA_OK);
    assert_int_equal(s.npages, 3);
    ea_store_site_rec_release(&s);

    struct ea_store_run r;
    assert_int_equal(ea_store_run_get(st, run, &r), EA_OK);
    assert_string_equal(r.audit_date, "2026-11-26");
    assert_non_null(r.finished);
    assert_int_equal(r.nsites, FIXTURE_NSITES);
    ea_store_run_release(&r);
    assert_int_equal(ea_store_run_get(st, run + 1, &r), EA_NOTFOUND);
    ea_store_close(st);
}

/* What the crawl met is stored with a site's end and read back with it, or alone; a site
 * stored without it reads as not known, not as a crawl that met nothing. */
static void test_crawl_notes(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    long long a = fixture_run(st, "2026-11-26", 'A'), b = fixture_run(st, "2026-11-27", 'B');

    struct ea_store_site_rec s;
    assert_int_equal(ea_store_site_load(st, a, "am", &s), EA_OK);
    assert_false(s.crawl.known);
    ea_store_site_rec_release(&s);
    assert_int_equal(ea_store_site_load(st, b, "am", &s), EA_OK);
    assert_true(s.crawl.known);
    assert_false(s.crawl.robots_unreachable);
    assert_false(s.crawl.given_up);
    assert_true(s.crawl.sitemap_cut);
    assert_int_equal(s.crawl.max_pages, 100);
    assert_int_equal(s.crawl.robots_blocked, 1);
    assert_int_equal(s.crawl.trapped, 37);
    assert_int_equal(s.crawl.out_of_budget, 1204);
    assert_int_equal(s.crawl.sitemap_urls, 416);
    assert_int_equal(s.crawl.duplicates, 2);
    assert_true(s.crawl.delay == 2.5);
    ea_store_site_rec_release(&s);

    struct ea_store_crawl c;
    assert_int_equal(ea_store_site_crawl(st, b, fixture_site_ids[1], &c), EA_OK);
    assert_true(c.known && c.robots_unreachable && c.given_up && !c.sitemap_cut);
    assert_int_equal(ea_store_site_crawl(st, a, fixture_site_ids[1], &c), EA_OK);
    assert_false(c.known);
    assert_int_equal(ea_store_site_crawl(st, b, "nosuch", &c), EA_NOTFOUND);

    /* A site stored in parts: the crawl comes with its end; until then it is not seen. */
    struct ea_sheet_row row;
    ea_row_init(&row);
    ea_row_set(&row, EA_COL_ID, "parts");
    struct ea_store_crawl met = { .known = true, .trapped = 5, .max_pages = 7, .delay = 0.5 };
    struct ea_store_site site = { .row = &row, .crawl = &met };
    assert_int_equal(ea_store_site_begin(st, b, 9, "parts", NULL, 0), EA_OK);
    assert_int_equal(ea_store_site_crawl(st, b, "parts", &c), EA_NOTFOUND);
    assert_int_equal(ea_store_site_end(st, b, &site), EA_OK);
    assert_int_equal(ea_store_site_crawl(st, b, "parts", &c), EA_OK);
    assert_true(c.known && !c.robots_unreachable && !c.given_up);
    assert_int_equal(c.trapped, 5);
    assert_int_equal(c.max_pages, 7);
    assert_true(c.delay == 0.5);
    ea_row_release(&row);
    ea_store_close(st);
}

static void test_bodies(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    char *body = NULL;
    size_t len = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    struct ea_buf big;
    ea_buf_init(&big, SIZE_MAX);
    for (int i = 0; i < 5000; i++)
        ea_buf_addf(&big, "<p>rinda %d: ļoti gara un atkārtota</p>\n", i);
    assert_int_equal(ea_store_body_put(st, "abc123", big.buf, big.len), EA_OK);
    assert_int_equal(ea_store_body_put(st, "abc123", "other", 5), EA_OK); /* kept, not replaced */
    assert_int_equal(ea_store_body_get(st, "abc123", &body, &len), EA_OK);
    assert_int_equal(len, big.len);
    assert_memory_equal(body, big.buf, len);
    assert_int_equal(body[len], '\0');
    free(body);
    assert_int_equal(ea_store_body_put(st, "empty", "", 0), EA_OK);
    assert_int_equal(ea_store_body_get(st, "empty", &body, &len), EA_OK);
    assert_int_equal(len, 0);
    free(body);
    assert_int_equal(ea_store_body_get(st, "missing", &body, &len), EA_NOTFOUND);
    assert_int_equal(ea_store_body_put(st, "../x", "a", 1), EA_INVAL);
    assert_int_equal(ea_store_body_put(st, "", "a", 1), EA_INVAL);
    assert_int_equal(ea_store_body_put(st, "big", big.buf, (size_t)EA_MAX_BODY + 1), EA_LIMIT);
    /* Pruning keeps what the newest finished run's pages refer to ("aa11", "bb22" from the
     * fixture) and drops the rest. */
    assert_int_equal(ea_store_body_put(st, "aa11", "<p>am</p>", 9), EA_OK);
    assert_int_equal(ea_store_body_put(st, "bb22", "<p>x</p>", 8), EA_OK);
    (void)fixture_run(st, "2026-11-26", 'A');
    size_t removed = 0;
    assert_int_equal(ea_store_bodies_prune(st, 1, &removed), EA_OK);
    assert_int_equal(removed, 2); /* abc123, empty */
    assert_int_equal(ea_store_body_get(st, "aa11", &body, &len), EA_OK);
    assert_string_equal(body, "<p>am</p>");
    free(body);
    assert_int_equal(ea_store_body_get(st, "abc123", &body, &len), EA_NOTFOUND);
    assert_int_equal(ea_store_body_put(st, "abc123", big.buf, big.len), EA_OK);
    ea_store_close(st);
    /* Compressed: the repetitive 200 KB body takes far less room. */
    long long stored = atoll(sql_value(db, "SELECT length(zbody) FROM bodies WHERE hash='abc123'"));
    assert_true(stored > 0 && stored * 10 < (long long)big.len);
    assert_string_equal(sql_value(db, "SELECT count(*) FROM bodies"), "3");
    ea_buf_release(&big);
}

/* The audit's store thread: a second connection writes while the writer's reads. */
struct writer_arg {
    struct ea_store *st;
    int failures;
};

static void *put_bodies(void *vp)
{
    struct writer_arg *w = vp;
    char hash[32], body[64];
    for (int i = 0; i < 200; i++) {
        snprintf(hash, sizeof(hash), "h%d", i);
        snprintf(body, sizeof(body), "<p>lapa %d</p>", i);
        w->failures += ea_store_body_put(w->st, hash, body, strlen(body)) != EA_OK;
    }
    return NULL;
}

static void test_second_connection(void **state)
{
    (void)state;
    struct ea_store *st = NULL, *second = NULL, *other = NULL;
    char *body = NULL;
    size_t len = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_body_put(st, "first", "<p>1</p>", 8), EA_OK);
    assert_int_equal(ea_store_open_second(st, &second), EA_OK);
    struct writer_arg w = { .st = second };
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, put_bodies, &w), 0);
    for (int i = 0; i < 200; i++) {
        assert_int_equal(ea_store_body_get(st, "first", &body, &len), EA_OK);
        free(body);
    }
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(w.failures, 0);
    /* What the second connection wrote, the writer's connection reads. */
    assert_int_equal(ea_store_body_get(st, "h199", &body, &len), EA_OK);
    assert_string_equal(body, "<p>lapa 199</p>");
    free(body);
    /* The second connection holds no lock of its own: the writer's still keeps others out. */
    assert_int_equal(ea_store_open(db, &other), EA_IO);
    ea_store_close(second);
    assert_int_equal(ea_store_open(db, &other), EA_IO);
    ea_store_close(st);
    assert_int_equal(ea_store_open(db, &other), EA_OK);
    ea_store_close(other);
    assert_string_equal(sql_value(db, "SELECT count(*) FROM bodies"), "201");
}

/* Schema 3: a rule that judged nothing on a page is not a row; it comes back as zeros, in the
 * order the rules ran, for every checked page - also one where every rule found nothing. */
static void test_inapplicable_not_stored(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    long long run = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_run_begin(st, "2026-11-27", &run), EA_OK);

    static const char *const ids[] = { "zeta", "alpha", "mid" }; /* run order, not sorted */
    struct ea_results some, none;
    ea_results_init(&some, NULL);
    ea_results_init(&none, NULL);
    for (size_t i = 0; i < 3; i++) {
        ea_results_begin(&some, ids[i]);
        ea_results_begin(&none, ids[i]);
    }
    some.rules[1].count[EA_OUTCOME_VIOLATION] = 2; /* only "alpha" applied */
    struct ea_store_page pages[] = {
        { .url = "https://x.lv/", .status = 200, .results = &some },
        { .url = "https://x.lv/empty", .status = 200, .results = &none },
        { .url = "https://x.lv/gone", .status = 404 },
    };
    struct ea_sheet_row row;
    ea_row_init(&row);
    ea_row_set(&row, EA_COL_ID, "x");
    assert_int_equal(ea_store_put_site(st, run, 0, &row, pages, 3), EA_OK);
    ea_row_set(&row, EA_COL_ID, "y");
    assert_int_equal(ea_store_put_site(st, run, 1, &row, pages, 1), EA_OK);
    ea_row_release(&row);
    assert_int_equal(ea_store_run_end(st, run, 2), EA_OK);

    /* One row of rule_results per site (the applicable rule); the run's rules listed once. */
    assert_string_equal(sql_value(db, "SELECT count(*) FROM rule_results"), "2");
    assert_string_equal(sql_value(db, "SELECT group_concat(rule, ',') FROM (SELECT rule FROM "
                                      "run_rules ORDER BY seq)"),
                        "zeta,alpha,mid");

    struct ea_store_site_rec s;
    assert_int_equal(ea_store_site_load(st, run, "x", &s), EA_OK);
    assert_int_equal(s.npages, 3);
    assert_true(s.pages[0].audited);
    assert_true(s.pages[1].audited); /* checked, though no rule applied */
    assert_false(s.pages[2].audited);
    assert_int_equal(s.ntallies, 6);
    for (size_t t = 0; t < 6; t++) {
        assert_int_equal(s.tallies[t].page, t / 3);
        assert_string_equal(s.tallies[t].rule, ids[t % 3]);
        long long want = t == 1 ? 2 : 0;
        assert_int_equal(s.tallies[t].count[EA_OUTCOME_VIOLATION], want);
        assert_int_equal(s.tallies[t].count[EA_OUTCOME_PASS], 0);
    }
    ea_store_site_rec_release(&s);
    ea_results_release(&some);
    ea_results_release(&none);
    ea_store_close(st);
    assert_string_equal(sql_value(db, "PRAGMA foreign_key_check"), "");
}

/* Schema 4: a site stored in parts (row, pages as checked, answers last) is not there for
 * readers until its end; beginning it again (a resumed run) replaces the parts; pages of an
 * unended site are no previous run's record either. */
static void test_site_in_parts(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    long long run = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_run_begin(st, "2026-11-27", &run), EA_OK);
    struct ea_results res;
    ea_results_init(&res, NULL);
    ea_results_begin(&res, "image-alt");
    res.rules[0].count[EA_OUTCOME_VIOLATION] = 1;
    struct ea_store_page p1[] = {
        { .url = "https://x.lv/", .status = 200, .results = &res, .etag = "\"e1\"" },
        { .url = "https://x.lv/a", .status = 200, .results = &res },
    };
    struct ea_store_page p2[] = { { .url = "https://x.lv/b", .status = 404 } };
    struct ea_store_page p3[] = { { .url = "https://x.lv/c", .status = 200, .results = &res } };

    /* A night killed after two batches: nothing of x shows. */
    assert_int_equal(ea_store_site_begin(st, run, 0, "x", p1, 2), EA_OK);
    assert_int_equal(ea_store_site_pages(st, run, "x", p2, 1), EA_OK);
    char **ids = NULL;
    size_t nids = 0;
    assert_int_equal(ea_store_run_site_ids(st, run, &ids, &nids), EA_OK);
    assert_int_equal(nids, 0);
    ea_store_ids_free(ids, nids);
    struct ea_store_site_rec s;
    assert_int_equal(ea_store_site_load(st, run, "x", &s), EA_NOTFOUND);
    struct ea_store_run r;
    assert_int_equal(ea_store_run_get(st, run, &r), EA_OK);
    assert_int_equal(r.nsites, 0);
    ea_store_run_release(&r);
    assert_int_equal(ea_store_run_end(st, run, 0), EA_OK);
    struct ea_store_prev prev;
    assert_int_equal(ea_store_prev_page(st, "x", "https://x.lv/", &prev), EA_NOTFOUND);

    /* The next run does x again, in parts, to its end. */
    long long run2 = 0;
    assert_int_equal(ea_store_run_begin(st, "2026-11-28", &run2), EA_OK);
    assert_int_equal(ea_store_site_begin(st, run2, 0, "x", p1, 2), EA_OK);
    assert_int_equal(ea_store_site_pages(st, run2, "x", p2, 1), EA_OK);
    /* ... and once more from the start (a resume): the first parts are replaced. */
    assert_int_equal(ea_store_site_begin(st, run2, 0, "x", p1, 2), EA_OK);
    assert_int_equal(ea_store_site_pages(st, run2, "x", p2, 1), EA_OK);
    struct ea_sheet_row row;
    ea_row_init(&row);
    ea_row_set(&row, EA_COL_ID, "x");
    ea_row_set(&row, EA_COL_REACHABLE, "1");
    struct ea_store_site site = { .row = &row, .pages = p3, .npages = 1 };
    assert_int_equal(ea_store_site_end(st, run2, &site), EA_OK);
    /* Ending a site that was never begun is an error, and stores nothing. */
    ea_row_set(&row, EA_COL_ID, "never");
    assert_int_not_equal(ea_store_site_end(st, run2, &site), EA_OK);
    ea_row_release(&row);
    assert_int_equal(ea_store_run_end(st, run2, 1), EA_OK);

    assert_int_equal(ea_store_site_load(st, run2, "x", &s), EA_OK);
    assert_int_equal(s.npages, 4);
    assert_string_equal(s.pages[0].url, "https://x.lv/");
    assert_string_equal(s.pages[2].url, "https://x.lv/b");
    assert_string_equal(s.pages[3].url, "https://x.lv/c");
    assert_string_equal(s.row.cells[EA_COL_REACHABLE], "1");
    ea_store_site_rec_release(&s);
    assert_int_equal(ea_store_prev_page(st, "x", "https://x.lv/", &prev), EA_OK);
    assert_int_equal(prev.run_id, run2);
    ea_store_prev_release(&prev);
    assert_string_equal(sql_value(db, "SELECT count(*) FROM pages WHERE run_id = 2"), "4");
    /* Listed once for each run, though the site came in parts (and twice). */
    assert_string_equal(sql_value(db, "SELECT group_concat(run_id) FROM run_rules"), "1,2");
    ea_results_release(&res);
    ea_store_close(st);
    assert_string_equal(sql_value(db, "PRAGMA foreign_key_check"), "");
}

static void test_prev_page(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    struct ea_store_prev prev;
    long long run = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_prev_page(st, "am", "https://www.mod.gov.lv/", &prev), EA_NOTFOUND);
    long long a = fixture_run(st, "2026-11-26", 'A');
    /* An unfinished run is not "previous": its record is not trusted yet. */
    assert_int_equal(ea_store_run_begin(st, "2026-11-27", &run), EA_OK);
    struct ea_sheet_row row;
    ea_row_init(&row);
    ea_row_set(&row, EA_COL_ID, "am");
    struct ea_store_page p = { .url = "https://www.mod.gov.lv/", .status = 200, .etag = "\"v2\"" };
    assert_int_equal(ea_store_put_site(st, run, 0, &row, &p, 1), EA_OK);
    ea_row_release(&row);
    assert_int_equal(ea_store_prev_page(st, "am", "https://www.mod.gov.lv/", &prev), EA_OK);
    assert_int_equal(prev.run_id, a);
    assert_string_equal(prev.etag, "\"v1\"");
    assert_string_equal(prev.last_modified, "Wed, 25 Nov 2026 10:00:00 GMT");
    assert_string_equal(prev.content_hash, "aa11");
    assert_string_equal(prev.final_url, "https://www.mod.gov.lv/lv");
    ea_store_prev_release(&prev);
    /* Robots-excluded URLs were never fetched: nothing to revalidate. */
    assert_int_equal(ea_store_prev_page(st, "am", "https://www.mod.gov.lv/admin/", &prev),
                     EA_NOTFOUND);
    assert_int_equal(ea_store_prev_page(st, "vni", "https://www.mod.gov.lv/", &prev), EA_NOTFOUND);
    long long unfinished = 0;
    assert_int_equal(ea_store_run_unfinished(st, &unfinished), EA_OK);
    assert_int_equal(unfinished, run);
    assert_int_equal(ea_store_run_end(st, run, 1), EA_OK);
    assert_int_equal(ea_store_prev_page(st, "am", "https://www.mod.gov.lv/", &prev), EA_OK);
    assert_string_equal(prev.etag, "\"v2\"");
    assert_null(prev.content_hash);
    ea_store_prev_release(&prev);
    assert_int_equal(ea_store_run_unfinished(st, &unfinished), EA_NOTFOUND);
    long long latest = 0;
    assert_int_equal(ea_store_run_latest(st, true, &latest), EA_OK);
    assert_int_equal(latest, run);
    ea_store_close(st);
}

/* Resume: a child audit writing many sites is SIGKILLed at an arbitrary moment (probably
 * inside a site's transaction); the resumed run gets every site exactly once. */
#define KILL_SITES 40
#define KILL_PAGES 30

static void put_numbered_site(struct ea_store *st, long long run, size_t i)
{
    struct ea_sheet_row row;
    struct ea_store_page pages[KILL_PAGES];
    char id[16], urls[KILL_PAGES][64];
    ea_row_init(&row);
    snprintf(id, sizeof(id), "s%02zu", i);
    ea_row_set(&row, EA_COL_ID, id);
    ea_row_set_bool(&row, EA_COL_REACHABLE, true);
    for (size_t p = 0; p < KILL_PAGES; p++) {
        snprintf(urls[p], sizeof(urls[p]), "https://%s.example.lv/%zu", id, p);
        pages[p] = (struct ea_store_page){ .url = urls[p], .status = 200, .depth = 1 };
    }
    assert_int_equal(ea_store_put_site(st, run, i, &row, pages, KILL_PAGES), EA_OK);
    ea_row_release(&row);
}

static void test_resume_after_sigkill(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct ea_store *st = NULL;
        long long run = 0;
        close(fds[0]);
        if (ea_store_open(db, &st) != EA_OK || ea_store_run_begin(st, "2026-11-27", &run) != EA_OK)
            _exit(1);
        for (size_t i = 0;; i = (i + 1) % KILL_SITES) { /* rewrites until killed */
            put_numbered_site(st, run, i);
            if (write(fds[1], "x", 1) != 1)
                _exit(1);
        }
    }
    close(fds[1]);
    char c;
    for (int i = 0; i < 7; i++)
        assert_int_equal(read(fds[0], &c, 1), 1);
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    close(fds[0]);

    struct ea_store *st = NULL;
    long long run = 0;
    char **ids = NULL;
    size_t nids = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK); /* the dead child's lock is gone */
    assert_int_equal(ea_store_run_unfinished(st, &run), EA_OK);
    assert_int_equal(ea_store_run_site_ids(st, run, &ids, &nids), EA_OK);
    assert_true(nids >= 7 && nids <= KILL_SITES);
    for (size_t i = 0; i < nids; i++) { /* every stored site is whole */
        struct ea_store_site_rec s;
        assert_int_equal(ea_store_site_load(st, run, ids[i], &s), EA_OK);
        assert_int_equal(s.npages, KILL_PAGES);
        ea_store_site_rec_release(&s);
    }
    /* Resume: store only the sites the run does not have. */
    for (size_t i = 0; i < KILL_SITES; i++) {
        char id[16];
        bool done = false;
        snprintf(id, sizeof(id), "s%02zu", i);
        for (size_t k = 0; k < nids; k++)
            done |= strcmp(ids[k], id) == 0;
        if (!done)
            put_numbered_site(st, run, i);
    }
    ea_store_ids_free(ids, nids);
    assert_int_equal(ea_store_run_end(st, run, KILL_SITES), EA_OK);
    ea_store_close(st);
    assert_string_equal(sql_value(db, "PRAGMA integrity_check"), "ok");
    assert_string_equal(sql_value(db, "SELECT count(*) FROM sites"), "40");
    assert_string_equal(sql_value(db, "SELECT count(DISTINCT site_id) FROM sites"), "40");
    assert_string_equal(sql_value(db, "SELECT count(*) FROM pages"), "1200");
    assert_string_equal(sql_value(db, "SELECT count(*) FROM (SELECT site_id, url FROM pages "
                                      "GROUP BY site_id, url HAVING count(*) > 1)"),
                        "0");
}

/* Bad databases: a clear refusal and the file byte for byte as it was. */
static void expect_untouched(const char *path, enum ea_err want)
{
    size_t before_len, after_len;
    char *before = slurp(path, &before_len);
    struct ea_store *st = NULL;
    assert_int_equal(ea_store_open(path, &st), want);
    assert_null(st);
    assert_int_equal(ea_store_open_reader(path, &st), want);
    assert_null(st);
    char *after = slurp(path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
}

static void test_bad_databases(void **state)
{
    (void)state;
    char path[160];
    struct ea_store *st = NULL;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    ea_store_close(st);
    sql_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
    expect_untouched(db, EA_DB);

    snprintf(path, sizeof(path), "%s/notadb.sqlite", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("this is not an SQLite database, only text\n", f);
    fclose(f);
    expect_untouched(path, EA_DB);

    /* The reader never creates a database. */
    snprintf(path, sizeof(path), "%s/absent.sqlite", dir);
    assert_int_equal(ea_store_open_reader(path, &st), EA_NOTFOUND);
    assert_int_not_equal(access(path, F_OK), 0);
    /* A folder where the database should be. */
    snprintf(path, sizeof(path), "%s/folder.sqlite", dir);
    assert_int_equal(mkdir(path, 0777), 0);
    st = NULL;
    assert_int_not_equal(ea_store_open(path, &st), EA_OK);
    assert_null(st);
}

/* A full disk while storing a site (here a file size limit): the site fails cleanly, the
 * sites stored before it stay whole and the file passes integrity_check. */
static void test_full_disk(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    long long run = 0;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_run_begin(st, "2026-11-27", &run), EA_OK);
    put_numbered_site(st, run, 0);
    ea_store_close(st);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct ea_store *c = NULL;
        if (ea_store_open(db, &c) != EA_OK)
            _exit(2);
        signal(SIGXFSZ, SIG_IGN); /* write() then fails with EFBIG, as on a full disk */
        struct stat sb;
        char wal[160];
        snprintf(wal, sizeof(wal), "%s-wal", db);
        rlim_t cap = (rlim_t)(stat(wal, &sb) == 0 ? sb.st_size : 0) + 8192;
        struct rlimit lim = { .rlim_cur = cap, .rlim_max = cap };
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
            _exit(3);
        struct ea_sheet_row row;
        struct ea_store_page p = { .url = "https://big.example.lv/", .status = 200 };
        struct ea_store_site site = { .row = &row, .pages = &p, .npages = 1 };
        char *excerpt = ea_xmalloc(200000);
        memset(excerpt, 'x', 199999);
        excerpt[199999] = '\0';
        ea_row_init(&row);
        ea_row_set(&row, EA_COL_ID, "big");
        for (size_t col = 0; col < EA_COL_COUNT; col++)
            ea_row_set(&row, (enum ea_col)col, col == EA_COL_ID ? "big" : excerpt);
        enum ea_err err = ea_store_put_site_full(c, run, 1, &site);
        _exit(err == EA_DB ? 0 : 4);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_string_equal(sql_value(db, "PRAGMA integrity_check"), "ok");
    assert_string_equal(sql_value(db, "SELECT group_concat(site_id) FROM sites"), "s00");
    assert_string_equal(sql_value(db, "SELECT count(*) FROM pages"), "30");
}

/* A write-protected database (root ignores modes, so the child drops to nobody). */
static void test_read_only(void **state)
{
    (void)state;
    struct ea_store *st = NULL;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    long long run = fixture_run(st, "2026-11-26", 'A');
    ea_store_close(st);
    sql_exec(db, "PRAGMA journal_mode = DELETE");
    char folder[128];
    snprintf(folder, sizeof(folder), "%s/var", dir);
    assert_int_equal(chmod(dir, 0755), 0);
    assert_int_equal(chmod(folder, 0777), 0);
    assert_int_equal(chmod(db, 0444), 0);
    char lock[160];
    snprintf(lock, sizeof(lock), "%s.lock", db);
    assert_int_equal(unlink(lock), 0); /* root's lock file would refuse nobody first */
    size_t before_len, after_len;
    char *before = slurp(db, &before_len);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        struct ea_store *w = NULL, *r = NULL;
        if (ea_store_open(db, &w) != EA_IO)
            _exit(3);
        if (ea_store_open_reader(db, &r) != EA_OK)
            _exit(4);
        struct ea_store_site_rec s;
        if (ea_store_site_load(r, run, "am", &s) != EA_OK || s.npages != 3)
            _exit(5);
        ea_store_site_rec_release(&s);
        ea_store_close(r);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
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
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crawl_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inapplicable_not_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_second_connection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prev_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_site_in_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_after_sigkill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_databases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#include "store/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

#define SCHEMA_VERSION 1

struct ea_store {
    sqlite3 *db; /* owned */
    char *path;  /* owned */
};

static const char schema_v1[] =
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  started TEXT NOT NULL,"
    "  finished TEXT,"
    "  audit_date TEXT NOT NULL,"
    "  version TEXT NOT NULL,"
    "  sites INTEGER);"
    "CREATE TABLE sites ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  site_id TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  PRIMARY KEY (run_id, site_id));"
    "CREATE TABLE answers ("
    "  run_id INTEGER NOT NULL,"
    "  site_id TEXT NOT NULL,"
    "  col TEXT NOT NULL,"
    "  value TEXT,"
    "  PRIMARY KEY (run_id, site_id, col),"
    "  FOREIGN KEY (run_id, site_id) REFERENCES sites(run_id, site_id) ON DELETE CASCADE);"
    "CREATE TABLE pages ("
    "  id INTEGER PRIMARY KEY,"
    "  run_id INTEGER NOT NULL,"
    "  site_id TEXT NOT NULL,"
    "  url TEXT NOT NULL,"
    "  final_url TEXT,"
    "  status INTEGER,"
    "  error TEXT,"
    "  encoding TEXT,"
    "  FOREIGN KEY (run_id, site_id) REFERENCES sites(run_id, site_id) ON DELETE CASCADE);"
    "CREATE TABLE rule_results ("
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,"
    "  rule TEXT NOT NULL,"
    "  passes INTEGER NOT NULL,"
    "  violations INTEGER NOT NULL,"
    "  incomplete INTEGER NOT NULL,"
    "  PRIMARY KEY (page_id, rule));"
    "CREATE TABLE findings ("
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,"
    "  rule TEXT NOT NULL,"
    "  outcome TEXT NOT NULL,"
    "  line INTEGER,"
    "  col INTEGER,"
    "  target TEXT,"
    "  html TEXT,"
    "  message TEXT);"
    "CREATE INDEX findings_page ON findings(page_id);"
    "CREATE INDEX pages_run_site ON pages(run_id, site_id);";

static void complain(const struct ea_store *st, const char *what)
{
    ea_log_error("database '%s': %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static enum ea_err exec(struct ea_store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        ea_log_error("database '%s': %s", st->path, msg ? msg : "unknown error");
        sqlite3_free(msg);
        return EA_DB;
    }
    return EA_OK;
}

/* mkdir -p of path's folder. */
static enum ea_err make_parent(const char *path)
{
    char *dir = ea_xstrdup(path);
    char *slash = strrchr(dir, '/');
    enum ea_err result = EA_OK;
    if (!slash || slash == dir)
        goto out;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST)
            result = EA_IO;
        *p = '/';
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        result = EA_IO;
    if (result != EA_OK)
        ea_log_error("cannot create folder '%s' for the database: %s", dir, strerror(errno));
out:
    free(dir);
    return result;
}

static int user_version(struct ea_store *st)
{
    sqlite3_stmt *q = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

static enum ea_err migrate(struct ea_store *st)
{
    int v = user_version(st);
    if (v < 0) {
        complain(st, "cannot read the schema version (is it an SQLite database?)");
        return EA_DB;
    }
    if (v > SCHEMA_VERSION) {
        ea_log_error("database '%s' has schema version %d, newer than this eaudit knows (%d); "
                     "upgrade eaudit",
                     st->path, v, SCHEMA_VERSION);
        return EA_DB;
    }
    if (v == SCHEMA_VERSION)
        return EA_OK;
    /* v == 0: a new database. Later versions add "if (v < N)" steps here. */
    enum ea_err err = exec(st, "BEGIN");
    if (err == EA_OK)
        err = exec(st, schema_v1);
    if (err == EA_OK)
        err = exec(st, "PRAGMA user_version = 1");
    if (err == EA_OK)
        return exec(st, "COMMIT");
    (void)exec(st, "ROLLBACK");
    return err;
}

enum ea_err ea_store_open(const char *path, struct ea_store **out)
{
    struct ea_store *st = ea_xcalloc(1, sizeof(*st));
    enum ea_err result = EA_DB;

    st->path = ea_xstrdup(path);
    if (make_parent(path) != EA_OK) {
        result = EA_IO;
        goto out;
    }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        complain(st, "cannot open");
        goto out;
    }
    sqlite3_busy_timeout(st->db, 10000);
    if (exec(st, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;") != EA_OK)
        goto out;
    if (migrate(st) != EA_OK)
        goto out;
    *out = st;
    st = NULL;
    result = EA_OK;
out:
    ea_store_close(st);
    return result;
}

void ea_store_close(struct ea_store *st)
{
    if (!st)
        return;
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

static void now_iso(char *out, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

enum ea_err ea_store_run_begin(struct ea_store *st, const char *audit_date, long long *run_id)
{
    sqlite3_stmt *q = NULL;
    char now[32];
    enum ea_err result = EA_DB;

    now_iso(now, sizeof(now));
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO runs (started, audit_date, version) VALUES (?, ?, ?)", -1,
                           &q, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_text(q, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, audit_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, EA_VERSION, -1, SQLITE_STATIC);
    if (sqlite3_step(q) != SQLITE_DONE)
        goto out;
    *run_id = sqlite3_last_insert_rowid(st->db);
    result = EA_OK;
out:
    if (result != EA_OK)
        complain(st, "cannot start a run");
    sqlite3_finalize(q);
    return result;
}

static void bind_opt(sqlite3_stmt *q, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

static enum ea_err put_page(struct ea_store *st, long long run_id, const char *site_id,
                            const struct ea_store_page *p, sqlite3_stmt *ins_page,
                            sqlite3_stmt *ins_rule, sqlite3_stmt *ins_finding)
{
    sqlite3_reset(ins_page);
    sqlite3_bind_int64(ins_page, 1, run_id);
    sqlite3_bind_text(ins_page, 2, site_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_page, 3, p->url, -1, SQLITE_TRANSIENT);
    bind_opt(ins_page, 4, p->final_url);
    sqlite3_bind_int64(ins_page, 5, p->status);
    bind_opt(ins_page, 6, p->error);
    bind_opt(ins_page, 7, p->encoding);
    if (sqlite3_step(ins_page) != SQLITE_DONE)
        return EA_DB;
    long long page_id = sqlite3_last_insert_rowid(st->db);
    const struct ea_results *r = p->results;
    if (!r)
        return EA_OK;
    for (size_t i = 0; i < r->nrules; i++) {
        const struct ea_rule_result *rr = &r->rules[i];
        sqlite3_reset(ins_rule);
        sqlite3_bind_int64(ins_rule, 1, page_id);
        sqlite3_bind_text(ins_rule, 2, rr->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_rule, 3, (sqlite3_int64)rr->count[EA_OUTCOME_PASS]);
        sqlite3_bind_int64(ins_rule, 4, (sqlite3_int64)rr->count[EA_OUTCOME_VIOLATION]);
        sqlite3_bind_int64(ins_rule, 5, (sqlite3_int64)rr->count[EA_OUTCOME_INCOMPLETE]);
        if (sqlite3_step(ins_rule) != SQLITE_DONE)
            return EA_DB;
    }
    for (size_t i = 0; i < r->nfindings; i++) {
        const struct ea_finding *f = &r->findings[i];
        if (f->outcome == EA_OUTCOME_PASS)
            continue;
        sqlite3_reset(ins_finding);
        sqlite3_bind_int64(ins_finding, 1, page_id);
        sqlite3_bind_text(ins_finding, 2, r->rules[f->rule].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_finding, 3, ea_outcome_name(f->outcome), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_finding, 4, f->line);
        sqlite3_bind_int64(ins_finding, 5, f->column);
        bind_opt(ins_finding, 6, f->target);
        bind_opt(ins_finding, 7, f->html);
        bind_opt(ins_finding, 8, f->message);
        if (sqlite3_step(ins_finding) != SQLITE_DONE)
            return EA_DB;
    }
    return EA_OK;
}

enum ea_err ea_store_put_site(struct ea_store *st, long long run_id, size_t seq,
                              const struct ea_sheet_row *row, const struct ea_store_page *pages,
                              size_t npages)
{
    sqlite3_stmt *ins_site = NULL, *ins_answer = NULL, *ins_page = NULL, *ins_rule = NULL,
                 *ins_finding = NULL;
    const char *site_id = row->cells[EA_COL_ID];
    enum ea_err result = EA_DB;

    if (exec(st, "BEGIN") != EA_OK)
        return EA_DB;
    if (sqlite3_prepare_v2(st->db, "INSERT INTO sites (run_id, site_id, seq) VALUES (?, ?, ?)", -1,
                           &ins_site, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO answers (run_id, site_id, col, value) VALUES (?, ?, ?, ?)",
                           -1, &ins_answer, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO pages (run_id, site_id, url, final_url, status, error, "
                           "encoding) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           -1, &ins_page, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO rule_results (page_id, rule, passes, violations, "
                           "incomplete) VALUES (?, ?, ?, ?, ?)",
                           -1, &ins_rule, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO findings (page_id, rule, outcome, line, col, target, html, "
                           "message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &ins_finding, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(ins_site, 1, run_id);
    sqlite3_bind_text(ins_site, 2, site_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins_site, 3, (sqlite3_int64)seq);
    if (sqlite3_step(ins_site) != SQLITE_DONE)
        goto out;
    for (size_t c = 0; c < EA_COL_COUNT; c++) {
        sqlite3_reset(ins_answer);
        sqlite3_bind_int64(ins_answer, 1, run_id);
        sqlite3_bind_text(ins_answer, 2, site_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_answer, 3, ea_columns[c].name, -1, SQLITE_STATIC);
        bind_opt(ins_answer, 4, row->cells[c]);
        if (sqlite3_step(ins_answer) != SQLITE_DONE)
            goto out;
    }
    for (size_t i = 0; i < npages; i++)
        if (put_page(st, run_id, site_id, &pages[i], ins_page, ins_rule, ins_finding) != EA_OK)
            goto out;
    result = EA_OK;
out:
    sqlite3_finalize(ins_site);
    sqlite3_finalize(ins_answer);
    sqlite3_finalize(ins_page);
    sqlite3_finalize(ins_rule);
    sqlite3_finalize(ins_finding);
    if (result == EA_OK)
        return exec(st, "COMMIT");
    complain(st, "cannot store a site");
    (void)exec(st, "ROLLBACK");
    return result;
}

enum ea_err ea_store_run_end(struct ea_store *st, long long run_id, size_t nsites)
{
    sqlite3_stmt *q = NULL;
    char now[32];
    enum ea_err result = EA_DB;

    now_iso(now, sizeof(now));
    if (sqlite3_prepare_v2(st->db, "UPDATE runs SET finished = ?, sites = ? WHERE id = ?", -1, &q,
                           NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_text(q, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)nsites);
    sqlite3_bind_int64(q, 3, run_id);
    if (sqlite3_step(q) != SQLITE_DONE)
        goto out;
    result = EA_OK;
out:
    if (result != EA_OK)
        complain(st, "cannot finish the run");
    sqlite3_finalize(q);
    return result;
}

#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"

/* A content hash longer than any digest in hex (SHA-512 is 128) is not a hash. */
#define MAX_HASH 128
/* Prepared statements a connection keeps (the store has ~25 queries): an audit runs the same
 * few tens of thousands of times (a body and a page row per page), and preparing one costs
 * more than running it. */
#define MAX_CACHED_STMTS 32

struct ea_store {
    sqlite3 *db; /* owned */
    char *path;  /* owned */
    int lock_fd; /* owned: the writer's lock file, -1 for readers */
    struct {
        char *sql;       /* owned */
        sqlite3_stmt *q; /* owned */
    } stmts[MAX_CACHED_STMTS];
    size_t nstmts;
    /* The rules run_rules lists for run listed_run, as last written (0: none known). */
    long long listed_run;
    char **listed; /* owned */
    size_t nlisted;
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

/* v1 -> v2: run options, answer evidence, page validators/hash/timings/redirects, bodies. */
static const char schema_v2[] =
    "ALTER TABLE runs ADD COLUMN options TEXT;"
    "ALTER TABLE answers ADD COLUMN evidence_url TEXT;"
    "ALTER TABLE answers ADD COLUMN evidence_excerpt TEXT;"
    "ALTER TABLE pages ADD COLUMN redirects TEXT;"
    "ALTER TABLE pages ADD COLUMN etag TEXT;"
    "ALTER TABLE pages ADD COLUMN last_modified TEXT;"
    "ALTER TABLE pages ADD COLUMN content_hash TEXT;"
    "ALTER TABLE pages ADD COLUMN content_type TEXT;"
    "ALTER TABLE pages ADD COLUMN referrer TEXT;"
    "ALTER TABLE pages ADD COLUMN bytes INTEGER;"
    "ALTER TABLE pages ADD COLUMN fetch_seconds REAL;"
    "ALTER TABLE pages ADD COLUMN first_byte_seconds REAL;"
    "ALTER TABLE pages ADD COLUMN depth INTEGER;"
    "ALTER TABLE pages ADD COLUMN not_modified INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE pages ADD COLUMN robots_excluded INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX pages_site_url ON pages(site_id, url);"
    "CREATE TABLE bodies ("
    "  hash TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL,"
    "  zbody BLOB NOT NULL,"
    "  stored TEXT NOT NULL);";

/* v2 -> v3: a rule that found nothing on a page (inapplicable there) is no longer a row of
 * zeros in rule_results - those were ~80% of its rows, most of the time spent storing a site
 * and most of the database's growth per night. The run's rules are listed once instead, in
 * the order they ran, and the loader gives each checked page a zero tally for every rule of
 * the run it has no row for, so readers see what they saw before. pages.checked says the
 * checks ran on a page (before v3 its tallies said so). */
static const char schema_v3[] = "CREATE TABLE run_rules ("
                                "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                                "  seq INTEGER NOT NULL,"
                                "  rule TEXT NOT NULL,"
                                "  PRIMARY KEY (run_id, rule));"
                                "ALTER TABLE pages ADD COLUMN checked INTEGER NOT NULL DEFAULT 0;";

/* v3 -> v4: an audit stores a site as it goes (its row first, its pages as they are checked,
 * its answers last) instead of all at its end, so that a site's results need not wait in
 * memory. complete says the answers are in: readers see complete sites only, and a resumed
 * run redoes the others. Sites stored before v4 were complete. */
static const char schema_v4[] = "ALTER TABLE sites ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;";

/* v4 -> v5: what the crawl of a site met besides its pages (struct ea_store_crawl), so that
 * the reports can say why a site has fewer pages than the budget: robots.txt unreachable,
 * the site given up, links cut as traps or left at the budget, a sitemap cut (NULL in sites
 * stored before); and pages.truncated, a page cut at the body cap (0 before). */
static const char schema_v5[] =
    "ALTER TABLE sites ADD COLUMN robots_unreachable INTEGER;"
    "ALTER TABLE sites ADD COLUMN given_up INTEGER;"
    "ALTER TABLE sites ADD COLUMN sitemap_cut INTEGER;"
    "ALTER TABLE sites ADD COLUMN max_pages INTEGER;"
    "ALTER TABLE sites ADD COLUMN robots_blocked INTEGER;"
    "ALTER TABLE sites ADD COLUMN robots_unread INTEGER;"
    "ALTER TABLE sites ADD COLUMN trapped INTEGER;"
    "ALTER TABLE sites ADD COLUMN out_of_budget INTEGER;"
    "ALTER TABLE sites ADD COLUMN sitemap_urls INTEGER;"
    "ALTER TABLE sites ADD COLUMN duplicates INTEGER;"
    "ALTER TABLE sites ADD COLUMN crawl_delay REAL;"
    "ALTER TABLE pages ADD COLUMN truncated INTEGER NOT NULL DEFAULT 0;";

static const struct {
    int version;
    const char *sql;
} migrations[] = {
    { 1, schema_v1 }, { 2, schema_v2 }, { 3, schema_v3 }, { 4, schema_v4 }, { 5, schema_v5 },
};

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

/* SQLite rolls back by itself after some errors (a full disk); a second ROLLBACK would only
 * add a confusing message. */
static void rollback(struct ea_store *st)
{
    st->listed_run = 0; /* what run_rules lists may be rolled back too */
    if (!sqlite3_get_autocommit(st->db))
        (void)exec(st, "ROLLBACK");
}

/* A statement for sql, kept by the connection; give it back with unprepare. */
static sqlite3_stmt *prepare(struct ea_store *st, const char *sql)
{
    for (size_t i = 0; i < st->nstmts; i++)
        if (!strcmp(st->stmts[i].sql, sql))
            return st->stmts[i].q;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK) {
        complain(st, "cannot prepare a query");
        sqlite3_finalize(q);
        return NULL;
    }
    if (st->nstmts < MAX_CACHED_STMTS) {
        st->stmts[st->nstmts].sql = ea_xstrdup(sql);
        st->stmts[st->nstmts++].q = q;
    }
    return q;
}

/* Ends a use of a statement from prepare: reset (it holds no lock then) or, when the cache
 * was full, finalized. */
static void unprepare(struct ea_store *st, sqlite3_stmt *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < st->nstmts; i++)
        if (st->stmts[i].q == q) {
            sqlite3_reset(q);
            sqlite3_clear_bindings(q);
            return;
        }
    sqlite3_finalize(q);
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

/* The kernel drops an flock when its holder dies, so a SIGKILLed audit leaves no stale
 * lock behind (a lock row in the database would). */
static enum ea_err take_lock(struct ea_store *st)
{
    struct ea_buf name;
    enum ea_err result = EA_IO;

    ea_buf_init(&name, SIZE_MAX); /* a local path, not network data */
    ea_buf_addf(&name, "%s.lock", st->path);
    st->lock_fd = open(name.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (st->lock_fd < 0) {
        ea_log_error("cannot create the lock file '%s': %s", name.buf, strerror(errno));
        goto out;
    }
    if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = "";
        ssize_t n = pread(st->lock_fd, pid, sizeof(pid) - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        if (errno == EWOULDBLOCK || errno == EAGAIN || n >= 0)
            ea_log_error("database '%s' is in use by another audit%s%s (lock file '%s'); "
                         "wait for it to finish",
                         st->path, *pid ? ", process " : "", pid, name.buf);
        close(st->lock_fd);
        st->lock_fd = -1;
        goto out;
    }
    char pid[32];
    int len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
    if (ftruncate(st->lock_fd, 0) == 0 && len > 0)
        (void)!pwrite(st->lock_fd, pid, (size_t)len, 0);
    result = EA_OK;
out:
    ea_buf_release(&name);
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

/* Reads the version before anything writes: a newer or foreign file stays untouched. */
static enum ea_err check_version(struct ea_store *st, int *version)
{
    int v = user_version(st);
    if (v < 0) {
        complain(st, "cannot read the schema version (is it an SQLite database?)");
        return EA_DB;
    }
    if (v > EA_STORE_SCHEMA_VERSION) {
        ea_log_error("database '%s' has schema version %d, newer than this eaudit knows (%d); "
                     "upgrade eaudit",
                     st->path, v, EA_STORE_SCHEMA_VERSION);
        return EA_DB;
    }
    *version = v;
    return EA_OK;
}

static enum ea_err migrate(struct ea_store *st, int from)
{
    if (from == EA_STORE_SCHEMA_VERSION)
        return EA_OK;
    enum ea_err err = exec(st, "BEGIN IMMEDIATE");
    if (err != EA_OK)
        return err;
    /* Re-read inside the write transaction: another process may have migrated meanwhile. */
    from = user_version(st);
    for (size_t i = 0; i < EA_ARRAY_LEN(migrations) && err == EA_OK; i++) {
        if (migrations[i].version <= from)
            continue;
        err = exec(st, migrations[i].sql);
        if (err == EA_OK) {
            char sql[64];
            snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", migrations[i].version);
            err = exec(st, sql);
        }
    }
    if (err == EA_OK)
        return exec(st, "COMMIT");
    ea_log_error("database '%s': cannot migrate from schema version %d", st->path, from);
    rollback(st);
    return err;
}

static enum ea_err open_db(struct ea_store *st, int flags)
{
    if (sqlite3_open_v2(st->path, &st->db, flags, NULL) != SQLITE_OK) {
        complain(st, "cannot open");
        return EA_DB;
    }
    sqlite3_busy_timeout(st->db, 10000);
    return exec(st, "PRAGMA foreign_keys = ON");
}

enum ea_err ea_store_open(const char *path, struct ea_store **out)
{
    struct ea_store *st = ea_xcalloc(1, sizeof(*st));
    enum ea_err result = EA_DB;
    int version;

    st->path = ea_xstrdup(path);
    st->lock_fd = -1;
    if (make_parent(path) != EA_OK || take_lock(st) != EA_OK) {
        result = EA_IO;
        goto out;
    }
    if (open_db(st, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) != EA_OK)
        goto out;
    /* SQLite silently opens a write-protected file read-only; an audit must write. */
    if (sqlite3_db_readonly(st->db, "main") == 1 || access(path, W_OK) != 0) {
        ea_log_error("database '%s' is read-only; give eaudit write access or choose another "
                     "--db",
                     path);
        result = EA_IO;
        goto out;
    }
    if (check_version(st, &version) != EA_OK)
        goto out;
    /* WAL + synchronous=NORMAL: a committed site survives a crash or SIGKILL of eaudit (only
     * a power cut may lose the last commits, never corrupt the file), without an fsync per
     * stored body. */
    if (exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL") != EA_OK ||
        migrate(st, version) != EA_OK)
        goto out;
    *out = st;
    st = NULL;
    result = EA_OK;
out:
    ea_store_close(st);
    return result;
}

enum ea_err ea_store_open_reader(const char *path, struct ea_store **out)
{
    struct ea_store *st = ea_xcalloc(1, sizeof(*st));
    enum ea_err result = EA_DB;
    struct stat sb;
    int version;

    st->path = ea_xstrdup(path);
    st->lock_fd = -1;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        ea_log_error("no database at '%s': run 'eaudit audit' first or name one with --db", path);
        result = EA_NOTFOUND;
        goto out;
    }
    bool writable = access(path, W_OK) == 0;
    if (open_db(st, writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) != EA_OK ||
        check_version(st, &version) != EA_OK)
        goto out;
    if (version < EA_STORE_SCHEMA_VERSION) {
        if (!writable) {
            ea_log_error("database '%s' has schema version %d and is read-only: it cannot be "
                         "migrated to version %d",
                         path, version, EA_STORE_SCHEMA_VERSION);
            goto out;
        }
        if (migrate(st, version) != EA_OK)
            goto out;
    }
    *out = st;
    st = NULL;
    result = EA_OK;
out:
    ea_store_close(st);
    return result;
}

enum ea_err ea_store_open_second(const struct ea_store *writer, struct ea_store **out)
{
    struct ea_store *st = ea_xcalloc(1, sizeof(*st));
    st->path = ea_xstrdup(writer->path);
    st->lock_fd = -1; /* the writer's */
    /* journal_mode is the file's (WAL since the writer opened it); synchronous is each
     * connection's own. */
    if (open_db(st, SQLITE_OPEN_READWRITE) != EA_OK ||
        exec(st, "PRAGMA synchronous = NORMAL") != EA_OK) {
        ea_store_close(st);
        return EA_DB;
    }
    *out = st;
    return EA_OK;
}

void ea_store_close(struct ea_store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nstmts; i++) {
        sqlite3_finalize(st->stmts[i].q);
        free(st->stmts[i].sql);
    }
    for (size_t i = 0; i < st->nlisted; i++)
        free(st->listed[i]);
    free(st->listed);
    sqlite3_close(st->db);
    if (st->lock_fd >= 0)
        close(st->lock_fd); /* releases the flock; the file stays, harmless */
    free(st->path);
    free(st);
}

enum ea_err ea_store_verify(struct ea_store *st)
{
    static const char *const checks[] = { "PRAGMA integrity_check", "PRAGMA foreign_key_check" };
    enum ea_err result = EA_OK;
    for (size_t i = 0; i < EA_ARRAY_LEN(checks) && result == EA_OK; i++) {
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st->db, checks[i], -1, &q, NULL) != SQLITE_OK) {
            complain(st, "cannot check the database");
            return EA_DB;
        }
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            /* integrity_check answers "ok"; foreign_key_check answers nothing when clean */
            const char *v = (const char *)sqlite3_column_text(q, 0);
            if (i != 0 || !v || strcmp(v, "ok") != 0) {
                ea_log_error("database '%s' is damaged (%s): %s", st->path, checks[i] + 7,
                             v ? v : "?");
                result = EA_DB;
            }
        } else if (rc != SQLITE_DONE) {
            complain(st, "cannot check the database");
            result = EA_DB;
        }
        sqlite3_finalize(q);
    }
    return result;
}

const char *ea_store_path(const struct ea_store *st)
{
    return st->path;
}

static void now_iso(char *out, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void bind_opt(sqlite3_stmt *q, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

/* Binds at most max bytes of s, cut at a UTF-8 character boundary. */
static void bind_capped(sqlite3_stmt *q, int i, const char *s, size_t max)
{
    if (!s) {
        sqlite3_bind_null(q, i);
        return;
    }
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    sqlite3_bind_text(q, i, s, (int)n, SQLITE_TRANSIENT);
}

static char *col_dup(sqlite3_stmt *q, int i)
{
    const unsigned char *s = sqlite3_column_text(q, i);
    return s ? ea_xstrdup((const char *)s) : NULL;
}

/* Runs a statement that returns no rows, then gives it back. */
static enum ea_err step_done(struct ea_store *st, sqlite3_stmt *q, const char *what)
{
    enum ea_err result = EA_OK;
    if (!q)
        return EA_DB;
    if (sqlite3_step(q) != SQLITE_DONE) {
        complain(st, what);
        result = EA_DB;
    }
    unprepare(st, q);
    return result;
}

enum ea_err ea_store_run_begin(struct ea_store *st, const char *audit_date, long long *run_id)
{
    char now[32];
    sqlite3_stmt *q =
        prepare(st, "INSERT INTO runs (started, audit_date, version) VALUES (?, ?, ?)");
    if (!q)
        return EA_DB;
    now_iso(now, sizeof(now));
    sqlite3_bind_text(q, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, audit_date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, EA_VERSION, -1, SQLITE_STATIC);
    enum ea_err err = step_done(st, q, "cannot start a run");
    if (err == EA_OK)
        *run_id = sqlite3_last_insert_rowid(st->db);
    return err;
}

enum ea_err ea_store_run_set_options(struct ea_store *st, long long run_id, const char *options)
{
    sqlite3_stmt *q = prepare(st, "UPDATE runs SET options = ? WHERE id = ?");
    if (!q)
        return EA_DB;
    bind_opt(q, 1, options);
    sqlite3_bind_int64(q, 2, run_id);
    return step_done(st, q, "cannot record the run's options");
}

enum ea_err ea_store_run_end(struct ea_store *st, long long run_id, size_t nsites)
{
    char now[32];
    sqlite3_stmt *q = prepare(st, "UPDATE runs SET finished = ?, sites = ? WHERE id = ?");
    if (!q)
        return EA_DB;
    now_iso(now, sizeof(now));
    sqlite3_bind_text(q, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)nsites);
    sqlite3_bind_int64(q, 3, run_id);
    return step_done(st, q, "cannot finish the run");
}

enum {
    INS_SITE,
    INS_ANSWER,
    INS_PAGE,
    INS_RULE,
    INS_FINDING,
    INS_RUN_RULE,
    DEL_SITE,
    SET_COMPLETE,
    SET_CRAWL,
    NSTMT
};

static const char *const put_sql[NSTMT] = {
    [INS_SITE] = "INSERT INTO sites (run_id, site_id, seq, complete) VALUES (?, ?, ?, 0)",
    [INS_ANSWER] = "INSERT INTO answers (run_id, site_id, col, value, evidence_url, "
                   "evidence_excerpt) VALUES (?, ?, ?, ?, ?, ?)",
    [INS_PAGE] = "INSERT INTO pages (run_id, site_id, url, final_url, status, error, encoding, "
                 "redirects, etag, last_modified, content_hash, content_type, referrer, bytes, "
                 "fetch_seconds, first_byte_seconds, depth, not_modified, robots_excluded, "
                 "checked, truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?, ?, ?)",
    [INS_RULE] = "INSERT INTO rule_results (page_id, rule, passes, violations, incomplete) "
                 "VALUES (?, ?, ?, ?, ?)",
    [INS_FINDING] = "INSERT INTO findings (page_id, rule, outcome, line, col, target, html, "
                    "message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [INS_RUN_RULE] = "INSERT OR IGNORE INTO run_rules (run_id, seq, rule) VALUES (?1, "
                     "(SELECT count(*) FROM run_rules WHERE run_id = ?1), ?2)",
    [DEL_SITE] = "DELETE FROM sites WHERE run_id = ? AND site_id = ?",
    [SET_COMPLETE] = "UPDATE sites SET complete = 1 WHERE run_id = ? AND site_id = ?",
    [SET_CRAWL] = "UPDATE sites SET robots_unreachable = ?3, given_up = ?4, sitemap_cut = ?5, "
                  "max_pages = ?6, robots_blocked = ?7, trapped = ?8, out_of_budget = ?9, "
                  "sitemap_urls = ?10, duplicates = ?11, crawl_delay = ?12, robots_unread = ?13 "
                  "WHERE run_id = ?1 AND site_id = ?2",
};

static bool step_ok(sqlite3_stmt *q)
{
    bool ok = sqlite3_step(q) == SQLITE_DONE;
    sqlite3_reset(q);
    return ok;
}

static bool put_crawl(sqlite3_stmt *q, long long run_id, const char *site_id,
                      const struct ea_store_crawl *c)
{
    sqlite3_bind_int64(q, 1, run_id);
    sqlite3_bind_text(q, 2, site_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 3, c->robots_unreachable);
    sqlite3_bind_int(q, 4, c->given_up);
    sqlite3_bind_int(q, 5, c->sitemap_cut);
    sqlite3_bind_int64(q, 6, c->max_pages);
    sqlite3_bind_int64(q, 7, c->robots_blocked);
    sqlite3_bind_int64(q, 8, c->trapped);
    sqlite3_bind_int64(q, 9, c->out_of_budget);
    sqlite3_bind_int64(q, 10, c->sitemap_urls);
    sqlite3_bind_int64(q, 11, c->duplicates);
    sqlite3_bind_double(q, 12, c->delay);
    sqlite3_bind_int64(q, 13, c->robots_unread);
    return step_ok(q);
}

/* Lists r's rules in run_rules unless they are the ones last listed for the run (they are
 * for every page of an audit: the same checks run everywhere). */
static bool put_run_rules(struct ea_store *st, sqlite3_stmt *const *s, long long run_id,
                          const struct ea_results *r)
{
    if (st->listed_run == run_id && st->nlisted == r->nrules) {
        size_t i = 0;
        while (i < r->nrules && strcmp(st->listed[i], r->rules[i].id) == 0)
            i++;
        if (i == r->nrules)
            return true;
    }
    for (size_t i = 0; i < r->nrules; i++) {
        sqlite3_stmt *q = s[INS_RUN_RULE];
        sqlite3_bind_int64(q, 1, run_id);
        sqlite3_bind_text(q, 2, r->rules[i].id, -1, SQLITE_STATIC);
        if (!step_ok(q))
            return false;
    }
    for (size_t i = 0; i < st->nlisted; i++)
        free(st->listed[i]);
    st->listed = ea_xreallocarray(st->listed, r->nrules ? r->nrules : 1, sizeof(*st->listed));
    for (size_t i = 0; i < r->nrules; i++)
        st->listed[i] = ea_xstrdup(r->rules[i].id);
    st->nlisted = r->nrules;
    st->listed_run = run_id;
    return true;
}

static bool put_results(sqlite3_stmt *const *s, long long page_id, const struct ea_results *r)
{
    for (size_t i = 0; i < r->nrules; i++) {
        const struct ea_rule_result *rr = &r->rules[i];
        if (!ea_rule_result_applicable(rr))
            continue; /* the run's rules say it ran (schema 3) */
        sqlite3_stmt *q = s[INS_RULE];
        sqlite3_bind_int64(q, 1, page_id);
        sqlite3_bind_text(q, 2, rr->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)rr->count[EA_OUTCOME_PASS]);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)rr->count[EA_OUTCOME_VIOLATION]);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)rr->count[EA_OUTCOME_INCOMPLETE]);
        if (!step_ok(q))
            return false;
    }
    for (size_t i = 0; i < r->nfindings; i++) {
        const struct ea_finding *f = &r->findings[i];
        sqlite3_stmt *q = s[INS_FINDING];
        if (f->outcome == EA_OUTCOME_PASS)
            continue;
        sqlite3_bind_int64(q, 1, page_id);
        sqlite3_bind_text(q, 2, r->rules[f->rule].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, ea_outcome_name(f->outcome), -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 4, f->line);
        sqlite3_bind_int64(q, 5, f->column);
        bind_opt(q, 6, f->target);
        bind_opt(q, 7, f->html);
        bind_opt(q, 8, f->message);
        if (!step_ok(q))
            return false;
    }
    return true;
}

static bool put_page(struct ea_store *st, sqlite3_stmt *const *s, long long run_id,
                     const char *site_id, const struct ea_store_page *p)
{
    sqlite3_stmt *q = s[INS_PAGE];
    struct ea_buf hops;
    ea_buf_init(&hops, (EA_MAX_REDIRECTS + 1) * (EA_MAX_URL + 1));
    for (size_t i = 0; i < p->nredirects; i++)
        ea_buf_addf(&hops, "%s%s", i ? "\n" : "", p->redirects[i] ? p->redirects[i] : "");
    sqlite3_bind_int64(q, 1, run_id);
    sqlite3_bind_text(q, 2, site_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, p->url, -1, SQLITE_TRANSIENT);
    bind_opt(q, 4, p->final_url);
    sqlite3_bind_int64(q, 5, p->status);
    bind_opt(q, 6, p->error);
    bind_opt(q, 7, p->encoding);
    bind_opt(q, 8, p->nredirects ? hops.buf : NULL);
    bind_opt(q, 9, p->etag);
    bind_opt(q, 10, p->last_modified);
    bind_opt(q, 11, p->content_hash);
    bind_opt(q, 12, p->content_type);
    bind_opt(q, 13, p->referrer);
    sqlite3_bind_int64(q, 14, p->bytes);
    sqlite3_bind_double(q, 15, p->fetch_seconds);
    sqlite3_bind_double(q, 16, p->first_byte_seconds);
    sqlite3_bind_int(q, 17, p->depth);
    sqlite3_bind_int(q, 18, p->not_modified);
    sqlite3_bind_int(q, 19, p->robots_excluded);
    sqlite3_bind_int(q, 20, p->results != NULL);
    sqlite3_bind_int(q, 21, p->truncated);
    bool ok = step_ok(q);
    ea_buf_release(&hops);
    if (!ok)
        return false;
    long long page_id = sqlite3_last_insert_rowid(st->db);
    return !p->results ||
           (put_run_rules(st, s, run_id, p->results) && put_results(s, page_id, p->results));
}

/* The parts of storing a site, each within the caller's transaction. */
enum site_part {
    PART_BEGIN = 1,
    PART_PAGES = 2,
    PART_END = 4
};

static enum ea_err put_site_parts(struct ea_store *st, long long run_id, size_t seq,
                                  const char *site_id, const struct ea_store_site *site,
                                  unsigned parts)
{
    sqlite3_stmt *s[NSTMT] = { 0 };
    enum ea_err result = EA_DB;

    if (!site_id) {
        ea_log_error("database '%s': a site without an id cannot be stored", st->path);
        return EA_INVAL;
    }
    if (exec(st, "BEGIN IMMEDIATE") != EA_OK)
        return EA_DB;
    for (size_t i = 0; i < NSTMT; i++)
        if (!(s[i] = prepare(st, put_sql[i])))
            goto out;
    if (parts & PART_BEGIN) {
        sqlite3_bind_int64(s[DEL_SITE], 1, run_id);
        sqlite3_bind_text(s[DEL_SITE], 2, site_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s[INS_SITE], 1, run_id);
        sqlite3_bind_text(s[INS_SITE], 2, site_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s[INS_SITE], 3, (sqlite3_int64)seq);
        if (!step_ok(s[DEL_SITE]) || !step_ok(s[INS_SITE]))
            goto out;
    }
    if (parts & PART_END) {
        const struct ea_sheet_row *row = site->row;
        for (size_t c = 0; c < EA_COL_COUNT; c++) {
            sqlite3_stmt *q = s[INS_ANSWER];
            sqlite3_bind_int64(q, 1, run_id);
            sqlite3_bind_text(q, 2, site_id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 3, ea_columns[c].name, -1, SQLITE_STATIC);
            bind_opt(q, 4, row->cells[c]);
            bind_capped(q, 5, site->evidence_url[c], EA_MAX_URL);
            bind_capped(q, 6, site->evidence_excerpt[c], EA_MAX_SNIPPET);
            if (!step_ok(q))
                goto out;
        }
    }
    if (parts & PART_PAGES)
        for (size_t i = 0; i < site->npages; i++)
            if (!put_page(st, s, run_id, site_id, &site->pages[i]))
                goto out;
    if (parts & PART_END) {
        sqlite3_bind_int64(s[SET_COMPLETE], 1, run_id);
        sqlite3_bind_text(s[SET_COMPLETE], 2, site_id, -1, SQLITE_TRANSIENT);
        if (!step_ok(s[SET_COMPLETE]) || sqlite3_changes(st->db) != 1)
            goto out; /* (no row: begin was not stored) */
        if (site->crawl && site->crawl->known &&
            !put_crawl(s[SET_CRAWL], run_id, site_id, site->crawl))
            goto out;
    }
    result = EA_OK;
out:
    if (result != EA_OK)
        complain(st, "cannot store a site");
    for (size_t i = 0; i < NSTMT; i++)
        unprepare(st, s[i]);
    if (result == EA_OK && exec(st, "COMMIT") == EA_OK)
        return EA_OK;
    rollback(st); /* (also forgets the run's rules listed in what did not commit) */
    return EA_DB;
}

enum ea_err ea_store_put_site_full(struct ea_store *st, long long run_id, size_t seq,
                                   const struct ea_store_site *site)
{
    return put_site_parts(st, run_id, seq, site->row->cells[EA_COL_ID], site,
                          PART_BEGIN | PART_PAGES | PART_END);
}

enum ea_err ea_store_site_begin(struct ea_store *st, long long run_id, size_t seq,
                                const char *site_id, const struct ea_store_page *pages,
                                size_t npages)
{
    struct ea_store_site site = { .pages = pages, .npages = npages };
    return put_site_parts(st, run_id, seq, site_id, &site, PART_BEGIN | PART_PAGES);
}

enum ea_err ea_store_site_pages(struct ea_store *st, long long run_id, const char *site_id,
                                const struct ea_store_page *pages, size_t npages)
{
    struct ea_store_site site = { .pages = pages, .npages = npages };
    return put_site_parts(st, run_id, 0, site_id, &site, PART_PAGES);
}

enum ea_err ea_store_site_end(struct ea_store *st, long long run_id,
                              const struct ea_store_site *site)
{
    return put_site_parts(st, run_id, 0, site->row->cells[EA_COL_ID], site, PART_PAGES | PART_END);
}

enum ea_err ea_store_put_site(struct ea_store *st, long long run_id, size_t seq,
                              const struct ea_sheet_row *row, const struct ea_store_page *pages,
                              size_t npages)
{
    struct ea_store_site site = { .row = row, .pages = pages, .npages = npages };
    return ea_store_put_site_full(st, run_id, seq, &site);
}

/* --- conditional GET and bodies ------------------------------------------------------ */

void ea_store_prev_release(struct ea_store_prev *p)
{
    free(p->final_url);
    free(p->etag);
    free(p->last_modified);
    free(p->content_hash);
    memset(p, 0, sizeof(*p));
}

enum ea_err ea_store_prev_page(struct ea_store *st, const char *site_id, const char *url,
                               struct ea_store_prev *out)
{
    sqlite3_stmt *q = prepare(st, "SELECT p.run_id, p.status, p.final_url, p.etag, "
                                  "p.last_modified, p.content_hash FROM pages p "
                                  "JOIN runs r ON r.id = p.run_id JOIN sites s ON s.run_id = "
                                  "p.run_id AND s.site_id = p.site_id AND s.complete "
                                  "WHERE p.site_id = ? AND p.url = ? AND r.finished IS NOT NULL "
                                  "AND p.robots_excluded = 0 ORDER BY p.run_id DESC, p.id DESC "
                                  "LIMIT 1");
    if (!q)
        return EA_DB;
    sqlite3_bind_text(q, 1, site_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, url, -1, SQLITE_TRANSIENT);
    enum ea_err result = EA_NOTFOUND;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        out->run_id = sqlite3_column_int64(q, 0);
        out->status = (long)sqlite3_column_int64(q, 1);
        out->final_url = col_dup(q, 2);
        out->etag = col_dup(q, 3);
        out->last_modified = col_dup(q, 4);
        out->content_hash = col_dup(q, 5);
        result = EA_OK;
    } else if (rc != SQLITE_DONE) {
        complain(st, "cannot look up a previous page");
        result = EA_DB;
    }
    unprepare(st, q);
    return result;
}

static bool valid_hash(const char *hash)
{
    size_t n = 0;
    for (; hash[n]; n++) {
        char c = hash[n];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return n > 0 && n <= MAX_HASH;
}

enum ea_err ea_store_body_put(struct ea_store *st, const char *hash, const void *body, size_t len)
{
    if (!valid_hash(hash)) {
        ea_log_error("database '%s': '%.40s' is not a content hash", st->path, hash);
        return EA_INVAL;
    }
    if (len > EA_MAX_BODY)
        return EA_LIMIT;
    sqlite3_stmt *q = prepare(st, "SELECT 1 FROM bodies WHERE hash = ?");
    if (!q)
        return EA_DB;
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    unprepare(st, q);
    if (rc == SQLITE_ROW)
        return EA_OK; /* deduplicated: compress nothing */
    uLongf zlen = compressBound((uLong)len);
    Bytef *z = ea_xmalloc(zlen);
    enum ea_err result = EA_DB;
    if (compress2(z, &zlen, body, (uLong)len, Z_BEST_SPEED) != Z_OK) {
        ea_log_error("database '%s': cannot compress a body", st->path);
        goto out;
    }
    char now[32];
    now_iso(now, sizeof(now));
    q = prepare(st, "INSERT OR IGNORE INTO bodies (hash, size, zbody, stored) VALUES (?, ?, ?, ?)");
    if (!q)
        goto out;
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)len);
    sqlite3_bind_blob(q, 3, z, (int)zlen, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, now, -1, SQLITE_TRANSIENT);
    result = step_done(st, q, "cannot store a body");
out:
    free(z);
    return result;
}

enum ea_err ea_store_body_get(struct ea_store *st, const char *hash, char **body, size_t *len)
{
    sqlite3_stmt *q = prepare(st, "SELECT size, zbody FROM bodies WHERE hash = ?");
    enum ea_err result = EA_DB;
    if (!q)
        return EA_DB;
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE) {
        result = EA_NOTFOUND;
        goto out;
    }
    if (rc != SQLITE_ROW) {
        complain(st, "cannot read a body");
        goto out;
    }
    sqlite3_int64 size = sqlite3_column_int64(q, 0);
    if (size < 0 || size > (sqlite3_int64)EA_MAX_BODY) {
        ea_log_error("database '%s': body %s claims %lld bytes", st->path, hash, (long long)size);
        goto out;
    }
    const void *z = sqlite3_column_blob(q, 1);
    uLongf n = (uLongf)size;
    char *buf = ea_xmalloc((size_t)size + 1);
    if (uncompress((Bytef *)buf, &n, z, (uLong)sqlite3_column_bytes(q, 1)) != Z_OK ||
        n != (uLongf)size) {
        ea_log_error("database '%s': body %s is corrupt", st->path, hash);
        free(buf);
        goto out;
    }
    buf[n] = '\0';
    *body = buf;
    *len = (size_t)n;
    result = EA_OK;
out:
    unprepare(st, q);
    return result;
}

enum ea_err ea_store_bodies_prune(struct ea_store *st, unsigned keep_runs, size_t *removed)
{
    sqlite3_stmt *q = prepare(st, "DELETE FROM bodies WHERE hash NOT IN (SELECT content_hash "
                                  "FROM pages WHERE content_hash IS NOT NULL AND run_id IN "
                                  "(SELECT id FROM runs WHERE finished IS NOT NULL ORDER BY id "
                                  "DESC LIMIT ?) UNION SELECT content_hash FROM pages WHERE "
                                  "content_hash IS NOT NULL AND run_id IN (SELECT id FROM runs "
                                  "WHERE finished IS NULL))");
    if (!q)
        return EA_DB;
    sqlite3_bind_int64(q, 1, keep_runs);
    enum ea_err err = step_done(st, q, "cannot prune stored bodies");
    if (err == EA_OK && removed)
        *removed = (size_t)sqlite3_changes(st->db);
    return err;
}

/* --- runs and resume ------------------------------------------------------------------ */

void ea_store_run_release(struct ea_store_run *r)
{
    free(r->started);
    free(r->finished);
    free(r->audit_date);
    free(r->version);
    free(r->options);
    memset(r, 0, sizeof(*r));
}

#define RUN_COLUMNS                                                                                \
    "SELECT r.id, r.started, r.finished, r.audit_date, r.version, r.options, "                     \
    "(SELECT count(*) FROM sites s WHERE s.run_id = r.id AND s.complete) FROM runs r "

static void read_run(sqlite3_stmt *q, struct ea_store_run *r)
{
    r->id = sqlite3_column_int64(q, 0);
    r->started = col_dup(q, 1);
    r->finished = col_dup(q, 2);
    r->audit_date = col_dup(q, 3);
    r->version = col_dup(q, 4);
    r->options = col_dup(q, 5);
    r->nsites = sqlite3_column_int64(q, 6);
}

enum ea_err ea_store_run_get(struct ea_store *st, long long run_id, struct ea_store_run *out)
{
    sqlite3_stmt *q = prepare(st, RUN_COLUMNS "WHERE r.id = ?");
    if (!q)
        return EA_DB;
    sqlite3_bind_int64(q, 1, run_id);
    int rc = sqlite3_step(q);
    enum ea_err result = rc == SQLITE_ROW ? EA_OK : rc == SQLITE_DONE ? EA_NOTFOUND : EA_DB;
    if (result == EA_OK)
        read_run(q, out);
    else if (result == EA_DB)
        complain(st, "cannot read a run");
    unprepare(st, q);
    return result;
}

enum ea_err ea_store_runs(struct ea_store *st, struct ea_store_run **runs, size_t *nruns)
{
    sqlite3_stmt *q = prepare(st, RUN_COLUMNS "ORDER BY r.id");
    struct ea_store_run *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    if (!q)
        return EA_DB;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        EA_GROW(v, n + 1, cap);
        memset(&v[n], 0, sizeof(v[n]));
        read_run(q, &v[n++]);
    }
    unprepare(st, q);
    if (rc != SQLITE_DONE) {
        complain(st, "cannot list the runs");
        for (size_t i = 0; i < n; i++)
            ea_store_run_release(&v[i]);
        free(v);
        return EA_DB;
    }
    *runs = v;
    *nruns = n;
    return EA_OK;
}

static enum ea_err one_id(struct ea_store *st, const char *sql, long long *id)
{
    sqlite3_stmt *q = prepare(st, sql);
    if (!q)
        return EA_DB;
    int rc = sqlite3_step(q);
    enum ea_err result = EA_NOTFOUND;
    if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) {
        *id = sqlite3_column_int64(q, 0);
        result = EA_OK;
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        complain(st, "cannot find a run");
        result = EA_DB;
    }
    unprepare(st, q);
    return result;
}

enum ea_err ea_store_run_latest(struct ea_store *st, bool finished_only, long long *run_id)
{
    return one_id(st,
                  finished_only ? "SELECT max(id) FROM runs WHERE finished IS NOT NULL"
                                : "SELECT max(id) FROM runs",
                  run_id);
}

enum ea_err ea_store_run_unfinished(struct ea_store *st, long long *run_id)
{
    return one_id(st,
                  "SELECT id FROM runs WHERE finished IS NULL AND id = (SELECT max(id) FROM runs)",
                  run_id);
}

enum ea_err ea_store_run_site_ids(struct ea_store *st, long long run_id, char ***ids, size_t *nids)
{
    sqlite3_stmt *q =
        prepare(st, "SELECT site_id FROM sites WHERE run_id = ? AND complete ORDER BY seq, "
                    "site_id");
    char **v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    if (!q)
        return EA_DB;
    sqlite3_bind_int64(q, 1, run_id);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        EA_GROW(v, n + 1, cap);
        v[n++] = col_dup(q, 0);
    }
    unprepare(st, q);
    if (rc != SQLITE_DONE) {
        complain(st, "cannot list a run's sites");
        ea_store_ids_free(v, n);
        return EA_DB;
    }
    *ids = v;
    *nids = n;
    return EA_OK;
}

void ea_store_ids_free(char **ids, size_t nids)
{
    for (size_t i = 0; i < nids; i++)
        free(ids[i]);
    free(ids);
}

enum ea_err ea_store_run_rows(struct ea_store *st, long long run_id, struct ea_sheet_row **rows,
                              size_t *nrows)
{
    sqlite3_stmt *q = prepare(st, "SELECT s.site_id, a.col, a.value FROM sites s JOIN answers a ON "
                                  "a.run_id = s.run_id AND a.site_id = s.site_id WHERE "
                                  "s.run_id = ? AND s.complete ORDER BY s.seq, s.site_id");
    struct ea_sheet_row *v = NULL;
    size_t n = 0, cap = 0;
    char *site = NULL; /* owned: the site whose answers are being read */
    int rc;
    if (!q)
        return EA_DB;
    sqlite3_bind_int64(q, 1, run_id);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        if (!site || strcmp(site, id) != 0) {
            EA_GROW(v, n + 1, cap);
            ea_row_init(&v[n++]);
            free(site);
            site = ea_xstrdup(id);
        }
        enum ea_col c = ea_col_find((const char *)sqlite3_column_text(q, 1));
        if (c != EA_COL_COUNT)
            ea_row_set(&v[n - 1], c, (const char *)sqlite3_column_text(q, 2));
    }
    unprepare(st, q);
    free(site);
    if (rc != SQLITE_DONE) {
        complain(st, "cannot read a run's answers");
        for (size_t i = 0; i < n; i++)
            ea_row_release(&v[i]);
        free(v);
        return EA_DB;
    }
    *rows = v;
    *nrows = n;
    return EA_OK;
}

/* --- reading a site back ------------------------------------------------------------- */

void ea_store_site_rec_release(struct ea_store_site_rec *s)
{
    free(s->id);
    ea_row_release(&s->row);
    for (size_t c = 0; c < EA_COL_COUNT; c++) {
        free(s->evidence_url[c]);
        free(s->evidence_excerpt[c]);
    }
    for (size_t i = 0; i < s->npages; i++) {
        struct ea_store_page_rec *p = &s->pages[i];
        free(p->url);
        free(p->final_url);
        free(p->error);
        free(p->encoding);
        free(p->etag);
        free(p->last_modified);
        free(p->content_hash);
        free(p->content_type);
        free(p->referrer);
        free(p->redirects);
    }
    free(s->pages);
    for (size_t i = 0; i < s->ntallies; i++)
        free(s->tallies[i].rule);
    free(s->tallies);
    for (size_t i = 0; i < s->nfindings; i++) {
        free(s->findings[i].rule);
        free(s->findings[i].target);
        free(s->findings[i].html);
        free(s->findings[i].message);
    }
    free(s->findings);
    memset(s, 0, sizeof(*s));
}

/* Index of page id in s->pages (sorted by id), or SIZE_MAX. */
static size_t page_index(const struct ea_store_site_rec *s, long long id)
{
    size_t lo = 0, hi = s->npages;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pages[mid].id == id)
            return mid;
        if (s->pages[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

static enum ea_outcome outcome_from(const char *name)
{
    for (int o = 0; o < EA_OUTCOME_COUNT; o++)
        if (name && strcmp(name, ea_outcome_name((enum ea_outcome)o)) == 0)
            return (enum ea_outcome)o;
    return EA_OUTCOME_INCOMPLETE;
}

/* A site being read back, with the capacities of its growing arrays. */
struct loader {
    struct ea_store_site_rec *s; /* borrowed */
    size_t pages_cap, tallies_cap, findings_cap;
    char **run_rules; /* owned: the run's rules in the order they ran (schema 3) */
    size_t nrun_rules, run_rules_cap;
};

/* Runs sql (parameters: run id, site id) and hands each row to fn. */
static bool each_row(struct ea_store *st, const char *sql, long long run_id, struct loader *l,
                     void (*fn)(sqlite3_stmt *q, struct loader *l))
{
    struct ea_store_site_rec *s = l->s;
    sqlite3_stmt *q = prepare(st, sql);
    int rc;
    if (!q)
        return false;
    sqlite3_bind_int64(q, 1, run_id);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn(q, l);
    unprepare(st, q);
    return rc == SQLITE_DONE;
}

static void answer_row(sqlite3_stmt *q, struct loader *l)
{
    struct ea_store_site_rec *s = l->s;
    enum ea_col c = ea_col_find((const char *)sqlite3_column_text(q, 0));
    if (c == EA_COL_COUNT)
        return; /* a column a later eaudit dropped */
    ea_row_set(&s->row, c, (const char *)sqlite3_column_text(q, 1));
    s->evidence_url[c] = col_dup(q, 2);
    s->evidence_excerpt[c] = col_dup(q, 3);
}

static void page_row(sqlite3_stmt *q, struct loader *l)
{
    struct ea_store_site_rec *s = l->s;
    EA_GROW(s->pages, s->npages + 1, l->pages_cap);
    struct ea_store_page_rec *p = &s->pages[s->npages++];
    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(q, 0);
    p->url = col_dup(q, 1);
    p->final_url = col_dup(q, 2);
    p->status = (long)sqlite3_column_int64(q, 3);
    p->error = col_dup(q, 4);
    p->encoding = col_dup(q, 5);
    p->redirects = col_dup(q, 6);
    p->etag = col_dup(q, 7);
    p->last_modified = col_dup(q, 8);
    p->content_hash = col_dup(q, 9);
    p->content_type = col_dup(q, 10);
    p->referrer = col_dup(q, 11);
    p->bytes = sqlite3_column_int64(q, 12);
    p->fetch_seconds = sqlite3_column_double(q, 13);
    p->first_byte_seconds = sqlite3_column_double(q, 14);
    p->depth = sqlite3_column_int(q, 15);
    p->not_modified = sqlite3_column_int(q, 16) != 0;
    p->robots_excluded = sqlite3_column_int(q, 17) != 0;
    p->audited = sqlite3_column_int(q, 18) != 0;
    p->truncated = sqlite3_column_int(q, 19) != 0;
}

static void run_rule_row(sqlite3_stmt *q, struct loader *l)
{
    EA_GROW(l->run_rules, l->nrun_rules + 1, l->run_rules_cap);
    l->run_rules[l->nrun_rules++] = col_dup(q, 0);
}

/* Gives every checked page a tally for each rule of the run, in the order the rules ran:
 * the stored one, or zeros for a rule that found nothing there (not stored since schema 3).
 * A stored tally of a rule the run does not list (a damaged store) is kept, after them. */
static void expand_tallies(struct loader *l)
{
    struct ea_store_site_rec *s = l->s;
    if (!l->nrun_rules)
        return; /* written before schema 3: every tally is stored */
    struct ea_store_tally_rec *old = s->tallies;
    size_t nold = s->ntallies, t = 0;
    bool *used = ea_xcalloc(nold ? nold : 1, sizeof(bool));
    s->tallies = NULL;
    s->ntallies = 0;
    l->tallies_cap = 0;
    for (size_t page = 0; page < s->npages; page++) {
        /* The stored tallies of page: old[t .. end) (loaded in page order). */
        size_t end = t;
        while (end < nold && old[end].page == page)
            end++;
        if (s->pages[page].audited) {
            for (size_t r = 0; r < l->nrun_rules; r++) {
                EA_GROW(s->tallies, s->ntallies + 1, l->tallies_cap);
                struct ea_store_tally_rec *x = &s->tallies[s->ntallies++];
                size_t k = t;
                while (k < end && (used[k] || strcmp(old[k].rule, l->run_rules[r]) != 0))
                    k++;
                if (k < end) {
                    *x = old[k];
                    used[k] = true;
                } else {
                    memset(x, 0, sizeof(*x));
                    x->page = page;
                    x->rule = ea_xstrdup(l->run_rules[r]);
                }
            }
        }
        for (size_t k = t; k < end; k++) {
            if (used[k])
                continue;
            EA_GROW(s->tallies, s->ntallies + 1, l->tallies_cap);
            s->tallies[s->ntallies++] = old[k];
            used[k] = true;
        }
        t = end;
    }
    /* Tallies out of page order, if any, are dropped as before (page_index found none). */
    for (size_t k = 0; k < nold; k++)
        if (!used[k])
            free(old[k].rule);
    free(used);
    free(old);
}

static void tally_row(sqlite3_stmt *q, struct loader *l)
{
    struct ea_store_site_rec *s = l->s;
    size_t page = page_index(s, sqlite3_column_int64(q, 0));
    if (page == (size_t)-1)
        return;
    EA_GROW(s->tallies, s->ntallies + 1, l->tallies_cap);
    struct ea_store_tally_rec *t = &s->tallies[s->ntallies++];
    t->page = page;
    t->rule = col_dup(q, 1);
    t->count[EA_OUTCOME_PASS] = sqlite3_column_int64(q, 2);
    t->count[EA_OUTCOME_VIOLATION] = sqlite3_column_int64(q, 3);
    t->count[EA_OUTCOME_INCOMPLETE] = sqlite3_column_int64(q, 4);
    s->pages[page].audited = true;
}

static void finding_row(sqlite3_stmt *q, struct loader *l)
{
    struct ea_store_site_rec *s = l->s;
    size_t page = page_index(s, sqlite3_column_int64(q, 0));
    if (page == (size_t)-1)
        return;
    EA_GROW(s->findings, s->nfindings + 1, l->findings_cap);
    struct ea_store_finding_rec *f = &s->findings[s->nfindings++];
    f->page = page;
    f->rule = col_dup(q, 1);
    f->outcome = outcome_from((const char *)sqlite3_column_text(q, 2));
    f->line = (unsigned)sqlite3_column_int64(q, 3);
    f->column = (unsigned)sqlite3_column_int64(q, 4);
    f->target = col_dup(q, 5);
    f->html = col_dup(q, 6);
    f->message = col_dup(q, 7);
    s->pages[page].audited = true;
}

/* A complete site of a run (?1, ?2): its seq, then what the crawl met (crawl_row). */
static const char site_sql[] = "SELECT seq, robots_unreachable, given_up, sitemap_cut, max_pages, "
                               "robots_blocked, trapped, out_of_budget, sitemap_urls, duplicates, "
                               "crawl_delay, robots_unread FROM sites WHERE run_id = ? AND "
                               "site_id = ? AND complete";

/* Columns 1-11 of site_sql: what the crawl met (NULL before schema 5). */
static void crawl_row(sqlite3_stmt *q, struct ea_store_crawl *c)
{
    memset(c, 0, sizeof(*c));
    if (sqlite3_column_type(q, 1) == SQLITE_NULL)
        return;
    c->known = true;
    c->robots_unreachable = sqlite3_column_int(q, 1) != 0;
    c->given_up = sqlite3_column_int(q, 2) != 0;
    c->sitemap_cut = sqlite3_column_int(q, 3) != 0;
    c->max_pages = (unsigned)sqlite3_column_int64(q, 4);
    c->robots_blocked = (unsigned)sqlite3_column_int64(q, 5);
    c->trapped = (unsigned)sqlite3_column_int64(q, 6);
    c->out_of_budget = (unsigned)sqlite3_column_int64(q, 7);
    c->sitemap_urls = (unsigned)sqlite3_column_int64(q, 8);
    c->duplicates = (unsigned)sqlite3_column_int64(q, 9);
    c->delay = sqlite3_column_double(q, 10);
    c->robots_unread = (unsigned)sqlite3_column_int64(q, 11);
}

static bool load_rows(struct ea_store *st, long long run_id, struct ea_store_site_rec *s)
{
    struct loader l = { .s = s };
    bool ok =
        each_row(st,
                 "SELECT col, value, evidence_url, evidence_excerpt FROM answers WHERE "
                 "run_id = ? AND site_id = ?",
                 run_id, &l, answer_row) &&
        each_row(st,
                 "SELECT id, url, final_url, status, error, encoding, redirects, etag, "
                 "last_modified, content_hash, content_type, referrer, bytes, fetch_seconds, "
                 "first_byte_seconds, depth, not_modified, robots_excluded, checked, "
                 "truncated FROM pages WHERE run_id = ? AND site_id = ? ORDER BY id",
                 run_id, &l, page_row) &&
        each_row(st,
                 "SELECT p.id, r.rule, r.passes, r.violations, r.incomplete FROM "
                 "rule_results r JOIN pages p ON p.id = r.page_id WHERE p.run_id = ? AND "
                 "p.site_id = ? ORDER BY p.id, r.rowid",
                 run_id, &l, tally_row) &&
        each_row(st,
                 "SELECT p.id, f.rule, f.outcome, f.line, f.col, f.target, f.html, f.message "
                 "FROM findings f JOIN pages p ON p.id = f.page_id WHERE p.run_id = ? AND "
                 "p.site_id = ? ORDER BY p.id, f.rowid",
                 run_id, &l, finding_row) &&
        /* (each_row binds the site id as ?2 too; the run's rules do not depend on it.) */
        each_row(st, "SELECT rule FROM run_rules WHERE run_id = ?1 AND ?2 IS NOT NULL ORDER BY seq",
                 run_id, &l, run_rule_row);
    if (ok)
        expand_tallies(&l);
    for (size_t i = 0; i < l.nrun_rules; i++)
        free(l.run_rules[i]);
    free(l.run_rules);
    return ok;
}

enum ea_err ea_store_site_crawl(struct ea_store *st, long long run_id, const char *site_id,
                                struct ea_store_crawl *out)
{
    sqlite3_stmt *q = prepare(st, site_sql);
    if (!q)
        return EA_DB;
    sqlite3_bind_int64(q, 1, run_id);
    sqlite3_bind_text(q, 2, site_id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        crawl_row(q, out);
    unprepare(st, q);
    if (rc == SQLITE_ROW)
        return EA_OK;
    if (rc == SQLITE_DONE)
        return EA_NOTFOUND;
    complain(st, "cannot read a site");
    return EA_DB;
}

enum ea_err ea_store_site_load(struct ea_store *st, long long run_id, const char *site_id,
                               struct ea_store_site_rec *out)
{
    struct ea_store_site_rec s;
    enum ea_err result = EA_DB;

    memset(&s, 0, sizeof(s));
    ea_row_init(&s.row);
    s.id = ea_xstrdup(site_id);
    /* One read transaction: the site is seen whole (and complete) even while an audit
     * writes. */
    if (exec(st, "BEGIN") != EA_OK)
        goto out;
    sqlite3_stmt *q = prepare(st, site_sql);
    int rc = SQLITE_ERROR;
    if (q) {
        sqlite3_bind_int64(q, 1, run_id);
        sqlite3_bind_text(q, 2, site_id, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            s.seq = (size_t)sqlite3_column_int64(q, 0);
            crawl_row(q, &s.crawl);
        }
        unprepare(st, q);
    }
    if (rc != SQLITE_ROW) {
        (void)exec(st, "COMMIT");
        result = rc == SQLITE_DONE ? EA_NOTFOUND : EA_DB;
        goto out;
    }
    bool ok = load_rows(st, run_id, &s);
    (void)exec(st, "COMMIT");
    if (!ok) {
        complain(st, "cannot read a site");
        goto out;
    }
    *out = s;
    memset(&s, 0, sizeof(s));
    result = EA_OK;
out:
    ea_store_site_rec_release(&s);
    return result;
}

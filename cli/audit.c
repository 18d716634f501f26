#define _GNU_SOURCE /* RUSAGE_THREAD */
#include "cli/audit.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "checks/check.h"
#include "checks/site/site.h"
#include "cli/cli.h"
#include "cli/page.h"
#include "cli/sheets.h"
#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/seeds.h"
#include "core/sheet.h"
#include "core/strtab.h"
#include "core/xalloc.h"
#include "crawler/crawl.h"
#include "crawler/digest.h"
#include "crawler/links.h"
#include "crawler/url.h"
#include "rules/concepts.h"
#include "store/store.h"
#include "writers/csv.h"
#include "writers/report.h"
#include "writers/xlsx.h"

/* The http:// probe only needs the status line and Location, not the page. */
#define PROBE_MAX_BODY 1
/* Sites crawled at once, per set of --per-host transfers the concurrency allows: see
 * start_sites. */
#define SITES_PER_SLOT_SET 4
/* Seconds between looks at whether the sites in progress still keep the slots busy (the
 * mean transfer time they depend on changes as the crawl goes). */
#define WINDOW_EVERY 0.25
/* Pages of a site fetched but not yet checked, beyond those in flight, before its crawl waits:
 * when the checks are slower than the network (real pages, no --delay) the bodies would pile
 * up in memory. */
#define PAGES_WAITING_PER_SITE 2
/* Checked pages of a site handed to the store thread together (one transaction): the rest
 * wait in memory for the batch. */
#define STORE_BATCH_PAGES 8
/* Seconds between progress line updates on a terminal. */
#define PROGRESS_EVERY 0.25

struct site;
struct audit;

/* What is kept of one fetched page until the site is stored (no body, no tree). */
struct page_rec {
    char *url, *final_url, *error, *etag, *last_modified, *content_type; /* owned, may be NULL */
    char *referrer;           /* owned, may be NULL: the page whose link led here */
    char hash[EA_SHA256_HEX]; /* "" when no body was stored */
    char **hops;              /* owned */
    size_t nhops;
    long status;
    enum ea_fetch_error err;
    long long bytes;
    double seconds;
    int depth;
    bool homepage, not_modified, tls_verified, checked;
    bool truncated;       /* cut at the body cap: only the start was checked */
    bool robots_excluded; /* not fetched: robots.txt disallows it (url, referrer, depth only) */
    const char *encoding; /* static */
    struct ea_page page;  /* owned: results when checked */
};

/* Tallies of the WCAG A/AA rules over a site's pages. */
struct wcag_tally {
    size_t applicable, passed, violations;
};

/* What the row needs of the homepage's record. */
struct home_info {
    bool seen;               /* the homepage's record ended */
    char *final_url, *error; /* owned, may be NULL */
    long status;
    enum ea_fetch_error err;
    bool tls_verified;
    size_t nhops;
};

/* A page waiting for its turn: one tree per site at a time. */
struct pending {
    struct pending *next;
    struct ea_response resp; /* owned members */
    char *url;               /* owned: as the crawl asked */
    char *referrer;          /* owned, may be NULL: the page whose link led here */
    int depth, via;
    bool homepage, not_modified;
    size_t body_bytes; /* of resp's body, counted in the audit's body_bytes */
};

/* A stylesheet URL as the whole run fetches it: however many sites link it (a shared
 * platform's or a CDN's sheet), it is fetched once, and while the run keeps its text (up to
 * EA_MAX_RUN_STYLESHEETS in all) the sites borrow it. */
struct sheet_waiter {
    struct site *site; /* borrowed: its page waits for the sheet */
    size_t index;      /* in site->sheets */
};

struct shared_sheet {
    struct ea_fetch_task task; /* its fetch */
    struct audit *a;           /* borrowed */
    char *url;                 /* owned */
    enum {
        SHEET_UNFETCHED,
        SHEET_FETCHING,
        SHEET_KEPT,
        SHEET_FAILED
    } state;
    char *text; /* owned when SHEET_KEPT */
    size_t len;
    const char *why;              /* static: why it could not be used, when SHEET_FAILED */
    struct sheet_waiter *waiters; /* owned: the sites waiting while SHEET_FETCHING */
    size_t nwaiters, waiters_cap;
};

struct site {
    struct audit *a; /* borrowed */
    const struct ea_seed *seed;
    size_t seq;
    struct ea_crawl *crawl; /* owned, NULL once done */
    struct ea_site *qs;     /* owned: the questionnaire */
    struct ea_fetch_task probe_task;
    struct ea_response *probe; /* owned, NULL when not probed */
    bool probe_pending, crawl_done, finished;
    bool active;                 /* its crawl was started and it is not finished yet */
    struct pending *head, *tail; /* owned */
    /* The page being worked on: while a pool job runs, the job owns these and qs. */
    bool busy;
    struct pending *cur;             /* owned */
    struct ea_doc *doc;              /* owned */
    struct page_rec *crec;           /* borrowed from recs */
    bool sheets_waiting;             /* the current page waits for a sheet (or one it imports) */
    struct ea_doc_sheet *job_sheets; /* owned array, borrowed strings: the check job's */
    size_t njob_sheets;
    bool store_body, hash_body; /* what parse_work is asked to do with the body */
    bool parsed;                /* what it did */
    bool reparse; /* the tree was dropped while its sheets came: parse_work parses again */
    struct site *next_parse;    /* in the audit's parse queue */
    bool tree_counted;          /* its tree is one of the audit's trees */
    size_t kept_bytes;          /* of its tree, kept while its sheets come */
    struct ea_buf job_warnings; /* written by the job, printed by its done function */
    bool reports_written;       /* its report files were written by this process */
    struct ea_sheets sheets;    /* its pages' stylesheets */
    struct page_rec *recs;      /* owned: the pages not handed to the store thread yet */
    size_t nrecs, recs_cap;
    /* What finishing the site needs of all its pages, kept as each one ends (rec_final). */
    struct home_info home;
    size_t checked, broken;
    size_t pages_ended; /* records ended (rec_final): the site's progress */
    struct wcag_tally tally;
    bool begun; /* pages went to the store thread: the store has the site's row */
    struct ea_crawl_stats stats;
    bool stats_final; /* the crawl ended and stats are its own (not a run stopped by a fault) */
    struct ea_sheet_row row; /* owned */
};

struct audit {
    const struct ea_audit_opts *opts; /* borrowed */
    struct ea_store *store;           /* owned */
    struct ea_concepts *concepts;     /* owned, may be NULL */
    struct ea_fetcher *fetcher;       /* owned while running */
    struct ea_pool *pool;             /* owned while running: parses and checks pages */
    struct ea_pool *store_pool;       /* owned while running: one thread, writes the store */
    struct ea_store_run run;          /* owned: the run as the reports show it */
    /* The store thread's own: its connection, and what failed on it. */
    struct ea_store *wstore; /* owned while running */
    bool wstore_failed;
    char (*failed_bodies)[EA_SHA256_HEX]; /* owned */
    size_t nfailed_bodies, failed_bodies_cap;
    struct ea_crawl_store *stores; /* owned while running: one per site */
    size_t max_active;             /* most sites in progress at once so far */
    bool stopping;                 /* the fetcher has stopped: start no more sites */
    long long run_id;
    const char *date;   /* borrowed: the run's audit date (a resumed run keeps its own) */
    struct site *sites; /* owned */
    size_t nsites, done, started_sites, pages, errors;
    size_t active; /* sites being crawled now */
    bool store_failed;
    bool have_prev;            /* a finished earlier run exists: conditional GET is worth asking */
    struct ea_strtab sheet_ix; /* stylesheet URL -> 1 + index in sheets */
    struct shared_sheet **sheets; /* owned */
    size_t nsheets, sheets_cap;
    size_t sheet_bytes; /* of the texts the run keeps */
    /* Trees being made or worked on (a parse submitted, its tree not freed or set aside yet),
     * at most max_trees; the sites whose current page waits for a parse meanwhile, in order.
     * Besides those: the trees kept while their sheets come (waiting_tree_bytes), each
     * checked when they have (uncounted, so briefly more than max_trees). */
    size_t trees, max_trees, most_trees;
    struct site *parse_head, *parse_tail;
    size_t waiting_tree_bytes; /* of the trees kept while their sheets come */
    size_t reparsed;           /* pages parsed again (their tree was dropped) */
    /* Fetched bodies not yet parsed (or stored), and the most there were; over
     * EA_MAX_WAITING_BODY_BYTES the fetcher is held (ea_fetcher_hold): the workers are behind
     * and fetching more only fills memory. */
    size_t body_bytes, most_body_bytes;
    bool held;
    size_t holds; /* times the fetcher was held */
    struct timespec started;
    double last_progress;
    double last_window; /* since(started) when start_sites last ran */
};

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* mkdir -p */
static bool make_dirs(const char *path)
{
    char *p = ea_xstrdup(path);
    bool ok = true;
    for (char *s = p + 1; *s && ok; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        ok = mkdir(p, 0777) == 0 || errno == EEXIST;
        *s = '/';
    }
    if (ok)
        ok = mkdir(p, 0777) == 0 || errno == EEXIST;
    if (!ok)
        ea_log_error("cannot create folder '%s': %s", p, strerror(errno));
    free(p);
    return ok;
}

static bool is_https(const char *url)
{
    return url && strncmp(url, "https://", 8) == 0;
}

/* "http://HOST[:PORT]/" for an https seed, NULL otherwise. */
static char *http_probe_url(const char *url)
{
    if (!is_https(url))
        return NULL;
    const char *host = url + 8;
    size_t n = strcspn(host, "/?#");
    struct ea_buf b = EA_BUF_INIT(EA_MAX_URL);
    ea_buf_add(&b, "http://");
    ea_buf_addn(&b, host, n);
    ea_buf_addch(&b, '/');
    return ea_buf_detach(&b, NULL);
}

static void progress(struct audit *a, bool force)
{
    if (!a->opts->progress)
        return;
    double el = since(&a->started);
    if (!force && el - a->last_progress < PROGRESS_EVERY)
        return;
    a->last_progress = el;
    /* The share of the run done: finished sites whole, sites in progress by their pages
     * against --max-pages. Sites run side by side (all of them, under a delay), so counting
     * finished sites alone gave no ETA until the end was near. A site with fewer pages than
     * the budget ends sooner than counted: the ETA errs long. */
    double share = (double)a->done;
    for (size_t i = 0; i < a->started_sites; i++) {
        const struct site *s = &a->sites[i];
        if (s->active && a->opts->max_pages)
            share += s->pages_ended >= a->opts->max_pages
                         ? 1.0
                         : (double)s->pages_ended / (double)a->opts->max_pages;
    }
    share = a->nsites ? share / (double)a->nsites : 1;
    double eta = share > 0 ? el * (1 - share) / share : 0;
    fprintf(stderr,
            "\r\033[K[%zu/%zu sites] %zu pages, %u in flight, %zu errors, %02d:%02d elapsed",
            a->done, a->nsites, a->pages, a->fetcher ? ea_fetcher_inflight(a->fetcher) : 0,
            a->errors, (int)el / 60, (int)el % 60);
    if (share > 0 && a->done < a->nsites)
        fprintf(stderr, ", ETA %02d:%02d", (int)eta / 60, (int)eta % 60);
    if (a->done == a->nsites)
        fputc('\n', stderr);
}

static void tally_wcag(struct wcag_tally *t, const struct ea_results *res)
{
    for (size_t i = 0; i < res->nrules; i++) {
        const struct ea_rule_result *rr = &res->rules[i];
        const struct ea_check *c = ea_check_find(rr->id);
        if (!c || !c->wcag || c->level == EA_LEVEL_BEST_PRACTICE)
            continue;
        t->applicable += ea_rule_result_applicable(rr);
        t->passed += ea_rule_result_passed(rr);
        t->violations += rr->count[EA_OUTCOME_VIOLATION];
    }
}

/* Per-rule tallies over the site's pages -> score, band, count. */
static void fill_wcag(struct ea_sheet_row *row, const struct wcag_tally *t)
{
    if (!t->applicable)
        return;
    double score = (double)t->passed * 100.0 / (double)t->applicable;
    /* Round half up to one decimal, and band by the value printed. */
    score = (double)(long)(score * 10.0 + 0.5) / 10.0;
    ea_row_setf(row, EA_COL_WCAG_SCORE, "%.1f", score);
    ea_row_set(row, EA_COL_WCAG_BAND, ea_wcag_band(score));
    ea_row_set_int(row, EA_COL_WCAG_VIOLATIONS, (long)t->violations);
}

static void log_site(struct audit *a, const struct site *s, const char *why)
{
    const struct ea_sheet_row *r = &s->row;
    if (a->opts->progress)
        fputs("\r\033[K", stderr);
    if (why) {
        ea_log_warn("%s: %s unreachable: %s", s->seed->id, s->seed->url, why);
    } else {
        ea_log_info("%s: %s -> %s, %s page%s, wcag %s (%s), %s violation%s", s->seed->id,
                    s->seed->url, r->cells[EA_COL_FINAL_URL], r->cells[EA_COL_PAGES_AUDITED],
                    strcmp(r->cells[EA_COL_PAGES_AUDITED], "1") == 0 ? "" : "s",
                    r->cells[EA_COL_WCAG_SCORE] ? r->cells[EA_COL_WCAG_SCORE] : "-",
                    r->cells[EA_COL_WCAG_BAND] ? r->cells[EA_COL_WCAG_BAND] : "-",
                    r->cells[EA_COL_WCAG_VIOLATIONS] ? r->cells[EA_COL_WCAG_VIOLATIONS] : "0",
                    r->cells[EA_COL_WCAG_VIOLATIONS] &&
                            strcmp(r->cells[EA_COL_WCAG_VIOLATIONS], "1") == 0
                        ? ""
                        : "s");
    }
}

static void report_warnings(const char *id, struct ea_buf *w)
{
    for (char *p = w->buf; *p;) {
        size_t n = strcspn(p, "\n");
        ea_log_warn("%s: %.*s", id, (int)n, p);
        p += n + (p[n] == '\n');
    }
    ea_buf_reset(w);
}

static char *dup_or_null(const char *s)
{
    return s ? ea_xstrdup(s) : NULL;
}

static void rec_release(struct page_rec *r)
{
    free(r->url);
    free(r->final_url);
    free(r->error);
    free(r->etag);
    free(r->last_modified);
    free(r->content_type);
    free(r->referrer);
    for (size_t i = 0; i < r->nhops; i++)
        free(r->hops[i]);
    free(r->hops);
    ea_page_release(&r->page);
}

static void recs_free(struct page_rec *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rec_release(&recs[i]);
    free(recs);
}

/* --- the site's end: row, questionnaire, store ------------------------------------------ */

static void start_sites(struct audit *a);

/* --- the store thread ------------------------------------------------------------------
 * Writing a site (one transaction of a few thousand rows) and its report files takes tens of
 * milliseconds: on the loop's thread every transfer would wait that long. So the database is
 * written on a thread of its own, through a second connection (a->wstore); the loop's
 * connection only reads (conditional GET) while the crawl runs. Its jobs run in the order
 * they were submitted, so a page's body is stored before the site that names it. */

/* A page body to keep for the next night's conditional GET. */
struct body_job {
    struct audit *a; /* borrowed */
    char hash[EA_SHA256_HEX];
    char *body; /* owned */
    size_t len;
};

static void body_work(void *arg)
{
    struct body_job *j = arg;
    struct audit *a = j->a;
    if (a->wstore_failed || ea_store_body_put(a->wstore, j->hash, j->body, j->len) != EA_OK) {
        EA_GROW(a->failed_bodies, a->nfailed_bodies + 1, a->failed_bodies_cap);
        memcpy(a->failed_bodies[a->nfailed_bodies++], j->hash, EA_SHA256_HEX);
    }
}

static void body_done(void *arg)
{
    struct body_job *j = arg;
    free(j->body);
    free(j);
}

/* Hands a body over to the store thread (it takes resp's body). */
static void store_body(struct audit *a, const char *hash, struct ea_response *resp)
{
    struct body_job *j = ea_xcalloc(1, sizeof(*j));
    j->a = a;
    memcpy(j->hash, hash, EA_SHA256_HEX);
    j->body = resp->body;
    j->len = resp->body_len;
    resp->body = ea_xstrdup("");
    resp->body_len = 0;
    ea_pool_submit(a->store_pool, body_work, body_done, j);
}

/* A hash whose body could not be stored is not recorded: the next night would send its
 * validators and get a 304 it cannot re-check. Store thread only. */
static bool body_failed(const struct audit *a, const char *hash)
{
    for (size_t i = 0; i < a->nfailed_bodies; i++)
        if (!memcmp(a->failed_bodies[i], hash, EA_SHA256_HEX))
            return true;
    return false;
}

/* A finished site: its last pages, row and answers stored in one transaction (the rest went
 * as it was crawled, see pages_job) and the whole read back on the store thread, then
 * written as report files (as `eaudit report` writes them) on a page worker, so that the
 * sites ending together at the end of a run do not queue behind one thread. The job owns
 * the site's page records and evidence; the site's row is read by both threads and written
 * by neither until the job is done. */
struct store_job {
    struct site *site;     /* borrowed */
    struct page_rec *recs; /* owned */
    size_t nrecs;
    struct ea_sheet_evidence ev; /* owned */
    struct ea_store_crawl crawl;
    struct ea_store_site_rec rec; /* owned when loaded */
    bool begun; /* pages_work stored the site's row: end it, else store it whole */
    bool stored, loaded, reported;
};

/* The store's view of page records (borrowing their strings). Store thread only. */
static struct ea_store_page *store_pages(const struct audit *a, const struct page_rec *recs,
                                         size_t n)
{
    struct ea_store_page *sp = ea_xcalloc(n ? n : 1, sizeof(*sp));
    for (size_t i = 0; i < n; i++) {
        const struct page_rec *r = &recs[i];
        sp[i] = (struct ea_store_page){
            .url = r->url,
            .final_url = r->status > 0 ? r->final_url : NULL,
            .status = r->status,
            .error = r->error,
            .encoding = r->checked ? r->encoding : NULL,
            .results = r->checked ? &r->page.results : NULL,
            .redirects = (const char *const *)r->hops,
            .nredirects = r->nhops,
            .etag = r->etag,
            .last_modified = r->last_modified,
            .content_hash = r->hash[0] && !body_failed(a, r->hash) ? r->hash : NULL,
            .content_type = r->content_type,
            .referrer = r->referrer,
            .robots_excluded = r->robots_excluded,
            .bytes = r->bytes,
            .fetch_seconds = r->seconds,
            .depth = r->depth,
            .not_modified = r->not_modified,
            .truncated = r->truncated,
        };
    }
    return sp;
}

/* Pages of a site in progress, stored as they are checked so that their results do not wait
 * in memory for the site's end; the first batch also stores the site's row (not complete:
 * readers do not see it until store_work ends it). */
struct pages_job {
    struct site *site;     /* borrowed */
    struct page_rec *recs; /* owned */
    size_t nrecs;
    bool begin, stored;
};

static void pages_work(void *arg)
{
    struct pages_job *j = arg;
    struct site *s = j->site;
    struct audit *a = s->a;
    if (a->wstore_failed)
        return;
    struct ea_store_page *sp = store_pages(a, j->recs, j->nrecs);
    j->stored =
        (j->begin ? ea_store_site_begin(a->wstore, a->run_id, s->seq, s->seed->id, sp, j->nrecs)
                  : ea_store_site_pages(a->wstore, a->run_id, s->seed->id, sp, j->nrecs)) == EA_OK;
    free(sp);
    if (!j->stored)
        a->wstore_failed = true;
}

static void pages_done(void *arg)
{
    struct pages_job *j = arg;
    if (!j->stored)
        j->site->a->store_failed = true;
    recs_free(j->recs, j->nrecs);
    free(j);
}

static void store_work(void *arg)
{
    struct store_job *j = arg;
    struct site *s = j->site;
    struct audit *a = s->a;
    if (a->wstore_failed)
        return; /* the database failed once: the run is incomplete, say so once */
    struct ea_store_page *sp = store_pages(a, j->recs, j->nrecs);
    struct ea_store_site site = {
        .row = &s->row, .pages = sp, .npages = j->nrecs, .crawl = &j->crawl
    };
    for (size_t c = 0; c < EA_COL_COUNT; c++) {
        site.evidence_url[c] = j->ev.url[c];
        site.evidence_excerpt[c] = j->ev.excerpt[c];
    }
    j->stored = (j->begun ? ea_store_site_end(a->wstore, a->run_id, &site)
                          : ea_store_put_site_full(a->wstore, a->run_id, s->seq, &site)) == EA_OK;
    free(sp);
    if (!j->stored) {
        a->wstore_failed = true;
        return;
    }
    /* A report that cannot be written now is tried again, and reported, at the end. */
    j->loaded = ea_store_site_load(a->wstore, a->run_id, s->seed->id, &j->rec) == EA_OK;
}

static void report_work(void *arg)
{
    struct store_job *j = arg;
    const struct audit *a = j->site->a;
    j->reported = ea_reports_write_site_files(&a->run, &j->rec, a->opts->out_dir) == EA_OK;
}

static void report_done(void *arg)
{
    struct store_job *j = arg;
    j->site->reports_written = j->reported;
    if (j->loaded)
        ea_store_site_rec_release(&j->rec);
    free(j);
}

static void store_done(void *arg)
{
    struct store_job *j = arg;
    if (!j->stored)
        j->site->a->store_failed = true;
    recs_free(j->recs, j->nrecs);
    j->recs = NULL;
    ea_sheet_evidence_release(&j->ev);
    if (j->loaded)
        ea_pool_submit(j->site->a->pool, report_work, report_done, j);
    else
        report_done(j);
}

static void finish_site(struct site *s)
{
    struct audit *a = s->a;
    struct ea_sheet_row *row = &s->row;
    const struct ea_response *probe = s->probe;
    struct ea_buf why = EA_BUF_INIT(1024);
    const char *unreachable = NULL;

    s->finished = true;
    if (s->active) {
        s->active = false;
        a->active--;
    }
    const struct home_info *home = s->home.seen ? &s->home : NULL;
    ea_row_set(row, EA_COL_ID, s->seed->id);
    ea_row_set(row, EA_COL_NAME, s->seed->name);
    ea_row_set(row, EA_COL_TYPE, s->seed->type);
    ea_row_set(row, EA_COL_URL, s->seed->url);
    ea_row_set(row, EA_COL_AUDIT_DATE, a->date);

    bool answered = home && !home->error && home->status > 0;
    bool reachable = answered && home->status >= 200 && home->status <= 299;
    if (answered)
        ea_row_set(row, EA_COL_FINAL_URL, home->final_url);
    ea_row_set_bool(row, EA_COL_REACHABLE, reachable);
    if (!reachable) {
        if (!home)
            ea_buf_add(&why, "the homepage was not fetched");
        else if (home->error)
            ea_buf_add(&why, home->error);
        else
            ea_buf_addf(&why, "the homepage answered HTTP %ld", home->status);
        unreachable = why.buf;
    }

    /* https: the final homepage is https with a verified certificate. A failed TLS check is
     * an answer (0); any other failure leaves it unknown. */
    if (reachable)
        ea_row_set_bool(row, EA_COL_HTTPS, is_https(home->final_url) && home->tls_verified);
    else if (home && home->err == EA_FETCH_TLS)
        ea_row_set_bool(row, EA_COL_HTTPS, false);

    /* https_redirect: http://HOST/ ends up on https (whatever happens there). */
    if (probe) {
        if (probe->nhops > 0)
            ea_row_set_bool(row, EA_COL_HTTPS_REDIRECT, is_https(probe->final_url));
        else if (probe->error == EA_FETCH_OK || reachable)
            ea_row_set_bool(row, EA_COL_HTTPS_REDIRECT, false);
    } else if (home) {
        if (home->nhops > 0)
            ea_row_set_bool(row, EA_COL_HTTPS_REDIRECT, is_https(home->final_url));
        else if (!home->error || reachable)
            ea_row_set_bool(row, EA_COL_HTTPS_REDIRECT, false);
    }

    ea_row_set_int(row, EA_COL_PAGES_AUDITED, (long)s->checked);
    if (reachable)
        ea_row_set_int(row, EA_COL_BROKEN_LINKS, (long)s->broken);
    fill_wcag(row, &s->tally);
    struct ea_sheet_evidence ev;
    ea_sheet_evidence_init(&ev);
    if (reachable && s->qs)
        ea_site_answer_evidence(s->qs, row, &ev);
    if (s->stats.robots_unreachable && reachable)
        ea_log_warn("%s: robots.txt could not be read (server error or no answer): only the "
                    "homepage was audited",
                    s->seed->id);
    if (s->stats.host_given_up)
        ea_log_warn("%s: the site failed too often in a row; the crawl was given up", s->seed->id);

    /* The links robots.txt kept the crawl from (the first ones), for the report's list. */
    for (size_t i = 0; s->crawl && i < ea_crawl_nexcluded(s->crawl); i++) {
        const struct ea_crawl_excluded *x = ea_crawl_excluded(s->crawl, i);
        EA_GROW(s->recs, s->nrecs + 1, s->recs_cap);
        struct page_rec *r = &s->recs[s->nrecs++];
        memset(r, 0, sizeof(*r));
        r->url = ea_xstrdup(x->url);
        r->referrer = dup_or_null(x->referrer);
        r->depth = (int)x->depth;
        r->robots_excluded = true;
    }

    if (a->store && !a->store_failed) {
        struct store_job *j = ea_xcalloc(1, sizeof(*j));
        j->site = s;
        j->recs = s->recs;
        j->nrecs = s->nrecs;
        j->begun = s->begun;
        j->ev = ev;
        ea_sheet_evidence_init(&ev);
        j->crawl = (struct ea_store_crawl){
            .known = s->stats_final, /* else not known, not a crawl that met nothing */
            .robots_unreachable = s->stats.robots_unreachable,
            .given_up = s->stats.host_given_up,
            .sitemap_cut = s->stats.sitemap_cut,
            .max_pages = a->opts->max_pages,
            .robots_blocked = s->stats.robots_blocked,
            .robots_unread = s->stats.robots_unread,
            .trapped = s->stats.trapped,
            .out_of_budget = s->stats.out_of_budget,
            .sitemap_urls = s->stats.sitemap_urls,
            .duplicates = s->stats.duplicates,
            .delay = s->crawl ? ea_crawl_delay(s->crawl) : a->opts->fetch.delay,
        };
        s->recs = NULL;
        s->nrecs = s->recs_cap = 0;
        ea_pool_submit(a->store_pool, store_work, store_done, j);
    }

    a->done++;
    a->errors += !reachable;
    if (!a->opts->quiet && (!a->opts->progress || unreachable))
        log_site(a, s, unreachable);
    progress(a, true);

    /* Only the row stays. */
    recs_free(s->recs, s->nrecs);
    s->recs = NULL;
    s->nrecs = s->recs_cap = 0;
    ea_sheets_release(&s->sheets);
    ea_site_free(s->qs);
    s->qs = NULL;
    ea_response_release(s->probe);
    free(s->probe);
    s->probe = NULL;
    ea_crawl_free(s->crawl); /* may be deferred until the crawl's code returns */
    s->crawl = NULL;
    ea_sheet_evidence_release(&ev);
    ea_buf_release(&why);
    ea_buf_release(&s->job_warnings);
    free(s->home.final_url);
    free(s->home.error);
    s->home.final_url = s->home.error = NULL;
    if (!a->stopping)
        start_sites(a);
}

static void maybe_finish(struct site *s)
{
    if (s->crawl_done && !s->probe_pending && !s->busy && !s->head && !s->finished)
        finish_site(s);
}

/* --- pages, one tree per site at a time ------------------------------------------------
 * A page goes: fetched (on_page) -> parsed on a worker (parse_work) -> its links handed to
 * the crawl and its stylesheets fetched on the loop's thread (parse_done) -> checked and shown
 * to the questionnaire on a worker (check_work) -> recorded (check_done). While a job runs, the
 * worker owns the site's current page, tree and questionnaire; the loop's thread touches them
 * again only in the job's done function, so they need no lock. At most max_trees trees are
 * made or worked on at once (submit_parse queues the rest); a tree waiting for its sheets is
 * kept within EA_MAX_WAITING_TREE_BYTES, else made again when they have come. */

static void process_next(struct site *s);

/* The current page's record is complete: its tallies join the site's, and records go to the
 * store thread STORE_BATCH_PAGES at a time (no job holds one between pages). */
static void rec_final(struct site *s)
{
    struct audit *a = s->a;
    const struct page_rec *r = s->crec;
    s->pages_ended++;
    if (r->checked) {
        s->checked++;
        tally_wcag(&s->tally, &r->page.results);
    }
    if (r->homepage && !s->home.seen) {
        s->home.seen = true;
        s->home.final_url = dup_or_null(r->final_url);
        s->home.error = dup_or_null(r->error);
        s->home.status = r->status;
        s->home.err = r->err;
        s->home.tls_verified = r->tls_verified;
        s->home.nhops = r->nhops;
    } else if (!r->homepage && (r->error || r->status >= 400)) {
        s->broken++;
    }
    s->crec = NULL;
    if (s->nrecs < STORE_BATCH_PAGES || !a->store || a->store_failed)
        return;
    struct pages_job *j = ea_xcalloc(1, sizeof(*j));
    j->site = s;
    j->recs = s->recs;
    j->nrecs = s->nrecs;
    j->begin = !s->begun;
    s->begun = true;
    s->recs = NULL;
    s->nrecs = s->recs_cap = 0;
    ea_pool_submit(a->store_pool, pages_work, pages_done, j);
}

static void parse_work(void *arg);
static void parse_done(void *arg);

/* Parses the current page of s on a worker when fewer than max_trees trees are held, else
 * when one is freed (tree_gone). */
static void submit_parse(struct site *s)
{
    struct audit *a = s->a;
    if (a->trees >= a->max_trees) {
        s->next_parse = NULL;
        if (a->parse_tail)
            a->parse_tail->next_parse = s;
        else
            a->parse_head = s;
        a->parse_tail = s;
        return;
    }
    a->trees++;
    s->tree_counted = true;
    if (a->trees > a->most_trees)
        a->most_trees = a->trees;
    ea_pool_submit(a->pool, parse_work, parse_done, s);
}

/* The tree of s that submit_parse counted is freed, never made, or set aside (kept while its
 * sheets come): another page may be parsed. */
static void tree_gone(struct site *s)
{
    struct audit *a = s->a;
    if (!s->tree_counted)
        return;
    s->tree_counted = false;
    a->trees--;
    while (!a->stopping && a->parse_head && a->trees < a->max_trees) {
        struct site *next = a->parse_head;
        a->parse_head = next->next_parse;
        if (!a->parse_head)
            a->parse_tail = NULL;
        next->next_parse = NULL;
        submit_parse(next);
    }
}

/* p's body leaves the pages waiting in memory (parsed, handed to the store, or freed). */
static void body_gone(struct audit *a, struct pending *p)
{
    a->body_bytes -= p->body_bytes;
    p->body_bytes = 0;
}

static void pending_free(struct audit *a, struct pending *p)
{
    if (!p)
        return;
    body_gone(a, p);
    ea_response_release(&p->resp);
    free(p->url);
    free(p->referrer);
    free(p);
}

/* The current page's body once its tree is the one to be checked: kept for the next night
 * (a 304 is re-checked from this copy), else no longer needed (the tree has its own copy). */
static void body_parsed(struct site *s)
{
    struct audit *a = s->a;
    struct page_rec *r = s->crec;
    struct ea_response *resp = &s->cur->resp;
    body_gone(a, s->cur);
    if (s->store_body && r->hash[0] && !a->store_failed) {
        store_body(a, r->hash, resp);
    } else {
        if (s->store_body)
            r->hash[0] = '\0';
        free(resp->body);
        resp->body = ea_xstrdup("");
        resp->body_len = 0;
    }
}

/* The current page is over (checked, or not checkable): drop it, go on with the next. */
static void end_current(struct site *s)
{
    struct pending *p = s->cur;
    ea_doc_free(s->doc);
    s->doc = NULL;
    tree_gone(s);
    s->a->waiting_tree_bytes -= s->kept_bytes;
    s->kept_bytes = 0;
    ea_sheets_page_end(&s->sheets);
    s->sheets_waiting = false;
    free(s->job_sheets);
    s->job_sheets = NULL;
    s->njob_sheets = 0;
    s->cur = NULL;
    rec_final(s);
    s->busy = false;
    pending_free(s->a, p);
    progress(s->a, false);
    if (s->crawl)
        ea_crawl_page_done(s->crawl);
    process_next(s);
}

static void check_work(void *arg)
{
    struct site *s = arg;
    struct page_rec *r = s->crec;
    const struct pending *p = s->cur;
    ea_doc_add_stylesheets(s->doc, s->job_sheets, s->njob_sheets);
    ea_page_run_checks(s->doc, s->a->opts->only, s->a->opts->nonly, &r->page, &s->job_warnings);
    /* The site's pages wait in memory until it is stored, which keeps no passed elements. */
    ea_results_drop_passes(&r->page.results);
    if (s->qs)
        ea_site_observe(s->qs, s->doc, p->resp.final_url, p->homepage, p->via);
    ea_doc_free(s->doc);
    s->doc = NULL;
}

static void check_done(void *arg)
{
    struct site *s = arg;
    report_warnings(s->seed->id, &s->job_warnings);
    s->crec->checked = true;
    s->a->pages++;
    end_current(s);
}

/* The current tree has every stylesheet it waited for: check it on a worker. The sheets are
 * copied as pointers now, since the site's sheets may grow (and move) while the job runs; their
 * texts stay where they are until the site ends. */
static void start_check(struct site *s)
{
    s->njob_sheets = ea_sheets_page_list(&s->sheets, &s->job_sheets);
    /* Before the pages waiting to be parsed: until it is checked the tree stays in memory,
     * and with many sites in progress the trees waiting for a worker were most of it. */
    ea_pool_submit_first(s->a->pool, check_work, check_done, s);
}

/* The current page of s waited for sheets: once the last has come it is checked, after being
 * parsed again if its tree was dropped meanwhile (see parse_done). */
static void sheets_settled(struct site *s)
{
    /* Every page waiting on a sheet is the current one (one page at a time). */
    if (s->busy && s->sheets_waiting && ea_sheets_page_pending(&s->sheets) == 0) {
        s->sheets_waiting = false;
        if (!s->doc) {
            s->reparse = true;
            s->a->reparsed++;
            submit_parse(s);
            return;
        }
        /* Kept (its body let go already): checked now, though the trees being worked on may
         * be max_trees already. */
        s->a->waiting_tree_bytes -= s->kept_bytes;
        s->kept_bytes = 0;
        start_check(s);
    }
}

static void on_sheet(struct ea_fetch_task *task, struct ea_response *resp)
{
    struct shared_sheet *sh = (struct shared_sheet *)(void *)task;
    struct audit *a = sh->a;
    const char *why = ea_sheet_unusable(resp);
    bool ok = !why;
    /* Taken first: a waiter's imports may ask for this URL again (another media). */
    struct sheet_waiter *w = sh->waiters;
    size_t nw = sh->nwaiters;
    sh->waiters = NULL;
    sh->nwaiters = sh->waiters_cap = 0;
    if (ok && a->sheet_bytes + resp->body_len <= EA_MAX_RUN_STYLESHEETS) {
        sh->state = SHEET_KEPT;
        sh->text = resp->body;
        sh->len = resp->body_len;
        resp->body = NULL;
        a->sheet_bytes += sh->len;
    } else if (ok || resp->error != EA_FETCH_OK || resp->status >= 500 || resp->status == 429 ||
               resp->status == 408) {
        /* The run keeps no more, or the failure may pass (no answer, a server error after
         * the fetcher's retries): fetched again when another site asks. */
        sh->state = SHEET_UNFETCHED;
    } else {
        sh->state = SHEET_FAILED; /* an answer that will not change tonight: 404, too large */
        sh->why = why;
    }
    for (size_t k = 0; k < nw; k++) {
        struct site *s = w[k].site;
        if (sh->state == SHEET_KEPT) {
            ea_sheets_arrived(&s->sheets, w[k].index, sh->text, sh->len, false, NULL);
        } else if (ok) {
            char *text = k + 1 == nw ? resp->body : ea_xmemdup(resp->body, resp->body_len);
            if (k + 1 == nw)
                resp->body = NULL;
            ea_sheets_arrived(&s->sheets, w[k].index, text, resp->body_len, true, NULL);
        } else {
            ea_sheets_arrived(&s->sheets, w[k].index, NULL, 0, false, why);
        }
        sheets_settled(s);
    }
    free(w);
    ea_response_release(resp);
}

/* Sheet i of s (url) is wanted: from the run's sheets when it has it, else fetched (once for
 * every site waiting meanwhile). */
static void want_sheet(void *ctx, struct ea_sheets *set, size_t i, const char *url)
{
    struct site *s = ctx;
    struct audit *a = s->a;
    struct ea_strtab_entry *e = ea_strtab_get(&a->sheet_ix, url, true);
    if (!e->val) {
        struct shared_sheet *sh = ea_xcalloc(1, sizeof(*sh));
        sh->task.fn = on_sheet;
        sh->a = a;
        sh->url = ea_xstrdup(url);
        EA_GROW(a->sheets, a->nsheets + 1, a->sheets_cap);
        a->sheets[a->nsheets++] = sh;
        e->val = (unsigned)a->nsheets;
    }
    struct shared_sheet *sh = a->sheets[e->val - 1];
    if (sh->state == SHEET_KEPT) {
        ea_sheets_arrived(set, i, sh->text, sh->len, false, NULL);
        return;
    }
    if (sh->state == SHEET_FAILED) {
        ea_sheets_arrived(set, i, NULL, 0, false, sh->why);
        return;
    }
    EA_GROW(sh->waiters, sh->nwaiters + 1, sh->waiters_cap);
    sh->waiters[sh->nwaiters++] = (struct sheet_waiter){ .site = s, .index = i };
    if (sh->state == SHEET_UNFETCHED) {
        sh->state = SHEET_FETCHING;
        ea_fetcher_add(a->fetcher, &(struct ea_fetch_req){ .url = url,
                                                           .max_body = EA_MAX_STYLESHEET,
                                                           .urgent = true,
                                                           .user = &sh->task });
    }
}

static void free_sheets(struct audit *a)
{
    for (size_t i = 0; i < a->nsheets; i++) {
        free(a->sheets[i]->url);
        free(a->sheets[i]->text);
        free(a->sheets[i]->waiters);
        free(a->sheets[i]);
    }
    free(a->sheets);
    a->sheets = NULL;
    a->nsheets = a->sheets_cap = 0;
    ea_strtab_release(&a->sheet_ix);
}

static struct page_rec *new_rec(struct site *s, const struct pending *p)
{
    EA_GROW(s->recs, s->nrecs + 1, s->recs_cap);
    struct page_rec *r = &s->recs[s->nrecs++];
    memset(r, 0, sizeof(*r));
    const struct ea_response *resp = &p->resp;
    r->url = ea_xstrdup(p->url);
    r->final_url = dup_or_null(resp->final_url);
    r->error =
        resp->error != EA_FETCH_OK
            ? ea_xstrdup(resp->error_msg ? resp->error_msg : ea_fetch_error_name(resp->error))
            : NULL;
    r->etag = dup_or_null(resp->etag);
    r->last_modified = dup_or_null(resp->last_modified);
    r->content_type = dup_or_null(resp->content_type);
    r->referrer = dup_or_null(p->referrer);
    r->status = resp->status;
    r->err = resp->error;
    r->bytes = (long long)resp->body_len;
    r->seconds = resp->elapsed;
    r->depth = p->depth;
    r->homepage = p->homepage;
    r->not_modified = p->not_modified;
    r->tls_verified = resp->tls_verified;
    r->truncated = resp->truncated;
    if (resp->nhops) {
        /* The store wants each hop's URL after url: the targets, ending with final_url. */
        r->hops = ea_xcalloc(resp->nhops, sizeof(*r->hops));
        for (size_t i = 1; i < resp->nhops; i++)
            r->hops[i - 1] = ea_xstrdup(resp->hops[i].url);
        r->hops[resp->nhops - 1] = ea_xstrdup(resp->final_url);
        r->nhops = resp->nhops;
    }
    return r;
}

/* Parses the current page (again, when s->reparse: the same bytes give the same tree and
 * the same warnings, which are not repeated). */
static void parse_work(void *arg)
{
    struct site *s = arg;
    struct page_rec *r = s->crec;
    const struct ea_response *resp = &s->cur->resp;
    if (s->hash_body && !s->reparse)
        ea_sha256_hex(resp->body, resp->body_len, r->hash);
    if (s->reparse)
        ea_page_release(&r->page);
    s->parsed = ea_page_parse(resp->final_url, resp->body, resp->body_len, resp->content_type,
                              &r->page, &s->doc, &s->job_warnings);
    if (s->parsed && resp->truncated)
        ea_buf_addf(&s->job_warnings, "%s: larger than %zu bytes; only the start was checked\n",
                    resp->final_url, resp->body_len);
}

static void parse_done(void *arg)
{
    struct site *s = arg;
    struct audit *a = s->a;
    struct pending *p = s->cur;
    struct page_rec *r = s->crec;
    struct ea_response *resp = &p->resp;
    bool again = s->reparse;
    s->reparse = false;
    if (again)
        ea_buf_reset(&s->job_warnings); /* said the first time */
    else
        report_warnings(s->seed->id, &s->job_warnings);
    if (!s->parsed || a->stopping) {
        body_parsed(s);
        end_current(s);
        return;
    }
    if (again) { /* its links and sheets were taken the first time */
        body_parsed(s);
        start_check(s);
        return;
    }
    r->encoding = r->page.encoding;
    struct ea_crawl_page cp = {
        .url = p->url, .depth = (unsigned)p->depth, .via = p->via, .homepage = p->homepage
    };
    if (s->crawl)
        ea_crawl_add_links(s->crawl, &cp, s->doc, resp->final_url);
    ea_sheets_page_begin(&s->sheets, s->doc, resp->final_url);
    s->sheets_waiting = ea_sheets_page_pending(&s->sheets) > 0;
    if (!s->sheets_waiting) {
        body_parsed(s);
        start_check(s);
        return;
    }
    /* Its sheets take a while (a host's --delay, a slow host). The tree, ten times the size
     * of the body or more, is kept meanwhile while the kept ones fit in
     * EA_MAX_WAITING_TREE_BYTES, else dropped and made again from the body when they have
     * come (sheets_settled): held, the trees of every site in progress waiting on sheets
     * were most of an audit's memory. Either way it leaves the trees being worked on. */
    size_t bytes = ea_doc_bytes(s->doc);
    if (a->waiting_tree_bytes + bytes <= EA_MAX_WAITING_TREE_BYTES) {
        s->kept_bytes = bytes;
        a->waiting_tree_bytes += bytes;
        body_parsed(s); /* never parsed again */
    } else {
        ea_doc_free(s->doc);
        s->doc = NULL;
    }
    tree_gone(s);
}

/* Starts work on the next fetched page of s, unless one is in progress. Pages that cannot be
 * checked (errors, not HTML) are recorded at once. */
static void process_next(struct site *s)
{
    struct audit *a = s->a;
    struct ea_buf warnings = EA_BUF_INIT(1 << 16);
    while (!s->busy && s->head && !a->stopping) {
        struct pending *p = s->head;
        s->head = p->next;
        if (!s->head)
            s->tail = NULL;
        s->busy = true;
        s->cur = p;
        s->crec = new_rec(s, p);
        struct ea_response *resp = &p->resp;
        bool ok = resp->error == EA_FETCH_OK && resp->status >= 200 && resp->status <= 299;
        if (ok && !ea_page_is_html_type(resp->content_type)) {
            if (p->homepage)
                ea_buf_addf(&warnings, "%s: the homepage is not HTML (%s); not checked\n",
                            resp->final_url, resp->content_type);
            ok = false;
        }
        report_warnings(s->seed->id, &warnings);
        if (ok) {
            s->store_body = a->store && !a->store_failed && resp->body_len && !p->not_modified;
            s->hash_body = s->store_body || p->not_modified;
            submit_parse(s);
            break; /* parse_done goes on */
        }
        /* end_current, inline: it would recurse into process_next. */
        s->cur = NULL;
        rec_final(s);
        s->busy = false;
        pending_free(a, p);
        progress(a, false);
        if (s->crawl)
            ea_crawl_page_done(s->crawl);
    }
    ea_buf_release(&warnings);
    maybe_finish(s);
}

static void on_page(void *ctx, struct ea_crawl *c, const struct ea_crawl_page *page,
                    struct ea_response *resp)
{
    struct site *s = ctx;
    (void)c;
    struct pending *p = ea_xcalloc(1, sizeof(*p));
    p->resp = *resp; /* the members move over */
    p->url = ea_xstrdup(page->url);
    p->referrer = dup_or_null(page->referrer);
    p->depth = (int)page->depth;
    p->via = page->via;
    p->homepage = page->homepage;
    p->not_modified = page->not_modified;
    p->body_bytes = resp->body_len;
    s->a->body_bytes += p->body_bytes;
    if (s->a->body_bytes > s->a->most_body_bytes)
        s->a->most_body_bytes = s->a->body_bytes;
    if (s->tail)
        s->tail->next = p;
    else
        s->head = p;
    s->tail = p;
    process_next(s);
}

static void on_crawl_end(void *ctx, struct ea_crawl *c)
{
    struct site *s = ctx;
    ea_crawl_get_stats(c, &s->stats);
    s->stats_final = true;
    s->crawl_done = true;
    maybe_finish(s);
}

static void on_probe(struct ea_fetch_task *task, struct ea_response *resp)
{
    struct site *s = (struct site *)(void *)((char *)task - offsetof(struct site, probe_task));
    s->probe = ea_xmalloc(sizeof(*s->probe));
    *s->probe = *resp;
    s->probe_pending = false;
    maybe_finish(s);
}

/* --- conditional GET through the store -------------------------------------------------- */

static bool prev_lookup(void *ctx, const char *url, char **etag, char **last_modified)
{
    struct site *s = ctx;
    struct ea_store_prev prev;
    memset(&prev, 0, sizeof(prev));
    if (!s->a->store || !s->a->have_prev ||
        ea_store_prev_page(s->a->store, s->seed->id, url, &prev) != EA_OK)
        return false;
    bool usable = prev.content_hash && (prev.etag || prev.last_modified);
    if (usable) {
        *etag = prev.etag;
        *last_modified = prev.last_modified;
        prev.etag = prev.last_modified = NULL;
    }
    ea_store_prev_release(&prev);
    return usable;
}

static bool prev_load(void *ctx, const char *url, char **body, size_t *len, char **content_type)
{
    struct site *s = ctx;
    struct ea_store_prev prev;
    memset(&prev, 0, sizeof(prev));
    bool ok = false;
    if (ea_store_prev_page(s->a->store, s->seed->id, url, &prev) == EA_OK && prev.content_hash &&
        ea_store_body_get(s->a->store, prev.content_hash, body, len) == EA_OK) {
        *content_type = NULL;
        ok = true;
    }
    ea_store_prev_release(&prev);
    return ok;
}

static int priority(void *ctx, const char *name, const char *url)
{
    const struct ea_concepts *c = ctx;
    return c ? ea_concepts_classify_link(c, name, url) : -1;
}

/* The slots site s can keep busy: --per-host at most, and with a delay between its request
 * starts one request per delay lasting the mean transfer time t (0 before one is measured:
 * one slot is assumed), so t / delay of them. */
static double slot_share(const struct audit *a, const struct site *s, double t)
{
    double per_host = a->opts->fetch.per_host ? a->opts->fetch.per_host : 1;
    double delay = s->crawl ? ea_crawl_delay(s->crawl) : a->opts->fetch.delay;
    if (!(delay > 0))
        return per_host;
    double share = t > 0 ? t / delay : 1;
    return share < per_host ? share : per_host;
}

/* Starts sites while those in progress keep fewer than SITES_PER_SLOT_SET times the
 * concurrency's slots busy between them (and fewer than EA_MAX_SITES_IN_PROGRESS run). With no
 * delay that is SITES_PER_SLOT_SET sets of --per-host slots per set the concurrency allows, so
 * that sites waiting for their next URL (a page being parsed) do not idle the slots, while
 * memory (each site's current tree, fetched bodies waiting for it, its stylesheets) follows
 * the sites in progress, not all of them. (In the 100-site benchmark, 4 sets instead of 2
 * took the time from 1.12-1.15 to 1.06-1.10 of the ideal.) With --delay 1 and transfers of
 * 0.3 s a site keeps 0.3 of a slot busy: 16 slots need 53 sites, and with the room of 4
 * slots' worth per slot all ~104 of a night run at once. */
static void start_sites(struct audit *a)
{
    const struct ea_audit_opts *o = a->opts;
    double t = a->fetcher ? ea_fetcher_mean_transfer_time(a->fetcher) : 0;
    double want = SITES_PER_SLOT_SET * (double)(o->fetch.concurrency ? o->fetch.concurrency : 1);
    double have = 0;
    a->last_window = since(&a->started);
    for (size_t i = 0; i < a->started_sites; i++)
        if (a->sites[i].active)
            have += slot_share(a, &a->sites[i], t);
    while (a->started_sites < a->nsites && a->active < EA_MAX_SITES_IN_PROGRESS &&
           (!a->active || have < want)) {
        struct site *s = &a->sites[a->started_sites++];
        if (s->finished)
            continue; /* stored by the run this one resumes */
        struct ea_crawl_opts co;
        ea_crawl_opts_default(&co);
        co.max_pages = o->max_pages;
        co.max_depth = o->max_depth;
        co.window = o->fetch.per_host;
        co.max_open = co.window + PAGES_WAITING_PER_SITE;
        co.agent = o->fetch.user_agent;
        co.delay = o->fetch.delay;
        co.priority = a->concepts ? priority : NULL;
        co.priority_ctx = a->concepts;
        struct ea_crawl_store *st = &a->stores[s->seq];
        *st = (struct ea_crawl_store){ .lookup = prev_lookup, .load = prev_load, .ctx = s };
        co.store = a->store ? st : NULL;
        s->qs = a->concepts ? ea_site_new(a->concepts, a->date) : NULL;
        ea_sheets_init(&s->sheets, s->seed->id, o->quiet, want_sheet, s);
        s->crawl = ea_crawl_new(a->fetcher, s->seed->url, &co, on_page, on_crawl_end, s);
        char *probe = http_probe_url(s->seed->url);
        if (probe) {
            s->probe_task.fn = on_probe;
            s->probe_pending = true;
            ea_fetcher_add(a->fetcher, &(struct ea_fetch_req){ .url = probe,
                                                               .max_body = PROBE_MAX_BODY,
                                                               .user = &s->probe_task });
            free(probe);
        }
        s->active = true;
        a->active++;
        if (a->active > a->max_active)
            a->max_active = a->active;
        have += slot_share(a, s, t);
        ea_crawl_start(s->crawl);
    }
    /* The slots by pages left (see ea_fetcher_set_by_weight); sites not started yet have all
     * of theirs left. */
    if (a->fetcher)
        ea_fetcher_set_by_weight(a->fetcher, true,
                                 (unsigned long)(a->nsites - a->started_sites) * o->max_pages);
}

/* The fetcher's loop asks: run what the workers finished; is any job still out? */
static bool side_work(void *ctx)
{
    struct audit *a = ctx;
    ea_pool_drain(a->pool, false);
    ea_pool_drain(a->store_pool, false);
    bool hold = a->body_bytes > EA_MAX_WAITING_BODY_BYTES;
    if (hold != a->held) {
        a->held = hold;
        a->holds += hold;
        ea_fetcher_hold(a->fetcher, hold);
    }
    if (!a->stopping && a->started_sites < a->nsites &&
        since(&a->started) - a->last_window >= WINDOW_EVERY)
        start_sites(a);
    return ea_pool_outstanding(a->pool) + ea_pool_outstanding(a->store_pool) > 0;
}

/* Waits for every job of both pools and for the jobs their done functions submit (a page
 * ends a site: store it; a stored site: write its reports). */
static void drain_all(struct audit *a)
{
    for (;;) {
        size_t pages = ea_pool_outstanding(a->pool), store = ea_pool_outstanding(a->store_pool);
        if (!pages && !store)
            return;
        if (pages)
            ea_pool_drain(a->pool, true);
        if (store)
            ea_pool_drain(a->store_pool, true);
    }
}

/* A worker finished a job: end the loop's wait (called on the worker's thread). */
static void wake_loop(void *ctx)
{
    struct audit *a = ctx;
    ea_fetcher_wakeup(a->fetcher);
}

static int run_sites(struct audit *a)
{
    const struct ea_audit_opts *o = a->opts;
    int rc = EA_EXIT_OK;
    if (ea_store_open_second(a->store, &a->wstore) != EA_OK)
        return EA_EXIT_FAIL;
    a->fetcher = ea_fetcher_new(&o->fetch);
    a->pool = ea_pool_new(o->workers, wake_loop, a);
    a->max_trees =
        (size_t)EA_TREES_PER_WORKER * (ea_pool_threads(a->pool) ? ea_pool_threads(a->pool) : 1);
    a->store_pool = ea_pool_new(o->workers ? 1 : 0, wake_loop, a);
    ea_fetcher_set_side_work(a->fetcher, side_work, a);
    a->stores = ea_xcalloc(a->nsites ? a->nsites : 1, sizeof(*a->stores));
    start_sites(a);
    if (ea_fetcher_run(a->fetcher, ea_fetch_dispatch, NULL) != EA_OK) {
        ea_log_error("the transfer library failed; the audit is incomplete");
        rc = EA_EXIT_FAIL;
    }
    /* Sites whose crawl could not end (the transfer library failed) still get a row. Jobs
     * still running end first: their sites are theirs until then. */
    a->stopping = true;
    drain_all(a);
    for (size_t i = 0; i < a->nsites; i++) {
        struct site *s = &a->sites[i];
        if (s->finished)
            continue;
        if (s->crec)
            rec_final(s); /* its page ends here (the homepage's fetch still answers the row) */
        ea_doc_free(s->doc);
        s->doc = NULL;
        a->waiting_tree_bytes -= s->kept_bytes;
        s->kept_bytes = 0;
        ea_sheets_release(&s->sheets);
        free(s->job_sheets);
        s->job_sheets = NULL;
        pending_free(a, s->cur);
        s->cur = NULL;
        while (s->head) {
            struct pending *p = s->head;
            s->head = p->next;
            pending_free(a, p);
        }
        s->tail = NULL;
        s->crawl_done = true;
        s->probe_pending = false;
        s->busy = false;
        finish_site(s);
    }
    if (o->verbose) {
        /* How busy the loop's own thread was: when it nears the wall time, or the transfers
         * in flight stay under the concurrency, the loop is what limits the crawl. The time
         * after the last transfer is what finishing the last sites (checks, store, reports)
         * adds to the run. */
        struct rusage ru;
        struct timespec now;
        double first = 0, last = 0;
        clock_gettime(CLOCK_MONOTONIC, &now);
        ea_fetcher_transfer_times(a->fetcher, &first, &last);
        double t0 = (double)a->started.tv_sec + (double)a->started.tv_nsec / 1e9;
        double t1 = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
        if (first == 0)
            first = last = t0;
        if (getrusage(RUSAGE_THREAD, &ru) == 0)
            ea_log_debug("crawl: %.2f s = %.2f s before the first transfer, %.2f s of transfers "
                         "with %.1f in flight on average (of %u), %.2f s after the last; the "
                         "fetcher's loop used %.1f s of CPU, %u workers; %zu sites at most in "
                         "progress, %zu parsed pages at most (of %zu), %zu parsed again, %.1f MB "
                         "of fetched pages waiting at most (crawl held %zu times), transfers "
                         "of %.3f s on average",
                         t1 - t0, first - t0, last - first, ea_fetcher_mean_inflight(a->fetcher),
                         o->fetch.concurrency, t1 - last,
                         (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
                         ea_pool_threads(a->pool), a->max_active, a->most_trees, a->max_trees,
                         a->reparsed, (double)a->most_body_bytes / (1024.0 * 1024.0), a->holds,
                         ea_fetcher_mean_transfer_time(a->fetcher));
    }
    drain_all(a);                /* the sites finished just above */
    ea_pool_free(a->store_pool); /* both before the fetcher their threads wake */
    a->store_pool = NULL;
    ea_pool_free(a->pool);
    a->pool = NULL;
    ea_store_close(a->wstore);
    a->wstore = NULL;
    free(a->failed_bodies);
    ea_fetcher_free(a->fetcher);
    a->fetcher = NULL;
    free_sheets(a);
    free(a->stores);
    a->stores = NULL;
    /* Every page's tree and body was let go, whichever way its site ended. */
    assert(a->trees == 0 && a->waiting_tree_bytes == 0 && a->body_bytes == 0);
    return rc;
}

/* What the run was started with, so that a person reading the store (or a resume) knows. */
static void record_options(struct audit *a)
{
    const struct ea_audit_opts *o = a->opts;
    struct ea_buf b = EA_BUF_INIT(8192);
    ea_buf_addf(&b,
                "seeds=%s max_pages=%u max_depth=%u concurrency=%u per_host=%u delay=%g "
                "timeout_ms=%ld only=",
                o->seeds_path, o->max_pages, o->max_depth, o->fetch.concurrency, o->fetch.per_host,
                o->fetch.delay, o->fetch.timeout_ms);
    for (size_t i = 0; i < o->nonly; i++)
        ea_buf_addf(&b, "%s%s", i ? "," : "", o->only[i]);
    if (ea_store_run_set_options(a->store, a->run_id, b.buf) != EA_OK)
        ea_log_warn("cannot record the run's options");
    ea_buf_release(&b);
}

/* --resume: the sites the unfinished run already stored keep their stored rows and are not
 * crawled again. */
static void take_stored_sites(struct audit *a)
{
    struct ea_sheet_row *rows = NULL;
    size_t nrows = 0, taken = 0;
    if (ea_store_run_rows(a->store, a->run_id, &rows, &nrows) != EA_OK) {
        ea_log_warn("cannot read the stored sites of run %lld; auditing every site again",
                    a->run_id);
        return;
    }
    for (size_t r = 0; r < nrows; r++) {
        const char *id = rows[r].cells[EA_COL_ID];
        for (size_t i = 0; id && i < a->nsites; i++) {
            struct site *s = &a->sites[i];
            if (s->finished || strcmp(s->seed->id, id) != 0)
                continue;
            ea_row_release(&s->row);
            s->row = rows[r];
            ea_row_init(&rows[r]);
            s->finished = true;
            a->done++;
            taken++;
            break;
        }
        ea_row_release(&rows[r]);
    }
    free(rows);
    ea_log_info("resuming run %lld of %s: %zu sites already done", a->run_id, a->date, taken);
}

/* The report files of every stored site of the run not written while it ran. */
static enum ea_err write_remaining_reports(struct audit *a)
{
    char **ids = NULL;
    size_t nids = 0;
    enum ea_err err = EA_OK;
    if (ea_store_run_site_ids(a->store, a->run_id, &ids, &nids) != EA_OK)
        return EA_IO;
    for (size_t i = 0; i < nids; i++) {
        bool written = false;
        for (size_t k = 0; k < a->nsites && !written; k++)
            written = a->sites[k].reports_written && strcmp(a->sites[k].seed->id, ids[i]) == 0;
        if (!written && ea_reports_write_site(a->store, &a->run, ids[i], a->opts->out_dir) != EA_OK)
            err = EA_IO;
    }
    ea_store_ids_free(ids, nids);
    return err;
}

int ea_audit_run(const struct ea_audit_opts *opts)
{
    struct audit a = { .opts = opts };
    struct ea_seeds seeds = { 0 };
    struct ea_buf path = EA_BUF_INIT(4096);
    size_t nbad = 0;
    int rc = EA_EXIT_FAIL;

    clock_gettime(CLOCK_MONOTONIC, &a.started);
    if (ea_seeds_load(opts->seeds_path, &seeds, &nbad) != EA_OK)
        goto out;
    if (seeds.len == 0)
        ea_log_warn("'%s' names no usable site; writing an empty sheet", opts->seeds_path);
    if (ea_concepts_load(NULL, &a.concepts) != EA_OK) {
        ea_log_error("cannot load the questionnaire's concepts");
        goto out;
    }
    if (!make_dirs(opts->out_dir))
        goto out;
    if (ea_store_open(opts->db_path, &a.store) != EA_OK)
        goto out;
    long long prev_run;
    bool resuming = false;
    a.date = opts->date;
    if (opts->resume) {
        switch (ea_store_run_unfinished(a.store, &a.run_id)) {
        case EA_OK:
            resuming = true;
            break;
        case EA_NOTFOUND:
            ea_log_info("no unfinished run in '%s' to resume; starting a new one", opts->db_path);
            break;
        default:
            goto out;
        }
    }
    a.have_prev = ea_store_run_latest(a.store, true, &prev_run) == EA_OK;
    if (!resuming) {
        if (ea_store_run_begin(a.store, opts->date, &a.run_id) != EA_OK)
            goto out;
        record_options(&a);
    }
    /* The run as the reports show it; a resumed run keeps its own audit date. */
    if (ea_store_run_get(a.store, a.run_id, &a.run) != EA_OK)
        goto out;
    if (resuming)
        a.date = a.run.audit_date;

    a.nsites = seeds.len;
    a.sites = ea_xcalloc(a.nsites ? a.nsites : 1, sizeof(*a.sites));
    for (size_t i = 0; i < a.nsites; i++) {
        a.sites[i].a = &a;
        a.sites[i].seed = &seeds.v[i];
        a.sites[i].seq = i;
        a.sites[i].job_warnings = (struct ea_buf)EA_BUF_INIT(1 << 16);
        ea_row_init(&a.sites[i].row);
    }
    if (resuming)
        take_stored_sites(&a);
    if (opts->verbose)
        ea_log_debug("auditing %zu sites from '%s' (%zu lines skipped), date %s, %u pages each",
                     a.nsites, opts->seeds_path, nbad, a.date, opts->max_pages);
    rc = run_sites(&a);

    struct ea_sheet_row *rows = ea_xcalloc(a.nsites ? a.nsites : 1, sizeof(*rows));
    for (size_t i = 0; i < a.nsites; i++)
        rows[i] = a.sites[i].row;
    ea_buf_addf(&path, "%s/evaluation.xlsx", opts->out_dir);
    if (ea_xlsx_write_sheet(path.buf, rows, a.nsites) != EA_OK)
        rc = EA_EXIT_FAIL;
    ea_buf_reset(&path);
    ea_buf_addf(&path, "%s/evaluation.csv", opts->out_dir);
    if (ea_csv_write_sheet(path.buf, rows, a.nsites) != EA_OK)
        rc = EA_EXIT_FAIL;
    free(rows);
    if (ea_store_run_end(a.store, a.run_id, a.done) != EA_OK || a.store_failed) {
        rc = EA_EXIT_FAIL;
    } else {
        /* The reports come from the store, as `eaudit report` writes them: the sites'
         * files as each site ended, here the rest (sites a resumed run stored) and the index. */
        if (write_remaining_reports(&a) != EA_OK ||
            ea_reports_write_index(a.store, a.run_id, opts->out_dir) != EA_OK)
            rc = EA_EXIT_FAIL;
        /* Conditional GET needs only the previous run's bodies. */
        if (ea_store_bodies_prune(a.store, 2, NULL) != EA_OK)
            ea_log_warn("cannot prune old page bodies in '%s'", opts->db_path);
    }
    if (!opts->quiet)
        ea_log_info("%zu sites audited (%zu unreachable), %zu pages; wrote %s", a.done, a.errors,
                    a.pages, path.buf);
out:
    for (size_t i = 0; i < a.nsites; i++)
        ea_row_release(&a.sites[i].row);
    free(a.sites);
    ea_store_run_release(&a.run);
    ea_store_close(a.store);
    ea_concepts_free(a.concepts);
    ea_seeds_release(&seeds);
    ea_buf_release(&path);
    return rc;
}

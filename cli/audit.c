#include "cli/audit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "checks/check.h"
#include "cli/cli.h"
#include "cli/page.h"
#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/seeds.h"
#include "core/xalloc.h"
#include "core/sheet.h"
#include "store/store.h"
#include "writers/csv.h"

/* The http:// probe only needs the status line and Location, not the page. */
#define PROBE_MAX_BODY 1

enum request_kind {
    REQ_HOME,
    REQ_HTTP_PROBE,
};

struct site;

struct request {
    struct site *site; /* borrowed */
    enum request_kind kind;
};

struct site {
    const struct ea_seed *seed; /* borrowed */
    size_t seq;
    struct request req_home, req_probe;
    struct ea_response *home;  /* owned */
    struct ea_response *probe; /* owned, NULL when not probed */
    unsigned pending;
    struct ea_sheet_row row; /* owned */
};

struct audit {
    const struct ea_audit_opts *opts; /* borrowed */
    struct ea_store *store;           /* owned */
    long long run_id;
    struct site *sites; /* owned */
    size_t nsites, done, pages, errors;
    bool store_failed;
    struct timespec started;
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

static void progress(struct audit *a)
{
    if (!a->opts->progress)
        return;
    double el = since(&a->started);
    double eta = a->done ? el / (double)a->done * (double)(a->nsites - a->done) : 0;
    fprintf(stderr, "\r\033[K[%zu/%zu sites] %zu pages, %zu errors, %02d:%02d elapsed", a->done,
            a->nsites, a->pages, a->errors, (int)el / 60, (int)el % 60);
    if (a->done && a->done < a->nsites)
        fprintf(stderr, ", ETA %02d:%02d", (int)eta / 60, (int)eta % 60);
    if (a->done == a->nsites)
        fputc('\n', stderr);
}

/* Per-rule tallies of the WCAG A/AA rules over the site's pages -> score, band, count. */
static void fill_wcag(struct ea_sheet_row *row, const struct ea_results *const *pages,
                      size_t npages)
{
    size_t applicable = 0, passed = 0, violations = 0;
    for (size_t p = 0; p < npages; p++) {
        for (size_t i = 0; i < pages[p]->nrules; i++) {
            const struct ea_rule_result *rr = &pages[p]->rules[i];
            const struct ea_check *c = ea_check_find(rr->id);
            if (!c || !c->wcag || c->level == EA_LEVEL_BEST_PRACTICE)
                continue;
            applicable += ea_rule_result_applicable(rr);
            passed += ea_rule_result_passed(rr);
            violations += rr->count[EA_OUTCOME_VIOLATION];
        }
    }
    if (!applicable)
        return;
    double score = (double)passed * 100.0 / (double)applicable;
    /* Round half up to one decimal, and band by the value printed. */
    score = (double)(long)(score * 10.0 + 0.5) / 10.0;
    ea_row_setf(row, EA_COL_WCAG_SCORE, "%.1f", score);
    ea_row_set(row, EA_COL_WCAG_BAND, ea_wcag_band(score));
    ea_row_set_int(row, EA_COL_WCAG_VIOLATIONS, (long)violations);
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
}

/* Both requests of the site are in: decide its row, check its page, store it. */
static void finish_site(struct audit *a, struct site *s)
{
    struct ea_sheet_row *row = &s->row;
    const struct ea_response *home = s->home;
    const struct ea_response *probe = s->probe;
    struct ea_page page;
    bool checked = false;
    const char *unreachable = NULL;
    struct ea_buf why = EA_BUF_INIT(1024);
    struct ea_buf warnings = EA_BUF_INIT(1 << 16);

    memset(&page, 0, sizeof(page));
    ea_row_set(row, EA_COL_ID, s->seed->id);
    ea_row_set(row, EA_COL_NAME, s->seed->name);
    ea_row_set(row, EA_COL_TYPE, s->seed->type);
    ea_row_set(row, EA_COL_URL, s->seed->url);
    ea_row_set(row, EA_COL_AUDIT_DATE, a->opts->date);

    bool answered = home->error == EA_FETCH_OK && home->status > 0;
    bool reachable = answered && home->status >= 200 && home->status <= 299;
    if (answered)
        ea_row_set(row, EA_COL_FINAL_URL, home->final_url);
    ea_row_set_bool(row, EA_COL_REACHABLE, reachable);
    if (!reachable) {
        if (home->error != EA_FETCH_OK)
            ea_buf_add(&why, home->error_msg ? home->error_msg : ea_fetch_error_name(home->error));
        else
            ea_buf_addf(&why, "the homepage answered HTTP %ld", home->status);
        unreachable = why.buf;
    }

    /* https: the final homepage is https with a verified certificate. A failed TLS check is
     * an answer (0); any other failure leaves it unknown. */
    if (reachable)
        ea_row_set_bool(row, EA_COL_HTTPS, is_https(home->final_url) && home->tls_verified);
    else if (home->error == EA_FETCH_TLS)
        ea_row_set_bool(row, EA_COL_HTTPS, false);

    /* https_redirect: http://HOST/ ends up on https (whatever happens there). */
    const struct ea_response *plain = probe ? probe : home;
    if (plain->nhops > 0)
        ea_row_set_bool(row, EA_COL_HTTPS_REDIRECT, is_https(plain->final_url));
    else if (plain->error == EA_FETCH_OK || reachable)
        ea_row_set_bool(row, EA_COL_HTTPS_REDIRECT, false);

    if (reachable) {
        if (ea_page_is_html_type(home->content_type)) {
            checked = ea_page_check(home->final_url, home->body, home->body_len, home->content_type,
                                    a->opts->only, a->opts->nonly, &page, &warnings);
            if (home->truncated)
                ea_buf_addf(&warnings, "%s: larger than %zu bytes; only the start was checked\n",
                            home->final_url, home->body_len);
        } else {
            ea_buf_addf(&warnings, "%s: the homepage is not HTML (%s); not checked\n",
                        home->final_url, home->content_type);
        }
    }
    ea_row_set_int(row, EA_COL_PAGES_AUDITED, checked ? 1 : 0);
    if (checked) {
        const struct ea_results *pages[] = { &page.results };
        fill_wcag(row, pages, 1);
    }
    report_warnings(s->seed->id, &warnings);

    if (a->store && !a->store_failed) {
        struct ea_store_page sp = {
            .url = s->seed->url,
            .final_url = answered ? home->final_url : NULL,
            .status = home->status,
            .error = home->error != EA_FETCH_OK ? why.buf : NULL,
            .encoding = checked ? page.encoding : NULL,
            .results = checked ? &page.results : NULL,
        };
        if (ea_store_put_site(a->store, a->run_id, s->seq, row, &sp, 1) != EA_OK)
            a->store_failed = true;
    }

    a->done++;
    a->pages += checked;
    a->errors += !reachable;
    if (!a->opts->quiet && (!a->opts->progress || unreachable))
        log_site(a, s, unreachable);
    progress(a);

    ea_page_release(&page);
    ea_buf_release(&why);
    ea_buf_release(&warnings);
    ea_response_release(s->home);
    free(s->home);
    s->home = NULL;
    ea_response_release(s->probe);
    free(s->probe);
    s->probe = NULL;
}

static void on_response(void *ctx, struct ea_response *resp, void *user)
{
    struct audit *a = ctx;
    struct request *req = user;
    struct site *s = req->site;

    /* resp lives on the fetcher's stack: keep a heap copy of it (its members move over). */
    struct ea_response *copy = ea_xmalloc(sizeof(*copy));
    *copy = *resp;
    if (req->kind == REQ_HOME)
        s->home = copy;
    else
        s->probe = copy;
    if (--s->pending == 0)
        finish_site(a, s);
}

static int run_fetches(struct audit *a)
{
    struct ea_fetcher *f = ea_fetcher_new(&a->opts->fetch);
    char **probes = ea_xcalloc(a->nsites, sizeof(*probes));
    int rc = EA_EXIT_OK;

    for (size_t i = 0; i < a->nsites; i++) {
        struct site *s = &a->sites[i];
        s->req_home = (struct request){ .site = s, .kind = REQ_HOME };
        s->req_probe = (struct request){ .site = s, .kind = REQ_HTTP_PROBE };
        s->pending = 1;
        probes[i] = http_probe_url(s->seed->url);
        if (probes[i])
            s->pending++;
    }
    for (size_t i = 0; i < a->nsites; i++) {
        struct site *s = &a->sites[i];
        ea_fetcher_add(f, &(struct ea_fetch_req){ .url = s->seed->url, .user = &s->req_home });
        if (probes[i])
            ea_fetcher_add(f, &(struct ea_fetch_req){ .url = probes[i],
                                                      .max_body = PROBE_MAX_BODY,
                                                      .user = &s->req_probe });
    }
    if (ea_fetcher_run(f, on_response, a) != EA_OK) {
        ea_log_error("the transfer library failed; the audit is incomplete");
        rc = EA_EXIT_FAIL;
    }
    ea_fetcher_free(f);
    for (size_t i = 0; i < a->nsites; i++)
        free(probes[i]);
    free(probes);
    return rc;
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
    if (!make_dirs(opts->out_dir))
        goto out;
    if (ea_store_open(opts->db_path, &a.store) != EA_OK)
        goto out;
    if (ea_store_run_begin(a.store, opts->date, &a.run_id) != EA_OK)
        goto out;

    a.nsites = seeds.len;
    a.sites = ea_xcalloc(a.nsites ? a.nsites : 1, sizeof(*a.sites));
    for (size_t i = 0; i < a.nsites; i++) {
        a.sites[i].seed = &seeds.v[i];
        a.sites[i].seq = i;
        ea_row_init(&a.sites[i].row);
    }
    if (opts->verbose)
        ea_log_debug("auditing %zu sites from '%s' (%zu lines skipped), date %s", a.nsites,
                     opts->seeds_path, nbad, opts->date);
    rc = run_fetches(&a);

    struct ea_sheet_row *rows = ea_xcalloc(a.nsites ? a.nsites : 1, sizeof(*rows));
    for (size_t i = 0; i < a.nsites; i++)
        rows[i] = a.sites[i].row;
    ea_buf_addf(&path, "%s/evaluation.csv", opts->out_dir);
    if (ea_csv_write_sheet(path.buf, rows, a.nsites) != EA_OK)
        rc = EA_EXIT_FAIL;
    free(rows);
    if (ea_store_run_end(a.store, a.run_id, a.done) != EA_OK || a.store_failed)
        rc = EA_EXIT_FAIL;
    if (!opts->quiet)
        ea_log_info("%zu sites audited (%zu unreachable), %zu pages; wrote %s", a.done, a.errors,
                    a.pages, path.buf);
out:
    for (size_t i = 0; i < a.nsites; i++)
        ea_row_release(&a.sites[i].row);
    free(a.sites);
    ea_store_close(a.store);
    ea_seeds_release(&seeds);
    ea_buf_release(&path);
    return rc;
}

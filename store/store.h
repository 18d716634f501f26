/*
 * store.h — the audit history in SQLite (the only user of sqlite3.h). One run per nightly
 * audit; per run each site's evaluation row (one value per column, with optional evidence),
 * its pages (status, validators, content hash, timings, redirect chain, error), each page's
 * per-rule tallies and its violations and needs-review findings, and a content-addressed,
 * zlib-compressed body store shared by all runs (a page answering 304 is re-checked from its
 * stored body). The schema carries PRAGMA user_version and migrates older databases forward.
 * Each site is written in its own transaction: a crash or SIGKILL loses at most the site in
 * flight, never corrupts earlier ones. A writer holds an exclusive lock file (DB.lock) so two
 * audits cannot share a database; readers (report, diff) take no lock.
 */
#ifndef EA_STORE_STORE_H
#define EA_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"
#include "core/finding.h"
#include "core/sheet.h"

#define EA_STORE_SCHEMA_VERSION 5

struct ea_store;

/* What the store keeps of one fetched URL: an audited page (results set), a link that was
 * only tried (results NULL), or a URL robots.txt excluded. */
struct ea_store_page {
    const char *url;                  /* borrowed: as requested */
    const char *final_url;            /* borrowed, may be NULL: after redirects */
    long status;                      /* final HTTP status; 0 when no answer */
    const char *error;                /* borrowed, may be NULL: why the fetch failed */
    const char *encoding;             /* borrowed, may be NULL */
    const struct ea_results *results; /* borrowed, may be NULL (not HTML, failed, link only) */
    /* Since schema 2; zero/NULL when unknown. */
    const char *const *redirects; /* borrowed: each hop's URL after url, in order */
    size_t nredirects;
    const char *etag;          /* borrowed, may be NULL: ETag as received */
    const char *last_modified; /* borrowed, may be NULL: Last-Modified as received */
    const char *content_hash;  /* borrowed, may be NULL: hex digest of the raw body (the key
                                  of ea_store_body_put) */
    const char *content_type;  /* borrowed, may be NULL */
    const char *referrer;      /* borrowed, may be NULL: the page that linked here */
    long long bytes;           /* body size as received */
    double fetch_seconds;      /* whole transfer, including redirects */
    double first_byte_seconds; /* time to the first byte of the final response */
    int depth;                 /* link depth from the homepage (0) */
    bool not_modified;         /* answered 304: results come from the stored body */
    bool robots_excluded;      /* robots.txt disallowed it: not fetched */
    bool truncated;            /* (since schema 5) larger than the cap: only its start was kept */
};

/* What the crawl of a site met besides its pages (since schema 5): why fewer pages were
 * audited than the budget allows, and what the expert reading the report should know. */
struct ea_store_crawl {
    bool known;              /* false when not recorded (a site stored before schema 5) */
    bool robots_unreachable; /* robots.txt gave a server error or no answer: only the
                                homepage was audited (RFC 9309) */
    bool given_up;           /* the site failed too often in a row: the crawl was stopped */
    bool sitemap_cut;        /* a sitemap was longer than its caps: the rest was not read */
    unsigned max_pages;      /* the page budget of the run */
    unsigned robots_blocked; /* links robots.txt disallowed */
    unsigned robots_unread;  /* links not fetched because robots.txt could not be read */
    unsigned trapped;        /* distinct links cut by the guards against spider traps (query
                                variants, repeated or too many path segments, a full frontier,
                                too many origins) */
    unsigned out_of_budget;  /* links not fetched because the page budget was used up */
    unsigned sitemap_urls;   /* URLs the sitemaps offered */
    unsigned duplicates;     /* redirected to a page already fetched */
    double delay;            /* seconds between requests to the site (a larger robots.txt
                                Crawl-delay wins over --delay) */
};

/* One site of a run as the crawler hands it over (since schema 2). */
struct ea_store_site {
    const struct ea_sheet_row *row;    /* borrowed: cells[EA_COL_ID] is the site id */
    const struct ea_store_page *pages; /* borrowed */
    size_t npages;
    /* borrowed, each may be NULL: where an answer was found, and the text that decided it
     * (capped at EA_MAX_SNIPPET bytes when stored) */
    const char *evidence_url[EA_COL_COUNT];
    const char *evidence_excerpt[EA_COL_COUNT];
    const struct ea_store_crawl *crawl; /* borrowed, may be NULL: stored at the site's end */
};

/* Opens for writing (an audit): creates the database and its folder if needed, migrates it
 * to the current schema and takes the lock file PATH.lock. Prints why on failure: another
 * audit holds the lock, read-only file or folder, newer schema, not a database. */
EA_NODISCARD enum ea_err ea_store_open(const char *path, struct ea_store **out);
/* Opens an existing database for reading (report, diff): no lock, never creates it; an
 * older schema is migrated forward first when the file is writable. */
EA_NODISCARD enum ea_err ea_store_open_reader(const char *path, struct ea_store **out);
/* Another connection to the database a writer opened, for another thread (each connection
 * is used by one thread at a time): it shares the writer's lock, so close it before the
 * writer. WAL lets the writer's connection read while this one writes. */
EA_NODISCARD enum ea_err ea_store_open_second(const struct ea_store *writer, struct ea_store **out);
void ea_store_close(struct ea_store *st);
const char *ea_store_path(const struct ea_store *st);
/* SQLite's integrity_check and foreign_key_check over the whole file: EA_OK when both are
 * clean, EA_DB (the first problem printed) otherwise. */
EA_NODISCARD enum ea_err ea_store_verify(struct ea_store *st);

/* --- writing a run ------------------------------------------------------------------- */

EA_NODISCARD enum ea_err ea_store_run_begin(struct ea_store *st, const char *audit_date,
                                            long long *run_id);
/* Records the options the run was started with (free text, e.g. JSON), for resume. */
EA_NODISCARD enum ea_err ea_store_run_set_options(struct ea_store *st, long long run_id,
                                                  const char *options);
/* Stores one site in one transaction. A site already stored in this run is replaced. */
EA_NODISCARD enum ea_err ea_store_put_site_full(struct ea_store *st, long long run_id, size_t seq,
                                                const struct ea_store_site *site);
/* A site stored as an audit goes: begin (its row, replacing what this run has of it, and
 * any pages ready), pages as they are checked, end (its answers, evidence and the pages
 * left; site->row names it). Each is one transaction. Until end, readers do not see the site
 * and a resumed run redoes it. */
EA_NODISCARD enum ea_err ea_store_site_begin(struct ea_store *st, long long run_id, size_t seq,
                                             const char *site_id, const struct ea_store_page *pages,
                                             size_t npages);
EA_NODISCARD enum ea_err ea_store_site_pages(struct ea_store *st, long long run_id,
                                             const char *site_id, const struct ea_store_page *pages,
                                             size_t npages);
EA_NODISCARD enum ea_err ea_store_site_end(struct ea_store *st, long long run_id,
                                           const struct ea_store_site *site);
/* The schema-1 form: no evidence. */
EA_NODISCARD enum ea_err ea_store_put_site(struct ea_store *st, long long run_id, size_t seq,
                                           const struct ea_sheet_row *row,
                                           const struct ea_store_page *pages, size_t npages);
EA_NODISCARD enum ea_err ea_store_run_end(struct ea_store *st, long long run_id, size_t nsites);

/* --- conditional GET and bodies -------------------------------------------------------- */

/* The latest finished run's record of a page (owned strings, NULL when not recorded). */
struct ea_store_prev {
    long long run_id;
    long status;
    char *final_url;     /* owned */
    char *etag;          /* owned */
    char *last_modified; /* owned */
    char *content_hash;  /* owned */
};
void ea_store_prev_release(struct ea_store_prev *p);
/* Finds url of site_id in the latest finished run that fetched it: EA_OK and *out filled,
 * EA_NOTFOUND when no finished run has it, EA_DB on a database error. */
EA_NODISCARD enum ea_err ea_store_prev_page(struct ea_store *st, const char *site_id,
                                            const char *url, struct ea_store_prev *out);

/* Stores body under hash (1..128 characters [0-9a-zA-Z]), zlib-compressed; a hash already
 * stored is kept (deduplicated across runs). Bodies over EA_MAX_BODY are refused (EA_LIMIT). */
EA_NODISCARD enum ea_err ea_store_body_put(struct ea_store *st, const char *hash, const void *body,
                                           size_t len);
/* The body stored under hash, NUL-terminated for convenience (*len excludes the NUL);
 * *body owned by the caller (free()). EA_NOTFOUND when absent. */
EA_NODISCARD enum ea_err ea_store_body_get(struct ea_store *st, const char *hash, char **body,
                                           size_t *len);

/* Deletes the bodies no page of the newest keep_runs finished runs (nor of an unfinished
 * run) refers to: conditional GET needs only the previous run's. *removed may be NULL. */
EA_NODISCARD enum ea_err ea_store_bodies_prune(struct ea_store *st, unsigned keep_runs,
                                               size_t *removed);

/* --- runs and resume ------------------------------------------------------------------ */

struct ea_store_run {
    long long id;
    char *started;    /* owned: ISO 8601 UTC */
    char *finished;   /* owned, NULL while unfinished */
    char *audit_date; /* owned: YYYY-MM-DD */
    char *version;    /* owned: eaudit version that wrote it */
    char *options;    /* owned, may be NULL */
    long long nsites; /* sites stored so far */
};
void ea_store_run_release(struct ea_store_run *r);
EA_NODISCARD enum ea_err ea_store_run_get(struct ea_store *st, long long run_id,
                                          struct ea_store_run *out);
/* Every run, oldest first; *runs owned (release each, then free). */
EA_NODISCARD enum ea_err ea_store_runs(struct ea_store *st, struct ea_store_run **runs,
                                       size_t *nruns);
/* The newest run (finished_only: the newest finished one): EA_NOTFOUND when none. */
EA_NODISCARD enum ea_err ea_store_run_latest(struct ea_store *st, bool finished_only,
                                             long long *run_id);
/* The newest run that was started but not finished (for --resume): EA_NOTFOUND when the
 * newest run is finished or there is none. */
EA_NODISCARD enum ea_err ea_store_run_unfinished(struct ea_store *st, long long *run_id);
/* The ids of the sites stored in run_id, in seq order; *ids owned (free each, then it). */
EA_NODISCARD enum ea_err ea_store_run_site_ids(struct ea_store *st, long long run_id, char ***ids,
                                               size_t *nids);
void ea_store_ids_free(char **ids, size_t nids);
/* Every site's evaluation row of run_id (answers only, no pages), in seq order; *rows owned
 * (ea_row_release each, then free). For summaries and trends over many runs. */
EA_NODISCARD enum ea_err ea_store_run_rows(struct ea_store *st, long long run_id,
                                           struct ea_sheet_row **rows, size_t *nrows);

/* --- reading a site back (reports, diff) --------------------------------------------- */

struct ea_store_page_rec {
    long long id;
    char *url, *final_url, *error, *encoding, *etag, *last_modified; /* owned, may be NULL */
    char *content_hash, *content_type, *referrer;                    /* owned, may be NULL */
    char *redirects; /* owned, may be NULL: hop URLs separated by '\n' */
    long status;
    long long bytes;
    double fetch_seconds, first_byte_seconds;
    int depth;
    bool audited; /* the checks ran on it (rule tallies or findings exist) */
    bool not_modified, robots_excluded, truncated;
};
struct ea_store_tally_rec {
    size_t page; /* index into pages */
    char *rule;  /* owned */
    long long count[EA_OUTCOME_COUNT];
};
struct ea_store_finding_rec {
    size_t page; /* index into pages */
    char *rule;  /* owned */
    enum ea_outcome outcome;
    unsigned line, column;
    char *target, *html, *message; /* owned, may be NULL */
};
struct ea_store_site_rec {
    char *id; /* owned */
    size_t seq;
    struct ea_sheet_row row;              /* owned cells */
    char *evidence_url[EA_COL_COUNT];     /* owned, may be NULL */
    char *evidence_excerpt[EA_COL_COUNT]; /* owned, may be NULL */
    struct ea_store_page_rec *pages;      /* owned, in fetch order */
    size_t npages;
    struct ea_store_tally_rec *tallies; /* owned */
    size_t ntallies;
    struct ea_store_finding_rec *findings; /* owned: page order, then as found */
    size_t nfindings;
    struct ea_store_crawl crawl; /* crawl.known false when not recorded */
};
void ea_store_site_rec_release(struct ea_store_site_rec *s);
/* What the crawl of site_id in run_id met (out->known false when not recorded):
 * EA_NOTFOUND when the run has no such complete site. */
EA_NODISCARD enum ea_err ea_store_site_crawl(struct ea_store *st, long long run_id,
                                             const char *site_id, struct ea_store_crawl *out);
/* Loads site_id of run_id: EA_NOTFOUND when the run has no such site. */
EA_NODISCARD enum ea_err ea_store_site_load(struct ea_store *st, long long run_id,
                                            const char *site_id, struct ea_store_site_rec *out);

#endif

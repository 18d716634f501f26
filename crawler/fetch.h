/*
 * fetch.h — HTTP(S) transfers over the libcurl multi interface: the only place (with the
 * rest of crawler/) that includes curl.h.
 *
 * A fetcher runs many transfers at once and is polite per host in its own scheduler
 * (libcurl's per-host limit counts connections, not requests): at most opts.per_host
 * requests in flight to one host, at least opts.delay seconds between request starts to one
 * host, at most opts.concurrency in all; a slow host never holds back the others.
 *
 * Redirects are followed by hand (FOLLOWLOCATION off): each hop is recorded, at most
 * opts.max_redirects are followed, loops are detected, and a redirect to a scheme other than
 * http or https is refused. TLS is verified. The body is capped in the write callback on
 * decoded bytes, so a gzip bomb stops at the cap (a truncated body is not an error).
 *
 * A host name under .invalid fails as EA_FETCH_DNS without a lookup (RFC 6761 §6.4), so
 * tests can exercise DNS failures without a query leaving the machine.
 */
#ifndef EA_CRAWLER_FETCH_H
#define EA_CRAWLER_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"

enum ea_fetch_error {
    EA_FETCH_OK,                 /* an HTTP response arrived (whatever its status) */
    EA_FETCH_DNS,                /* the host name did not resolve */
    EA_FETCH_CONNECT,            /* connection refused or reset */
    EA_FETCH_TIMEOUT,            /* no answer within timeout_ms / connect_timeout_ms */
    EA_FETCH_TLS,                /* handshake or certificate verification failed */
    EA_FETCH_TOO_MANY_REDIRECTS, /* more than max_redirects hops */
    EA_FETCH_REDIRECT_LOOP,      /* a hop went back to a URL already seen in the chain */
    EA_FETCH_BAD_REDIRECT,       /* no usable Location, or a scheme other than http(s) */
    EA_FETCH_BAD_URL,            /* the URL itself cannot be used */
    EA_FETCH_OTHER,
    EA_FETCH_HOST_GIVEN_UP, /* its host failed max_host_failures times in a row: not tried */
};

struct ea_fetch_opts {
    unsigned concurrency;       /* transfers in flight in all */
    unsigned per_host;          /* transfers in flight to one host */
    double delay;               /* seconds between request starts to one host */
    long timeout_ms;            /* one request, connection included */
    long connect_timeout_ms;    /* DNS, TCP and TLS */
    size_t max_body;            /* decoded body bytes kept; more sets truncated */
    unsigned max_redirects;     /* hops followed */
    const char *user_agent;     /* borrowed */
    const char *const *resolve; /* borrowed: "HOST:PORT:ADDR" entries as curl's --resolve */
    size_t nresolve;
    const char *ca_file;        /* borrowed, may be NULL: CA bundle instead of the system's */
    unsigned retries;           /* retries of a timeout, reset, 5xx or 429 (default 2) */
    double retry_base;          /* seconds before the first retry, doubled for each next (1.0) */
    double max_retry_after;     /* Retry-After is clamped to this many seconds (60) */
    unsigned max_host_failures; /* failures in a row that give a host up (5; 0: never) */
};

/* Defaults of SPEC §1 (16 in all, 2 per host, 1 s, 30 s, EA_MAX_BODY, 10 redirects). */
void ea_fetch_opts_default(struct ea_fetch_opts *opts);

struct ea_hop {
    char *url;   /* owned: the URL that answered with a redirect */
    long status; /* its 3xx status */
};

struct ea_response {
    char *url;       /* owned: as requested */
    char *final_url; /* owned: the last URL requested in the chain */
    long status;     /* the final HTTP status (a refused 3xx's); 0 when no response came */
    enum ea_fetch_error error;
    char *error_msg;     /* owned: what went wrong, for people; NULL when error is OK */
    struct ea_hop *hops; /* owned: every redirect followed, in order */
    size_t nhops;
    char *content_type; /* owned, may be NULL: the final response's Content-Type */
    char *body;         /* owned, never NULL: decoded body bytes (NUL-terminated); "" when
                         * error is set (what a failed transfer got is no page) */
    size_t body_len;
    bool truncated;      /* the body was longer than the cap */
    bool tls_verified;   /* final_url is https and its certificate chain verified */
    double elapsed;      /* seconds for the whole chain */
    char *etag;          /* owned, may be NULL: the final response's ETag */
    char *last_modified; /* owned, may be NULL: its Last-Modified */
    unsigned retries;    /* times the request was retried */
};

void ea_response_release(struct ea_response *resp);
const char *ea_fetch_error_name(enum ea_fetch_error err); /* "dns", "timeout", ... */

struct ea_fetch_req {
    const char *url; /* borrowed: copied by ea_fetcher_add() */
    size_t max_body; /* 0: opts.max_body */
    void *user;      /* borrowed: handed back to done() */
    /* borrowed, may be NULL: conditional GET validators from an earlier run, sent as
     * If-None-Match and If-Modified-Since (a 304 is then an answer, not an error) */
    const char *etag;
    const char *last_modified;
    unsigned max_redirects; /* 0: opts.max_redirects (robots.txt asks for 5) */
    /* The work waiting behind this request (a crawl's pages left), for
     * ea_fetcher_set_by_weight. 0: none known (goes before any weighted request). */
    unsigned weight;
    /* By weight, before any request that is not `first` (a site's robots.txt, sitemaps and
     * homepage), its weight still counted as the work left. */
    bool first;
    /* Something waits for it (a page for its stylesheet): it goes before the requests queued
     * for its host (which still keeps its delay). */
    bool urgent;
};

struct ea_fetcher;

/* Called once per request, when its redirect chain ends. The members of *resp belong to the
 * callee (ea_response_release() it, or copy the struct to keep them); resp itself points at
 * the fetcher's stack and is valid only during the call. done may add more requests. */
typedef void ea_fetch_done_fn(void *ctx, struct ea_response *resp, void *user);

struct ea_fetcher *ea_fetcher_new(const struct ea_fetch_opts *opts);
void ea_fetcher_free(struct ea_fetcher *f);
/* Queues a request; it starts when its host and the fetcher have room. */
void ea_fetcher_add(struct ea_fetcher *f, const struct ea_fetch_req *req);
/* Runs until every queued request (including those added by done) has finished. Fails only
 * when libcurl itself fails; a failed transfer is a response with error set. */
EA_NODISCARD enum ea_err ea_fetcher_run(struct ea_fetcher *f, ea_fetch_done_fn *done, void *ctx);

/* Work outside the fetcher whose end may add requests (pages parsed and checked on worker
 * threads): ea_fetcher_run calls fn(ctx) on its own thread each time it wakes, before it
 * starts transfers; fn handles what has finished and returns true while any such work is
 * still outstanding, and run does not return while it does. */
typedef bool ea_fetch_side_fn(void *ctx);
void ea_fetcher_set_side_work(struct ea_fetcher *f, ea_fetch_side_fn *fn, void *ctx);
/* On: only urgent requests and those already under way (a redirect's next hop, a retry)
 * start; the rest wait in their queues until it is off again. Transfers in flight go on. The
 * owner's side work turns it on and off: an audit holds its crawls back while the pages they
 * fetched wait in memory for its workers. */
void ea_fetcher_hold(struct ea_fetcher *f, bool on);
/* Off (the default): hosts with requests waiting take turns for free slots. On: by the work
 * left behind each host (its latest request's weight) and `unqueued`, the work not queued yet
 * (sites not started): hosts that must run at full rate from now on for the run to end in the
 * least time go first, the rest least work left first (see start_by_weight in fetch.c). An
 * audit keeps it on: sites end one after another, their stores and reports overlapping the
 * crawl, and the last few end together, keeping every slot busy to the end. */
void ea_fetcher_set_by_weight(struct ea_fetcher *f, bool on, unsigned long unqueued);
/* Ends the loop's wait at once, so fn runs; the one function callable from any thread. */
void ea_fetcher_wakeup(struct ea_fetcher *f);

/* Sets the least delay between request starts to url's host (e.g. robots.txt's
 * Crawl-delay): the larger of this and opts.delay applies. */
void ea_fetcher_set_host_delay(struct ea_fetcher *f, const char *url, double seconds);
/* Transfers in flight on average from the first start to the last end (for a run's
 * summary: how much of the concurrency the crawl used). */
double ea_fetcher_mean_inflight(const struct ea_fetcher *f);
/* When the first transfer started and the last one ended, in CLOCK_MONOTONIC seconds (both 0
 * before any transfer). */
void ea_fetcher_transfer_times(const struct ea_fetcher *f, double *first, double *last);
/* Seconds a transfer took on average so far (0 before the first one ended). */
double ea_fetcher_mean_transfer_time(const struct ea_fetcher *f);
/* Transfers in flight now (for progress lines). */
unsigned ea_fetcher_inflight(const struct ea_fetcher *f);
/* True when url's host was given up (too many failures in a row). */
bool ea_fetcher_host_given_up(struct ea_fetcher *f, const char *url);

/* Several users of one fetcher: each request's user is a struct ea_fetch_task (or starts
 * with one) and ea_fetch_dispatch, passed as done, calls its fn. */
struct ea_fetch_task;
typedef void ea_fetch_task_fn(struct ea_fetch_task *task, struct ea_response *resp);
struct ea_fetch_task {
    ea_fetch_task_fn *fn;
};
void ea_fetch_dispatch(void *ctx, struct ea_response *resp, void *user);

/* libcurl's version and features, for eaudit --version. */
const char *ea_fetch_version(void);

#endif

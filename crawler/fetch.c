#include "crawler/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"

/* A body dripping in slower than this many bytes per second for this many seconds is a
 * timeout (libcurl's default is to wait for ever within TIMEOUT_MS). */
#define LOW_SPEED_LIMIT 1000L
#define LOW_SPEED_TIME  30L
/* Longest sleep in epoll_wait when neither a host nor libcurl's timer is due; sockets and
 * ea_fetcher_wakeup wake us earlier, so this only bounds how stale our clock reading gets. */
#define POLL_MAX_MS 1000
/* Socket events taken from one epoll_wait; more wait for the next call. */
#define MAX_EVENTS 64
/* Length of an error message; URLs in it are cut well before this. */
#define MAX_ERROR_MSG 4096
/* Characters of a URL quoted in an error message. */
#define MSG_URL_CHARS 300

struct host;

/* One request: its redirect chain moves it from host queue to host queue. */
struct job {
    struct job *next;
    char *url;           /* owned: as requested */
    char *cur;           /* owned: the URL of the current hop, normalised by curl */
    char *cur_host;      /* owned: its host name, for messages */
    struct host *host;   /* borrowed: the queue cur belongs to */
    struct ea_hop *hops; /* owned */
    size_t nhops, hops_cap;
    size_t max_body;
    void *user;     /* borrowed */
    double t_first; /* monotonic start of the first hop; < 0 before it */
    /* Set when the job ends without a transfer (bad URL, .invalid host, bad redirect). */
    enum ea_fetch_error error;
    char *error_msg;            /* owned */
    long status;                /* of the last response, when a redirect could not be followed */
    char *etag, *last_modified; /* owned, may be NULL: validators to send */
    unsigned retries;
    unsigned max_redirects;
    unsigned weight; /* see ea_fetch_req */
    bool first;      /* see ea_fetch_req */
    bool urgent;     /* see ea_fetch_req */
};

struct host {
    char *key; /* owned: lowercase "host:port" */
    struct job *head, *tail;
    unsigned inflight;
    double next_start; /* monotonic: no request starts before this */
    double delay;      /* seconds between starts when larger than opts.delay */
    unsigned failures; /* failed requests in a row */
    bool given_up;
    unsigned weight; /* the latest weighted request's (ea_fetch_req.weight): its work left */
    /* Its TLS sessions, shared by every transfer handle that goes there (NULL until the first
     * transfer, or when libcurl would not make one). The multi handle shares connections
     * and DNS but not TLS sessions: without this a new connection to a host resumed a
     * session only on the handle that made it. One share a host, not one for the run:
     * libcurl 7.88 keeps 8 sessions a share, and a night has ~100 sites in progress. */
    CURLSH *tls;
};

/* One easy handle and its per-transfer state; kept and reused across transfers. */
struct xfer {
    CURL *easy;
    struct job *job; /* borrowed while in flight */
    double started;  /* monotonic: when this transfer (hop) started */
    struct ea_buf body;
    struct ea_buf ctype;
    bool have_ctype;
    struct ea_buf etag, last_modified;
    struct curl_slist *headers; /* owned, may be NULL: this transfer's request headers */
    bool truncated;
    char errbuf[CURL_ERROR_SIZE];
};

struct ea_fetcher {
    struct ea_fetch_opts opts;
    char *user_agent; /* owned */
    char *ca_file;    /* owned, may be NULL */
    CURLM *multi;
    int epfd;   /* owned: epoll set of libcurl's sockets and wakefd */
    int wakefd; /* owned: eventfd that ea_fetcher_wakeup writes to */
    /* The loop is in (or about to enter) epoll_wait; and ea_fetcher_wakeup was called since
     * the loop last ran the side work. A wakeup writes to wakefd only while the loop sleeps:
     * a write is a syscall, and workers call it for every job they finish. */
    atomic_bool sleeping, poked;
    struct curl_slist *headers; /* owned */
    struct curl_slist *resolve; /* owned */
    struct host **hosts;        /* owned */
    size_t nhosts, hosts_cap;
    size_t rr;           /* round-robin start among hosts */
    struct xfer **xfers; /* owned: every handle made */
    size_t nxfers, xfers_cap;
    struct xfer **idle; /* borrowed from xfers */
    size_t nidle, idle_cap;
    unsigned running;                      /* transfers in the multi handle */
    size_t queued;                         /* jobs waiting in host queues */
    struct job *failed_head, *failed_tail; /* ended without a transfer, not yet delivered */
    double gauge_t0, gauge_t, gauge_area;  /* transfers in flight integrated over time */
    unsigned long ended;                   /* transfers ended (each hop and retry counts) */
    double ended_seconds;                  /* the time those took, summed */
    bool by_weight;                        /* ea_fetcher_set_by_weight */
    double unqueued;                       /* ea_fetcher_set_by_weight */
    bool held;                             /* ea_fetcher_hold */
    ea_fetch_side_fn *side;                /* may be NULL: work outside the fetcher, see fetch.h */
    void *side_ctx;
};

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds the transfers in flight since the last change to the time integral. */
static void gauge(struct ea_fetcher *f)
{
    double t = now_mono();
    if (f->gauge_t0 == 0)
        f->gauge_t0 = f->gauge_t = t;
    f->gauge_area += f->running * (t - f->gauge_t);
    f->gauge_t = t;
}

void ea_fetcher_transfer_times(const struct ea_fetcher *f, double *first, double *last)
{
    *first = f->gauge_t0;
    *last = f->gauge_t;
}

double ea_fetcher_mean_inflight(const struct ea_fetcher *f)
{
    double span = f->gauge_t - f->gauge_t0;
    return span > 0 ? f->gauge_area / span : 0;
}

void ea_fetch_opts_default(struct ea_fetch_opts *opts)
{
    memset(opts, 0, sizeof(*opts));
    opts->concurrency = 16;
    opts->per_host = 2;
    opts->delay = 1.0;
    opts->timeout_ms = 30000;
    opts->connect_timeout_ms = 15000;
    opts->max_body = EA_MAX_BODY;
    opts->max_redirects = EA_MAX_REDIRECTS;
    opts->user_agent = "eaudit/" EA_VERSION;
    opts->retries = 2;
    opts->retry_base = 1.0;
    opts->max_retry_after = 60.0;
    opts->max_host_failures = 5;
}

const char *ea_fetch_error_name(enum ea_fetch_error err)
{
    switch (err) {
    case EA_FETCH_OK:
        return "ok";
    case EA_FETCH_DNS:
        return "dns";
    case EA_FETCH_CONNECT:
        return "connect";
    case EA_FETCH_TIMEOUT:
        return "timeout";
    case EA_FETCH_TLS:
        return "tls";
    case EA_FETCH_TOO_MANY_REDIRECTS:
        return "too-many-redirects";
    case EA_FETCH_REDIRECT_LOOP:
        return "redirect-loop";
    case EA_FETCH_BAD_REDIRECT:
        return "bad-redirect";
    case EA_FETCH_BAD_URL:
        return "bad-url";
    case EA_FETCH_OTHER:
        return "other";
    case EA_FETCH_HOST_GIVEN_UP:
        return "host-given-up";
    }
    return "other";
}

void ea_response_release(struct ea_response *resp)
{
    if (!resp)
        return;
    free(resp->url);
    free(resp->final_url);
    free(resp->error_msg);
    for (size_t i = 0; i < resp->nhops; i++)
        free(resp->hops[i].url);
    free(resp->hops);
    free(resp->content_type);
    free(resp->body);
    free(resp->etag);
    free(resp->last_modified);
    memset(resp, 0, sizeof(*resp));
}

const char *ea_fetch_version(void)
{
    return curl_version();
}

/* --- messages -------------------------------------------------------------------------- */

/* Appends a URL (or any network string), cut so that a 2 kB URL does not swamp the log. */
static void add_quoted(struct ea_buf *b, const char *s)
{
    size_t n = strlen(s);
    ea_buf_addch(b, '\'');
    if (n > MSG_URL_CHARS) {
        ea_buf_addn(b, s, MSG_URL_CHARS);
        ea_buf_add(b, "...");
    } else {
        ea_buf_addn(b, s, n);
    }
    ea_buf_addch(b, '\'');
}

static char *message(const char *what, const char *thing, const char *detail)
{
    struct ea_buf b;
    ea_buf_init(&b, MAX_ERROR_MSG);
    ea_buf_add(&b, what);
    ea_buf_addch(&b, ' ');
    add_quoted(&b, thing);
    if (detail && *detail) {
        ea_buf_add(&b, ": ");
        size_t start = b.len;
        ea_buf_add(&b, detail);
        /* libcurl's messages start with a capital; ours are lowercase. */
        if (b.len > start && b.buf[start] >= 'A' && b.buf[start] <= 'Z' &&
            !(b.len > start + 1 && b.buf[start + 1] >= 'A' && b.buf[start + 1] <= 'Z'))
            b.buf[start] = (char)(b.buf[start] + 32);
    }
    return ea_buf_detach(&b, NULL);
}

/* --- URLs and hosts -------------------------------------------------------------------- */

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcasecmp(s + n - m, suffix);
}

/* Parses url: on success *norm (curl's normalised form), *key ("host:port", lowercase) and
 * *hostname are set (owned). Fails with EA_FETCH_BAD_URL, or EA_FETCH_BAD_REDIRECT for a
 * scheme other than http(s) when redirect is set, or EA_FETCH_DNS for a name under .invalid
 * (RFC 6761 §6.4: such names never resolve, and asking a DNS server would leak the lookup). */
static enum ea_fetch_error parse_url(const char *url, bool redirect, char **norm, char **key,
                                     char **hostname, char **msg)
{
    enum ea_fetch_error err = EA_FETCH_BAD_URL;
    char *scheme = NULL, *host = NULL, *port = NULL, *full = NULL;
    *norm = *key = *hostname = *msg = NULL;

    if (strlen(url) > EA_MAX_URL) {
        struct ea_buf b;
        ea_buf_init(&b, MAX_ERROR_MSG);
        ea_buf_addf(&b, "url longer than %u bytes ", (unsigned)EA_MAX_URL);
        add_quoted(&b, url);
        *msg = ea_buf_detach(&b, NULL);
        return redirect ? EA_FETCH_BAD_REDIRECT : EA_FETCH_BAD_URL;
    }
    CURLU *u = curl_url();
    if (!u) {
        *msg = message("cannot parse url", url, "out of memory");
        return EA_FETCH_OTHER;
    }
    CURLUcode uc = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
    if (uc) {
        *msg = message("cannot parse url", url, curl_url_strerror(uc));
        err = redirect ? EA_FETCH_BAD_REDIRECT : EA_FETCH_BAD_URL;
        goto out;
    }
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
        (strcasecmp(scheme, "http") && strcasecmp(scheme, "https"))) {
        *msg = message(redirect ? "redirect to a scheme other than http(s):"
                                : "url scheme is not http(s):",
                       url, NULL);
        err = redirect ? EA_FETCH_BAD_REDIRECT : EA_FETCH_BAD_URL;
        goto out;
    }
    if (curl_url_get(u, CURLUPART_HOST, &host, 0) ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ||
        curl_url_get(u, CURLUPART_URL, &full, 0)) {
        *msg = message("url has no host:", url, NULL);
        err = redirect ? EA_FETCH_BAD_REDIRECT : EA_FETCH_BAD_URL;
        goto out;
    }
    for (char *p = host; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    if (ends_with_ci(host, ".invalid") || ends_with_ci(host, ".invalid.") ||
        !strcmp(host, "invalid")) {
        *msg = message("cannot resolve host", host, NULL);
        err = EA_FETCH_DNS;
        goto out;
    }
    struct ea_buf b;
    ea_buf_init(&b, EA_MAX_URL + 16);
    ea_buf_add(&b, host);
    ea_buf_addch(&b, ':');
    ea_buf_add(&b, port);
    *key = ea_buf_detach(&b, NULL);
    *norm = ea_xstrdup(full);
    *hostname = ea_xstrdup(host);
    err = EA_FETCH_OK;
out:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(full);
    curl_url_cleanup(u);
    return err;
}

static struct host *find_host(struct ea_fetcher *f, const char *key)
{
    for (size_t i = 0; i < f->nhosts; i++)
        if (!strcmp(f->hosts[i]->key, key))
            return f->hosts[i];
    EA_GROW(f->hosts, f->nhosts + 1, f->hosts_cap);
    struct host *h = ea_xcalloc(1, sizeof(*h));
    h->key = ea_xstrdup(key);
    h->next_start = 0;
    f->hosts[f->nhosts++] = h;
    return h;
}

static void fail_job(struct ea_fetcher *f, struct job *j, enum ea_fetch_error err, char *msg)
{
    j->error = err;
    free(j->error_msg);
    j->error_msg = msg;
    j->next = NULL;
    if (f->failed_tail)
        f->failed_tail->next = j;
    else
        f->failed_head = j;
    f->failed_tail = j;
}

/* Puts j (whose cur is set) on its host's queue; a redirect hop goes to the front, so that
 * a chain already under way finishes before new requests to that host start. */
static void enqueue(struct ea_fetcher *f, struct job *j, bool redirect)
{
    char *norm, *key, *hostname, *msg;
    enum ea_fetch_error err = parse_url(j->cur, redirect, &norm, &key, &hostname, &msg);
    if (err) {
        fail_job(f, j, err, msg);
        return;
    }
    free(j->cur);
    j->cur = norm;
    free(j->cur_host);
    j->cur_host = hostname;
    struct host *h = find_host(f, key);
    free(key);
    j->host = h;
    if (j->weight)
        h->weight = j->weight;
    if (redirect || j->urgent) {
        j->next = h->head;
        h->head = j;
        if (!h->tail)
            h->tail = j;
    } else {
        j->next = NULL;
        if (h->tail)
            h->tail->next = j;
        else
            h->head = j;
        h->tail = j;
    }
    f->queued++;
}

static void job_free(struct job *j)
{
    if (!j)
        return;
    free(j->url);
    free(j->cur);
    free(j->cur_host);
    for (size_t i = 0; i < j->nhops; i++)
        free(j->hops[i].url);
    free(j->hops);
    free(j->error_msg);
    free(j->etag);
    free(j->last_modified);
    free(j);
}

/* --- libcurl callbacks ----------------------------------------------------------------- */

static size_t on_write(char *data, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;
    ea_buf_addn(&x->body, data, len);
    if (ea_buf_overflow(&x->body)) {
        /* Past the cap on decoded bytes: keep what fits and stop the transfer. */
        x->truncated = true;
        return 0;
    }
    return len;
}

/* If the header line data (len bytes) is "name: value", puts the trimmed value in out. */
static bool header_value(const char *data, size_t len, const char *name, struct ea_buf *out)
{
    size_t nl = strlen(name);
    if (len < nl || strncasecmp(data, name, nl))
        return false;
    const char *v = data + nl;
    size_t vl = len - nl;
    while (vl && (*v == ' ' || *v == '\t')) {
        v++;
        vl--;
    }
    while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' ' || v[vl - 1] == '\t'))
        vl--;
    ea_buf_reset(out);
    ea_buf_addn(out, v, vl);
    return true;
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;
    if (len >= 5 && !memcmp(data, "HTTP/", 5)) {
        /* A new response (after a 1xx): forget the previous one's headers. */
        ea_buf_reset(&x->ctype);
        ea_buf_reset(&x->etag);
        ea_buf_reset(&x->last_modified);
        x->have_ctype = false;
    } else if (header_value(data, len, "content-type:", &x->ctype)) {
        x->have_ctype = true;
    } else if (!header_value(data, len, "etag:", &x->etag)) {
        header_value(data, len, "last-modified:", &x->last_modified);
    }
    return len;
}

/* --- transfers ------------------------------------------------------------------------- */

static struct curl_slist *slist_add(struct curl_slist *l, const char *s)
{
    struct curl_slist *n = curl_slist_append(l, s);
    if (!n) {
        ea_log_error("out of memory");
        abort();
    }
    return n;
}

static struct xfer *xfer_new(struct ea_fetcher *f)
{
    struct xfer *x = ea_xcalloc(1, sizeof(*x));
    ea_buf_init(&x->body, f->opts.max_body);
    ea_buf_init(&x->ctype, EA_MAX_HEADER);
    ea_buf_init(&x->etag, EA_MAX_HEADER);
    ea_buf_init(&x->last_modified, EA_MAX_HEADER);
    x->easy = curl_easy_init();
    if (!x->easy) {
        ea_log_error("cannot create a libcurl handle");
        abort();
    }
    CURL *e = x->easy;
    CURLcode rc = CURLE_OK;
#define SET(opt, val)                                                                              \
    do {                                                                                           \
        CURLcode r_ = curl_easy_setopt(e, opt, val);                                               \
        if (r_ && !rc) {                                                                           \
            rc = r_;                                                                               \
            ea_log_warn("cannot set libcurl option " #opt ": %s", curl_easy_strerror(r_));         \
        }                                                                                          \
    } while (0)
    SET(CURLOPT_PRIVATE, (void *)x);
    SET(CURLOPT_WRITEFUNCTION, on_write);
    SET(CURLOPT_WRITEDATA, (void *)x);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, (void *)x);
    SET(CURLOPT_ERRORBUFFER, x->errbuf);
    SET(CURLOPT_NOSIGNAL, 1L);
    /* Redirects are ours: each hop goes through the host scheduler and is recorded. */
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    /* "" offers every encoding built in and decodes it; the write callback sees decoded
     * bytes, so its cap also stops compression bombs. */
    SET(CURLOPT_ACCEPT_ENCODING, "");
    /* HTTP/2 where a server offers it over TLS (ALPN), HTTP/1.1 otherwise; with the multi
     * handle's multiplexing (on by default) a host's requests then share one connection.
     * libcurl's default since 7.62, said here because the crawl relies on it. A libcurl built
     * without HTTP/2 refuses it and keeps HTTP/1.1, which is fine: no warning. */
    (void)curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    if (f->opts.connect_timeout_ms > 0)
        SET(CURLOPT_CONNECTTIMEOUT_MS, f->opts.connect_timeout_ms);
    if (f->opts.timeout_ms > 0)
        SET(CURLOPT_TIMEOUT_MS, f->opts.timeout_ms);
    SET(CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_LIMIT);
    SET(CURLOPT_LOW_SPEED_TIME, LOW_SPEED_TIME);
    SET(CURLOPT_USERAGENT, f->user_agent);
    SET(CURLOPT_HTTPHEADER, f->headers);
    /* HSTS would silently turn http:// into https:// and hide whether a site redirects. */
    SET(CURLOPT_HSTS_CTRL, 0L);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (f->ca_file)
        SET(CURLOPT_CAINFO, f->ca_file);
    if (f->resolve)
        SET(CURLOPT_RESOLVE, f->resolve);
#undef SET
    EA_GROW(f->xfers, f->nxfers + 1, f->xfers_cap);
    f->xfers[f->nxfers++] = x;
    return x;
}

/* h's TLS session share, made at its first transfer. */
static CURLSH *host_tls(struct host *h)
{
    if (h->tls)
        return h->tls;
    h->tls = curl_share_init();
    if (h->tls && curl_share_setopt(h->tls, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION)) {
        curl_share_cleanup(h->tls);
        h->tls = NULL;
    }
    return h->tls;
}

static void start(struct ea_fetcher *f, struct host *h, double now)
{
    struct job *j = h->head;
    h->head = j->next;
    if (!h->head)
        h->tail = NULL;
    j->next = NULL;
    f->queued--;

    struct xfer *x = f->nidle ? f->idle[--f->nidle] : xfer_new(f);
    x->job = j;
    ea_buf_release(&x->body);
    ea_buf_init(&x->body, j->max_body);
    ea_buf_reset(&x->ctype);
    ea_buf_reset(&x->etag);
    ea_buf_reset(&x->last_modified);
    x->have_ctype = false;
    x->truncated = false;
    x->errbuf[0] = '\0';
    if (curl_easy_setopt(x->easy, CURLOPT_URL, j->cur) != CURLE_OK)
        ea_log_warn("cannot set url %s", j->cur);
    /* (the loop's thread alone uses the shares: no lock functions) */
    if (curl_easy_setopt(x->easy, CURLOPT_SHARE, host_tls(h)) != CURLE_OK)
        ea_log_debug("%s: its host's TLS sessions are not shared", j->cur);
    curl_slist_free_all(x->headers);
    x->headers = NULL;
    if (j->etag || j->last_modified) {
        /* Conditional GET: the fetcher's headers plus the validators. */
        for (struct curl_slist *l = f->headers; l; l = l->next)
            x->headers = slist_add(x->headers, l->data);
        struct ea_buf hb = EA_BUF_INIT(2 * EA_MAX_HEADER);
        if (j->etag) {
            ea_buf_addf(&hb, "If-None-Match: %s", j->etag);
            x->headers = slist_add(x->headers, hb.buf);
        }
        if (j->last_modified) {
            ea_buf_reset(&hb);
            ea_buf_addf(&hb, "If-Modified-Since: %s", j->last_modified);
            x->headers = slist_add(x->headers, hb.buf);
        }
        ea_buf_release(&hb);
    }
    if (curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers ? x->headers : f->headers) !=
        CURLE_OK)
        ea_log_warn("cannot set request headers for %s", j->cur);
    CURLMcode mc = curl_multi_add_handle(f->multi, x->easy);
    if (mc) {
        ea_log_error("cannot add a transfer to libcurl: %s", curl_multi_strerror(mc));
        abort();
    }
    h->inflight++;
    gauge(f);
    f->running++;
    x->started = now;
    h->next_start = now + (h->delay > f->opts.delay ? h->delay : f->opts.delay);
    if (j->t_first < 0)
        j->t_first = now;
}

/* A request that may start while the fetcher is held: an urgent one, or one already under way
 * (a redirect's next hop, a retry). Those are the requests that go first in their host's
 * queue, so a held host never keeps an urgent request behind one that may not start. */
static bool may_start_held(const struct job *j)
{
    return j->urgent || j->nhops || j->retries;
}

/* h has a request waiting and room to start it now. */
static bool can_start(const struct ea_fetcher *f, const struct host *h, double now)
{
    return h->head && (!f->held || may_start_held(h->head)) && h->inflight < f->opts.per_host &&
           now >= h->next_start;
}

/* The slots h can keep busy: per_host, or with a delay d between its request starts (one
 * every d seconds, lasting the mean transfer time t) t / d of them. */
static double host_share(const struct ea_fetcher *f, const struct host *h, double t)
{
    double d = h->delay > f->opts.delay ? h->delay : f->opts.delay;
    double p = f->opts.per_host;
    if (!(d > 0) || !(t > 0))
        return p;
    return t / d < p ? t / d : p;
}

/* A host's place in the weighted order: lower goes first. left_per_slot is the work left in
 * all over the concurrency; t the mean transfer time. */
static double rank(const struct ea_fetcher *f, const struct host *h, double left_per_slot, double t)
{
    if (!h->head->weight || h->head->first)
        return -INFINITY; /* a site's start, or no work known behind it (a probe) */
    if (h->weight >= left_per_slot * host_share(f, h, t))
        return -(double)h->weight; /* critical: the most work left first */
    return (double)h->weight;      /* the rest: the least work left first */
}

/* Each free slot to a ready host, in this order (equal ranks in round-robin order):
 *  1. critical hosts, most work left first. R is the work left in all (the hosts' weights and
 *     what is not queued yet); with every slot busy it takes R / concurrency rounds (of a
 *     transfer's time), and a host with w left needs w / share rounds at the least, share being
 *     the slots it can keep busy (per_host, fewer under a delay: host_share). A host is
 *     critical when w / share >= R / concurrency: from then on it must run at full rate, or it
 *     alone makes the run longer.
 *  2. the others, least work left first, so that sites end one after another while the rest
 *     keep the slots busy, and their stores and reports overlap the crawl, instead of every
 *     site ending at once at the end (all sites running evenly) or the last ones started
 *     crawling alone at per_host (sites ending in start order).
 * At the end, about concurrency / share critical hosts remain and end together: that many at
 * least are needed to keep the slots busy to the last. */
static void start_by_weight(struct ea_fetcher *f, double now)
{
    size_t n = f->nhosts;
    double left = f->unqueued;
    for (size_t i = 0; i < n; i++) {
        const struct host *h = f->hosts[i];
        if (h->head || h->inflight)
            left += h->weight;
    }
    const double left_per_slot = left / f->opts.concurrency;
    const double t = ea_fetcher_mean_transfer_time(f);
    while (f->running < f->opts.concurrency) {
        struct host *best = NULL;
        double best_rank = 0;
        for (size_t k = 0; k < n; k++) {
            struct host *h = f->hosts[(f->rr + k) % n];
            if (!can_start(f, h, now))
                continue;
            double r = rank(f, h, left_per_slot, t);
            if (!best || r < best_rank) {
                best = h;
                best_rank = r;
            }
        }
        if (!best)
            return;
        start(f, best, now);
    }
}

/* Starts what hosts and the fetcher have room for; returns the monotonic time when a waiting
 * host next becomes ready (INFINITY when none is waiting on its delay). */
static double start_ready(struct ea_fetcher *f, double now)
{
    size_t n = f->nhosts;
    for (size_t i = 0; i < n; i++) {
        struct host *h = f->hosts[i];
        while (h->given_up && h->head) {
            struct job *j = h->head;
            h->head = j->next;
            if (!h->head)
                h->tail = NULL;
            f->queued--;
            struct ea_buf b = EA_BUF_INIT(MAX_ERROR_MSG);
            ea_buf_addf(&b, "not fetched: host '%s' failed %u times in a row", h->key, h->failures);
            fail_job(f, j, EA_FETCH_HOST_GIVEN_UP, ea_buf_detach(&b, NULL));
        }
    }
    if (f->by_weight) {
        start_by_weight(f, now);
    } else {
        for (size_t k = 0; k < n && f->running < f->opts.concurrency; k++) {
            struct host *h = f->hosts[(f->rr + k) % n];
            while (f->running < f->opts.concurrency && can_start(f, h, now))
                start(f, h, now);
        }
    }
    if (n)
        f->rr = (f->rr + 1) % n;
    double wake = INFINITY;
    for (size_t i = 0; i < n; i++) {
        struct host *h = f->hosts[i];
        if (h->head && h->inflight < f->opts.per_host && h->next_start > now &&
            h->next_start < wake)
            wake = h->next_start;
    }
    return wake;
}

static bool is_redirect(long status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static enum ea_fetch_error map_curl(CURLcode rc)
{
    switch (rc) {
    case CURLE_OK:
        return EA_FETCH_OK;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return EA_FETCH_DNS;
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return EA_FETCH_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
        return EA_FETCH_TIMEOUT;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
        return EA_FETCH_TLS;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return EA_FETCH_BAD_URL;
    default:
        return EA_FETCH_OTHER;
    }
}

static char *curl_message(enum ea_fetch_error err, const struct job *j, CURLcode rc,
                          const char *errbuf)
{
    const char *detail = errbuf && *errbuf ? errbuf : curl_easy_strerror(rc);
    switch (err) {
    case EA_FETCH_DNS:
        return message("cannot resolve host", j->cur_host ? j->cur_host : j->cur, NULL);
    case EA_FETCH_CONNECT:
        return message("cannot connect to", j->cur, detail);
    case EA_FETCH_TIMEOUT:
        return message("timed out fetching", j->cur, detail);
    case EA_FETCH_TLS:
        return message("tls failed for", j->cur, detail);
    case EA_FETCH_BAD_URL:
        return message("cannot use url", j->cur, detail);
    default:
        return message("cannot fetch", j->cur, detail);
    }
}

/* Decides what a 3xx response leads to: EA_FETCH_OK when the next hop was queued. */
static enum ea_fetch_error follow(struct ea_fetcher *f, struct job *j, long status, const char *loc,
                                  char **msg)
{
    *msg = NULL;
    if (!loc || !*loc) {
        *msg = message("redirect without a usable location from", j->cur, NULL);
        return EA_FETCH_BAD_REDIRECT;
    }
    char *norm, *key, *hostname;
    enum ea_fetch_error err = parse_url(loc, true, &norm, &key, &hostname, msg);
    if (err == EA_FETCH_BAD_REDIRECT || err == EA_FETCH_OTHER)
        return err;
    if (err == EA_FETCH_OK) {
        free(key);
        free(hostname);
    } else {
        /* DNS (.invalid): found when the hop is queued, after the loop and count checks. */
        free(*msg);
        *msg = NULL;
        norm = ea_xstrdup(loc);
    }
    bool seen = !strcmp(norm, j->cur);
    for (size_t i = 0; i < j->nhops && !seen; i++)
        seen = !strcmp(norm, j->hops[i].url);
    if (seen) {
        struct ea_buf b;
        ea_buf_init(&b, MAX_ERROR_MSG);
        ea_buf_add(&b, "redirect loop: ");
        add_quoted(&b, j->cur);
        ea_buf_add(&b, " leads back to ");
        add_quoted(&b, norm);
        *msg = ea_buf_detach(&b, NULL);
        free(norm);
        return EA_FETCH_REDIRECT_LOOP;
    }
    if (j->nhops >= j->max_redirects) {
        struct ea_buf b;
        ea_buf_init(&b, MAX_ERROR_MSG);
        ea_buf_addf(&b, "more than %u redirects from ", j->max_redirects);
        add_quoted(&b, j->url);
        *msg = ea_buf_detach(&b, NULL);
        free(norm);
        return EA_FETCH_TOO_MANY_REDIRECTS;
    }
    EA_GROW(j->hops, j->nhops + 1, j->hops_cap);
    j->hops[j->nhops].url = j->cur;
    j->hops[j->nhops].status = status;
    j->nhops++;
    j->cur = norm;
    j->status = 0;
    enqueue(f, j, true);
    return EA_FETCH_OK;
}

/* Hands a finished job to done(); the response takes over the job's strings. */
static void deliver(struct job *j, struct xfer *x, ea_fetch_done_fn *done, void *ctx)
{
    struct ea_response r;
    memset(&r, 0, sizeof(r));
    r.url = j->url;
    r.final_url = j->cur;
    r.status = j->status;
    r.error = j->error;
    r.error_msg = j->error_msg;
    r.hops = j->hops;
    r.nhops = j->nhops;
    r.elapsed = j->t_first < 0 ? 0 : now_mono() - j->t_first;
    r.retries = j->retries;
    if (x) {
        if (x->have_ctype)
            r.content_type = ea_xstrndup(x->ctype.buf, x->ctype.len);
        if (j->error == EA_FETCH_OK) {
            size_t cap = x->body.alloc;
            r.body = ea_buf_detach(&x->body, &r.body_len);
            /* The buffer grew by doubling; a body may wait a while (for a worker, or for its
             * site's page before it), so it keeps only its own bytes. */
            if (cap - r.body_len > cap / 4)
                r.body = ea_xrealloc(r.body, r.body_len + 1);
            r.truncated = x->truncated;
        } else {
            ea_buf_reset(&x->body); /* a timed-out or broken transfer's bytes are no page */
            r.body = ea_xstrdup("");
        }
        if (x->etag.len)
            r.etag = ea_xstrndup(x->etag.buf, x->etag.len);
        if (x->last_modified.len)
            r.last_modified = ea_xstrndup(x->last_modified.buf, x->last_modified.len);
        long verify = -1;
        if (r.status > 0 && !strncasecmp(r.final_url, "https:", 6) &&
            curl_easy_getinfo(x->easy, CURLINFO_SSL_VERIFYRESULT, &verify) == CURLE_OK &&
            verify == 0)
            r.tls_verified = true;
    } else {
        r.body = ea_xstrdup("");
    }
    void *user = j->user;
    j->url = j->cur = j->error_msg = NULL;
    j->hops = NULL;
    j->nhops = 0;
    job_free(j);
    done(ctx, &r, user);
}

/* A transfer ended: follow its redirect or deliver its response. */
static void finish(struct ea_fetcher *f, CURL *easy, CURLcode rc, ea_fetch_done_fn *done, void *ctx)
{
    char *priv = NULL;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
    struct xfer *x = (struct xfer *)(void *)priv;
    struct job *j = x->job;
    struct host *h = j->host;
    long status = 0;
    curl_off_t retry_after = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after);
    curl_multi_remove_handle(f->multi, easy);
    x->job = NULL;
    gauge(f);
    f->running--;
    f->ended++;
    f->ended_seconds += now_mono() - x->started;
    h->inflight--;
    j->host = NULL;
    EA_GROW(f->idle, f->nidle + 1, f->idle_cap);
    f->idle[f->nidle++] = x;

    /* The cap stopped the transfer on purpose: the response is fine, only shortened. */
    if (rc == CURLE_WRITE_ERROR && x->truncated)
        rc = CURLE_OK;
    enum ea_fetch_error kind = map_curl(rc);
    bool failed = (rc != CURLE_OK && (kind == EA_FETCH_TIMEOUT || kind == EA_FETCH_CONNECT)) ||
                  (rc == CURLE_OK && (status >= 500 || status == 429));
    if (failed && j->retries < f->opts.retries && !h->given_up) {
        /* Back off: Retry-After (clamped) or retry_base doubling, for the whole host. */
        double wait = f->opts.retry_base * (double)(1u << (j->retries < 16 ? j->retries : 16));
        if (retry_after > 0)
            wait = (double)retry_after;
        if (wait > f->opts.max_retry_after)
            wait = f->opts.max_retry_after;
        if (wait < 0)
            wait = 0;
        double at = now_mono() + wait;
        if (at > h->next_start)
            h->next_start = at;
        j->retries++;
        j->host = h;
        j->next = h->head;
        h->head = j;
        if (!h->tail)
            h->tail = j;
        f->queued++;
        return;
    }
    if (failed || (rc != CURLE_OK && kind != EA_FETCH_BAD_URL)) {
        h->failures++;
        if (f->opts.max_host_failures && h->failures >= f->opts.max_host_failures && !h->given_up) {
            h->given_up = true;
            ea_log_warn("giving up host '%s' after %u failures in a row", h->key, h->failures);
        }
    } else if (rc == CURLE_OK) {
        h->failures = 0;
    }
    j->status = status;
    if (rc == CURLE_OK && is_redirect(status)) {
        char *loc = NULL;
        curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &loc);
        char *msg;
        enum ea_fetch_error err = follow(f, j, status, loc, &msg);
        if (err == EA_FETCH_OK)
            return; /* queued again, or failed and waiting in the failed list */
        j->error = err;
        j->error_msg = msg;
    } else if (rc != CURLE_OK) {
        j->error = map_curl(rc);
        j->error_msg = curl_message(j->error, j, rc, x->errbuf);
    }
    deliver(j, x, done, ctx);
}

/*
 * The loop is driven by libcurl's socket interface: libcurl tells on_socket which sockets it
 * waits on, epoll says which are ready, and curl_multi_socket_action runs only the transfers
 * on those. curl_multi_perform instead visits every transfer on every wakeup and, not being
 * told which socket is ready, polls each one with a syscall of its own (libcurl 7.88,
 * Curl_readwrite): at 100 transfers in flight that was half the crawl's CPU.
 */
static int on_socket(CURL *easy, curl_socket_t s, int what, void *ud, void *sockp)
{
    (void)easy;
    (void)sockp;
    struct ea_fetcher *f = ud;
    if (what == CURL_POLL_REMOVE) {
        /* Fails only when the socket is already closed, which removed it. */
        (void)epoll_ctl(f->epfd, EPOLL_CTL_DEL, s, NULL);
        return 0;
    }
    struct epoll_event ev = { 0 };
    ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
    ev.data.fd = s;
    if (epoll_ctl(f->epfd, EPOLL_CTL_MOD, s, &ev) == 0)
        return 0;
    if (errno == ENOENT && epoll_ctl(f->epfd, EPOLL_CTL_ADD, s, &ev) == 0)
        return 0;
    /* Not -1: that would make libcurl abort every transfer of the run. Unwatched, the
     * transfers on this socket end on their time limits. */
    ea_log_warn("cannot watch a socket: %s", strerror(errno));
    return 0;
}

/* Hands the ready sockets to libcurl; waits at most timeout_ms. */
static CURLMcode wait_sockets(struct ea_fetcher *f, int timeout_ms)
{
    struct epoll_event evs[MAX_EVENTS];
    /* Either this sees a wakeup's poke or that wakeup sees sleeping and writes wakefd. */
    atomic_store(&f->sleeping, true);
    if (atomic_exchange(&f->poked, false))
        timeout_ms = 0;
    int n = epoll_wait(f->epfd, evs, MAX_EVENTS, timeout_ms);
    atomic_store(&f->sleeping, false);
    if (n < 0 && errno != EINTR) {
        ea_log_error("epoll_wait failed: %s", strerror(errno));
        return CURLM_INTERNAL_ERROR;
    }
    for (int i = 0; i < n; i++) {
        int fd = evs[i].data.fd;
        uint32_t e = evs[i].events;
        if (fd == f->wakefd) {
            uint64_t count;
            if (read(fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
                ea_log_warn("cannot read the fetcher's wakeup: %s", strerror(errno));
            continue;
        }
        int bits = (e & (EPOLLIN | EPOLLHUP | EPOLLRDHUP) ? CURL_CSELECT_IN : 0) |
                   (e & EPOLLOUT ? CURL_CSELECT_OUT : 0) | (e & EPOLLERR ? CURL_CSELECT_ERR : 0);
        int still;
        CURLMcode mc = curl_multi_socket_action(f->multi, fd, bits, &still);
        if (mc)
            return mc;
    }
    return CURLM_OK;
}

struct ea_fetcher *ea_fetcher_new(const struct ea_fetch_opts *opts)
{
    struct ea_fetcher *f = ea_xcalloc(1, sizeof(*f));
    f->opts = *opts;
    if (!f->opts.concurrency)
        f->opts.concurrency = 1;
    if (!f->opts.per_host)
        f->opts.per_host = 1;
    if (!(f->opts.delay >= 0)) /* also NaN */
        f->opts.delay = 0;
    f->user_agent = ea_xstrdup(opts->user_agent ? opts->user_agent : "eaudit/" EA_VERSION);
    f->ca_file = opts->ca_file ? ea_xstrdup(opts->ca_file) : NULL;
    f->opts.user_agent = NULL;
    f->opts.ca_file = NULL;
    f->opts.resolve = NULL;
    f->opts.nresolve = 0;
    f->multi = curl_multi_init();
    if (!f->multi) {
        ea_log_error("cannot create a libcurl multi handle");
        abort();
    }
    f->epfd = epoll_create1(EPOLL_CLOEXEC);
    f->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN };
    ev.data.fd = f->wakefd;
    if (f->epfd < 0 || f->wakefd < 0 || epoll_ctl(f->epfd, EPOLL_CTL_ADD, f->wakefd, &ev)) {
        ea_log_error("cannot create the fetcher's event set: %s", strerror(errno));
        abort();
    }
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
    static const char *const headers[] = {
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language: lv,en;q=0.8",
    };
    for (size_t i = 0; i < EA_ARRAY_LEN(headers); i++) {
        struct curl_slist *s = curl_slist_append(f->headers, headers[i]);
        if (!s) {
            ea_log_error("out of memory");
            abort();
        }
        f->headers = s;
    }
    for (size_t i = 0; i < opts->nresolve; i++) {
        struct curl_slist *s = curl_slist_append(f->resolve, opts->resolve[i]);
        if (!s) {
            ea_log_error("out of memory");
            abort();
        }
        f->resolve = s;
    }
    return f;
}

void ea_fetcher_free(struct ea_fetcher *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nxfers; i++) {
        struct xfer *x = f->xfers[i];
        if (x->job) {
            curl_multi_remove_handle(f->multi, x->easy);
            job_free(x->job);
        }
        curl_easy_cleanup(x->easy);
        ea_buf_release(&x->body);
        ea_buf_release(&x->ctype);
        ea_buf_release(&x->etag);
        ea_buf_release(&x->last_modified);
        curl_slist_free_all(x->headers);
        free(x);
    }
    free(f->xfers);
    free(f->idle);
    curl_multi_cleanup(f->multi); /* (its connections before the hosts' TLS sessions) */
    for (size_t i = 0; i < f->nhosts; i++) {
        struct host *h = f->hosts[i];
        while (h->head) {
            struct job *j = h->head;
            h->head = j->next;
            job_free(j);
        }
        curl_share_cleanup(h->tls); /* (every handle that used it is gone) */
        free(h->key);
        free(h);
    }
    free(f->hosts);
    while (f->failed_head) {
        struct job *j = f->failed_head;
        f->failed_head = j->next;
        job_free(j);
    }
    close(f->epfd);
    close(f->wakefd);
    curl_slist_free_all(f->headers);
    curl_slist_free_all(f->resolve);
    free(f->user_agent);
    free(f->ca_file);
    free(f);
}

void ea_fetcher_add(struct ea_fetcher *f, const struct ea_fetch_req *req)
{
    struct job *j = ea_xcalloc(1, sizeof(*j));
    j->url = ea_xstrdup(req->url ? req->url : "");
    j->cur = ea_xstrdup(j->url);
    j->max_body = req->max_body ? req->max_body : f->opts.max_body;
    j->max_redirects = req->max_redirects ? req->max_redirects : f->opts.max_redirects;
    j->weight = req->weight;
    j->first = req->first;
    j->urgent = req->urgent;
    j->etag = req->etag ? ea_xstrdup(req->etag) : NULL;
    j->last_modified = req->last_modified ? ea_xstrdup(req->last_modified) : NULL;
    j->user = req->user;
    j->t_first = -1;
    enqueue(f, j, false);
}

enum ea_err ea_fetcher_run(struct ea_fetcher *f, ea_fetch_done_fn *done, void *ctx)
{
    CURLMcode mc;
    for (;;) {
        /* Work outside the fetcher (pages checked on worker threads) may add requests. */
        atomic_store(&f->poked, false);
        if (f->side)
            f->side(f->side_ctx);
        /* Requests that ended without a transfer; done() may add more. */
        while (f->failed_head) {
            struct job *j = f->failed_head;
            f->failed_head = j->next;
            if (!f->failed_head)
                f->failed_tail = NULL;
            deliver(j, NULL, done, ctx);
        }
        double wake = start_ready(f, now_mono());
        if (!f->running && !f->queued && !f->failed_head) {
            bool side_busy = f->side && f->side(f->side_ctx);
            if (f->queued || f->failed_head)
                continue;
            if (!side_busy)
                return EA_OK;
            /* Only side work is left: sleep until it wakes the loop (or a timer). */
            mc = wait_sockets(f, POLL_MAX_MS);
            if (mc) {
                ea_log_error("libcurl failed: %s", curl_multi_strerror(mc));
                return EA_FETCH;
            }
            continue;
        }

        /* libcurl's timers: new transfers (due at once), timeouts, connection steps. */
        long curl_ms = -1;
        curl_multi_timeout(f->multi, &curl_ms);
        if (curl_ms == 0) {
            int still;
            mc = curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &still);
            if (mc) {
                ea_log_error("libcurl failed: %s", curl_multi_strerror(mc));
                return EA_FETCH;
            }
            curl_multi_timeout(f->multi, &curl_ms);
        }
        bool finished = false;
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(f->multi, &left))) {
            if (m->msg != CURLMSG_DONE)
                continue;
            finish(f, m->easy_handle, m->data.result, done, ctx);
            finished = true;
        }
        if (finished || f->failed_head)
            continue; /* room may have opened: start before sleeping */

        int timeout = POLL_MAX_MS;
        if (curl_ms >= 0 && curl_ms < timeout)
            timeout = (int)curl_ms;
        if (wake < INFINITY) {
            /* Rounded up: waking a millisecond early would only spin once more. */
            double ms = (wake - now_mono()) * 1000.0 + 1.0;
            if (ms < 0)
                ms = 0;
            if (ms < timeout)
                timeout = (int)ms;
        }
        mc = wait_sockets(f, timeout);
        if (mc) {
            ea_log_error("libcurl failed: %s", curl_multi_strerror(mc));
            return EA_FETCH;
        }
        while ((m = curl_multi_info_read(f->multi, &left))) {
            if (m->msg == CURLMSG_DONE)
                finish(f, m->easy_handle, m->data.result, done, ctx);
        }
    }
}

/* The host record of url, NULL when url cannot be parsed. */
static struct host *host_of(struct ea_fetcher *f, const char *url)
{
    char *norm, *key, *hostname, *msg;
    if (parse_url(url, false, &norm, &key, &hostname, &msg)) {
        free(msg);
        return NULL;
    }
    struct host *h = find_host(f, key);
    free(norm);
    free(key);
    free(hostname);
    return h;
}

void ea_fetcher_set_host_delay(struct ea_fetcher *f, const char *url, double seconds)
{
    struct host *h = host_of(f, url);
    if (h && seconds >= 0)
        h->delay = seconds;
}

bool ea_fetcher_host_given_up(struct ea_fetcher *f, const char *url)
{
    struct host *h = host_of(f, url);
    return h && h->given_up;
}

void ea_fetcher_set_side_work(struct ea_fetcher *f, ea_fetch_side_fn *fn, void *ctx)
{
    f->side = fn;
    f->side_ctx = ctx;
}

void ea_fetcher_hold(struct ea_fetcher *f, bool on)
{
    f->held = on;
}

void ea_fetcher_set_by_weight(struct ea_fetcher *f, bool on, unsigned long unqueued)
{
    f->by_weight = on;
    f->unqueued = (double)unqueued;
}

void ea_fetcher_wakeup(struct ea_fetcher *f)
{
    /* write(2) on an eventfd is thread-safe; a failure only means the loop wakes on its
     * timer (or the counter is full, and the loop is woken already). */
    uint64_t one = 1;
    atomic_store(&f->poked, true);
    if (atomic_load(&f->sleeping) && write(f->wakefd, &one, sizeof(one)) < 0 && errno != EAGAIN)
        ea_log_warn("cannot wake the fetcher: %s", strerror(errno));
}

double ea_fetcher_mean_transfer_time(const struct ea_fetcher *f)
{
    return f->ended ? f->ended_seconds / (double)f->ended : 0;
}

unsigned ea_fetcher_inflight(const struct ea_fetcher *f)
{
    return f->running;
}

void ea_fetch_dispatch(void *ctx, struct ea_response *resp, void *user)
{
    (void)ctx;
    struct ea_fetch_task *t = user;
    t->fn(t, resp);
}

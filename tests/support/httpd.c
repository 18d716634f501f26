#include "tests/support/httpd.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"

struct ea_test_httpd {
    struct MHD_Daemon *daemon;
    const struct ea_test_route *routes; /* borrowed */
    size_t nroutes;
    unsigned port;
    char port_str[8];
    atomic_bool stopping; /* wakes handlers sleeping for delay_ms */
    pthread_mutex_t mu;   /* guards the counters below */
    unsigned *hits;       /* owned: per route */
    unsigned total;
    unsigned active, max_active;
    unsigned conditional;
    struct visit *visits; /* owned: every request, in arrival order */
    size_t nvisits, visits_cap;
    char *cert, *key; /* owned: PEM text when serving TLS */
};

/* One request: its path (cut) and when it arrived and ended. */
struct visit {
    char path[128];
    double start, end; /* monotonic seconds; end < 0 while in progress */
};

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

EA_PRINTF(1, 2) EA_NORETURN static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("test httpd: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* Copies s (n bytes) with every "%PORT%" replaced by the server's port. */
static char *expand(struct ea_test_httpd *h, const char *s, size_t n, size_t *out_len)
{
    struct ea_buf b;
    char port[sizeof(h->port_str)];
    /* Under the lock: start() writes it after the daemon's threads exist. */
    pthread_mutex_lock(&h->mu);
    memcpy(port, h->port_str, sizeof(port));
    pthread_mutex_unlock(&h->mu);
    ea_buf_init(&b, SIZE_MAX / 2);
    size_t i = 0;
    while (i < n) {
        if (i + 6 <= n && !memcmp(s + i, "%PORT%", 6)) {
            ea_buf_add(&b, port);
            i += 6;
        } else {
            ea_buf_addch(&b, s[i]);
            i++;
        }
    }
    return ea_buf_detach(&b, out_len);
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_ms(const struct ea_test_httpd *h, unsigned ms)
{
    /* In slices, so that stopping the server does not wait for a slow route; each slice ends
     * at an absolute time, so the wake-up delays of the slices do not add up (a 50 ms route
     * answers after 50 ms, not 50 plus five wake-ups). */
    const uint64_t slice = 10 * 1000000u, end = mono_ns() + (uint64_t)ms * 1000000u;
    for (uint64_t now = mono_ns(); now < end && !atomic_load(&h->stopping); now = mono_ns()) {
        uint64_t next = now + slice < end ? now + slice : end;
        struct timespec ts = { .tv_sec = (time_t)(next / 1000000000u),
                               .tv_nsec = (long)(next % 1000000000u) };
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    }
}

struct repeat_ctx {
    char *body; /* owned */
    size_t len;
    uint64_t total;
    const struct ea_test_httpd *h; /* borrowed */
    unsigned drip_ms;              /* > 0: one byte per call, after this long */
};

static ssize_t repeat_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct repeat_ctx *r = cls;
    if (pos >= r->total)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (r->drip_ms) {
        sleep_ms(r->h, r->drip_ms);
        if (atomic_load(&r->h->stopping))
            return MHD_CONTENT_READER_END_WITH_ERROR;
        max = 1;
    }
    size_t n = 0;
    while (n < max && pos < r->total) {
        size_t off = (size_t)(pos % r->len);
        size_t k = r->len - off;
        if (k > max - n)
            k = max - n;
        if (k > r->total - pos)
            k = (size_t)(r->total - pos);
        memcpy(buf + n, r->body + off, k);
        n += k;
        pos += k;
    }
    return (ssize_t)n;
}

static void repeat_free(void *cls)
{
    struct repeat_ctx *r = cls;
    free(r->body);
    free(r);
}

static void add_headers(struct MHD_Response *resp, const char *lines)
{
    const char *p = lines;
    while (*p) {
        size_t n = strcspn(p, "\n");
        const char *colon = memchr(p, ':', n);
        if (colon) {
            char *name = ea_xstrndup(p, (size_t)(colon - p));
            const char *v = colon + 1;
            while (*v == ' ')
                v++;
            size_t vl = n - (size_t)(v - p);
            while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
                vl--;
            char *value = ea_xstrndup(v, vl);
            if (MHD_add_response_header(resp, name, value) != MHD_YES)
                die("cannot add header '%s'", name);
            free(name);
            free(value);
        }
        p += n;
        if (*p == '\n')
            p++;
    }
}

/* Marks the request of con_cls finished (once). */
static void end_visit(struct ea_test_httpd *h, void *con_cls)
{
    size_t i = (size_t)(uintptr_t)con_cls - 1;
    pthread_mutex_lock(&h->mu);
    if (i < h->nvisits && h->visits[i].end < 0) {
        h->visits[i].end = now_mono();
        h->active--;
    }
    pthread_mutex_unlock(&h->mu);
}

static bool path_matches(const char *pattern, const char *path)
{
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '*')
        return !strncmp(pattern, path, n - 1);
    return !strcmp(pattern, path);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    struct ea_test_httpd *h = cls;
    (void)method;
    (void)version;
    (void)upload_data;
    if (!*con_cls) {
        pthread_mutex_lock(&h->mu);
        h->active++;
        if (h->active > h->max_active)
            h->max_active = h->active;
        EA_GROW(h->visits, h->nvisits + 1, h->visits_cap);
        struct visit *v = &h->visits[h->nvisits++];
        snprintf(v->path, sizeof(v->path), "%s", url);
        v->start = now_mono();
        v->end = -1;
        /* The visit's number plus one: MHD wants a non-NULL pointer, and visits moves. */
        *con_cls = (void *)(uintptr_t)h->nvisits;
        if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match") ||
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-Modified-Since"))
            h->conditional++;
        pthread_mutex_unlock(&h->mu);
        /* Answer on the next call, once the request is in: a response queued on the first
         * call makes libmicrohttpd close the connection (no keep-alive). */
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0; /* ignore request bodies */
        return MHD_YES;
    }

    const struct ea_test_route *route = NULL;
    size_t idx = 0;
    for (; idx < h->nroutes; idx++)
        if (path_matches(h->routes[idx].path, url)) {
            route = &h->routes[idx];
            break;
        }
    unsigned hit = 0;
    pthread_mutex_lock(&h->mu);
    h->total++;
    if (route)
        hit = ++h->hits[idx];
    pthread_mutex_unlock(&h->mu);
    const char *inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match");

    struct MHD_Response *resp;
    unsigned status = 404;
    if (!route) {
        static const char nf[] = "not found";
        resp = MHD_create_response_from_buffer(sizeof(nf) - 1, (void *)(uintptr_t)nf,
                                               MHD_RESPMEM_PERSISTENT);
    } else if (hit <= route->fail_times) {
        sleep_ms(h, route->delay_ms);
        status = route->fail_status ? route->fail_status : 503;
        resp = MHD_create_response_from_buffer(0, (void *)(uintptr_t) "", MHD_RESPMEM_PERSISTENT);
        if (resp && route->fail_headers)
            add_headers(resp, route->fail_headers);
    } else if (route->etag && inm && !strcmp(inm, route->etag)) {
        status = 304;
        resp = MHD_create_response_from_buffer(0, (void *)(uintptr_t) "", MHD_RESPMEM_PERSISTENT);
        if (resp && MHD_add_response_header(resp, "ETag", route->etag) != MHD_YES)
            die("cannot add ETag");
    } else {
        sleep_ms(h, route->delay_ms);
        status = route->status ? route->status : 200;
        const char *body = route->body ? route->body : "";
        size_t len;
        char *data;
        if (route->gen) {
            struct ea_buf g;
            ea_buf_init(&g, SIZE_MAX / 2);
            route->gen(url, MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "n"), &g);
            data = expand(h, g.buf, g.len, &len);
            ea_buf_release(&g);
        } else if (route->body_len) { /* binary: sent as is */
            len = route->body_len;
            data = ea_xmalloc(len ? len : 1);
            memcpy(data, body, len);
        } else {
            data = expand(h, body, strlen(body), &len);
        }
        if ((route->repeat > 0 || route->drip_ms) && len > 0) {
            struct repeat_ctx *r = ea_xmalloc(sizeof(*r));
            r->body = data;
            r->len = len;
            r->total = (uint64_t)len * (route->repeat ? route->repeat : 1);
            r->h = h;
            r->drip_ms = route->drip_ms;
            resp =
                MHD_create_response_from_callback(r->total, 64 * 1024, repeat_read, r, repeat_free);
        } else {
            resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
        }
        if (!resp)
            die("cannot create a response for '%s'", url);
        if (route->headers) {
            size_t hl;
            char *lines = expand(h, route->headers, strlen(route->headers), &hl);
            add_headers(resp, lines);
            free(lines);
        }
        if (route->gzip && MHD_add_response_header(resp, "Content-Encoding", "gzip") != MHD_YES)
            die("cannot add Content-Encoding");
        if (route->etag && MHD_add_response_header(resp, "ETag", route->etag) != MHD_YES)
            die("cannot add ETag");
    }
    if (!resp)
        die("cannot create a response for '%s'", url);
    /* The request ends for the counters when its answer is queued: the client cannot send
     * its next request before it has the answer, so this never counts two requests as
     * overlapping that a client kept apart (completed() runs a little after the client
     * has the answer, and on a busy machine after its next request has arrived). */
    end_visit(h, *con_cls);
    enum MHD_Result ret = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    struct ea_test_httpd *h = cls;
    (void)conn;
    (void)toe;
    if (*con_cls) {
        end_visit(h, *con_cls);
        *con_cls = NULL;
    }
}

static char *read_pem(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        die("cannot open '%s'", path);
    struct ea_buf b;
    ea_buf_init(&b, 1 << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        ea_buf_addn(&b, chunk, n);
    fclose(fp);
    return ea_buf_detach(&b, NULL);
}

static struct ea_test_httpd *start(const struct ea_test_route *routes, const char *cert_file,
                                   const char *key_file)
{
    struct ea_test_httpd *h = ea_xcalloc(1, sizeof(*h));
    h->routes = routes;
    while (routes && routes[h->nroutes].path)
        h->nroutes++;
    h->hits = ea_xcalloc(h->nroutes + 1, sizeof(*h->hits));
    atomic_init(&h->stopping, false);
    pthread_mutex_init(&h->mu, NULL);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    /* A thread per connection, so that a slow route holds back only its own client. */
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD;
    if (cert_file) {
        h->cert = read_pem(cert_file);
        h->key = read_pem(key_file);
        h->daemon =
            MHD_start_daemon(flags | MHD_USE_TLS, 0, NULL, NULL, handle, h, MHD_OPTION_SOCK_ADDR,
                             (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, completed, h,
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_HTTPS_MEM_CERT,
                             h->cert, MHD_OPTION_HTTPS_MEM_KEY, h->key, MHD_OPTION_END);
    } else {
        h->daemon =
            MHD_start_daemon(flags, 0, NULL, NULL, handle, h, MHD_OPTION_SOCK_ADDR,
                             (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, completed, h,
                             MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
    }
    if (!h->daemon)
        die("cannot start libmicrohttpd on 127.0.0.1");
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (!info || !info->port)
        die("cannot read the bound port");
    pthread_mutex_lock(&h->mu);
    h->port = info->port;
    snprintf(h->port_str, sizeof(h->port_str), "%u", h->port);
    pthread_mutex_unlock(&h->mu);
    return h;
}

struct ea_test_httpd *ea_test_httpd_start(const struct ea_test_route *routes)
{
    return start(routes, NULL, NULL);
}

struct ea_test_httpd *ea_test_httpd_start_tls(const struct ea_test_route *routes,
                                              const char *cert_file, const char *key_file)
{
    return start(routes, cert_file, key_file);
}

void ea_test_httpd_stop(struct ea_test_httpd *h)
{
    if (!h)
        return;
    atomic_store(&h->stopping, true);
    MHD_stop_daemon(h->daemon);
    pthread_mutex_destroy(&h->mu);
    free(h->hits);
    free(h->visits);
    free(h->cert);
    free(h->key);
    free(h);
}

void ea_test_httpd_sync(struct ea_test_httpd *h)
{
    /* handle() takes the lock before it reads anything but the path of a route. */
    pthread_mutex_lock(&h->mu);
    pthread_mutex_unlock(&h->mu);
}

unsigned ea_test_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(a);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) != 0)
        die("cannot find a free port");
    close(fd);
    return ntohs(a.sin_port);
}

unsigned ea_test_httpd_port(const struct ea_test_httpd *h)
{
    return h->port;
}

unsigned ea_test_httpd_hits(const struct ea_test_httpd *h, const char *path)
{
    struct ea_test_httpd *m = (struct ea_test_httpd *)(uintptr_t)h; /* the lock is state */
    unsigned n = 0;
    pthread_mutex_lock(&m->mu);
    if (!path) {
        n = m->total;
    } else {
        for (size_t i = 0; i < m->nroutes; i++)
            if (!strcmp(m->routes[i].path, path))
                n = m->hits[i];
    }
    pthread_mutex_unlock(&m->mu);
    return n;
}

unsigned ea_test_httpd_max_active(const struct ea_test_httpd *h)
{
    struct ea_test_httpd *m = (struct ea_test_httpd *)(uintptr_t)h;
    pthread_mutex_lock(&m->mu);
    unsigned n = m->max_active;
    pthread_mutex_unlock(&m->mu);
    return n;
}

size_t ea_test_httpd_arrivals(const struct ea_test_httpd *h, const char *prefix, double *out,
                              size_t max)
{
    struct ea_test_httpd *m = (struct ea_test_httpd *)(uintptr_t)h;
    size_t n = 0;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->nvisits; i++) {
        if (prefix && strncmp(m->visits[i].path, prefix, strlen(prefix)))
            continue;
        if (n < max)
            out[n] = m->visits[i].start;
        n++;
    }
    pthread_mutex_unlock(&m->mu);
    return n;
}

double ea_test_httpd_served(const struct ea_test_httpd *h, const char *prefix, size_t *n)
{
    struct ea_test_httpd *m = (struct ea_test_httpd *)(uintptr_t)h;
    double sum = 0;
    *n = 0;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->nvisits; i++) {
        const struct visit *v = &m->visits[i];
        if ((prefix && strncmp(v->path, prefix, strlen(prefix))) || v->end < 0)
            continue;
        sum += v->end - v->start;
        (*n)++;
    }
    pthread_mutex_unlock(&m->mu);
    return sum;
}

unsigned ea_test_httpd_max_active_prefix(const struct ea_test_httpd *h, const char *prefix)
{
    struct ea_test_httpd *m = (struct ea_test_httpd *)(uintptr_t)h;
    unsigned best = 0;
    pthread_mutex_lock(&m->mu);
    /* At each arrival, count the matching requests that had started and not yet ended. */
    for (size_t i = 0; i < m->nvisits; i++) {
        const struct visit *v = &m->visits[i];
        if (strncmp(v->path, prefix, strlen(prefix)))
            continue;
        unsigned k = 0;
        for (size_t j = 0; j <= i; j++) {
            const struct visit *w = &m->visits[j];
            if (!strncmp(w->path, prefix, strlen(prefix)) && (w->end < 0 || w->end > v->start))
                k++;
        }
        if (k > best)
            best = k;
    }
    pthread_mutex_unlock(&m->mu);
    return best;
}

unsigned ea_test_httpd_conditional(const struct ea_test_httpd *h)
{
    struct ea_test_httpd *m = (struct ea_test_httpd *)(uintptr_t)h;
    pthread_mutex_lock(&m->mu);
    unsigned n = m->conditional;
    pthread_mutex_unlock(&m->mu);
    return n;
}

void ea_test_no_proxies(void)
{
    static const char *const proxies[] = { "http_proxy", "https_proxy", "HTTPS_PROXY",
                                           "ALL_PROXY",  "all_proxy",   "HTTP_PROXY" };
    for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
        unsetenv(proxies[i]);
}

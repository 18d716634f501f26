/*
 * bench_crawl — the crawler over a local virtual web: SITES sites on 127.0.0.1 (one port
 * each), PAGES pages per site in a tree of links, every page answered after LATENCY ms. It
 * runs `eaudit audit` over it and, when wget2 is installed, `wget2 --recursive` over the
 * same sites, and prints pages/s for both, their ratio, eaudit's ratio to the ideal time
 * (pages x latency / usable parallelism) and eaudit's peak RSS.
 *
 * usage: bench_crawl [SITES [PAGES [LATENCY_MS [PER_HOST [CONCURRENCY [DELAY]]]]]]
 *        (defaults 100 100 50 2 200 0; EAUDIT=path overrides the eaudit binary)
 * With a DELAY (seconds between request starts to one host, eaudit's --delay) the ideal is
 * the larger of the slots' time (a site keeping LATENCY / DELAY of a slot busy at most) and
 * PAGES x DELAY; wget2, whose --wait is per thread and not per host, is not run then.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "tests/support/httpd.h"

extern char **environ;

static unsigned npages = 100;
#define BRANCH 10
/* EA_BENCH_CORPUS=DIR: pages are DIR's .html files (real pages: memory and CPU per site as
 * a nightly run meets them), each followed by the links to its children. Page k is file
 * k mod N in name order. */
#define MAX_CORPUS_FILES 1000
static char *corpus[MAX_CORPUS_FILES];
static unsigned ext_port; /* a server that answers 404 to everything, as host ext.test */
static size_t corpus_len[MAX_CORPUS_FILES], ncorpus;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_corpus(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[MAX_CORPUS_FILES];
    size_t n = 0;
    if (!d) {
        fprintf(stderr, "bench_crawl: cannot read '%s'\n", dir);
        exit(1);
    }
    while ((e = readdir(d)) != NULL && n < MAX_CORPUS_FILES) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".html") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), name_cmp);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        free(names[i]);
        struct ea_buf b = EA_BUF_INIT(64u << 20);
        if (ea_file_read(path, &b) != EA_OK) {
            ea_buf_release(&b);
            continue;
        }
        corpus[ncorpus] = ea_buf_detach(&b, &corpus_len[ncorpus]);
        ncorpus++;
    }
}

/* Page k links to its children k*BRANCH+1 .. k*BRANCH+BRANCH (those below npages). */
static void gen_page(const char *path, const char *n, struct ea_buf *out)
{
    (void)n;
    unsigned long k = strtoul(path + 3, NULL, 10); /* "/p/K" */
    if (ncorpus) {
        /* The page's own relative links and stylesheets resolve to another site, ext.test,
         * which answers 404 at once: only the /p/ tree is the site. Its links go first (after
         * the page, an unclosed <script> or comment of some pages would swallow them). */
        ea_buf_addf(out, "<base href=\"http://ext.test:%u/\">", ext_port);
        for (unsigned long c = k * BRANCH + 1; c <= k * BRANCH + BRANCH && c < npages; c++)
            ea_buf_addf(out, "<a href=\"http://127.0.0.1:%%PORT%%/p/%lu\">Lapa %lu</a> ", c, c);
        ea_buf_addn(out, corpus[k % ncorpus], corpus_len[k % ncorpus]);
        return;
    }
    ea_buf_addf(out,
                "<!DOCTYPE html><html lang=\"lv\"><head><title>Lapa %lu</title>"
                "<meta name=\"viewport\" content=\"width=device-width\"></head><body>"
                "<h1>Lapa %lu</h1><p>Teksts par iestādi.</p><ul>",
                k, k);
    for (unsigned long c = k * BRANCH + 1; c <= k * BRANCH + BRANCH && c < npages; c++)
        ea_buf_addf(out, "<li><a href=\"/p/%lu\">Lapa %lu</a></li>", c, c);
    ea_buf_add(out, "</ul><img src=\"/logo.png\" alt=\"Ģerbonis\"></body></html>");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs argv, returns wall seconds; *rss_kb gets the child's peak RSS. */
static double child_cpu;

static double run(const char *const *argv, const char *log, long *rss_kb)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_t pid;
    double t0 = now();
    if (posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ) != 0) {
        fprintf(stderr, "bench_crawl: cannot run %s\n", argv[0]);
        exit(1);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0) {
        perror("wait4");
        exit(1);
    }
    double t = now() - t0;
    posix_spawn_file_actions_destroy(&fa);
    *rss_kb = ru.ru_maxrss;
    child_cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fprintf(stderr, "bench_crawl: %s exited %d (see %s)\n", argv[0],
                WIFEXITED(st) ? WEXITSTATUS(st) : -1, log);
    return t;
}

static bool have(const char *prog)
{
    const char *path = getenv("PATH");
    char buf[4096];
    while (path && *path) {
        size_t n = strcspn(path, ":");
        snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
        if (access(buf, X_OK) == 0)
            return true;
        path += n + (path[n] == ':');
    }
    return false;
}

/* Page requests the servers have answered so far (both crawlers are counted the same way:
 * wget2 saves pages of every port under one 127.0.0.1/ folder, so its files undercount). */
static unsigned page_hits(struct ea_test_httpd **srv, unsigned sites)
{
    unsigned n = 0;
    for (unsigned i = 0; i < sites; i++)
        n += ea_test_httpd_hits(srv[i], "/p/*");
    return n;
}

/* Seconds the servers spent on page requests so far (arrival to answer), and how many. Over
 * the usable parallelism it is the floor no crawler can beat: the time if every slot were busy
 * every moment with requests that took only what the server took. */
static double page_served(struct ea_test_httpd **srv, unsigned sites, size_t *n)
{
    double sum = 0;
    *n = 0;
    for (unsigned i = 0; i < sites; i++) {
        size_t k;
        sum += ea_test_httpd_served(srv[i], "/p/", &k);
        *n += k;
    }
    return sum;
}

int main(int argc, char **argv)
{
    unsigned sites = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 100;
    npages = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 100;
    unsigned latency = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 50;
    unsigned per_host = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 10) : 2;
    unsigned conc = argc > 5 ? (unsigned)strtoul(argv[5], NULL, 10) : 200;
    const char *delay_s = argc > 6 ? argv[6] : "0";
    double delay = strtod(delay_s, NULL);
    const char *eaudit = getenv("EAUDIT") ? getenv("EAUDIT") : EA_BINARY;
    if (!sites || !npages || !per_host || !conc || !(delay >= 0))
        return 2;
    if (getenv("EA_BENCH_CORPUS"))
        load_corpus(getenv("EA_BENCH_CORPUS"));

    /* robots.txt and sitemap.xml answer at once (their latency is not the pages'). */
    struct ea_test_route routes[] = {
        { .path = "/robots.txt", .body = "User-agent: *\nAllow: /\n" },
        { .path = "/sitemap.xml", .status = 404 },
        { .path = "/logo.png", .status = 404 },
        { .path = "/", .status = 301, .headers = "Location: /p/0\n" },
        { .path = "/p/*",
          .headers = "Content-Type: text/html; charset=utf-8\n",
          .gen = gen_page,
          .delay_ms = latency },
        { .path = NULL },
    };
    struct ea_test_httpd **srv = calloc(sites, sizeof(*srv));
    char dir[] = "/tmp/bench_crawlXXXXXX";
    if (!srv || !mkdtemp(dir))
        return 1;
    char seeds[256], out[300], db[300], log[300], maxp[16], conc_s[16], ph[16], depth[16];
    snprintf(seeds, sizeof(seeds), "%s/seeds.txt", dir);
    FILE *f = fopen(seeds, "w");
    if (!f)
        return 1;
    fputs("id\tname_lv\ttype\tparent\turl\n", f);
    for (unsigned i = 0; i < sites; i++) {
        srv[i] = ea_test_httpd_start(routes);
        fprintf(f, "s%u\tVietne %u\tinstitution\t-\thttp://127.0.0.1:%u/p/0\n", i, i,
                ea_test_httpd_port(srv[i]));
    }
    fclose(f);
    snprintf(out, sizeof(out), "%s/out", dir);
    snprintf(db, sizeof(db), "%s/db.sqlite", dir);
    snprintf(log, sizeof(log), "%s/eaudit.log", dir);
    snprintf(maxp, sizeof(maxp), "%u", npages);
    snprintf(conc_s, sizeof(conc_s), "%u", conc);
    snprintf(ph, sizeof(ph), "%u", per_host);
    snprintf(depth, sizeof(depth), "%u", 100);

    struct ea_test_route no_routes[] = { { .path = NULL } };
    struct ea_test_httpd *ext = NULL;
    char resolve[64] = "";
    if (ncorpus) {
        ext = ea_test_httpd_start(no_routes);
        ext_port = ea_test_httpd_port(ext);
        snprintf(resolve, sizeof(resolve), "ext.test:%u:127.0.0.1", ext_port);
    }
    const char *ea_argv[24] = {
        eaudit,        "audit", "--out",       out,   "--db",          db,
        "--delay",     delay_s, "--per-host",  ph,    "--concurrency", conc_s,
        "--max-pages", maxp,    "--max-depth", depth, "--no-progress", "--quiet",
    };
    size_t na = 0;
    while (ea_argv[na])
        na++; /* past the fixed options */
    if (ncorpus) {
        ea_argv[na++] = "--resolve";
        ea_argv[na++] = resolve;
    }
    ea_argv[na++] = seeds;
    ea_argv[na] = NULL;
    long rss = 0;
    double t_ea = run(ea_argv, log, &rss);
    unsigned fetched = page_hits(srv, sites);
    size_t nserved;
    double served = page_served(srv, sites, &nserved);
    unsigned total = sites * npages;
    double usable = conc < sites * per_host ? conc : sites * per_host;
    double ideal = (double)total * latency / 1000.0 / usable;
    if (delay > 0) {
        /* A site keeps latency / delay slots busy at most (one start per delay), and needs
         * npages starts, one per delay. */
        double l = latency / 1000.0, share = l / delay < per_host ? l / delay : per_host;
        double slots = sites * share < conc ? sites * share : conc;
        ideal = (double)total * l / slots;
        if (npages * delay > ideal)
            ideal = npages * delay;
        usable = slots;
    }
    printf("virtual web: %u sites x %u pages, %u ms per page, per-host %u, concurrency %u, "
           "delay %s s\n",
           sites, npages, latency, per_host, conc, delay_s);
    printf("eaudit: %u pages requested in %.2f s = %.0f pages/s; ideal %.2f s; "
           "time/ideal = %.2f; peak RSS %.1f MB; CPU %.2f s\n",
           fetched, t_ea, fetched / t_ea, ideal, t_ea / ideal, (double)rss / 1024.0, child_cpu);
    if (delay == 0)
        printf("eaudit: the servers took %.2f ms a page: floor %.2f s, time/floor = %.3f\n",
               nserved ? 1000 * served / (double)nserved : 0.0, served / usable,
               served > 0 ? t_ea * usable / served : 0.0);

    if (ncorpus) {
        printf("(real pages: no wget2 run)\n");
    } else if (delay > 0) {
        printf("(wget2 has no delay per host, its --wait is per thread: no wget2 run)\n");
    } else if (have("wget2")) {
        char wdir[300], wlog[300], threads[16];
        snprintf(wdir, sizeof(wdir), "%s/wget2", dir);
        snprintf(wlog, sizeof(wlog), "%s/wget2.log", dir);
        snprintf(threads, sizeof(threads), "%u", conc);
        mkdir(wdir, 0777);
        size_t n = 0;
        const char **wa = calloc(sites + 16, sizeof(*wa));
        wa[n++] = "wget2";
        wa[n++] = "--recursive";
        wa[n++] = "--level=inf";
        wa[n++] = "--no-parent";
        wa[n++] = "--wait=0";
        wa[n++] = "--max-threads";
        wa[n++] = threads;
        wa[n++] = "--no-verbose";
        wa[n++] = "--directory-prefix";
        wa[n++] = wdir;
        for (unsigned i = 0; i < sites; i++) {
            char *u = malloc(64);
            snprintf(u, 64, "http://127.0.0.1:%u/p/0", ea_test_httpd_port(srv[i]));
            wa[n++] = u;
        }
        wa[n] = NULL;
        long wrss = 0;
        unsigned before = page_hits(srv, sites);
        double t_w = run(wa, wlog, &wrss);
        unsigned got = page_hits(srv, sites) - before;
        size_t nall;
        double wserved = page_served(srv, sites, &nall) - served;
        size_t nw = nall - nserved;
        printf("wget2: %u pages requested in %.2f s = %.0f pages/s; peak RSS %.1f MB; CPU %.2f s\n",
               got, t_w, got / t_w, (double)wrss / 1024.0, child_cpu);
        printf("wget2: the servers took %.2f ms a page: floor %.2f s, time/floor = %.3f\n",
               nw ? 1000 * wserved / (double)nw : 0.0, wserved / usable,
               wserved > 0 ? t_w * usable / wserved : 0.0);
        printf("eaudit/wget2 speed ratio: %.2f\n", (fetched / t_ea) / (got / t_w));
        for (size_t i = 10; i < n; i++)
            free((void *)(uintptr_t)wa[i]);
        free(wa);
    } else {
        printf("wget2: not installed (apt-get install wget2), no comparison\n");
    }
    for (unsigned i = 0; i < sites; i++)
        ea_test_httpd_stop(srv[i]);
    free(srv);
    if (ext)
        ea_test_httpd_stop(ext);
    printf("files kept in %s\n", dir);
    return 0;
}

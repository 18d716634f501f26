/*
 * bench_page — where the time of one page goes: charset decoding, parsing (gumbo + our flat
 * tree + the CSS cascade) and the checks, over the corpus pages given on the command line,
 * against a baseline measured in the same run: gumbo alone parsing the page and walking its
 * tree once (the floor any HTML auditor pays). Issue 4's target: parse + checks at most 1.5 x
 * the baseline. It also prints peak memory after the first half and after all pages, which
 * should not grow with the number of pages.
 *
 *   build/release/bench/bench_page PAGE.html...   (e.g. every page of shared/corpus/lv and web)
 *
 * This is the one file besides core/doc.c that includes gumbo.h: the baseline must be gumbo
 * itself, not our wrapper.
 */
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "checks/check.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/limits.h"
#include "crawler/charset.h"

#define REPEAT 3

/* CPU time of this thread: the work is all CPU, and on a shared machine wall time also
 * counts the time other processes held the core, which skews one phase against another. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The baseline: gumbo parses the page and the tree is walked once (iteratively). */
static size_t gumbo_walk(const char *html, size_t len)
{
    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = EA_MAX_PARSE_ERRORS;
    GumboOutput *g = gumbo_parse_with_options(&opt, html, len);
    size_t n = 0, sp = 0, cap = 64;
    const GumboNode **stack = malloc(cap * sizeof(*stack));
    if (!stack)
        abort();
    stack[sp++] = g->root;
    while (sp) {
        const GumboNode *node = stack[--sp];
        n++;
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
            continue;
        const GumboVector *ch = &node->v.element.children;
        for (unsigned i = 0; i < ch->length; i++) {
            if (sp == cap) {
                cap *= 2;
                stack = realloc(stack, cap * sizeof(*stack));
                if (!stack)
                    abort();
            }
            stack[sp++] = ch->data[i];
        }
    }
    free(stack);
    gumbo_destroy_output(&opt, g);
    return n;
}

static long peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static bool slurp(const char *path, struct ea_buf *b)
{
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        ea_buf_addn(b, chunk, n);
    fclose(f);
    return true;
}

int main(int argc, char **argv)
{
    double t_dec = 0, t_parse = 0, t_checks = 0, t_base = 0, worst = 0;
    long half_kb = 0;
    size_t base_nodes = 0;
    const char *worst_page = "-";
    size_t pages = 0, bytes = 0, nodes = 0, findings = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: bench_page PAGE.html...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (i == 1 + (argc - 1) / 2)
            half_kb = peak_kb();
        struct ea_buf raw = EA_BUF_INIT(EA_MAX_BODY);
        if (!slurp(argv[i], &raw)) {
            fprintf(stderr, "bench_page: cannot read '%s'\n", argv[i]);
            continue;
        }
        for (int r = 0; r < REPEAT; r++) {
            struct ea_decoded dec = { 0 };
            struct ea_doc *doc = NULL;
            struct ea_results res;
            double t0 = now();
            if (ea_charset_decode(raw.buf, raw.len, NULL, &dec) != EA_OK)
                break;
            double t1 = now();
            if (ea_doc_parse(dec.utf8, dec.len, argv[i], &doc) != EA_OK) {
                ea_decoded_release(&dec);
                break;
            }
            double t2 = now();
            ea_results_init(&res, doc);
            ea_checks_run(doc, NULL, 0, &res);
            double t3 = now();
            size_t bn = gumbo_walk(dec.utf8, dec.len);
            double t4 = now();
            t_base += t4 - t3;
            if (r == 0)
                base_nodes += bn;
            t_dec += t1 - t0;
            t_parse += t2 - t1;
            t_checks += t3 - t2;
            if (r == 0) {
                pages++;
                bytes += raw.len;
                nodes += doc->nnodes;
                findings += res.nfindings;
                double ratio = (t3 - t2) / (t2 - t1 > 1e-9 ? t2 - t1 : 1e-9);
                if (ratio > worst && raw.len > 10000) {
                    worst = ratio;
                    worst_page = argv[i];
                }
            }
            ea_results_release(&res);
            ea_doc_free(doc);
            ea_decoded_release(&dec);
        }
        ea_buf_release(&raw);
    }
    printf("pages %zu, %.1f MB, %zu nodes, %zu findings, %d runs each\n", pages,
           (double)bytes / 1e6, nodes, findings, REPEAT);
    printf("decode  %8.3f s  %6.1f MB/s\n", t_dec, (double)bytes * REPEAT / 1e6 / t_dec);
    printf("parse   %8.3f s  %6.1f MB/s\n", t_parse, (double)bytes * REPEAT / 1e6 / t_parse);
    printf("checks  %8.3f s  %6.1f MB/s\n", t_checks, (double)bytes * REPEAT / 1e6 / t_checks);
    printf("gumbo+walk %5.3f s  %6.1f MB/s  (baseline, %zu gumbo nodes)\n", t_base,
           (double)bytes * REPEAT / 1e6 / t_base, base_nodes);
    printf("checks/parse %.2f (want < 1); worst page %.2f: %s\n", t_checks / t_parse, worst,
           worst_page);
    printf("(parse+checks)/baseline %.2f (issue 4 wants <= 1.5); pages/s %.1f vs baseline %.1f\n",
           (t_parse + t_checks) / t_base, (double)pages * REPEAT / (t_parse + t_checks),
           (double)pages * REPEAT / t_base);
    printf("peak memory: %ld KB after %d pages, %ld KB after %zu\n", half_kb, (argc - 1) / 2,
           peak_kb(), pages);
    return 0;
}

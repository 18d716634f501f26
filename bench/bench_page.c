/*
 * bench_page — where the time of one page goes: charset decoding, parsing (gumbo + our flat
 * tree) and the checks, over the corpus pages given on the command line. DESIGN.md wants
 * the checks to cost less than the parse, so the number that matters is checks/parse.
 *
 *   build/release/bench/bench_page PAGE.html...   (e.g. every page of shared/corpus/lv and web)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/check.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/limits.h"
#include "crawler/charset.h"

#define REPEAT 3

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
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
    double t_dec = 0, t_parse = 0, t_checks = 0, worst = 0;
    const char *worst_page = "-";
    size_t pages = 0, bytes = 0, nodes = 0, findings = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: bench_page PAGE.html...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
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
    printf("checks/parse %.2f (want < 1); worst page %.2f: %s\n", t_checks / t_parse, worst,
           worst_page);
    return 0;
}

/*
 * bench_site — what the questionnaire costs next to the parse it rides on: each page given
 * is decoded, parsed, then observed as a site's homepage and answered (checks/site). Prints,
 * per page, the homepage answers (mobile_viewport .. easy_read, '.' for empty) and at the
 * end observe/parse, measured in this run. BENCH_SITE_EVIDENCE=1 also prints each answer's
 * evidence.
 *
 *   build/release/bench/bench_site PAGE.html...   (e.g. every page of shared/corpus/lv)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/site/site.h"
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

int main(int argc, char **argv)
{
    struct ea_concepts *concepts;
    double t_parse = 0, t_site = 0;
    size_t pages = 0;
    bool evidence = getenv("BENCH_SITE_EVIDENCE") != NULL;
    if (argc < 2) {
        fprintf(stderr, "usage: bench_site PAGE.html...\n");
        return 2;
    }
    if (ea_concepts_load(NULL, &concepts) != EA_OK)
        return 1;
    for (int i = 1; i < argc; i++) {
        struct ea_buf raw = EA_BUF_INIT(EA_MAX_BODY);
        char chunk[65536];
        size_t n;
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "bench_site: cannot read '%s'\n", argv[i]);
            continue;
        }
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
            ea_buf_addn(&raw, chunk, n);
        fclose(f);
        for (int r = 0; r < REPEAT; r++) {
            struct ea_decoded dec = { 0 };
            struct ea_doc *doc = NULL;
            struct ea_sheet_row row;
            if (ea_charset_decode(raw.buf, raw.len, NULL, &dec) != EA_OK)
                break;
            double t0 = now();
            if (ea_doc_parse(dec.utf8, dec.len, "https://www.example.gov.lv/lv", &doc) != EA_OK) {
                ea_decoded_release(&dec);
                break;
            }
            double t1 = now();
            struct ea_site *site = ea_site_new(concepts, "2026-11-27");
            ea_row_init(&row);
            ea_site_observe(site, doc, "https://www.example.gov.lv/lv", true, -1);
            struct ea_sheet_evidence ev;
            ea_sheet_evidence_init(&ev);
            ea_site_answer_evidence(site, &row, &ev);
            double t2 = now();
            t_parse += t1 - t0;
            t_site += t2 - t1;
            if (r == 0) {
                const char *slash = strrchr(argv[i], '/');
                printf("%-60.60s ", slash ? slash + 1 : argv[i]);
                for (int c = EA_COL_MOBILE_VIEWPORT; c <= EA_COL_EASY_READ; c++) {
                    const char *v = row.cells[c];
                    if (c == EA_COL_NEWS_LATEST)
                        printf(" %s ", v ? v : "..........");
                    else
                        printf("%s", v ? (strlen(v) > 1 ? "#" : v) : ".");
                }
                printf("\n");
                for (int c = EA_COL_MOBILE_VIEWPORT; evidence && c <= EA_COL_EASY_READ; c++)
                    printf("    %-24s %-10s %s\n", ea_columns[c].name,
                           row.cells[c] ? row.cells[c] : "", ev.excerpt[c] ? ev.excerpt[c] : "");
                pages++;
            }
            ea_sheet_evidence_release(&ev);
            ea_row_release(&row);
            ea_site_free(site);
            ea_doc_free(doc);
            ea_decoded_release(&dec);
        }
        ea_buf_release(&raw);
    }
    printf("%zu pages x %d: parse %.3f s, questionnaire %.3f s, questionnaire/parse %.2f\n", pages,
           REPEAT, t_parse, t_site, t_parse > 0 ? t_site / t_parse : 0);
    ea_concepts_free(concepts);
    return 0;
}

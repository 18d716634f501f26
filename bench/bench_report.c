/*
 * bench_report — what the store and the reports cost for a nightly run of realistic size:
 * SITES sites x PAGES pages, each page with every rule's tally and FINDINGS stored findings.
 * Writes two runs into a fresh database (one transaction per site), then every report of
 * the second run (which also diffs it against the first), and prints the times and the
 * ratio reports/store: the reports should not cost more than storing the run did.
 *
 *   build/release/bench/bench_report [SITES [PAGES [FINDINGS]]]   (default 104 100 10)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checks/check.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "writers/report.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fake_results(struct ea_results *r, size_t nfindings, unsigned seed)
{
    ea_results_init(r, NULL);
    for (size_t i = 0; i < ea_checks_len; i++) {
        ea_results_begin(r, ea_checks[i]->id);
        ea_results_add(r, EA_OUTCOME_PASS, NULL, NULL);
        for (size_t k = 0; k < nfindings / ea_checks_len + (i < nfindings % ea_checks_len); k++) {
            ea_results_add(r, (k + seed) % 3 ? EA_OUTCOME_VIOLATION : EA_OUTCOME_INCOMPLETE, NULL,
                           "element has no accessible name");
            struct ea_finding *f = &r->findings[r->nfindings - 1];
            char buf[200];
            free(f->target);
            free(f->html);
            snprintf(buf, sizeof(buf), "main > div:nth-child(%zu) > a", k + seed % 5);
            f->target = ea_xstrdup(buf);
            snprintf(buf, sizeof(buf),
                     "<a href=\"/lv/jaunumi/%zu\" class=\"btn\"><img src=\"x.png\">", k);
            f->html = ea_xstrdup(buf);
            f->line = (unsigned)(100 + k);
        }
    }
}

static int put_run(struct ea_store *st, const char *date, size_t nsites, size_t npages,
                   size_t nfindings, unsigned seed)
{
    long long run;
    if (ea_store_run_begin(st, date, &run) != EA_OK)
        return -1;
    struct ea_store_page *pages = ea_xcalloc(npages, sizeof(*pages));
    struct ea_results *res = ea_xcalloc(npages, sizeof(*res));
    char(*urls)[96] = ea_xcalloc(npages, sizeof(*urls));
    for (size_t s = 0; s < nsites; s++) {
        struct ea_sheet_row row;
        char id[32], url[64];
        ea_row_init(&row);
        snprintf(id, sizeof(id), "site%03zu", s);
        snprintf(url, sizeof(url), "https://%s.gov.lv/", id);
        ea_row_set(&row, EA_COL_ID, id);
        ea_row_setf(&row, EA_COL_NAME, "Iestāde Nr. %zu", s);
        ea_row_set(&row, EA_COL_URL, url);
        ea_row_set_bool(&row, EA_COL_REACHABLE, true);
        ea_row_setf(&row, EA_COL_WCAG_SCORE, "%.1f", 50.0 + (double)((s * 7 + seed) % 50));
        ea_row_set(&row, EA_COL_WCAG_BAND, "vidēja");
        for (size_t p = 0; p < npages; p++) {
            snprintf(urls[p], sizeof(urls[p]), "https://%s.gov.lv/lv/lapa/%zu", id, p);
            fake_results(&res[p], nfindings, seed + (unsigned)p);
            pages[p] = (struct ea_store_page){ .url = urls[p],
                                               .status = 200,
                                               .results = &res[p],
                                               .depth = p ? 1 : 0,
                                               .etag = "\"abc\"" };
        }
        enum ea_err err = ea_store_put_site(st, run, s, &row, pages, npages);
        for (size_t p = 0; p < npages; p++)
            ea_results_release(&res[p]);
        ea_row_release(&row);
        if (err != EA_OK)
            return -1;
    }
    free(urls);
    free(res);
    free(pages);
    return ea_store_run_end(st, run, nsites) == EA_OK ? (int)run : -1;
}

int main(int argc, char **argv)
{
    size_t nsites = argc > 1 ? strtoul(argv[1], NULL, 10) : 104;
    size_t npages = argc > 2 ? strtoul(argv[2], NULL, 10) : 100;
    size_t nfindings = argc > 3 ? strtoul(argv[3], NULL, 10) : 10;
    char dir[] = "/tmp/ea_bench_report_XXXXXX", db[96], out[96], cmd[512];
    struct ea_store *st = NULL;
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof(db), "%s/eaudit.sqlite", dir);
    snprintf(out, sizeof(out), "%s/reports", dir);
    if (ea_store_open(db, &st) != EA_OK)
        return 1;
    double t0 = now();
    if (put_run(st, "2026-11-26", nsites, npages, nfindings, 1) < 0)
        return 1;
    double t1 = now();
    int run = put_run(st, "2026-11-27", nsites, npages, nfindings, 2);
    double t2 = now();
    if (run < 0 || ea_reports_write_run(st, run, out) != EA_OK)
        return 1;
    double t3 = now();
    ea_store_close(st);
    printf("%zu sites x %zu pages x %zu findings/page\n", nsites, npages, nfindings);
    printf("store one run:   %.3f s (%.2f ms/site)\n", t2 - t1, 1e3 * (t2 - t1) / (double)nsites);
    printf("all reports:     %.3f s (%.2f ms/site, with the diff against the previous run)\n",
           t3 - t2, 1e3 * (t3 - t2) / (double)nsites);
    printf("reports / store: %.2f\n", (t3 - t2) / (t2 - t1));
    (void)t0;
    snprintf(cmd, sizeof(cmd), "du -sh %s/eaudit.sqlite* %s | tail -3; rm -rf %s", dir, out, dir);
    return system(cmd) == 0 ? 0 : 1;
}

/* eaudit report: write every report of a stored run again, without crawling. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/log.h"
#include "store/store.h"
#include "writers/csv.h"
#include "writers/report.h"
#include "writers/xlsx.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit report [--run N] [--out DIR] [--db FILE]\n"
          "\n"
          "Writes the reports of a stored run again from the database, without crawling:\n"
          "DIR/evaluation.csv, DIR/evaluation.xlsx, DIR/index.html and\n"
          "DIR/sites/ID/report.html, report.en.html, report.json.\n"
          "  --run N     the run to report (default the latest)\n"
          "  --out DIR   where to write (default ./reports)\n"
          "  --db FILE   the database (default ./var/eaudit.sqlite)\n",
          out);
}

/* The evaluation sheet of the run, as the audit wrote it; true on failure. */
static bool write_sheets(struct ea_store *st, long long run_id, const char *out_dir)
{
    struct ea_sheet_row *rows = NULL;
    size_t n = 0;
    struct ea_buf path = EA_BUF_INIT(SIZE_MAX);
    bool failed = ea_store_run_rows(st, run_id, &rows, &n) != EA_OK;
    if (!failed) {
        ea_buf_addf(&path, "%s/evaluation.csv", out_dir);
        failed = ea_csv_write_sheet(path.buf, rows, n) != EA_OK;
    }
    if (!failed) {
        ea_buf_reset(&path);
        ea_buf_addf(&path, "%s/evaluation.xlsx", out_dir);
        failed = ea_xlsx_write_sheet(path.buf, rows, n) != EA_OK;
    }
    for (size_t i = 0; i < n; i++)
        ea_row_release(&rows[i]);
    free(rows);
    ea_buf_release(&path);
    return failed;
}

int ea_cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        { "run", required_argument, NULL, 'r' },
        { "out", required_argument, NULL, 'o' },
        { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *out_dir = "reports", *db = "var/eaudit.sqlite";
    unsigned long run = 0;
    long long run_id = 0;
    struct ea_store *st = NULL;
    int c, rc = EA_EXIT_FAIL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (!ea_parse_uint("report", "--run", optarg, 1, (unsigned long)INT64_MAX, &run))
                return EA_EXIT_USAGE;
            break;
        case 'o':
            out_dir = optarg;
            break;
        case 'd':
            db = optarg;
            break;
        case 'h':
            usage(stdout);
            return EA_EXIT_OK;
        default:
            return ea_usage_error("report", "bad option");
        }
    }
    if (optind < argc)
        return ea_usage_error("report", "unexpected argument '%s'", argv[optind]);
    if (ea_store_open_reader(db, &st) != EA_OK)
        return EA_EXIT_FAIL;
    if (run) {
        run_id = (long long)run;
    } else if (ea_store_run_latest(st, false, &run_id) != EA_OK) {
        ea_log_error("database '%s' holds no run yet: run 'eaudit audit' first", db);
        goto out;
    }
    if (ea_reports_write_run(st, run_id, out_dir) != EA_OK || write_sheets(st, run_id, out_dir))
        goto out;
    ea_log_info("wrote the reports of run %lld to '%s'", run_id, out_dir);
    rc = EA_EXIT_OK;
out:
    ea_store_close(st);
    return rc;
}

/* eaudit report: write every report of a stored run again, without crawling. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/log.h"
#include "store/store.h"
#include "writers/report.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit report [--run N] [--out DIR] [--db FILE]\n"
          "\n"
          "Writes the reports of a stored run again from the database, without crawling:\n"
          "DIR/index.html and DIR/sites/ID/report.html, report.en.html, report.json.\n"
          "  --run N     the run to report (default the latest)\n"
          "  --out DIR   where to write (default ./reports)\n"
          "  --db FILE   the database (default ./var/eaudit.sqlite)\n",
          out);
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
    if (ea_reports_write_run(st, run_id, out_dir) != EA_OK)
        goto out;
    ea_log_info("wrote the reports of run %lld to '%s'", run_id, out_dir);
    rc = EA_EXIT_OK;
out:
    ea_store_close(st);
    return rc;
}

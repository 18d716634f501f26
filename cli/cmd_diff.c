/* eaudit diff: what changed between two stored runs. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "store/store.h"
#include "writers/diff.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit diff [--db FILE] [--format text|json] [RUN_A [RUN_B]]\n"
          "\n"
          "Compares two stored runs: new and fixed violations per site, answers that changed,\n"
          "sites that became unreachable. Without runs: the two latest finished runs; with\n"
          "RUN_A only: RUN_A against the latest run.\n"
          "  --db FILE             the database (default ./var/eaudit.sqlite)\n"
          "  --format text|json    output format (default text)\n",
          out);
}

/* The newest finished run before `before` (0: the newest finished one). */
static enum ea_err previous_finished(struct ea_store *st, long long before, long long *out)
{
    struct ea_store_run *runs = NULL;
    size_t n = 0;
    enum ea_err err = ea_store_runs(st, &runs, &n);
    if (err != EA_OK)
        return err;
    err = EA_NOTFOUND;
    for (size_t i = 0; i < n; i++) {
        if (runs[i].finished && (before == 0 || runs[i].id < before)) {
            *out = runs[i].id;
            err = EA_OK;
        }
        ea_store_run_release(&runs[i]);
    }
    free(runs);
    return err;
}

int ea_cmd_diff(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },
        { "format", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *db = "var/eaudit.sqlite";
    bool json = false;
    unsigned long ua = 0, ub = 0;
    long long a = 0, b = 0;
    struct ea_store *st = NULL;
    struct ea_diff d;
    int c, rc = EA_EXIT_FAIL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            db = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0)
                return ea_usage_error("diff", "--format is text or json, not '%s'", optarg);
            json = strcmp(optarg, "json") == 0;
            break;
        case 'h':
            usage(stdout);
            return EA_EXIT_OK;
        default:
            return ea_usage_error("diff", "bad option");
        }
    }
    if (argc - optind > 2)
        return ea_usage_error("diff", "unexpected argument '%s'", argv[optind + 2]);
    if (optind < argc &&
        !ea_parse_uint("diff", "RUN_A", argv[optind], 1, (unsigned long)INT64_MAX, &ua))
        return EA_EXIT_USAGE;
    if (optind + 1 < argc &&
        !ea_parse_uint("diff", "RUN_B", argv[optind + 1], 1, (unsigned long)INT64_MAX, &ub))
        return EA_EXIT_USAGE;
    if (ea_store_open_reader(db, &st) != EA_OK)
        return EA_EXIT_FAIL;
    a = (long long)ua;
    b = (long long)ub;
    if (!a) { /* the two latest finished runs */
        if (previous_finished(st, 0, &b) != EA_OK || previous_finished(st, b, &a) != EA_OK) {
            ea_log_error("database '%s' has fewer than two finished runs: name the runs "
                         "to compare",
                         db);
            goto out;
        }
    } else if (!b && ea_store_run_latest(st, false, &b) != EA_OK) {
        goto out;
    }
    enum ea_err err = ea_diff_compute(st, a, b, &d);
    if (err == EA_NOTFOUND)
        ea_log_error("database '%s' has no run %lld", db, a);
    if (err != EA_OK)
        goto out;
    err = json ? ea_diff_write_json(stdout, &d) : ea_diff_write_text(stdout, &d);
    ea_diff_release(&d);
    if (err == EA_OK && fflush(stdout) == 0)
        rc = EA_EXIT_OK;
out:
    ea_store_close(st);
    return rc;
}

/* eaudit — the command line: dispatch to subcommands, global --help and --version. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "crawler/fetch.h"
#include "crawler/global.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    { "audit", ea_cmd_audit, "crawl every site in SEEDS, run every check, write the reports" },
    { "check", ea_cmd_check, "check single pages (files or URLs), no crawl" },
    { "rules", ea_cmd_rules, "list every check with its WCAG success criterion and level" },
    { "report", ea_cmd_report, "write the reports of a stored run again, without crawling" },
    { "diff", ea_cmd_diff, "what changed between two stored runs" },
    { "score", ea_cmd_score, "compute the e-index: theme scores, overall index, maturity levels" },
    { "robots", ea_cmd_robots, "say whether robots.txt lets an agent fetch each URL" },
};

static void usage(FILE *out)
{
    fputs("usage: eaudit [--help] [--version] COMMAND [ARGS]\n"
          "\n"
          "Audits the websites of Latvian state institutions for the e-index: WCAG 2.0 AA\n"
          "accessibility and the automatic evaluation questionnaire.\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < EA_ARRAY_LEN(commands); i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'eaudit COMMAND --help' tells more about a command.\n"
          "exit status: 0 done, 1 could not (the reason is on stderr), 2 usage error\n",
          out);
}

int ea_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "eaudit%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\ntry 'eaudit%s%s --help'\n", cmd ? " " : "", cmd ? cmd : "");
    return EA_EXIT_USAGE;
}

_Bool ea_parse_double(const char *cmd, const char *opt, const char *s, double min, double max,
                      double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= min && v <= max)) {
        ea_usage_error(cmd, "%s wants a number from %g to %g, not '%s'", opt, min, max, s);
        return 0;
    }
    *out = v;
    return 1;
}

_Bool ea_parse_uint(const char *cmd, const char *opt, const char *s, unsigned long min,
                    unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || *s == '-' || v < min || v > max) {
        ea_usage_error(cmd, "%s wants a whole number from %lu to %lu, not '%s'", opt, min, max, s);
        return 0;
    }
    *out = v;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EA_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EA_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("eaudit %s\n%s\n", EA_VERSION, ea_fetch_version());
        return EA_EXIT_OK;
    }
    for (size_t i = 0; i < EA_ARRAY_LEN(commands); i++) {
        if (strcmp(cmd, commands[i].name) != 0)
            continue;
        if (ea_crawler_global_init() != EA_OK) {
            ea_log_error("cannot initialise libcurl");
            return EA_EXIT_FAIL;
        }
        int rc = commands[i].run(argc - 1, argv + 1);
        ea_crawler_global_cleanup();
        return rc;
    }
    if (cmd[0] == '-')
        return ea_usage_error(NULL, "unknown option '%s'", cmd);
    return ea_usage_error(NULL, "'%s' is not an eaudit command", cmd);
}

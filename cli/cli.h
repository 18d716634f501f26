/*
 * cli.h — the subcommands. Each takes the argv after "eaudit" (argv[0] is the command
 * name) and returns the exit status of SPEC §1: 0 done, 1 could not, 2 usage error.
 */
#ifndef EA_CLI_CLI_H
#define EA_CLI_CLI_H

#include <stdio.h>

enum ea_exit {
    EA_EXIT_OK = 0,
    EA_EXIT_FAIL = 1,
    EA_EXIT_USAGE = 2,
};

int ea_cmd_audit(int argc, char **argv);
int ea_cmd_check(int argc, char **argv);
int ea_cmd_rules(int argc, char **argv);
int ea_cmd_report(int argc, char **argv);
int ea_cmd_diff(int argc, char **argv);
int ea_cmd_score(int argc, char **argv);
int ea_cmd_robots(int argc, char **argv);

/* "eaudit CMD: " usage error: prints the message and a hint to --help; returns 2. */
int ea_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Parses a non-negative number option; prints a usage error and returns false if bad. */
_Bool ea_parse_double(const char *cmd, const char *opt, const char *s, double min, double max,
                      double *out);
_Bool ea_parse_uint(const char *cmd, const char *opt, const char *s, unsigned long min,
                    unsigned long max, unsigned long *out);

#endif

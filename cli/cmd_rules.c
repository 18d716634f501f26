/* eaudit rules: the check table, for people and for scripts. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "checks/check.h"
#include "cli/cli.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit rules [--lang lv|en]\n"
          "\n"
          "Lists every check: id, WCAG 2.0 success criteria, level, impact and what it asks for.\n"
          "  --lang lv|en  language of the descriptions (default lv)\n",
          out);
}

int ea_cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int lv = 1, c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (strcmp(optarg, "lv") != 0 && strcmp(optarg, "en") != 0)
                return ea_usage_error("rules", "--lang is lv or en, not '%s'", optarg);
            lv = strcmp(optarg, "lv") == 0;
            break;
        case 'h':
            usage(stdout);
            return EA_EXIT_OK;
        default:
            return ea_usage_error("rules", "bad option");
        }
    }
    if (optind < argc)
        return ea_usage_error("rules", "unexpected argument '%s'", argv[optind]);
    for (size_t i = 0; i < ea_checks_len; i++) {
        const struct ea_check *k = ea_checks[i];
        printf("%-18s %-12s %-3s %-9s %s\n", k->id, k->wcag ? k->wcag : "-",
               ea_level_name(k->level), ea_impact_name(k->impact), lv ? k->help_lv : k->help_en);
    }
    return EA_EXIT_OK;
}

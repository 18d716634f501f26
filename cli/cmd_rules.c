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
          "Lists every check: id, WCAG 2.0 success criteria, level, impact and what it asks\n"
          "for, in Latvian and (on the line below) English.\n"
          "  --lang lv|en  only this language, one line per rule\n",
          out);
}

int ea_cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {
        { "lang", required_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int lang = 0, c; /* 0 both, 1 lv, 2 en */

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (strcmp(optarg, "lv") != 0 && strcmp(optarg, "en") != 0)
                return ea_usage_error("rules", "--lang is lv or en, not '%s'", optarg);
            lang = strcmp(optarg, "lv") == 0 ? 1 : 2;
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
    int idw = 0, wcagw = 0;
    for (size_t i = 0; i < ea_checks_len; i++) {
        int n = (int)strlen(ea_checks[i]->id);
        int w = ea_checks[i]->wcag ? (int)strlen(ea_checks[i]->wcag) : 1;
        idw = n > idw ? n : idw;
        wcagw = w > wcagw ? w : wcagw;
    }
    for (size_t i = 0; i < ea_checks_len; i++) {
        const struct ea_check *k = ea_checks[i];
        printf("%-*s  %-*s  %-13s  %-8s  %s\n", idw, k->id, wcagw, k->wcag ? k->wcag : "-",
               ea_level_name(k->level), ea_impact_name(k->impact),
               lang == 2 ? k->help_en : k->help_lv);
        if (lang == 0)
            printf("%*s%s\n", idw + wcagw + 13 + 8 + 8, "", k->help_en);
    }
    return EA_EXIT_OK;
}

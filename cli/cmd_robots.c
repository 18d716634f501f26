/* eaudit robots: robots.txt FILE says, for each URL, whether AGENT may fetch it (SPEC §1),
 * so that an expert can see why a page was not crawled. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "crawler/robots.h"
#include "crawler/url.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit robots --file ROBOTS.TXT --agent NAME URL...\n"
          "\n"
          "Reads ROBOTS.TXT as RFC 9309 says (the group for NAME's product token, else '*';\n"
          "the longest matching rule wins, Allow on a tie; '*' and '$' patterns) and prints\n"
          "'allowed' or 'disallowed' for each URL, one line each, in order.\n"
          "\n"
          "  -f, --file FILE     the robots.txt to read ('-': standard input)\n"
          "  -a, --agent NAME    the crawler's name, e.g. eaudit or Googlebot\n"
          "  -h, --help          this text\n"
          "\n"
          "example: eaudit robots --file robots.txt --agent eaudit https://www.vid.gov.lv/lv\n",
          out);
}

/* Reads at most EA_MAX_ROBOTS bytes (the rest is ignored, as in a crawl). */
static bool read_file(const char *path, struct ea_buf *out)
{
    FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!fp) {
        ea_log_error("cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    char chunk[8192];
    size_t n;
    while (out->len < EA_MAX_ROBOTS && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        ea_buf_addn(out, chunk, n);
    bool ok = !ferror(fp);
    if (!ok)
        ea_log_error("cannot read '%s': %s", path, strerror(errno));
    if (fp != stdin)
        fclose(fp);
    return ok;
}

int ea_cmd_robots(int argc, char **argv)
{
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'f' },
        { "agent", required_argument, NULL, 'a' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *file = NULL, *agent = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:a:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            file = optarg;
            break;
        case 'a':
            agent = optarg;
            break;
        case 'h':
            usage(stdout);
            return EA_EXIT_OK;
        default:
            return ea_usage_error("robots", "bad option");
        }
    }
    if (!file)
        return ea_usage_error("robots", "--file ROBOTS.TXT is required");
    if (!agent || !*agent)
        return ea_usage_error("robots", "--agent NAME is required");
    if (optind >= argc)
        return ea_usage_error("robots", "name at least one URL");

    struct ea_buf txt = EA_BUF_INIT(EA_MAX_ROBOTS + 8192);
    if (!read_file(file, &txt)) {
        ea_buf_release(&txt);
        return EA_EXIT_FAIL;
    }
    struct ea_robots *r = ea_robots_parse(txt.buf, txt.len);
    ea_buf_release(&txt);
    int rc = EA_EXIT_OK;
    for (int i = optind; i < argc; i++) {
        /* A URL is matched by its path and query; a bare path ("/x") is taken as it is. */
        char *pq = NULL;
        if (argv[i][0] == '/') {
            pq = ea_xstrdup(argv[i]);
        } else {
            char *canon = ea_url_canon(NULL, argv[i]);
            if (!canon) {
                ea_log_error("'%s' is not an http(s) URL", argv[i]);
                rc = EA_EXIT_USAGE;
                continue;
            }
            pq = ea_url_path_query(canon);
            free(canon);
        }
        puts(ea_robots_allowed(r, agent, pq) ? "allowed" : "disallowed");
        free(pq);
    }
    ea_robots_free(r);
    return rc;
}

/* eaudit audit: options of SPEC §1, then audit.c does the work. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/audit.h"
#include "cli/cli.h"
#include "cli/options.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/pool.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit audit [OPTIONS] [SEEDS]\n"
          "\n"
          "Fetches every site in SEEDS (default ./seeds.txt), runs every check and writes\n"
          "OUT/evaluation.csv and the run into the database.\n"
          "\n"
          "  -o, --out DIR          reports folder (default ./reports)\n"
          "      --db FILE          SQLite database (default ./var/eaudit.sqlite)\n"
          "      --max-pages N      pages per site (default 100)\n"
          "      --max-depth N      link depth from the homepage (default 3)\n"
          "  -j, --concurrency N    requests in flight in all (default 16)\n"
          "      --per-host N       requests in flight to one host (default 2)\n"
          "      --delay SECONDS    between requests to one host (default 1.0)\n"
          "      --timeout SECONDS  per request (default 30)\n"
          "      --user-agent STR   User-Agent header\n"
          "      --only ID,...      run only these rules (see 'eaudit rules')\n"
          "      --date YYYY-MM-DD  the audit date (default today)\n"
          "      --resolve H:P:A    pin host H port P to address A (repeatable, as curl)\n"
          "      --cacert FILE      trust the CA certificates in FILE (PEM) instead of the\n"
          "                         system's\n"
          "  -q, --quiet            only errors\n"
          "  -v, --verbose          more detail on stderr\n"
          "      --no-progress      no progress line, one log line per site\n"
          "      --resume           continue the latest unfinished run (after a crash or kill)\n"
          "                         without auditing its stored sites again\n"
          "      --workers N        threads that parse and check pages and write reports\n"
          "                         while the crawl goes on (default: one per CPU; 0: none)\n"
          "  -h, --help             this text\n"
          "\n"
          "example: eaudit audit --out reports seeds.txt\n",
          out);
}

static bool valid_date(const char *s)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, m, d;
    char extra;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
        return false;
    if (y < 1990 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

int ea_cmd_audit(int argc, char **argv)
{
    enum {
        OPT_DB = 256,
        OPT_MAX_PAGES,
        OPT_MAX_DEPTH,
        OPT_PER_HOST,
        OPT_DELAY,
        OPT_TIMEOUT,
        OPT_USER_AGENT,
        OPT_ONLY,
        OPT_DATE,
        OPT_RESOLVE,
        OPT_NO_PROGRESS,
        OPT_RESUME,
        OPT_CACERT,
        OPT_WORKERS,
    };
    static const struct option opts[] = {
        { "out", required_argument, NULL, 'o' },
        { "db", required_argument, NULL, OPT_DB },
        { "max-pages", required_argument, NULL, OPT_MAX_PAGES },
        { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
        { "concurrency", required_argument, NULL, 'j' },
        { "per-host", required_argument, NULL, OPT_PER_HOST },
        { "delay", required_argument, NULL, OPT_DELAY },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "user-agent", required_argument, NULL, OPT_USER_AGENT },
        { "only", required_argument, NULL, OPT_ONLY },
        { "date", required_argument, NULL, OPT_DATE },
        { "resolve", required_argument, NULL, OPT_RESOLVE },
        { "quiet", no_argument, NULL, 'q' },
        { "verbose", no_argument, NULL, 'v' },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "resume", no_argument, NULL, OPT_RESUME },
        { "cacert", required_argument, NULL, OPT_CACERT },
        { "workers", required_argument, NULL, OPT_WORKERS },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct ea_audit_opts o = {
        .seeds_path = "seeds.txt",
        .out_dir = "reports",
        .db_path = "var/eaudit.sqlite",
        .max_pages = 100,
        .max_depth = 3,
        .progress = true,
    };
    struct ea_id_list only = { 0 };
    const char *resolve[64];
    size_t nresolve = 0;
    unsigned long n;
    double d;
    int c, rc = EA_EXIT_USAGE;

    ea_fetch_opts_default(&o.fetch);
    o.workers = ea_pool_default_threads();
    o.fetch.user_agent = ea_default_user_agent();
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(o.date, sizeof(o.date), "%Y-%m-%d", &tm);

    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:qvh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            o.out_dir = optarg;
            break;
        case OPT_DB:
            o.db_path = optarg;
            break;
        case OPT_MAX_PAGES:
            if (!ea_parse_uint("audit", "--max-pages", optarg, 1, 100000, &n))
                goto out;
            o.max_pages = (unsigned)n;
            break;
        case OPT_MAX_DEPTH:
            if (!ea_parse_uint("audit", "--max-depth", optarg, 0, 100, &n))
                goto out;
            o.max_depth = (unsigned)n;
            break;
        case 'j':
            if (!ea_parse_uint("audit", "--concurrency", optarg, 1, 1000, &n))
                goto out;
            o.fetch.concurrency = (unsigned)n;
            break;
        case OPT_PER_HOST:
            if (!ea_parse_uint("audit", "--per-host", optarg, 1, 100, &n))
                goto out;
            o.fetch.per_host = (unsigned)n;
            break;
        case OPT_DELAY:
            if (!ea_parse_double("audit", "--delay", optarg, 0, 3600, &d))
                goto out;
            o.fetch.delay = d;
            break;
        case OPT_TIMEOUT:
            if (!ea_parse_double("audit", "--timeout", optarg, 0.1, 3600, &d))
                goto out;
            o.fetch.timeout_ms = (long)(d * 1000);
            if (o.fetch.connect_timeout_ms > o.fetch.timeout_ms)
                o.fetch.connect_timeout_ms = o.fetch.timeout_ms;
            break;
        case OPT_USER_AGENT:
            o.fetch.user_agent = optarg;
            break;
        case OPT_ONLY:
            if (!ea_id_list_parse("audit", optarg, &only))
                goto out;
            break;
        case OPT_DATE:
            if (!valid_date(optarg)) {
                ea_usage_error("audit", "--date wants a date as YYYY-MM-DD, not '%s'", optarg);
                goto out;
            }
            memcpy(o.date, optarg, 11);
            break;
        case OPT_RESOLVE:
            if (!ea_resolve_add("audit", optarg, resolve, EA_ARRAY_LEN(resolve), &nresolve))
                goto out;
            break;
        case 'q':
            o.quiet = true;
            break;
        case 'v':
            o.verbose = true;
            break;
        case OPT_RESUME:
            o.resume = true;
            break;
        case OPT_NO_PROGRESS:
            o.progress = false;
            break;
        case OPT_CACERT:
            o.fetch.ca_file = optarg;
            break;
        case OPT_WORKERS:
            if (!ea_parse_uint("audit", "--workers", optarg, 0, EA_MAX_WORKERS, &n))
                goto out;
            o.workers = (unsigned)n;
            break;
        case 'h':
            usage(stdout);
            rc = EA_EXIT_OK;
            goto out;
        default:
            ea_usage_error("audit", "bad option");
            goto out;
        }
    }
    if (optind < argc)
        o.seeds_path = argv[optind++];
    if (optind < argc) {
        ea_usage_error("audit", "one SEEDS file only, not also '%s'", argv[optind]);
        goto out;
    }
    if (o.quiet && o.verbose) {
        ea_usage_error("audit", "--quiet and --verbose contradict each other");
        goto out;
    }
    ea_log_set_level(o.quiet ? EA_LOG_ERROR : o.verbose ? EA_LOG_DEBUG : EA_LOG_INFO);
    o.progress = o.progress && !o.quiet && isatty(STDERR_FILENO);
    o.fetch.resolve = resolve;
    o.fetch.nresolve = nresolve;
    o.only = only.len ? (const char *const *)only.v : NULL;
    o.nonly = only.len;
    rc = ea_audit_run(&o);
out:
    ea_id_list_release(&only);
    return rc;
}

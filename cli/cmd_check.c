/* eaudit check: single pages, files or URLs, no crawl (SPEC §1, §4). */
/* realpath() is XSI, not plain POSIX. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/page.h"
#include "cli/sheets.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/pool.h"
#include "core/xalloc.h"
#include "crawler/fetch.h"
#include "writers/page.h"

struct input {
    const struct ea_id_list *only; /* borrowed: --only */
    const char *arg;               /* borrowed: as given */
    char *url;                     /* owned: what findings are reported against */
    bool is_url;
    bool checked;
    struct ea_page page; /* owned */
    /* A URL's page waits for its stylesheets (as in an audit) before it is checked. */
    struct ea_fetcher *fetcher; /* borrowed */
    struct ea_fetch_task task;  /* the page's request */
    struct ea_doc *doc;         /* owned while waiting */
    struct ea_sheets sheets;
    struct sheet_req **reqs; /* owned: its sheets' requests (freed at the end, when the
                                fetcher that may still hold them is gone) */
    size_t nreqs, reqs_cap;
};

/* A stylesheet request of a URL's page. */
struct sheet_req {
    struct ea_fetch_task task;
    struct input *in; /* borrowed */
    size_t index;     /* in in->sheets */
};

static void usage(FILE *out)
{
    fputs("usage: eaudit check [OPTIONS] FILE-or-URL...\n"
          "\n"
          "Checks single pages against the WCAG 2.0 A/AA rules (no crawl) and prints what\n"
          "fails, with line, column, CSS target and the element as written. A URL's\n"
          "stylesheets are fetched with it, as in an audit; a FILE is checked with its\n"
          "<style> elements only.\n"
          "\n"
          "  -f, --format text|json  text for people (default); json: one axe-like object per\n"
          "                          page and line (SPEC §4)\n"
          "      --base-url URL      the URL a FILE is reported as (default file://PATH)\n"
          "      --only ID,...       run only these rules (see 'eaudit rules')\n"
          "      --timeout SECONDS   per request, for URLs (default 30)\n"
          "      --user-agent STR    User-Agent for URLs\n"
          "      --resolve H:P:A     pin host H port P to address A (repeatable)\n"
          "      --cacert FILE       trust the CA certificates in FILE (PEM) instead of the\n"
          "                          system's\n"
          "      --workers N         files checked at once (default: one per CPU; 0: one by\n"
          "                          one); the output keeps the order of the arguments\n"
          "  -h, --help              this text\n"
          "\n"
          "example: eaudit check --format json page.html\n",
          out);
}

static bool looks_like_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* file:///absolute/path for a file name (as given when it cannot be resolved). */
static void file_url(const char *path, struct ea_buf *out)
{
    char *abs = strcmp(path, "-") == 0 ? NULL : realpath(path, NULL);
    ea_buf_addf(out, "file://%s", abs ? abs : path);
    free(abs);
}

static void report_warnings(struct ea_buf *w)
{
    for (char *p = w->buf; *p;) {
        size_t n = strcspn(p, "\n");
        ea_log_warn("%.*s", (int)n, p);
        p += n + (p[n] == '\n');
    }
    ea_buf_reset(w);
}

static void check_bytes(struct input *in, const char *body, size_t len, const char *content_type)
{
    struct ea_buf warnings = EA_BUF_INIT(1 << 16);
    in->checked = ea_page_check(in->url, body, len, content_type,
                                in->only->len ? (const char *const *)in->only->v : NULL,
                                in->only->len, &in->page, &warnings);
    report_warnings(&warnings);
    ea_buf_release(&warnings);
}

static void check_file(struct input *in)
{
    struct ea_buf body = EA_BUF_INIT(EA_MAX_BODY);
    bool from_stdin = strcmp(in->arg, "-") == 0;
    enum ea_err err = from_stdin ? ea_file_read_stream(stdin, &body) : ea_file_read(in->arg, &body);

    if (err == EA_IO) {
        ea_log_error("cannot read '%s': %s", in->arg, strerror(errno));
    } else {
        if (err == EA_LIMIT)
            ea_log_warn("'%s' is larger than %u bytes; only the start was checked", in->arg,
                        EA_MAX_BODY);
        check_bytes(in, body.buf, body.len, NULL);
    }
    ea_buf_release(&body);
}

static void file_work(void *arg)
{
    struct input *in = arg;
    check_file(in);
}

/* A URL's page is checked once every stylesheet it waited for has come. */
static void check_when_ready(struct input *in)
{
    if (!in->doc || ea_sheets_page_pending(&in->sheets) > 0)
        return;
    struct ea_doc_sheet *sheets = NULL;
    size_t n = ea_sheets_page_list(&in->sheets, &sheets);
    ea_doc_add_stylesheets(in->doc, sheets, n);
    struct ea_buf warnings = EA_BUF_INIT(1 << 16);
    ea_page_run_checks(in->doc, in->only->len ? (const char *const *)in->only->v : NULL,
                       in->only->len, &in->page, &warnings);
    report_warnings(&warnings);
    ea_buf_release(&warnings);
    ea_doc_free(in->doc);
    in->doc = NULL;
    free(sheets);
    ea_sheets_page_end(&in->sheets);
    in->checked = true;
}

static void on_sheet(struct ea_fetch_task *task, struct ea_response *resp)
{
    struct sheet_req *req = (struct sheet_req *)(void *)task;
    struct input *in = req->in;
    const char *why = ea_sheet_unusable(resp);
    ea_sheets_arrived(&in->sheets, req->index, why ? NULL : resp->body, resp->body_len, !why, why);
    if (!why)
        resp->body = NULL;
    ea_response_release(resp);
    check_when_ready(in);
}

static void want_sheet(void *ctx, struct ea_sheets *set, size_t index, const char *url)
{
    (void)set;
    struct input *in = ctx;
    struct sheet_req *req = ea_xcalloc(1, sizeof(*req));
    req->task.fn = on_sheet;
    req->in = in;
    req->index = index;
    EA_GROW(in->reqs, in->nreqs + 1, in->reqs_cap);
    in->reqs[in->nreqs++] = req;
    ea_fetcher_add(in->fetcher, &(struct ea_fetch_req){ .url = url,
                                                        .max_body = EA_MAX_STYLESHEET,
                                                        .urgent = true,
                                                        .user = &req->task });
}

static void on_page(struct ea_fetch_task *task, struct ea_response *resp)
{
    struct input *in = (struct input *)(void *)((char *)task - offsetof(struct input, task));

    if (resp->error != EA_FETCH_OK) {
        ea_log_error("%s: %s", in->arg, resp->error_msg ? resp->error_msg : "transfer failed");
    } else if (resp->status < 200 || resp->status > 299) {
        ea_log_error("%s: the server answered %ld", in->arg, resp->status);
    } else if (!ea_page_is_html_type(resp->content_type)) {
        ea_log_error("%s: not an HTML page (%s)", in->arg, resp->content_type);
    } else {
        if (resp->truncated)
            ea_log_warn("%s: the page is larger than %u bytes; only the start was checked", in->arg,
                        EA_MAX_BODY);
        free(in->url);
        in->url = ea_xstrdup(resp->final_url ? resp->final_url : in->arg);
        struct ea_buf warnings = EA_BUF_INIT(1 << 16);
        bool parsed = ea_page_parse(in->url, resp->body, resp->body_len, resp->content_type,
                                    &in->page, &in->doc, &warnings);
        report_warnings(&warnings);
        ea_buf_release(&warnings);
        if (parsed) {
            /* Its stylesheets are fetched now; the page is checked when the last has come. */
            ea_sheets_page_begin(&in->sheets, in->doc, in->url);
            check_when_ready(in);
        }
    }
    ea_response_release(resp);
}

int ea_cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "base-url", required_argument, NULL, 'b' },
        { "only", required_argument, NULL, 'o' },
        { "timeout", required_argument, NULL, 't' },
        { "user-agent", required_argument, NULL, 'u' },
        { "resolve", required_argument, NULL, 'r' },
        { "cacert", required_argument, NULL, 'C' },
        { "workers", required_argument, NULL, 'w' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct ea_id_list only = { 0 };
    struct ea_fetch_opts fo;
    const char *resolve[64];
    size_t nresolve = 0;
    const char *base_url = NULL;
    bool json = false;
    double timeout = 30;
    unsigned long workers = ea_pool_default_threads();
    int c, rc = EA_EXIT_USAGE;
    struct input *inputs = NULL;
    size_t ninputs = 0;

    ea_fetch_opts_default(&fo);
    fo.user_agent = ea_default_user_agent();
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0) {
                ea_usage_error("check", "--format is text or json, not '%s'", optarg);
                goto out;
            }
            json = strcmp(optarg, "json") == 0;
            break;
        case 'b':
            if (!looks_like_url(optarg)) {
                ea_usage_error("check", "--base-url wants an http(s) URL, not '%s'", optarg);
                goto out;
            }
            base_url = optarg;
            break;
        case 'o':
            if (!ea_id_list_parse("check", optarg, &only))
                goto out;
            break;
        case 't':
            if (!ea_parse_double("check", "--timeout", optarg, 0.1, 3600, &timeout))
                goto out;
            break;
        case 'u':
            fo.user_agent = optarg;
            break;
        case 'r':
            if (!ea_resolve_add("check", optarg, resolve, EA_ARRAY_LEN(resolve), &nresolve))
                goto out;
            break;
        case 'C':
            fo.ca_file = optarg;
            break;
        case 'w':
            if (!ea_parse_uint("check", "--workers", optarg, 0, EA_MAX_WORKERS, &workers))
                goto out;
            break;
        case 'h':
            usage(stdout);
            rc = EA_EXIT_OK;
            goto out;
        default:
            ea_usage_error("check", "bad option");
            goto out;
        }
    }
    if (optind >= argc) {
        ea_usage_error("check", "name at least one FILE or URL");
        goto out;
    }
    fo.timeout_ms = (long)(timeout * 1000);
    fo.resolve = resolve;
    fo.nresolve = nresolve;

    ninputs = (size_t)(argc - optind);
    inputs = ea_xcalloc(ninputs, sizeof(*inputs));
    struct ea_fetcher *fetcher = NULL;
    /* Files are checked on workers (each input is its job's alone); their results are
     * printed below in the order given. Standard input is read here. */
    struct ea_pool *pool = ea_pool_new(ninputs > 1 ? (unsigned)workers : 0, NULL, NULL);
    for (size_t i = 0; i < ninputs; i++) {
        struct input *in = &inputs[i];
        in->only = &only;
        in->arg = argv[optind + (int)i];
        in->is_url = looks_like_url(in->arg);
        if (in->is_url) {
            in->url = ea_xstrdup(in->arg);
            if (!fetcher)
                fetcher = ea_fetcher_new(&fo);
            in->fetcher = fetcher;
            in->task.fn = on_page;
            ea_sheets_init(&in->sheets, in->arg, false, want_sheet, in);
            ea_fetcher_add(fetcher, &(struct ea_fetch_req){ .url = in->arg, .user = &in->task });
        } else {
            struct ea_buf u = EA_BUF_INIT(EA_MAX_URL * 2);
            if (base_url)
                ea_buf_add(&u, base_url);
            else
                file_url(in->arg, &u);
            in->url = ea_buf_detach(&u, NULL);
            if (strcmp(in->arg, "-") == 0)
                check_file(in);
            else
                ea_pool_submit(pool, file_work, NULL, in);
        }
    }
    ea_pool_free(pool); /* waits for every file */
    rc = EA_EXIT_OK;
    if (fetcher) {
        if (ea_fetcher_run(fetcher, ea_fetch_dispatch, NULL) != EA_OK) {
            ea_log_error("the transfer library failed");
            rc = EA_EXIT_FAIL;
        }
        ea_fetcher_free(fetcher);
    }
    for (size_t i = 0; i < ninputs; i++) {
        struct input *in = &inputs[i];
        if (!in->checked) {
            rc = EA_EXIT_FAIL;
            continue;
        }
        enum ea_err err = json ? ea_page_write_json(stdout, in->url, &in->page.results)
                               : ea_page_write_text(stdout, in->url, &in->page.results);
        if (err != EA_OK) {
            ea_log_error("cannot write the results: %s", strerror(errno));
            rc = EA_EXIT_FAIL;
            break;
        }
    }
    if (fflush(stdout) != 0)
        rc = EA_EXIT_FAIL;
out:
    for (size_t i = 0; i < ninputs; i++) {
        free(inputs[i].url);
        ea_page_release(&inputs[i].page);
        ea_doc_free(inputs[i].doc); /* the transfer library failed while it waited */
        ea_sheets_release(&inputs[i].sheets);
        for (size_t k = 0; k < inputs[i].nreqs; k++)
            free(inputs[i].reqs[k]);
        free(inputs[i].reqs);
    }
    free(inputs);
    ea_id_list_release(&only);
    return rc;
}

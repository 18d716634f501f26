/*
 * The eaudit binary end to end: usage and exit codes, `check` on a file, and `audit` over a
 * seeds file of local sites served by the test server on 127.0.0.1 (host names pinned with
 * --resolve, so nothing is looked up in DNS and nothing leaves the machine).
 */
/* posix_openpt and ptsname (the progress line's test) are XSI. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/limits.h"
#include "core/sheet.h"
#include "store/store.h"
#include "tests/support/gzip.h"
#include "tests/support/httpd.h"
#include "tests/support/sslserver.h"

extern char **environ;

struct run {
    int status;
    char out[1 << 17];
    char err[1 << 17];
};

/* Routes of the test sites: a page, a stylesheet. */
#define HTML_ROUTE(p, b)                                                                           \
    {                                                                                              \
        .path = (p), .headers = "Content-Type: text/html\n", .body = (b)                           \
    }
#define CSS_ROUTE(p, b)                                                                            \
    {                                                                                              \
        .path = (p), .headers = "Content-Type: text/css\n", .body = (b)                            \
    }

static char tmpdir[64];

static void read_file(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0;
    if (f) {
        n = fread(buf, 1, cap - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
}

/* Starts eaudit with args (NULL-terminated) without waiting; its stdout and stderr go to
 * TMPDIR/NAME-stdout and TMPDIR/NAME-stderr. */
static pid_t spawn_eaudit(const char *name, const char *const *args)
{
    char out_path[160], err_path[160];
    const char *argv[64];
    size_t n = 0;
    posix_spawn_file_actions_t fa;
    pid_t pid;

    snprintf(out_path, sizeof(out_path), "%s/%s-stdout", tmpdir, name);
    snprintf(err_path, sizeof(err_path), "%s/%s-stderr", tmpdir, name);
    argv[n++] = EA_BINARY;
    for (; args[n - 1] && n < 63; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    assert_int_equal(posix_spawn(&pid, EA_BINARY, &fa, NULL, (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

/* Runs eaudit with args (NULL-terminated), capturing stdout and stderr. */
static void run_eaudit(struct run *r, const char *const *args)
{
    char path[160];
    int st;
    pid_t pid = spawn_eaudit("run", args);
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    r->status = WEXITSTATUS(st);
    snprintf(path, sizeof(path), "%s/run-stdout", tmpdir);
    read_file(path, r->out, sizeof(r->out));
    snprintf(path, sizeof(path), "%s/run-stderr", tmpdir);
    read_file(path, r->err, sizeof(r->err));
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/ea_test_cliXXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_usage_and_exit_codes(void **state)
{
    (void)state;
    static struct run r;
    run_eaudit(&r, (const char *[]){ "--help", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: eaudit"));
    assert_non_null(strstr(r.out, "audit"));
    run_eaudit(&r, (const char *[]){ "--version", NULL });
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "eaudit ", 7) == 0);
    run_eaudit(&r, (const char *[]){ NULL });
    assert_int_equal(r.status, 2);
    run_eaudit(&r, (const char *[]){ "frobnicate", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "'frobnicate' is not an eaudit command"));
    static const char *const cmds[] = { "audit",  "check", "rules", "robots",
                                        "report", "diff",  "score" };
    run_eaudit(&r, (const char *[]){ "--help", NULL });
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        char line[32];
        snprintf(line, sizeof(line), "\n  %s ", cmds[i]); /* eaudit --help lists it */
        assert_non_null(strstr(r.out, line));
    }
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        run_eaudit(&r, (const char *[]){ cmds[i], "--help", NULL });
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "usage: eaudit"));
        run_eaudit(&r, (const char *[]){ cmds[i], "--no-such-option", NULL });
        assert_int_equal(r.status, 2);
    }
    run_eaudit(&r, (const char *[]){ "audit", "--max-pages", "many", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--max-pages wants a whole number"));
    run_eaudit(&r, (const char *[]){ "audit", "--date", "2026-02-30", NULL });
    assert_int_equal(r.status, 2);
    run_eaudit(&r, (const char *[]){ "check", "--only", "no-such-rule", "x.html", NULL });
    assert_int_equal(r.status, 2);
    run_eaudit(&r, (const char *[]){ "check", NULL });
    assert_int_equal(r.status, 2);
}

static void test_rules_lists_every_check(void **state)
{
    (void)state;
    static struct run r;
    run_eaudit(&r, (const char *[]){ "rules", "--lang", "en", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "image-alt"));
    assert_non_null(strstr(r.out, "1.1.1"));
    assert_non_null(strstr(r.out, "meta-viewport"));
}

static void test_check_file_text_and_json(void **state)
{
    (void)state;
    static struct run r;
    const char *file = EA_FIXTURES "/cli/img-no-alt.html";
    run_eaudit(&r, (const char *[]){ "check", file, NULL });
    assert_int_equal(r.status, 0);
    /* line 6, column 12: the <img> without alt inside the <p> */
    char want[512];
    snprintf(want, sizeof(want), "file://%s:6:13: violation image-alt (WCAG 1.1.1 A, critical)",
             file);
    if (!strstr(r.out, want))
        fail_msg("no '%s' in:\n%s", want, r.out);
    assert_non_null(strstr(r.out, "<img src=\"logo.png\" width=\"100\">"));
    assert_null(strstr(r.out, "#hero")); /* alt="" is a pass */

    run_eaudit(&r, (const char *[]){ "check", "--format", "json", "--base-url",
                                     "https://www.example.lv/", file, NULL });
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out,
                        "{\"url\":\"https://www.example.lv/\",\"violations\":[{\"id\":"
                        "\"image-alt\"",
                        60) == 0);
    assert_non_null(strstr(r.out, "\"html\":\"<img src=\\\"logo.png\\\" width=\\\"100\\\">\","
                                  "\"line\":6,\"column\":13"));
    assert_non_null(strstr(r.out, "\"target\":[\"p > img\"]"));

    run_eaudit(&r, (const char *[]){ "check", "/nonexistent/page.html", file, NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot read '/nonexistent/page.html'"));
    assert_non_null(strstr(r.out, "image-alt")); /* the other file is still checked */
}

/* Several files on worker threads: the same output, in the order given, as one by one. */
/* `check URL` fetches the page's stylesheets as an audit does (links, @imports in sheets and
 * in <style>), and checks the page with them (a print sheet applies to no screen); a missing
 * sheet is no error. */
static void test_check_url_sheets(void **state)
{
    (void)state;
    static const char page[] = "<!DOCTYPE html><html lang=\"lv\"><head><title>Lapa</title>"
                               "<link rel=\"stylesheet\" href=\"/a.css\">"
                               "<link rel=\"stylesheet\" media=\"print\" href=\"/print.css\">"
                               "<link rel=\"stylesheet\" href=\"/nope.css\">"
                               "<style>@import \"/b.css\";</style></head><body><h1>Virsraksts</h1>"
                               "<p id=\"pa\">Pirmais teksts</p><p id=\"pb\">Otrais teksts</p>"
                               "<p id=\"pc\">Trešais teksts</p></body></html>";
    const struct ea_test_route routes[] = {
        { .path = "/", .headers = "Content-Type: text/html; charset=utf-8\n", .body = page },
        CSS_ROUTE("/a.css", "@import url(/c.css);\n#pa { color: #bbb; background: #fff }"),
        CSS_ROUTE("/c.css", "#pc { color: #c0c0c0; background: #fff }"),
        CSS_ROUTE("/b.css", "#pb { color: #000; background: #fff }"),
        CSS_ROUTE("/print.css", "#pb { color: #ccc; background: #fff }"),
        { .path = "/nope.css", .status = 404 },
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    char url[64];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u/", ea_test_httpd_port(h));
    static struct run r;
    run_eaudit(&r, (const char *[]){ "check", "--format", "json", url, NULL });
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_int_equal(ea_test_httpd_hits(h, "/a.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/b.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/c.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/nope.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/print.css"), 1); /* as in an audit */
    /* The color-contrast violation: from its id to the next rule's. */
    char *cc = strstr(r.out, "{\"id\":\"color-contrast\"");
    char *passes = strstr(r.out, "\"passes\"");
    if (!cc || !passes || cc > passes)
        fail_msg("no color-contrast violation in:\n%s", r.out);
    char *end = strstr(cc + 1, "{\"id\":\"");
    if (end && end < passes)
        *end = '\0';
    else
        *passes = '\0';
    if (!strstr(cc, "\"#pa\"") || !strstr(cc, "\"#pc\"") || strstr(cc, "\"#pb\""))
        fail_msg("want #pa and #pc, not #pb, in:\n%s", cc);
    ea_test_httpd_stop(h);
}

static void test_check_files_on_workers(void **state)
{
    (void)state;
    static struct run one, many;
    const char *args[16] = { "check", "--format", "json", "--workers", "0" };
    static const char *const names[] = {
        "image-alt/fail-missing-alt.html", "image-alt/pass-all-named.html",
        "link-name/fail-empty-links.html", "image-alt/fail-bad-names.html",
        "image-alt/pass-no-images.html",   "cli/img-no-alt.html",
    };
    char paths[EA_ARRAY_LEN(names)][512];
    size_t n = 5;
    for (size_t i = 0; i < EA_ARRAY_LEN(names); i++) {
        snprintf(paths[i], sizeof(paths[i]), "%s/%s%s", EA_FIXTURES,
                 strncmp(names[i], "cli/", 4) == 0 ? "" : "checks/", names[i]);
        args[n++] = paths[i];
    }
    args[n] = NULL;
    run_eaudit(&one, args);
    args[4] = "3";
    run_eaudit(&many, args);
    assert_int_equal(one.status, many.status);
    assert_string_equal(one.out, many.out);
    /* one line per file, in the order of the arguments */
    const char *line = many.out;
    for (size_t i = 0; i < EA_ARRAY_LEN(names); i++) {
        const char *base = strrchr(paths[i], '/') + 1;
        const char *nl = strchr(line, '\n');
        assert_non_null(nl);
        static const char head[] = "{\"url\":\"file://";
        assert_true(strncmp(line, head, strlen(head)) == 0);
        const char *u = line + strlen(head), *end = strstr(u, "\",");
        assert_non_null(end);
        assert_true((size_t)(end - u) >= strlen(base));
        assert_memory_equal(end - strlen(base), base, strlen(base));
        line = nl + 1;
    }
    assert_int_equal(*line, '\0');
    args[4] = "17";
    run_eaudit(&many, args);
    assert_int_equal(many.status, 2);
    assert_non_null(strstr(many.err, "--workers"));
}

static const char good_page[] =
    "<!DOCTYPE html><html lang=\"lv\"><head><title>Labā ministrija</title>"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
    "<main><img src=\"logo.png\" alt=\"Ģerbonis\"><a href=\"/kontakti\">Kontakti</a></main>"
    "</body></html>";

static const char bad_page[] = "<html><body>\n<img src=\"a.png\">\n<a href=\"/x\"></a>\n"
                               "<img src=\"b.png\">\n</body></html>";

/* windows-1257, no charset anywhere: "Sabiedrības līdzdalība" */
static const char legacy_page[] = "<html lang=\"lv\"><head><title>Sabiedr\xEE"
                                  "bas l\xEE"
                                  "dzdal\xEE"
                                  "ba</title></head><body><p>\xD0\xF0 \xDE\xFE "
                                  "\xE2\xE8\xE7\xEC\xED\xEF\xF2\xFB</p></body></html>";

static void test_audit_local_sites(void **state)
{
    (void)state;
    const struct ea_test_route routes[] = {
        { .path = "/good/",
          .headers = "Content-Type: text/html; charset=utf-8\n",
          .body = good_page },
        HTML_ROUTE("/bad/", bad_page),
        { .path = "/r/", .status = 301, .headers = "Location: /r/home\n" },
        HTML_ROUTE("/r/home", good_page),
        { .path = "/gone/", .status = 404, .body = "not here" },
        { .path = "/to-https/", .status = 302, .headers = "Location: https://tls.test:%PORT%/\n" },
        HTML_ROUTE("/legacy/", legacy_page),
        { .path = "/pdf/", .headers = "Content-Type: application/pdf\n", .body = "%PDF-1.4" },
        /* 50 MB of page: cut at the cap, the start still checked (no title, no lang: 6 of 8
         * applicable rules pass; no way to bypass blocks is incomplete, as in axe-core) */
        { .path = "/huge/",
          .headers = "Content-Type: text/html\n",
          .body = "<p><a href=\"/\">S\xC4\x81kums</a></p>\n",
          .repeat = 50 * 1000 * 1000 / 30 },
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    unsigned port = ea_test_httpd_port(h), dead = ea_test_free_port();
    char seeds[256], out[256], db[256], text[4096], csv[1 << 16];
    char r_good[64], r_bad[64], r_redir[64], r_gone[64], r_tls[64], r_legacy[64], r_pdf[64],
        r_dead[64], r_huge[64];

    snprintf(seeds, sizeof(seeds), "%s/seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/out", tmpdir);
    snprintf(db, sizeof(db), "%s/var/eaudit.sqlite", tmpdir);
    snprintf(text, sizeof(text),
             "# local test sites\n"
             "id\tname_lv\ttype\tparent\turl\n"
             "good\tLabā ministrija\tministry\t-\thttp://good.test:%u/good/\n"
             "bad\t=cmd|' /C calc'!A0\tinstitution\tgood\thttp://bad.test:%u/bad/\n"
             "broken line without tabs\n"
             "redir\tPāradresācija\tinstitution\t-\thttp://redir.test:%u/r/\n"
             "gone\tNav\tinstitution\t-\thttp://gone.test:%u/gone/\n"
             "dead\tMiris\tinstitution\t-\thttp://dead.test:%u/\n"
             "tls\tDrošs\tinstitution\t-\thttp://tls.test:%u/to-https/\n"
             "legacy\tVecs\tinstitution\t-\thttp://legacy.test:%u/legacy/\n"
             "pdf\tPDF\tinstitution\t-\thttp://pdf.test:%u/pdf/\n"
             "nodns\tNav DNS\tinstitution\t-\thttps://www.nonexistent.invalid/\n"
             "huge\tLiels\tinstitution\t-\thttp://huge.test:%u/huge/\n",
             port, port, port, port, dead, port, port, port, port);
    FILE *f = fopen(seeds, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
#define RESOLVE(buf, host, p) snprintf(buf, sizeof(buf), host ":%u:127.0.0.1", p)
    RESOLVE(r_good, "good.test", port);
    RESOLVE(r_bad, "bad.test", port);
    RESOLVE(r_redir, "redir.test", port);
    RESOLVE(r_gone, "gone.test", port);
    RESOLVE(r_tls, "tls.test", port);
    RESOLVE(r_legacy, "legacy.test", port);
    RESOLVE(r_pdf, "pdf.test", port);
    RESOLVE(r_dead, "dead.test", dead);
    RESOLVE(r_huge, "huge.test", port);
#undef RESOLVE

    static struct run r;
    run_eaudit(&r, (const char *[]){ "audit", "--out", out, "--db", db, "--date", "2026-11-27",
                                     "--delay", "0", "--timeout", "5", "--no-progress",
                                     /* two sites at a time: the rest wait their turn */
                                     "-j", "2", "--resolve", r_good, "--resolve", r_bad,
                                     "--resolve", r_redir, "--resolve", r_gone, "--resolve", r_tls,
                                     "--resolve", r_legacy, "--resolve", r_pdf, "--resolve", r_dead,
                                     "--resolve", r_huge, seeds, NULL });
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_non_null(strstr(r.err, "seeds.txt:5: no url in column 5; skipped"));
    assert_non_null(strstr(r.err, "dead: http://dead.test"));
    assert_non_null(strstr(r.err, "unreachable"));

    char path[300];
    snprintf(path, sizeof(path), "%s/evaluation.csv", out);
    read_file(path, csv, sizeof(csv));
    struct stat st;
    assert_int_equal(stat(db, &st), 0);

    /* Expected rows, 41 columns each. The questionnaire columns (mobile_viewport..easy_read,
     * checks/site's answers, tested there) are compared only for unreachable sites, where
     * they stay empty; reachable rows are compared up to wcag_violations. The crawl follows
     * each page's links: /kontakti and /x are 404s (broken_links 1), huge's "/" too. */
    char want[10][1024];
    const char *tail = ",,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n"; /* mobile_viewport..easy_read: 27 */
    const char *cut = ",";                                /* the rest: checks/site's */
    snprintf(want[0], sizeof(want[0]),
             "good,Labā ministrija,ministry,http://good.test:%u/good/,"
             "http://good.test:%u/good/,2026-11-27,1,0,0,1,1,100.0,augsta,0%s",
             port, port, cut);
    snprintf(want[1], sizeof(want[1]),
             "bad,'=cmd|' /C calc'!A0,institution,http://bad.test:%u/bad/,"
             /* 6 applicable rules, 2 passed (aria-hidden-body; bypass is incomplete, as
              * axe-core's review-on-fail); 5 violations: 2 image-alt, link-name,
              * html-has-lang, document-title */
             "http://bad.test:%u/bad/,2026-11-27,1,0,0,1,1,33.3,zema,5%s",
             port, port, cut);
    snprintf(want[2], sizeof(want[2]),
             "redir,Pāradresācija,institution,http://redir.test:%u/r/,"
             "http://redir.test:%u/r/home,2026-11-27,1,0,0,1,1,100.0,augsta,0%s",
             port, port, cut);
    snprintf(want[3], sizeof(want[3]),
             "gone,Nav,institution,http://gone.test:%u/gone/,http://gone.test:%u/gone/,"
             "2026-11-27,0,,0,0,,,,%s",
             port, port, tail);
    snprintf(want[4], sizeof(want[4]),
             "dead,Miris,institution,http://dead.test:%u/,,2026-11-27,0,,,0,,,,%s", dead, tail);
    snprintf(want[5], sizeof(want[5]),
             "tls,Drošs,institution,http://tls.test:%u/to-https/,,2026-11-27,0,0,1,0,,,,%s", port,
             tail);
    snprintf(want[6], sizeof(want[6]),
             "legacy,Vecs,institution,http://legacy.test:%u/legacy/,"
             "http://legacy.test:%u/legacy/,2026-11-27,1,0,0,1,0,100.0,augsta,0%s",
             port, port, cut);
    snprintf(want[7], sizeof(want[7]),
             "pdf,PDF,institution,http://pdf.test:%u/pdf/,http://pdf.test:%u/pdf/,"
             "2026-11-27,1,0,0,0,0,,,%s",
             port, port, cut);
    snprintf(want[8], sizeof(want[8]),
             "nodns,Nav DNS,institution,https://www.nonexistent.invalid/,,2026-11-27,0,,,0,,,,%s",
             tail);
    snprintf(want[9], sizeof(want[9]),
             "huge,Liels,institution,http://huge.test:%u/huge/,http://huge.test:%u/huge/,"
             "2026-11-27,1,0,0,1,1,75.0,vidēja,2%s",
             port, port, cut);
    assert_non_null(strstr(r.err, "cannot resolve host 'www.nonexistent.invalid'"));
    assert_non_null(strstr(r.err, "huge: http://huge.test"));
    if (!strstr(r.err, "only the start was checked"))
        fail_msg("no truncation warning in:\n%s",
                 strstr(r.err, "huge") ? strstr(r.err, "huge") : r.err);
    const char *line = strstr(csv, "\r\n");
    assert_non_null(line);
    line += 2;
    for (size_t i = 0; i < 10; i++) {
        size_t n = strlen(want[i]);
        if (strncmp(line, want[i], n) != 0)
            fail_msg("row %zu:\n got: %.*s\nwant: %s\nstderr:\n%s", i, (int)strcspn(line, "\r"),
                     line, want[i], r.err);
        line += n;
        if (line[-1] == ',') { /* a reachable row: skip the questionnaire's columns */
            line = strstr(line, "\r\n");
            assert_non_null(line);
            line += 2;
        }
    }
    assert_string_equal(line, "");
    ea_test_httpd_stop(h);
}

/* http://secure.test/ redirects to its https twin, whose certificate the test CA signed:
 * https=1, https_redirect=1. The same https site under a certificate for another name is a
 * TLS error: unreachable, https=0. */
static void test_audit_tls(void **state)
{
    (void)state;
    const struct ea_test_route tls_routes[] = {
        { .path = "/", .headers = "Content-Type: text/html; charset=utf-8\n", .body = good_page },
        { .path = NULL },
    };
    struct ea_test_httpd *tls = ea_test_httpd_start_tls(tls_routes, EA_FIXTURES "/tls/server.pem",
                                                        EA_FIXTURES "/tls/server.key");
    struct ea_test_httpd *wrong = ea_test_httpd_start_tls(tls_routes, EA_FIXTURES "/tls/other.pem",
                                                          EA_FIXTURES "/tls/other.key");
    char loc[128];
    snprintf(loc, sizeof(loc), "Location: https://secure.test:%u/\n", ea_test_httpd_port(tls));
    const struct ea_test_route plain_routes[] = {
        { .path = "/", .status = 301, .headers = loc },
        { .path = NULL },
    };
    struct ea_test_httpd *plain = ea_test_httpd_start(plain_routes);
    unsigned pp = ea_test_httpd_port(plain), tp = ea_test_httpd_port(tls),
             wp = ea_test_httpd_port(wrong);
    char seeds[256], out[256], db[256], text[1024], csv[1 << 14], r1[64], r2[64], r3[64];
    snprintf(seeds, sizeof(seeds), "%s/tls-seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/out-tls", tmpdir);
    snprintf(db, sizeof(db), "%s/tls.sqlite", tmpdir);
    snprintf(text, sizeof(text),
             "id\tname_lv\ttype\tparent\turl\n"
             "secure\tDrošā\tinstitution\t-\thttp://secure.test:%u/\n"
             "wrong\tSvešā\tinstitution\t-\thttps://wrong.test:%u/\n",
             pp, wp);
    FILE *f = fopen(seeds, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    snprintf(r1, sizeof(r1), "secure.test:%u:127.0.0.1", pp);
    snprintf(r2, sizeof(r2), "secure.test:%u:127.0.0.1", tp);
    snprintf(r3, sizeof(r3), "wrong.test:%u:127.0.0.1", wp);
    static struct run r;
    run_eaudit(&r, (const char *[]){ "audit",      "--out",
                                     out,          "--db",
                                     db,           "--date",
                                     "2026-11-27", "--delay",
                                     "0",          "--timeout",
                                     "5",          "--no-progress",
                                     "--cacert",   EA_FIXTURES "/tls/ca.pem",
                                     "--resolve",  r1,
                                     "--resolve",  r2,
                                     "--resolve",  r3,
                                     seeds,        NULL });
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    char path[300], want[512];
    snprintf(path, sizeof(path), "%s/evaluation.csv", out);
    read_file(path, csv, sizeof(csv));
    snprintf(want, sizeof(want),
             "\r\nsecure,Drošā,institution,http://secure.test:%u/,https://secure.test:%u/,"
             "2026-11-27,1,1,1,1,",
             pp, tp);
    if (!strstr(csv, want))
        fail_msg("no '%s' in:\n%s\nstderr:\n%s", want + 2, csv, r.err);
    /* The wrong certificate: no answer (reachable 0), https 0 (a failed TLS check is an
     * answer), and the probe of http://wrong.test:PORT/ meets a TLS port (no redirect). */
    snprintf(want, sizeof(want),
             "\r\nwrong,Svešā,institution,https://wrong.test:%u/,,2026-11-27,0,0,", wp);
    if (!strstr(csv, want))
        fail_msg("no '%s' in:\n%s\nstderr:\n%s", want + 2, csv, r.err);
    assert_non_null(strstr(r.err, "wrong: https://wrong.test"));
    ea_test_httpd_stop(plain);
    ea_test_httpd_stop(wrong);
    ea_test_httpd_stop(tls);
}

/* A test audit's files under tmpdir, by name: its seeds (written with text), output folder
 * and database. */
struct audit_files {
    char seeds[256], out[256], db[256];
};

static void audit_files(struct audit_files *af, const char *name, const char *seeds_text)
{
    snprintf(af->seeds, sizeof(af->seeds), "%s/%s-seeds.txt", tmpdir, name);
    snprintf(af->out, sizeof(af->out), "%s/out-%s", tmpdir, name);
    snprintf(af->db, sizeof(af->db), "%s/%s.sqlite", tmpdir, name);
    FILE *f = fopen(af->seeds, "w");
    assert_non_null(f);
    fputs(seeds_text, f);
    fclose(f);
}

/* Column col (0-based) of an evaluation.csv's site row `row` (0-based, after the header);
 * asserts it is there. */
static const char *row_cell(const char *csv, int row, int col)
{
    const char *cell = csv;
    for (int r = 0; r <= row && cell; r++) {
        cell = strstr(cell, "\r\n");
        cell = cell ? cell + 2 : NULL;
    }
    assert_non_null(cell);
    for (int c = 0; c < col && cell; c++) {
        cell = strchr(cell, ',');
        cell = cell ? cell + 1 : NULL;
    }
    assert_non_null(cell);
    return cell;
}

/* Two nights on one unchanged site: the second sends the first night's ETags and gets 304s,
 * re-checks the stored bodies and writes the same row. Linked stylesheets are fetched once
 * per site however many pages share them; robots.txt keeps /private out; the contacts page
 * is fetched within a budget of 2 pages. */
static void test_audit_two_nights(void **state)
{
    (void)state;
    static const char home[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><title>Sākums</title>"
        "<link rel=\"stylesheet\" href=\"/s.css\"></head><body>"
        "<a href=\"/a\">A</a><a href=\"/b\">B</a><a href=\"/private/x\">X</a>"
        "<a href=\"/c\">C</a><a href=\"/kontakti\">Kontakti</a></body></html>";
    static const char sub[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><title>Lapa</title>"
        "<link rel=stylesheet href=/s.css></head><body><p>x</p></body></html>";
    const struct ea_test_route routes[] = {
        { .path = "/robots.txt", .body = "User-agent: *\nDisallow: /private\n" },
        { .path = "/", .headers = "Content-Type: text/html\n", .body = home, .etag = "\"h1\"" },
        { .path = "/kontakti",
          .headers = "Content-Type: text/html\n",
          .body = sub,
          .etag = "\"k1\"" },
        { .path = "/a", .headers = "Content-Type: text/html\n", .body = sub, .etag = "\"a1\"" },
        { .path = "/b", .headers = "Content-Type: text/html\n", .body = sub, .etag = "\"b1\"" },
        { .path = "/c", .headers = "Content-Type: text/html\n", .body = sub, .etag = "\"c1\"" },
        HTML_ROUTE("/private/x", sub),
        CSS_ROUTE("/s.css", "p{color:#777}@media (max-width:600px){p{font-size:90%}}"),
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    unsigned port = ea_test_httpd_port(h);
    char text[512], csv1[1 << 14], csv2[1 << 14], res[64], path[300];
    struct audit_files af;
    snprintf(text, sizeof(text), "http://night.test:%u/\n", port);
    audit_files(&af, "night", text);
    const char *out = af.out, *db = af.db, *seeds = af.seeds;
    snprintf(path, sizeof(path), "%s/evaluation.csv", out);
    snprintf(res, sizeof(res), "night.test:%u:127.0.0.1", port);
    static struct run r;
    const char *const args[] = { "audit",     "--out",      out,       "--db", db,
                                 "--date",    "2026-11-27", "--delay", "0",    "--no-progress",
                                 "--resolve", res,          seeds,     NULL };
    run_eaudit(&r, args);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    read_file(path, csv1, sizeof(csv1));
    assert_int_equal(ea_test_httpd_hits(h, "/private/x"), 0);
    assert_int_equal(ea_test_httpd_hits(h, "/s.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/a"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/kontakti"), 1);
    assert_int_equal(ea_test_httpd_conditional(h), 0);
    /* pages_audited 5 (/, /a, /b, /c, /kontakti), broken_links 0 */
    char want[256];
    snprintf(want, sizeof(want), ",2026-11-27,1,0,0,5,0,");
    if (!strstr(csv1, want))
        fail_msg("no '%s' in:\n%s\nstderr:\n%s", want, csv1, r.err);
    /* mobile_responsive (column 18) is 1 only through the linked stylesheet's width media
     * query: the checks saw the fetched stylesheet. */
    if (strncmp(row_cell(csv1, 0, 17), "1,", 2) != 0)
        fail_msg("mobile_responsive is not 1 in:\n%s", csv1);

    run_eaudit(&r, args);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    read_file(path, csv2, sizeof(csv2));
    assert_int_equal(ea_test_httpd_conditional(h), 5);
    assert_int_equal(ea_test_httpd_hits(h, "/a"), 2);
    assert_string_equal(csv1, csv2);

    /* A budget of 2: the homepage and the contacts page, whatever the link order. */
    const char *const args2[] = { "audit",     "--out",       out,          "--db",
                                  db,          "--date",      "2026-11-28", "--delay",
                                  "0",         "--max-pages", "2",          "--no-progress",
                                  "--resolve", res,           seeds,        NULL };
    run_eaudit(&r, args2);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_int_equal(ea_test_httpd_hits(h, "/kontakti"), 3);
    assert_int_equal(ea_test_httpd_hits(h, "/a"), 2);
    ea_test_httpd_stop(h);
}

/* Stylesheets as a browser would take them: a linked sheet's @import rules are followed (an
 * import cycle ends), a <style>'s too; a sheet for print (media="print") is fetched and
 * listed but colours nothing; an import for narrow screens is not fetched, yet it makes the
 * site responsive as a <link media> with a width condition does. */
static void test_audit_css_imports(void **state)
{
    (void)state;
    static const char home[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><title>Sākums</title>"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<link rel=\"stylesheet\" href=\"/main.css\">"
        "<link rel=\"stylesheet\" media=\"print\" href=\"/print.css\">"
        "<link rel=\"stylesheet\" href=\"/d0.css\">"
        "<link rel=\"stylesheet\" href=\"/a.css\"><link rel=\"stylesheet\" href=\"/b.css\">"
        "<link rel=\"stylesheet\" href=\"/a.css\">"
        "<style>@import \"/inline.css\"; h1 { font-size: 2em }</style></head>"
        "<body><h1>Iestāde</h1><p id=\"pa\">Pirmais teksts</p><p id=\"pb\">Otrais teksts</p>"
        "<p id=\"pc\">Trešais teksts</p><p id=\"pd\">Ceturtais teksts</p>"
        "<p id=\"pe\">Piektais teksts</p><a href=\"/p2\">Otrā lapa</a></body></html>";
    /* d0 imports d1 ... d4 imports d5: from the homepage d4 is as deep as imports go; /p2
     * links d2, which brings d3 and d4 nearer too, so d4's import is followed then. */
    static const char p2[] = "<!DOCTYPE html><html lang=\"lv\"><head><title>Otrā</title>"
                             "<link rel=\"stylesheet\" href=\"/d2.css\"></head><body><p>x</p>"
                             "</body></html>";
    /* Another site: one sheet linked twice (media "" and "screen" are the same condition),
     * fetched once, and no width query: mobile_responsive is 0, not unknown. */
    static const char dup[] = "<!DOCTYPE html><html lang=\"lv\"><head><title>Divreiz</title>"
                              "<meta name=\"viewport\" content=\"width=device-width\">"
                              "<link rel=\"stylesheet\" href=\"/plain.css\">"
                              "<link rel=\"stylesheet\" href=\"/plain.css\" media=\"screen\">"
                              "</head><body><p>x</p></body></html>";
    const struct ea_test_route dup_routes[] = {
        { .path = "/robots.txt", .status = 404 },
        HTML_ROUTE("/", dup),
        CSS_ROUTE("/plain.css", "p{color:#000}"),
        { .path = NULL },
    };
    const struct ea_test_route routes[] = {
        HTML_ROUTE("/p2", p2),
        CSS_ROUTE("/d0.css", "@import '/d1.css';"),
        CSS_ROUTE("/d1.css", "@import '/d2.css';"),
        CSS_ROUTE("/d2.css", "@import '/d3.css';"),
        CSS_ROUTE("/d3.css", "@import '/d4.css';"),
        CSS_ROUTE("/d4.css", "@import '/d5.css';"),
        CSS_ROUTE("/d5.css", "b{color:#000}"),
        { .path = "/robots.txt", .status = 404 },
        HTML_ROUTE("/", home),
        CSS_ROUTE("/main.css",
                  "@charset \"utf-8\";\n@import url(/colors.css);\n"
                  "@import \"/narrow.css\" (max-width: 600px);\n@import url(\"loop.css\");\n"
                  "body { margin: 0 }\n#pe { color: #000; background: #fff }\n"
                  "@import url(/late.css);"),
        CSS_ROUTE("/colors.css", "#pa, #pe { color: #bbb; background: #fff }"),
        /* linked a, b, a: a cascades at its last place and wins */
        CSS_ROUTE("/a.css", "#pd { color: #bbb; background: #fff }"),
        CSS_ROUTE("/b.css", "#pd { color: #000; background: #fff }"),
        CSS_ROUTE("/loop.css", "@import url(/main.css);@import url(/loop.css);"),
        CSS_ROUTE("/print.css", "#pb { color: #ccc; background: #fff }"),
        CSS_ROUTE("/inline.css", "#pc { color: #c0c0c0; background: #fff }"),
        CSS_ROUTE("/narrow.css", "p{color:red}"),
        CSS_ROUTE("/late.css", "p{color:red}"),
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    struct ea_test_httpd *h2 = ea_test_httpd_start(dup_routes);
    unsigned port = ea_test_httpd_port(h), port2 = ea_test_httpd_port(h2);
    char text[512], res[64], res2[64], path[300];
    static char csv[1 << 14], json[1 << 20];
    struct audit_files af;
    snprintf(text, sizeof(text),
             "id\tname_lv\ttype\tparent\turl\ncss\tCSS\tinstitution\t-\thttp://css.test:%u/\n"
             "dup\tDivreiz\tinstitution\t-\thttp://dup.test:%u/\n",
             port, port2);
    audit_files(&af, "css", text);
    snprintf(res, sizeof(res), "css.test:%u:127.0.0.1", port);
    snprintf(res2, sizeof(res2), "dup.test:%u:127.0.0.1", port2);
    static struct run r;
    const char *const args[] = { "audit",     "--out",      af.out,      "--db", af.db,
                                 "--date",    "2026-11-27", "--delay",   "0",    "--no-progress",
                                 "--resolve", res,          "--resolve", res2,   af.seeds,
                                 NULL };
    run_eaudit(&r, args);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_int_equal(ea_test_httpd_hits(h, "/main.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/colors.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/loop.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/inline.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/print.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/narrow.css"), 0); /* not for a 1280 px screen */
    assert_int_equal(ea_test_httpd_hits(h, "/late.css"), 0);   /* after a rule: invalid */
    for (int k = 0; k <= 5; k++) {
        char d[16];
        snprintf(d, sizeof(d), "/d%d.css", k);
        if (ea_test_httpd_hits(h, d) != 1)
            fail_msg("%s fetched %u times, want 1", d, ea_test_httpd_hits(h, d));
    }
    assert_int_equal(ea_test_httpd_hits(h2, "/plain.css"), 1);
    snprintf(path, sizeof(path), "%s/sites/css/report.json", af.out);
    read_file(path, json, sizeof(json));
    /* Low contrast from the imported sheets; none from the print sheet. */
    /* The page's color-contrast violation: from its id to the next rule's (or the passes). */
    const char *page = strstr(json, "\"pages\": [");
    assert_non_null(page);
    const char *viol = strstr(page, "\"violations\"");
    const char *passes = strstr(page, "\"passes\"");
    assert_true(viol && passes && viol < passes);
    char *cc = strstr(viol, "\"id\": \"color-contrast\"");
    assert_true(cc && cc < passes);
    char *end = strstr(cc + 1, "\"id\": \"");
    if (!end || end > passes)
        end = (char *)(uintptr_t)passes;
    *end = '\0'; /* the entry alone */
    /* #pa, #pc: colours from imported sheets; #pb: from the print sheet; #pd: a.css, linked
     * again after b.css; #pe: main.css's own rule after the sheet it imports */
    if (!strstr(cc, "\"#pa\"") || !strstr(cc, "\"#pc\"") || !strstr(cc, "\"#pd\"") ||
        strstr(cc, "\"#pb\"") || strstr(cc, "\"#pe\""))
        fail_msg("want #pa, #pc, #pd, not #pb, #pe, in color-contrast violations:\n%s", cc);
    snprintf(path, sizeof(path), "%s/evaluation.csv", af.out);
    read_file(path, csv, sizeof(csv));
    if (strncmp(row_cell(csv, 0, 17), "1,", 2) != 0)
        fail_msg("mobile_responsive is not 1 in:\n%s", csv);
    if (strncmp(row_cell(csv, 1, 17), "0,", 2) != 0)
        fail_msg("the twice-linked site's mobile_responsive is not 0 in:\n%s", csv);
    ea_test_httpd_stop(h);
    ea_test_httpd_stop(h2);
}

/* Small sites for audits over many of them: each on its own server, a homepage linking three
 * pages; a seeds file (named name, see audit_files) lists them as s0, s1, ... */
static const char small_home[] = "<!DOCTYPE html><html lang=\"lv\"><head><title>Sākums</title>"
                                 "</head><body><h1>Iestāde</h1><a href=\"/p1\">Viens</a>"
                                 "<a href=\"/p2\">Divi</a><a href=\"/p3\">Trīs</a></body></html>";
static const char small_page[] = "<!DOCTYPE html><html lang=\"lv\"><head><title>Lapa</title>"
                                 "</head><body><p>Teksts</p></body></html>";
static const struct ea_test_route small_site[] = {
    { .path = "/robots.txt", .body = "User-agent: *\nAllow: /\n" },
    HTML_ROUTE("/", small_home),
    HTML_ROUTE("/p1", small_page),
    HTML_ROUTE("/p2", small_page),
    HTML_ROUTE("/p3", small_page),
    { .path = NULL },
};

/* Every site of the evaluation sheet in out has mobile_responsive 1 (a sheet's @media). */
static void expect_responsive(const struct audit_files *af, int sites)
{
    char path[300];
    snprintf(path, sizeof(path), "%s/evaluation.csv", af->out);
    static char csv[1 << 14];
    read_file(path, csv, sizeof(csv));
    for (int row = 0; row < sites; row++)
        if (strncmp(row_cell(csv, row, 17), "1,", 2) != 0)
            fail_msg("site %d: mobile_responsive is not 1 in:\n%s", row, csv);
}

static void serve_small_sites(struct ea_test_httpd **h, int n, const char *name,
                              struct audit_files *af)
{
    struct ea_buf seeds = EA_BUF_INIT(4096);
    ea_buf_add(&seeds, "id\tname_lv\ttype\tparent\turl\n");
    for (int i = 0; i < n; i++) {
        h[i] = ea_test_httpd_start(small_site);
        ea_buf_addf(&seeds, "s%d\tIestāde %d\tinstitution\t-\thttp://127.0.0.1:%u/\n", i, i,
                    ea_test_httpd_port(h[i]));
    }
    audit_files(af, name, seeds.buf);
    ea_buf_release(&seeds);
}

/* With a --delay a site keeps a fraction of a slot busy (one request per delay), so the audit
 * crawls more sites at once than it would without one: 12 sites with --concurrency 2
 * --per-host 1 all start before any of them ends (without a delay 8 would; 4 would wait for
 * the first to end, ~2 s in), and the delay still holds between each site's requests. */
static void test_audit_delay_window(void **state)
{
    (void)state;
    enum {
        SITES = 12,
        MAX_ARRIVALS = 16
    };
    struct ea_test_httpd *h[SITES];
    struct audit_files af;
    serve_small_sites(h, SITES, "window", &af);
    const char *const args[] = { "audit",   "--out",         af.out,          "--db", af.db,
                                 "--delay", "0.4",           "--concurrency", "2",    "--per-host",
                                 "1",       "--no-progress", af.seeds,        NULL };
    struct run r;
    run_eaudit(&r, args);
    assert_int_equal(r.status, 0);

    double latest_first = 0, earliest_last = 1e300;
    for (int i = 0; i < SITES; i++) {
        double t[MAX_ARRIVALS];
        size_t n = ea_test_httpd_arrivals(h[i], NULL, t, MAX_ARRIVALS);
        if (n < 5 || n > MAX_ARRIVALS) /* robots.txt, the homepage, 3 pages, ... */
            fail_msg("site %d: %zu requests; stderr:\n%s", i, n, r.err);
        for (size_t k = 1; k < n; k++)
            if (t[k] - t[k - 1] < 0.4 - 0.02)
                fail_msg("site %d: requests %zu and %zu %.3f s apart", i, k - 1, k,
                         t[k] - t[k - 1]);
        if (t[0] > latest_first)
            latest_first = t[0];
        if (t[n - 1] < earliest_last)
            earliest_last = t[n - 1];
        assert_int_equal(ea_test_httpd_hits(h[i], "/p3"), 1);
    }
    if (latest_first >= earliest_last)
        fail_msg("a site started %.3f s after another had ended", latest_first - earliest_last);
    for (int i = 0; i < SITES; i++)
        ea_test_httpd_stop(h[i]);
}

/* A stylesheet that several sites link (a shared platform's, a CDN's) is fetched once in a
 * run and each site's checks see it; so is a failed one; each site's own sheet is its own. */
static void test_audit_shared_sheets(void **state)
{
    (void)state;
    static const char home[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><title>Sākums</title>"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<link rel=\"stylesheet\" href=\"http://cdn.test:%PORT%/shared.css\">"
        "<link rel=\"stylesheet\" href=\"http://cdn.test:%PORT%/missing.css\">"
        "<link rel=\"stylesheet\" href=\"/own.css\"></head>"
        "<body><h1>Iestāde</h1><p>Teksts</p></body></html>";
    const struct ea_test_route routes[] = {
        { .path = "/robots.txt", .status = 404 },
        HTML_ROUTE("/", home),
        CSS_ROUTE("/shared.css", "@media (max-width: 600px) { body { margin: 0 } }"),
        CSS_ROUTE("/own.css", "p{color:#000}"),
        { .path = "/missing.css", .status = 404 },
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    unsigned port = ea_test_httpd_port(h);
    char text[512], res[4][64];
    snprintf(text, sizeof(text),
             "id\tname_lv\ttype\tparent\turl\na\tA\tinstitution\t-\thttp://a.test:%u/\n"
             "b\tB\tinstitution\t-\thttp://b.test:%u/\nc\tC\tinstitution\t-\thttp://c.test:%u/\n",
             port, port, port);
    const char *names[4] = { "a", "b", "c", "cdn" };
    for (int i = 0; i < 4; i++)
        snprintf(res[i], sizeof(res[i]), "%s.test:%u:127.0.0.1", names[i], port);
    struct audit_files af;
    audit_files(&af, "shared", text);
    static struct run r;
    const char *const args[] = { "audit",     "--out",   af.out,      "--db",
                                 af.db,       "--delay", "0",         "--no-progress",
                                 "--resolve", res[0],    "--resolve", res[1],
                                 "--resolve", res[2],    "--resolve", res[3],
                                 af.seeds,    NULL };
    run_eaudit(&r, args);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_int_equal(ea_test_httpd_hits(h, "/shared.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/missing.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/own.css"), 3);
    expect_responsive(&af, 3);
    ea_test_httpd_stop(h);
}

/* A shared stylesheet that failed for one site (503 through the fetcher's retries) is fetched
 * again for a site that asks later; a 404 is not (test_audit_shared_sheets). */
static void test_audit_shared_sheet_retried(void **state)
{
    (void)state;
    static const char page_a[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><title>A</title>"
        "<link rel=\"stylesheet\" href=\"http://cdn.test:%PORT%/flaky.css\"></head>"
        "<body><h1>A</h1></body></html>";
    static const char page_b[] = "<!DOCTYPE html><html lang=\"lv\"><head><title>B</title></head>"
                                 "<body><h1>B</h1><a href=\"/late\">Vēlāk</a></body></html>";
    const struct ea_test_route routes[] = {
        { .path = "/robots.txt", .status = 404 },
        HTML_ROUTE("/a", page_a),
        HTML_ROUTE("/b", page_b),
        /* asked for after the three tries for site a have failed (0, +1 s, +2 s) */
        { .path = "/late",
          .headers = "Content-Type: text/html\n",
          .body = page_a,
          .delay_ms = 5000 },
        { .path = "/flaky.css",
          .headers = "Content-Type: text/css\n",
          .body = "p { color: #000 }",
          .fail_times = 3,
          .fail_status = 503 },
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    unsigned port = ea_test_httpd_port(h);
    char text[512], res[3][64];
    snprintf(text, sizeof(text),
             "id\tname_lv\ttype\tparent\turl\na\tA\tinstitution\t-\thttp://a.test:%u/a\n"
             "b\tB\tinstitution\t-\thttp://b.test:%u/b\n",
             port, port);
    const char *names[3] = { "a", "b", "cdn" };
    for (int i = 0; i < 3; i++)
        snprintf(res[i], sizeof(res[i]), "%s.test:%u:127.0.0.1", names[i], port);
    struct audit_files af;
    audit_files(&af, "retried", text);
    static struct run r;
    const char *const args[] = { "audit",     "--out",   af.out,      "--db",
                                 af.db,       "--delay", "0",         "--no-progress",
                                 "--resolve", res[0],    "--resolve", res[1],
                                 "--resolve", res[2],    af.seeds,    NULL };
    run_eaudit(&r, args);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_int_equal(ea_test_httpd_hits(h, "/late"), 1);
    if (ea_test_httpd_hits(h, "/flaky.css") != 4)
        fail_msg("flaky.css asked %u times, want 3 for site a and 1 for site b",
                 ea_test_httpd_hits(h, "/flaky.css"));
    ea_test_httpd_stop(h);
}

/* Audits n sites P0.test .. P(n-1).test (P the prefix) served by h at "/", with cdn.test on h
 * as well, 2 workers, --max-pages max_pages, --verbose; fails unless it exits 0. */
static void audit_hosts(struct run *r, struct ea_test_httpd *h, const char *prefix, int n,
                        const char *max_pages, struct audit_files *af)
{
    enum {
        MAX_HOSTS = 16
    };
    assert_true(n < MAX_HOSTS);
    unsigned port = ea_test_httpd_port(h);
    static char text[4096];
    static char res[MAX_HOSTS][64];
    size_t tl = (size_t)snprintf(text, sizeof(text), "id\tname_lv\ttype\tparent\turl\n");
    for (int i = 0; i < n; i++) {
        tl += (size_t)snprintf(text + tl, sizeof(text) - tl,
                               "%s%d\tS%d\tinstitution\t-\thttp://%s%d.test:%u/\n", prefix, i, i,
                               prefix, i, port);
        snprintf(res[i], sizeof(res[i]), "%s%d.test:%u:127.0.0.1", prefix, i, port);
    }
    snprintf(res[n], sizeof(res[n]), "cdn.test:%u:127.0.0.1", port);
    audit_files(af, prefix, text);
    const char *args[16 + 2 * MAX_HOSTS] = {
        "audit",         "--out",       af->out,   "--db",      af->db, "--delay",   "0",
        "--no-progress", "--max-pages", max_pages, "--workers", "2",    "--verbose",
    };
    size_t na = 0;
    while (args[na])
        na++;
    for (int i = 0; i <= n; i++) {
        args[na++] = "--resolve";
        args[na++] = res[i];
    }
    args[na++] = af->seeds;
    args[na] = NULL;
    run_eaudit(r, args);
    if (r->status != 0)
        fail_msg("exit %d, stderr:\n%s", r->status, r->err);
}

/* The item of the audit's last --verbose line ("crawl: ...; a, b, c") that holds marker: from
 * after the comma before it. */
static const char *crawl_figure(const struct run *r, const char *marker)
{
    const char *at = strstr(r->err, marker);
    if (!at)
        fail_msg("no '%s' in:\n%s", marker, r->err);
    while (at > r->err && at[-1] != ',')
        at--;
    return at;
}

/* Parsed pages are bounded (EA_TREES_PER_WORKER a worker) and so are the trees kept while
 * their stylesheets come (EA_MAX_WAITING_TREE_BYTES): with every site's homepage waiting on
 * one slow sheet, the trees past the budget are dropped and the pages parsed again when it
 * has come - and still checked with it (mobile_responsive needs its @media), their warnings
 * said once. Before, each site in progress held its tree meanwhile. */
static void test_audit_trees_bounded(void **state)
{
    (void)state;
    enum {
        SITES = 8,
        PARAS = 20000 /* a ~1 MB page, a ~9 MB tree before its cascade (ea_doc_bytes): 3 fit */
    };
    static char home[PARAS * 64 + 1024];
    size_t len =
        (size_t)snprintf(home, sizeof(home),
                         "<!DOCTYPE html><html lang=\"lv\"><head><meta charset=\"utf-8\">"
                         "<title>S\xc4\x81kums \xff</title>"
                         "<meta name=\"viewport\" content=\"width=device-width\">"
                         "<link rel=\"stylesheet\" href=\"http://cdn.test:%%PORT%%/slow.css\">"
                         "</head><body><h1>Iest\xc4\x81\x64\x65</h1>");
    for (int i = 0; i < PARAS; i++)
        len += (size_t)snprintf(home + len, sizeof(home) - len, "<p class=\"c\">Teksts %d</p>", i);
    snprintf(home + len, sizeof(home) - len, "</body></html>");
    const struct ea_test_route routes[] = {
        { .path = "/robots.txt", .status = 404 },
        HTML_ROUTE("/", home),
        { .path = "/slow.css",
          .headers = "Content-Type: text/css\n",
          .body = "@media (max-width: 600px) { body { margin: 0 } }",
          .delay_ms = 5000 }, /* past the 8 parses, even under a sanitizer */
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    struct audit_files af;
    static struct run r;
    audit_hosts(&r, h, "tree", SITES, "1", &af);
    assert_int_equal(ea_test_httpd_hits(h, "/slow.css"), 1);
    assert_int_equal(ea_test_httpd_hits(h, "/"), SITES);
    size_t most = 0, of = 0, again = 0;
    const char *line = crawl_figure(&r, "parsed pages at most");
    if (sscanf(line, " %zu parsed pages at most (of %zu), %zu parsed again", &most, &of, &again) !=
        3)
        fail_msg("no tree figures in:\n%s", r.err);
    print_message("trees: %zu at most of %zu, %zu pages parsed again\n", most, of, again);
    assert_int_equal(of, 4);
    assert_int_equal(most, of); /* 8 homepages came at once: the others waited their turn */
    /* 8 trees of ~9 MB wait for the sheet; 32 MB keeps 3 */
    assert_in_range(again, 2, SITES - 1);
    size_t warned = 0;
    for (const char *w = r.err; (w = strstr(w, "were replaced")) != NULL; w++)
        warned++;
    assert_int_equal(warned, SITES);
    expect_responsive(&af, SITES);
    ea_test_httpd_stop(h);
}

/* Fetched pages waiting for the workers are bounded (EA_MAX_WAITING_BODY_BYTES, 64 MB): each
 * homepage waits for one slow stylesheet while its site's next pages, two 7 MB files, are
 * fetched ahead (~112 MB in all); no new page request starts until they have gone, then the
 * crawl goes on (every site's last page is fetched) and the sheet still applies. The large
 * files are text, so that nothing has to parse them. */
static void test_audit_held(void **state)
{
    (void)state;
    enum {
        SITES = 8,
        TEXT = 7 * 1024 * 1024
    };
    static const char home[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><meta "
        "charset=\"utf-8\"><title>S\xc4\x81kums</title>"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<link rel=\"stylesheet\" href=\"http://cdn.test:%PORT%/slow.css\"></head>"
        "<body><h1>Iest\xc4\x81\x64\x65</h1><a href=\"/big1\">Viens</a> <a href=\"/big2\">Divi</a>"
        " <a href=\"/two\">Otr\xc4\x81 lapa</a></body></html>";
    /* sent gzip-compressed (~20 KB): the 7 MB each come fast even under a sanitizer, while
     * the homepages wait for their sheet, and count decoded */
    char *plain = malloc(TEXT);
    assert_non_null(plain);
    for (size_t i = 0; i < TEXT; i += 8)
        memcpy(plain + i, "Teksts. ", 8);
    size_t zlen = 0;
    char *big = ea_test_gzip(plain, TEXT, &zlen);
    free(plain);
    const struct ea_test_route routes[] = {
        { .path = "/robots.txt", .status = 404 },
        HTML_ROUTE("/", home),
        { .path = "/big1",
          .headers = "Content-Type: text/plain\n",
          .body = big,
          .body_len = zlen,
          .gzip = 1 },
        { .path = "/big2",
          .headers = "Content-Type: text/plain\n",
          .body = big,
          .body_len = zlen,
          .gzip = 1 },
        HTML_ROUTE("/two", "<!DOCTYPE html><html lang=\"lv\"><head><title>Otr\xc4\x81</title>"
                           "</head><body><h1>Otr\xc4\x81</h1></body></html>"),
        { .path = "/slow.css",
          .headers = "Content-Type: text/css\n",
          .body = "@media (max-width: 600px) { body { margin: 0 } }",
          .delay_ms = 5000 }, /* past the large files, even under a sanitizer */
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    struct audit_files af;
    static struct run r;
    audit_hosts(&r, h, "held", SITES, "4", &af);
    assert_int_equal(ea_test_httpd_hits(h, "/"), SITES);
    assert_int_equal(ea_test_httpd_hits(h, "/big1"), SITES);
    assert_int_equal(ea_test_httpd_hits(h, "/big2"), SITES);
    assert_int_equal(ea_test_httpd_hits(h, "/two"), SITES);
    assert_int_equal(ea_test_httpd_hits(h, "/slow.css"), 1);
    const char *line = crawl_figure(&r, "MB of fetched pages waiting at most");
    double most_mb = 0;
    size_t holds = 0;
    if (sscanf(line, " %lf MB of fetched pages waiting at most (crawl held %zu times)", &most_mb,
               &holds) != 2)
        fail_msg("no body figures in:\n%s", r.err);
    print_message("fetched pages: %.1f MB waiting at most, crawl held %zu times\n", most_mb, holds);
    if (!(most_mb > 64.0) || holds < 1)
        fail_msg("the crawl was not held; stderr:\n%s", r.err);
    expect_responsive(&af, SITES);
    ea_test_httpd_stop(h);
    free(big);
}

/* The progress line on a terminal (stderr a pty): with sites side by side under a delay no
 * site ends until late, and the ETA counts the pages of the sites in progress, so it shows
 * while none is done yet. */
static void test_audit_progress_eta(void **state)
{
    (void)state;
    enum {
        SITES = 3
    };
    struct ea_test_httpd *h[SITES];
    struct audit_files af;
    serve_small_sites(h, SITES, "eta", &af);

    int m = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(m >= 0);
    assert_int_equal(grantpt(m), 0);
    assert_int_equal(unlockpt(m), 0);
    int sl = open(ptsname(m), O_RDWR | O_NOCTTY);
    assert_true(sl >= 0);
    const char *argv[] = { EA_BINARY, "audit", "--out",         af.out, "--db",       af.db,
                           "--delay", "0.3",   "--concurrency", "2",    "--per-host", "1",
                           af.seeds,  NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, sl, 2);
    posix_spawn_file_actions_addclose(&fa, m);
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, EA_BINARY, &fa, NULL, (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(sl);
    /* Read while it runs (a pty's buffer is small); EIO once the child has closed it. */
    static char out[1 << 16];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(m, out + len, sizeof(out) - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    out[len] = '\0';
    close(m);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    bool eta_early = false;
    for (const char *line = strstr(out, "[0/3 sites]"); line;
         line = strstr(line + 1, "[0/3 sites]")) {
        const char *eol = strchr(line, '\r');
        const char *eta = strstr(line, ", ETA ");
        if (eta && (!eol || eta < eol))
            eta_early = true;
    }
    if (!eta_early || !strstr(out, "[3/3 sites]"))
        fail_msg("no ETA before the first site ended, or no final line, in:\n%s", out);
    for (int i = 0; i < SITES; i++)
        ea_test_httpd_stop(h[i]);
}

/* eaudit robots: one verdict per URL, in order; usage errors exit 2. */
static void test_robots_command(void **state)
{
    (void)state;
    char file[256];
    snprintf(file, sizeof(file), "%s/robots.txt", tmpdir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("User-agent: *\nDisallow: /private\nAllow: /private/open$\n\n"
          "User-agent: eaudit\nDisallow: /slow/\n",
          f);
    fclose(f);
    static struct run r;
    run_eaudit(&r, (const char *[]){ "robots", "--file", file, "--agent", "Googlebot",
                                     "https://www.vid.gov.lv/private/x",
                                     "https://www.vid.gov.lv/private/open", "/public", NULL });
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "disallowed\nallowed\nallowed\n");
    /* eaudit has its own group: /private is not in it. */
    run_eaudit(&r,
               (const char *[]){ "robots", "--file", file, "--agent", "eaudit/1.0",
                                 "https://www.vid.gov.lv/private/x", "http://a.lv/slow/1", NULL });
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "allowed\ndisallowed\n");
    run_eaudit(&r, (const char *[]){ "robots", "--file", file, "https://a.lv/", NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--agent"));
    run_eaudit(&r, (const char *[]){ "robots", "--file", "/nonexistent/robots.txt", "--agent", "x",
                                     "https://a.lv/", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "/nonexistent/robots.txt"));
}

/* A run killed after its first site: --resume keeps that site's stored row (no request goes
 * to it again), audits the rest under the run's own date, finishes the run and writes every
 * report. */
static void test_audit_resume(void **state)
{
    (void)state;
    const struct ea_test_route routes[] = {
        HTML_ROUTE("/one/", good_page),
        HTML_ROUTE("/two/", good_page),
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    unsigned port = ea_test_httpd_port(h);
    char seeds[256], out[256], db[256], r_one[64], r_two[64], path[512], text[1024], csv[1 << 16];
    snprintf(seeds, sizeof(seeds), "%s/resume-seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/resume-out", tmpdir);
    snprintf(db, sizeof(db), "%s/resume.sqlite", tmpdir);
    snprintf(r_one, sizeof(r_one), "one.test:%u:127.0.0.1", port);
    snprintf(r_two, sizeof(r_two), "two.test:%u:127.0.0.1", port);
    snprintf(text, sizeof(text),
             "id\tname_lv\ttype\tparent\turl\n"
             "one\tViens\tministry\t-\thttp://one.test:%u/one/\n"
             "two\tDivi\tinstitution\t-\thttp://two.test:%u/two/\n",
             port, port);
    FILE *f = fopen(seeds, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);

    /* The killed run: begun, site "one" stored, never finished. */
    struct ea_store *st = NULL;
    long long run_id = 0;
    struct ea_sheet_row row;
    assert_int_equal(ea_store_open(db, &st), EA_OK);
    assert_int_equal(ea_store_run_begin(st, "2026-11-20", &run_id), EA_OK);
    ea_row_init(&row);
    ea_row_set(&row, EA_COL_ID, "one");
    ea_row_set(&row, EA_COL_NAME, "Viens");
    ea_row_set(&row, EA_COL_AUDIT_DATE, "2026-11-20");
    ea_row_set_bool(&row, EA_COL_REACHABLE, true);
    ea_row_set(&row, EA_COL_WCAG_SCORE, "42.0");
    assert_int_equal(ea_store_put_site(st, run_id, 0, &row, NULL, 0), EA_OK);
    ea_row_release(&row);
    ea_store_close(st);

    static struct run r;
    run_eaudit(&r, (const char *[]){ "audit", "--resume", "--out", out, "--db", db, "--delay", "0",
                                     "--no-progress", "--resolve", r_one, "--resolve", r_two, seeds,
                                     NULL });
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_non_null(strstr(r.err, "resuming run 1 of 2026-11-20: 1 sites already done"));
    assert_int_equal(ea_test_httpd_hits(h, "/one/"), 0);
    if (ea_test_httpd_hits(h, "/two/") < 1)
        fail_msg("/two/ not fetched (%u requests in all); stderr:\n%s", ea_test_httpd_hits(h, NULL),
                 r.err);

    snprintf(path, sizeof(path), "%s/evaluation.csv", out);
    read_file(path, csv, sizeof(csv));
    const char *one = strstr(csv, "\r\none,Viens,");
    const char *two = strstr(csv, "\r\ntwo,Divi,institution,");
    assert_non_null(one);
    assert_non_null(two);
    assert_true(one < two); /* seed order */
    assert_non_null(strstr(one, ",2026-11-20,1,"));
    assert_non_null(strstr(one, ",42.0,"));
    assert_non_null(strstr(two, ",2026-11-20,1,")); /* the resumed run's date, not today's */

    /* The run is finished now, and the audit wrote every report and the workbook. */
    assert_int_equal(ea_store_open_reader(db, &st), EA_OK);
    assert_int_equal(ea_store_run_unfinished(st, &run_id), EA_NOTFOUND);
    ea_store_close(st);
    static const char *const files[] = { "evaluation.xlsx",
                                         "index.html",
                                         "index.en.html",
                                         "sites/two/report.html",
                                         "sites/two/report.en.html",
                                         "sites/two/report.json" };
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        struct stat sb;
        snprintf(path, sizeof(path), "%s/%s", out, files[i]);
        if (stat(path, &sb) != 0 || sb.st_size == 0)
            fail_msg("no '%s' after the audit", path);
    }

    /* Nothing left to resume: a new run is started. */
    run_eaudit(&r, (const char *[]){ "audit", "--resume", "--out", out, "--db", db, "--delay", "0",
                                     "--no-progress", "--resolve", r_one, "--resolve", r_two, seeds,
                                     NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "no unfinished run"));
    assert_true(ea_test_httpd_hits(h, "/one/") >= 1);
    ea_test_httpd_stop(h);
}

/* One fixture site of tests/fixtures/sites/ (pages and stylesheets listed in its
 * manifest.txt) served as a local site. */
struct fixture_site {
    char date[16];
    char host[128];
    char home_path[256];
    struct ea_test_route routes[16];
    size_t nroutes;
    char *bodies[16];  /* owned */
    char *headers[16]; /* owned */
    char *paths[16];   /* owned */
};

static char *slurp_fixture(const char *dir, const char *name)
{
    char path[512];
    static char buf[1 << 18];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    read_file(path, buf, sizeof(buf));
    return strdup(buf);
}

/* "https://www.x.lv/lv/kontakti" -> host "www.x.lv", path "/lv/kontakti" */
static void split_url(const char *url, char *host, size_t hn, const char **path)
{
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    size_t n = strcspn(h, "/");
    snprintf(host, hn, "%.*s", (int)n, h);
    *path = h[n] ? h + n : "/";
}

static void fixture_load(const char *name, struct fixture_site *fs)
{
    char dir[256], line[1024];
    memset(fs, 0, sizeof(*fs));
    snprintf(dir, sizeof(dir), "%s/sites/%s", EA_FIXTURES, name);
    char *manifest = slurp_fixture(dir, "manifest.txt");
    for (char *p = manifest; *p;) {
        size_t n = strcspn(p, "\n");
        snprintf(line, sizeof(line), "%.*s", (int)n, p);
        p += n + (p[n] == '\n');
        char file[128], file2[128], url[512], ctype[128] = "text/html";
        const char *path;
        char host[128];
        if (sscanf(line, "date %15s", fs->date) == 1)
            continue;
        size_t k = fs->nroutes;
        /* the last slot stays zero: it ends the route table */
        if (k + 1 >= sizeof(fs->routes) / sizeof(fs->routes[0]))
            fail_msg("%s: more than %zu pages and stylesheets in its manifest", name, k);
        if (sscanf(line, "page %127s %511s %127[^\n]", file, url, ctype) >= 2) {
            fs->bodies[k] = slurp_fixture(dir, file);
            fs->headers[k] = malloc(200);
            snprintf(fs->headers[k], 200, "Content-Type: %s\n", ctype);
        } else if (sscanf(line, "css %127s %127s %511s", file, file2, url) == 3) {
            fs->bodies[k] = slurp_fixture(dir, file2);
            fs->headers[k] = strdup("Content-Type: text/css\n");
        } else {
            continue;
        }
        split_url(url, host, sizeof(host), &path);
        fs->paths[k] = strdup(path);
        if (!fs->host[0]) {
            snprintf(fs->host, sizeof(fs->host), "%s", host);
            snprintf(fs->home_path, sizeof(fs->home_path), "%s", path);
        }
        fs->routes[k] = (struct ea_test_route){ .path = fs->paths[k],
                                                .headers = fs->headers[k],
                                                .body = fs->bodies[k] };
        fs->nroutes++;
    }
    free(manifest);
}

static void fixture_release(struct fixture_site *fs)
{
    for (size_t i = 0; i < fs->nroutes; i++) {
        free(fs->bodies[i]);
        free(fs->headers[i]);
        free(fs->paths[i]);
    }
}

/* The n-th comma-separated field of line (no quoting in these rows), into out. */
static void csv_field(const char *line, size_t n, char *out, size_t cap)
{
    for (size_t i = 0; i < n && line; i++) {
        line = strchr(line, ',');
        line = line ? line + 1 : NULL;
    }
    size_t len = line ? strcspn(line, ",\r\n") : 0;
    snprintf(out, cap, "%.*s", (int)len, line ? line : "");
}

static size_t csv_column(const char *header, const char *name)
{
    char f[64];
    for (size_t i = 0; i < 64; i++) {
        csv_field(header, i, f, sizeof(f));
        if (strcmp(f, name) == 0)
            return i;
    }
    fail_msg("no column '%s'", name);
    return 0;
}

/* The questionnaire end to end: each fixture site crawled by `eaudit audit` over HTTP gives
 * the row test_site expects when it is fed the same pages directly. */
static void test_audit_fixture_sites(void **state)
{
    (void)state;
    static const char *const names[] = { "govlv", "portal", "oldtable", "traps" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        struct fixture_site fs;
        char dir[256], seeds[256], out[256], db[256], text[1024], path[512];
        /* --resolve entries: the host name (as long as the fixture allows) and a port. */
        char r_port[sizeof(fs.host) + 32], r_https[sizeof(fs.host) + 32];
        char r_http[sizeof(fs.host) + 32], r_bare[sizeof(fs.host) + 32];
        static char csv[1 << 16];
        fixture_load(names[i], &fs);
        struct ea_test_httpd *h = ea_test_httpd_start(fs.routes);
        unsigned port = ea_test_httpd_port(h);
        const char *bare = strncmp(fs.host, "www.", 4) == 0 ? fs.host + 4 : fs.host;
        /* Every name and port the pages can link to stays on this machine. */
        snprintf(r_port, sizeof(r_port), "%s:%u:127.0.0.1", fs.host, port);
        snprintf(r_https, sizeof(r_https), "%s:443:127.0.0.1", fs.host);
        snprintf(r_http, sizeof(r_http), "%s:80:127.0.0.1", fs.host);
        snprintf(r_bare, sizeof(r_bare), "%.*s:%u:127.0.0.1", (int)sizeof(fs.host), bare, port);
        snprintf(seeds, sizeof(seeds), "%s/%s-seeds.txt", tmpdir, names[i]);
        snprintf(out, sizeof(out), "%s/%s-out", tmpdir, names[i]);
        snprintf(db, sizeof(db), "%s/%s.sqlite", tmpdir, names[i]);
        snprintf(text, sizeof(text), "http://%s:%u%s\n", fs.host, port, fs.home_path);
        FILE *f = fopen(seeds, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);

        static struct run r;
        run_eaudit(&r, (const char *[]){ "audit",     "--out",     out,         "--db",
                                         db,          "--date",    fs.date,     "--delay",
                                         "0",         "--timeout", "5",         "--no-progress",
                                         "--resolve", r_port,      "--resolve", r_https,
                                         "--resolve", r_http,      "--resolve", r_bare,
                                         seeds,       NULL });
        if (r.status != 0)
            fail_msg("%s: exit %d, stderr:\n%s", names[i], r.status, r.err);
        snprintf(path, sizeof(path), "%s/evaluation.csv", out);
        read_file(path, csv, sizeof(csv));
        const char *row = strstr(csv, "\r\n");
        assert_non_null(row);
        row += 2;

        snprintf(dir, sizeof(dir), "%s/sites/%s", EA_FIXTURES, names[i]);
        char *expected = slurp_fixture(dir, "expected.csv");
        char *want_row = strchr(expected, '\n');
        assert_non_null(want_row);
        *want_row++ = '\0'; /* expected is now the header line alone */
        size_t ncols = 1;
        for (const char *q = expected; *q; q++)
            ncols += *q == ',';
        for (size_t c = 0; c < ncols; c++) {
            char name[64], want[64], got[64];
            csv_field(expected, c, name, sizeof(name));
            csv_field(want_row, c, want, sizeof(want));
            csv_field(row, csv_column(csv, name), got, sizeof(got));
            if (strcmp(want, got) != 0)
                fail_msg("%s: %s is '%s', expected '%s'\nrow: %.*s\nstderr:\n%s", names[i], name,
                         got, want, (int)strcspn(row, "\r"), row, r.err);
        }
        free(expected);
        ea_test_httpd_stop(h);
        fixture_release(&fs);
    }
}

/* --- a hostile web: the bad input, all in one audit ------------------------------ */

#define HOSTILE_MAX_PAGES 30
#define GB_LINE           "<p><a href=\"/gb/\">S\xC4\x81kums</a> teksts teksts teksts</p>\n"

/* /cal?n=K links to the next month, for ever. */
static void gen_month(const char *path, const char *n, struct ea_buf *out)
{
    (void)path;
    long k = n ? strtol(n, NULL, 10) : 0;
    ea_buf_addf(out,
                "<html lang=\"lv\"><title>Kalendārs</title><a href=\"/cal?n=%ld\">Nākamais "
                "mēnesis</a></html>",
                k + 1);
}

/* A sitemap of a million pages of the site on port (~55 MB, more than EA_MAX_SITEMAP_BYTES),
 * gzip-compressed: made once, served at once. */
static char *million_sitemap(unsigned port, size_t *len)
{
    struct ea_buf b = EA_BUF_INIT(SIZE_MAX / 2);
    ea_buf_add(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps"
                   ".org/schemas/sitemap/0.9\">\n");
    for (long k = 0; k < 1000000; k++)
        ea_buf_addf(&b, "<url><loc>http://map.test:%u/p/%ld</loc></url>\n", port, k);
    ea_buf_add(&b, "</urlset>\n");
    char *gz = ea_test_gzip(b.buf, b.len, len);
    ea_buf_release(&b);
    return gz;
}

static void gen_plain(const char *path, const char *n, struct ea_buf *out)
{
    (void)n;
    ea_buf_addf(out, "<html lang=\"lv\"><title>Lapa %s</title><p>Teksts.</p></html>", path);
}

/* The start of line id of a CSV (after the header), failing the test when there is none. */
static const char *csv_row(const char *csv, const char *id)
{
    size_t n = strlen(id);
    for (const char *l = strstr(csv, "\r\n"); l; l = strstr(l, "\r\n")) {
        l += 2;
        if (!strncmp(l, id, n) && l[n] == ',')
            return l;
    }
    fail_msg("no row '%s' in:\n%s", id, csv);
    return NULL;
}

static void expect_cell(const char *csv, const char *id, const char *col, const char *want)
{
    char got[64];
    csv_field(csv_row(csv, id), csv_column(csv, col), got, sizeof(got));
    if (strcmp(got, want) != 0)
        fail_msg("%s: %s is '%s', expected '%s'", id, col, got, want);
}

static long cell_number(const char *csv, const char *id, const char *col)
{
    char got[64];
    csv_field(csv_row(csv, id), csv_column(csv, col), got, sizeof(got));
    return strtol(got, NULL, 10);
}

static void expect_in_file(const char *out, const char *name, const char *want)
{
    static char text[1 << 20];
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", out, name);
    read_file(path, text, sizeof(text));
    if (!strstr(text, want))
        fail_msg("'%s' is not in %s", want, path);
}

/* One audit over a good site and the hostile or broken ones issue 3 names: endless
 * redirects, a 1 GB body, a body that drips a byte at a time, an endless calendar, a
 * robots.txt that is HTML, a sitemap of a million URLs, a robots.txt that answers 500, and
 * a site whose pages all answer 429. Each costs at most its page budget and its timeouts
 * and is said in its report (and, when it could not be audited whole, by its name in
 * index.html); the good site's row is what it is alone, and the database stays whole. */
static void test_audit_hostile_web(void **state)
{
    (void)state;
    const struct ea_test_route common[] = {
        HTML_ROUTE("/good/", good_page),
        { .path = "/loop-a", .status = 302, .headers = "Location: /loop-b\n" },
        { .path = "/loop-b", .status = 302, .headers = "Location: /loop-a\n" },
        { .path = "/gb/",
          .headers = "Content-Type: text/html\n",
          .body = GB_LINE,
          .repeat = 1000u * 1000 * 1000 / (sizeof(GB_LINE) - 1) },
        { .path = "/drip/",
          .headers = "Content-Type: text/html\n",
          .body = "<p>x</p>",
          .repeat = 10000,
          .drip_ms = 50 },
        HTML_ROUTE("/cal/", "<html lang=\"lv\"><title>Kalendārs</title>"
                            "<a href=\"/cal?n=1\">Decembris</a></html>"),
        { .path = "/cal", .headers = "Content-Type: text/html\n", .gen = gen_month },
        HTML_ROUTE("/busy/", "<html lang=\"lv\"><title>Aizņemts</title><a href=\"/b1\">1</a>"
                             "<a href=\"/b2\">2</a><a href=\"/b3\">3</a><a href=\"/b4\">4</a>"
                             "<a href=\"/b5\">5</a><a href=\"/b6\">6</a><a href=\"/b7\">7</a>"
                             "<a href=\"/b8\">8</a></html>"),
        { .path = "/b*", .status = 429, .headers = "Retry-After: 1\n", .body = "busy" },
        { .path = NULL },
    };
    const struct ea_test_route html_robots[] = {
        { .path = "/robots.txt",
          .headers = "Content-Type: text/html\n",
          /* a CMS's page where robots.txt should be: no line of it is a rule, though two
           * would be without their markup */
          .body = "<!doctype html><html><body><h1>Lapa nav atrasta</h1>\n<p>User-agent: *</p>\n"
                  "<p>Disallow: /</p>\n</body></html>" },
        HTML_ROUTE("/", "<html lang=\"lv\"><title>Sākums</title><a href=\"/a\">A</a></html>"),
        HTML_ROUTE("/a", "<html lang=\"lv\"><title>A</title><p>A</p></html>"),
        { .path = NULL },
    };
    struct ea_test_route map[] = {
        { .path = "/sitemap.xml", .headers = "Content-Type: application/xml\n", .gzip = 1 },
        { .path = "/robots.txt",
          .headers = "Content-Type: text/plain\n",
          .body = "User-agent: *\nDisallow: /p/7$\n" },
        HTML_ROUTE("/", "<html lang=\"lv\"><title>Sākums</title><p>Karte.</p></html>"),
        { .path = "/p/*", .headers = "Content-Type: text/html\n", .gen = gen_plain },
        { .path = NULL },
    };
    const struct ea_test_route robots_500[] = {
        { .path = "/robots.txt", .status = 500, .body = "oops" },
        HTML_ROUTE("/", "<html lang=\"lv\"><title>Sākums</title><a href=\"/a\">A</a></html>"),
        HTML_ROUTE("/a", "<html lang=\"lv\"><title>A</title><p>A</p></html>"),
        { .path = NULL },
    };
    struct ea_test_httpd *hc = ea_test_httpd_start(common), *hh = ea_test_httpd_start(html_robots),
                         *hm = ea_test_httpd_start(map), *hr = ea_test_httpd_start(robots_500);
    unsigned pc = ea_test_httpd_port(hc), ph = ea_test_httpd_port(hh), pm = ea_test_httpd_port(hm),
             pr = ea_test_httpd_port(hr);
    char *sitemap = million_sitemap(pm, &map[0].body_len);
    map[0].body = sitemap;
    ea_test_httpd_sync(hm);
    char seeds[256], out[256], db[256], text[2048], max_pages[16];
    static char csv[1 << 16];
    static char resolve[9][64];
    static const char *const hosts[] = { "good", "loop", "gb",   "drip", "cal",
                                         "html", "map",  "r500", "busy" };
    const unsigned ports[] = { pc, pc, pc, pc, pc, ph, pm, pr, pc };
    for (size_t i = 0; i < 9; i++)
        snprintf(resolve[i], sizeof(resolve[i]), "%s.test:%u:127.0.0.1", hosts[i], ports[i]);
    snprintf(seeds, sizeof(seeds), "%s/hostile-seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/hostile-out", tmpdir);
    snprintf(db, sizeof(db), "%s/hostile.sqlite", tmpdir);
    snprintf(max_pages, sizeof(max_pages), "%d", HOSTILE_MAX_PAGES);
    snprintf(text, sizeof(text),
             "id\tname_lv\ttype\tparent\turl\n"
             "good\tLabā\tinstitution\t-\thttp://good.test:%u/good/\n"
             "loop\tCilpa\tinstitution\t-\thttp://loop.test:%u/loop-a\n"
             "gb\tGigabaits\tinstitution\t-\thttp://gb.test:%u/gb/\n"
             "drip\tPiliens\tinstitution\t-\thttp://drip.test:%u/drip/\n"
             "cal\tKalendārs\tinstitution\t-\thttp://cal.test:%u/cal/\n"
             "html\tHTML robots\tinstitution\t-\thttp://html.test:%u/\n"
             "map\tKarte\tinstitution\t-\thttp://map.test:%u/\n"
             "r500\tRobots 500\tinstitution\t-\thttp://r500.test:%u/\n"
             "busy\tAizņemts\tinstitution\t-\thttp://busy.test:%u/busy/\n",
             pc, pc, pc, pc, pc, ph, pm, pr, pc);
    FILE *f = fopen(seeds, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);

    /* --timeout 2: the dripping homepage ends after 3 tries and 3 s of backing off. */
    const char *args[40] = { "audit",  "--out",         out,           "--db",    db,
                             "--date", "2026-11-27",    "--delay",     "0",       "--timeout",
                             "2",      "--no-progress", "--max-pages", max_pages, "--max-depth",
                             "100" };
    size_t na = 16;
    for (size_t i = 0; i < 9; i++) {
        args[na++] = "--resolve";
        args[na++] = resolve[i];
    }
    args[na++] = seeds;
    args[na] = NULL;
    static struct run r;
    run_eaudit(&r, args);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    char path[512];
    snprintf(path, sizeof(path), "%s/evaluation.csv", out);
    read_file(path, csv, sizeof(csv));

    /* The good site, as test_audit_local_sites has it alone. */
    expect_cell(csv, "good", "reachable", "1");
    expect_cell(csv, "good", "pages_audited", "1");
    expect_cell(csv, "good", "broken_links", "1");
    expect_cell(csv, "good", "wcag_score", "100.0");
    char want[256];
    snprintf(want, sizeof(want),
             "\"url\": \"http://good.test:%u/kontakti\",\n   \"status\": 404,"
             "\n   \"error\": null,\n   \"referrer\": \"http://good.test:%u/good/\"",
             pc, pc);
    expect_in_file(out, "sites/good/report.json", want); /* the broken link, and where it is */

    /* Endless redirects: refused as a loop, the reason in the report. */
    expect_cell(csv, "loop", "reachable", "0");
    expect_in_file(out, "sites/loop/report.en.html", "Reason: <span>redirect loop: ");
    expect_in_file(out, "sites/loop/report.html", "Iemesls: <span>pāradresāciju cilpa: ");
    expect_in_file(out, "index.en.html", "Cilpa</a> <span class=\"no\">(unreachable)</span>");

    /* 1 GB: cut at the body cap, the start checked. */
    expect_cell(csv, "gb", "reachable", "1");
    expect_cell(csv, "gb", "pages_audited", "1");
    assert_non_null(strstr(r.err, "only the start was checked"));
    expect_in_file(out, "sites/gb/report.json", "\"truncated_pages\": 1");

    /* A byte every 50 ms: ended by --timeout, tried again twice, then unreachable. */
    expect_cell(csv, "drip", "reachable", "0");
    expect_in_file(out, "sites/drip/report.en.html", "Reason: <span>timed out fetching ");
    expect_in_file(out, "sites/drip/report.html", "Iemesls: <span>iestājās noildze, ielādējot");
    assert_true(ea_test_httpd_hits(hc, "/drip/") <= 3);

    /* The endless calendar: 10 months at most (EA_MAX_QUERY_VARIANTS), the rest cut as a
     * trap, and the report says how many. */
    expect_cell(csv, "cal", "reachable", "1");
    assert_int_equal(cell_number(csv, "cal", "pages_audited"), 1 + EA_MAX_QUERY_VARIANTS);
    assert_int_equal(ea_test_httpd_hits(hc, "/cal"), EA_MAX_QUERY_VARIANTS);
    expect_in_file(out, "sites/cal/report.json", "\"trapped\": 1,");

    /* robots.txt that is an HTML page: no rules in it, so everything is allowed. */
    expect_cell(csv, "html", "reachable", "1");
    expect_cell(csv, "html", "pages_audited", "2");

    /* A million sitemap URLs: read up to the cap, the budget kept, the cut reported. */
    expect_cell(csv, "map", "reachable", "1");
    assert_int_equal(cell_number(csv, "map", "pages_audited"), HOSTILE_MAX_PAGES);
    assert_int_equal(ea_test_httpd_hits(hm, "/sitemap.xml"), 1);
    assert_int_equal(ea_test_httpd_hits(hm, NULL), 2 + HOSTILE_MAX_PAGES); /* + robots.txt */
    expect_in_file(out, "sites/map/report.json", "\"sitemap_cut\": true");
    expect_in_file(out, "sites/map/report.json", "\"max_pages\": 30,");
    expect_in_file(out, "sites/map/report.html", "vietnes karte bija garāka par ierobežojumu");
    /* robots.txt's one rule kept /p/7 out (/p/30 came instead), listed in the report */
    assert_int_equal(ea_test_httpd_hits(hm, "/p/*"), HOSTILE_MAX_PAGES - 1);
    snprintf(want, sizeof(want), "\"robots_excluded\": [\n  \"http://map.test:%u/p/7\"\n ]", pm);
    expect_in_file(out, "sites/map/report.json", want);
    expect_in_file(out, "sites/map/report.json", "\"robots_blocked\": 1,");

    /* robots.txt answers 500 (tried three times): only the homepage, said in the row. */
    expect_cell(csv, "r500", "reachable", "1");
    expect_cell(csv, "r500", "pages_audited", "1");
    assert_int_equal(ea_test_httpd_hits(hr, "/a"), 0);
    expect_in_file(out, "sites/r500/report.html", "pārbaudīta tikai sākumlapa");
    expect_in_file(out, "sites/r500/report.json", "\"robots_unreachable\": true");
    expect_in_file(out, "sites/r500/report.json",
                   "\"robots_blocked\": 0,\n  \"robots_unread\": 1,");
    expect_in_file(out, "index.html",
                   "Robots 500</a> <span class=\"no\">(robots.txt nolasīt "
                   "nevarēja: tikai sākumlapa)</span>");
    expect_in_file(out, "index.en.html", "(robots.txt unreadable: homepage only)");

    /* Every page but the homepage answers 429 (Retry-After: 1): tried three times each (the
     * audit's default retries), the site is given up after 5 such pages in a row (the
     * fetcher's max_host_failures); the rest are not fetched, and the report says why it has
     * 1 page. */
    expect_cell(csv, "busy", "reachable", "1");
    expect_cell(csv, "busy", "pages_audited", "1");
    /* 5 pages x 3 tries, and the other page in flight (per-host 2) at most 3 tries */
    unsigned busy = ea_test_httpd_hits(hc, "/b*");
    if (busy < 5 * 3 || busy > 6 * 3)
        fail_msg("busy.test: %u requests for pages, expected 15 to 18", busy);
    expect_in_file(out, "sites/busy/report.json", "\"given_up\": true");
    expect_in_file(out, "sites/busy/report.json", "\"out_of_budget\": 0,");
    expect_in_file(out, "sites/busy/report.html", "pārmeklēšana tika pārtraukta");
    expect_in_file(out, "index.en.html",
                   "Aizņemts</a> <span class=\"no\">(crawl stopped after "
                   "errors)</span>");

    /* Every site stored, the database whole. */
    struct ea_store *store = NULL;
    assert_int_equal(ea_store_open_reader(db, &store), EA_OK);
    assert_int_equal(ea_store_verify(store), EA_OK);
    long long run_id = 0;
    assert_int_equal(ea_store_run_latest(store, true, &run_id), EA_OK);
    char **ids = NULL;
    size_t nids = 0;
    assert_int_equal(ea_store_run_site_ids(store, run_id, &ids, &nids), EA_OK);
    assert_int_equal(nids, 9);
    ea_store_ids_free(ids, nids);
    ea_store_close(store);

    ea_test_httpd_stop(hc);
    ea_test_httpd_stop(hh);
    ea_test_httpd_stop(hm);
    ea_test_httpd_stop(hr);
    free(sitemap);
}

/* The body stored for url in db (zlib, the store's form) inflated into out, "" when none. */
static void stored_body(const char *db, const char *url, char *out, size_t cap)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *q = NULL;
    out[0] = '\0';
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h,
                           "SELECT b.zbody FROM pages p JOIN bodies b ON b.hash = p.content_hash "
                           "WHERE p.url = ?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, url, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW) {
            uLongf n = (uLongf)cap - 1;
            if (uncompress((Bytef *)out, &n, sqlite3_column_blob(q, 0),
                           (uLong)sqlite3_column_bytes(q, 0)) == Z_OK)
                out[n] = '\0';
        }
    }
    sqlite3_finalize(q);
    sqlite3_close(h);
}

/* A site's TLS sessions are shared by the fetcher's transfer handles, end to end: its
 * robots.txt, sitemap and homepage come on separate connections (openssl s_server -www
 * answers one request a connection, and its page says whether the session was new or
 * resumed). Here the homepage starts after robots.txt has shaken hands (the plain-http probe
 * of the same host is refused and retried, which holds the host back), so it resumes
 * robots.txt's session whichever handle it gets. test_fetch test_tls_sessions_shared checks
 * the sharing itself, without that timing. */
static void test_audit_tls_sessions(void **state)
{
    (void)state;
    char seeds[256], out[256], db[256], url[128], resolve[96];
    struct ea_test_sslserver srv;
    ea_test_sslserver_start(&srv, EA_FIXTURES "/tls/server.pem", EA_FIXTURES "/tls/server.key");
    unsigned port = srv.port;
    snprintf(seeds, sizeof(seeds), "%s/tls-seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/tls-out", tmpdir);
    snprintf(db, sizeof(db), "%s/tls.sqlite", tmpdir);
    snprintf(url, sizeof(url), "https://site.test:%u/", port);
    snprintf(resolve, sizeof(resolve), "site.test:%u:127.0.0.1", port);
    FILE *f = fopen(seeds, "w");
    assert_non_null(f);
    fprintf(f, "%s\n", url);
    fclose(f);
    static struct run r;
    run_eaudit(&r, (const char *[]){ "audit", "--out", out, "--db", db, "--delay", "0",
                                     "--no-progress", "--cacert", EA_FIXTURES "/tls/ca.pem",
                                     "--resolve", resolve, seeds, NULL });
    ea_test_sslserver_stop(&srv);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    static char body[1 << 16];
    stored_body(db, url, body, sizeof(body));
    if (!strstr(body, "Reused, TLSv1.2"))
        fail_msg("the homepage's TLS session was not resumed:\n%.600s", body);
}

/* Sites the unfinished run of db has stored so far (0 while there is none). */
/* The first column of sql's first row over db as a number (-1 when the database cannot be
 * read yet): what readers through store/ do not see, such as an unfinished site's pages. */
static long long sql_number(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *q = NULL;
    long long n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(h);
    return n;
}

static size_t stored_sites(const char *db)
{
    struct ea_store *st = NULL;
    long long run_id;
    char **ids = NULL;
    size_t n = 0;
    struct stat sb;
    if (stat(db, &sb) != 0 || ea_store_open_reader(db, &st) != EA_OK)
        return 0;
    if (ea_store_run_unfinished(st, &run_id) == EA_OK &&
        ea_store_run_site_ids(st, run_id, &ids, &n) == EA_OK)
        ea_store_ids_free(ids, n);
    ea_store_close(st);
    return n;
}

/* An audit killed with SIGKILL in the middle of a run, then resumed: no site lost, none
 * audited twice, none stored twice, and the database passes integrity_check. */
static void test_audit_kill_and_resume(void **state)
{
    (void)state;
    /* Nine pages that end before the kill (a batch of them is stored, the site unfinished)
     * and one that answers after it. */
    static const char slow_home[] =
        "<!DOCTYPE html><html lang=\"lv\"><head><title>Lēnā</title></head><body>"
        "<a href=\"/slow/late\">L</a><a href=\"/slow/p1\">1</a><a href=\"/slow/p2\">2</a>"
        "<a href=\"/slow/p3\">3</a><a href=\"/slow/p4\">4</a><a href=\"/slow/p5\">5</a>"
        "<a href=\"/slow/p6\">6</a><a href=\"/slow/p7\">7</a><a href=\"/slow/p8\">8</a>"
        "<a href=\"/slow/p9\">9</a></body></html>";
    static const char slow_pages[] = "SELECT count(*) FROM pages WHERE site_id = 'slow-test'";
    const struct ea_test_route routes[] = {
        HTML_ROUTE("/a/", good_page),
        HTML_ROUTE("/b/", good_page),
        HTML_ROUTE("/slow/", slow_home),
        HTML_ROUTE("/slow/p*", good_page),
        /* answers only after the kill */
        { .path = "/slow/late",
          .headers = "Content-Type: text/html\n",
          .body = good_page,
          .delay_ms = 8000 },
        { .path = NULL },
    };
    struct ea_test_httpd *h = ea_test_httpd_start(routes);
    unsigned port = ea_test_httpd_port(h);
    char seeds[256], out[256], db[256], ra[64], rb[64], rs[64], text[1024], path[512];
    static char csv[1 << 16];
    snprintf(seeds, sizeof(seeds), "%s/kill-seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/kill-out", tmpdir);
    snprintf(db, sizeof(db), "%s/kill.sqlite", tmpdir);
    snprintf(ra, sizeof(ra), "a.test:%u:127.0.0.1", port);
    snprintf(rb, sizeof(rb), "b.test:%u:127.0.0.1", port);
    snprintf(rs, sizeof(rs), "slow.test:%u:127.0.0.1", port);
    snprintf(text, sizeof(text),
             "http://slow.test:%u/slow/\nhttp://a.test:%u/a/\nhttp://b.test:%u/b/\n", port, port,
             port);
    FILE *f = fopen(seeds, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);

    const char *const args[] = {
        "audit", "--out",     out, "--db",      db, "--delay",   "0",  "--no-progress", "--resolve",
        ra,      "--resolve", rb,  "--resolve", rs, "--timeout", "20", seeds,           NULL
    };
    pid_t pid = spawn_eaudit("killed", args);
    /* Wait (at most 20 s) until the two fast sites are stored and pages of the slow one, then
     * kill it. */
    for (int i = 0; i < 400 && (stored_sites(db) < 2 || sql_number(db, slow_pages) < 8); i++)
        nanosleep(&(struct timespec){ .tv_nsec = 50 * 1000 * 1000 }, NULL);
    assert_int_equal(stored_sites(db), 2);
    assert_true(sql_number(db, slow_pages) >= 8);
    assert_int_equal(kill(pid, SIGKILL), 0);
    int st;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
    unsigned a_hits = ea_test_httpd_hits(h, "/a/"), b_hits = ea_test_httpd_hits(h, "/b/");

    static struct run r;
    const char *const resume[] = {
        "audit", "--resume",      "--out",     out,   "--db",      db, "--delay",
        "0",     "--no-progress", "--resolve", ra,    "--resolve", rb, "--resolve",
        rs,      "--timeout",     "20",        seeds, NULL
    };
    run_eaudit(&r, resume);
    if (r.status != 0)
        fail_msg("exit %d, stderr:\n%s", r.status, r.err);
    assert_non_null(strstr(r.err, "2 sites already done"));
    assert_int_equal(ea_test_httpd_hits(h, "/a/"), a_hits); /* not audited again */
    assert_int_equal(ea_test_httpd_hits(h, "/b/"), b_hits);

    snprintf(path, sizeof(path), "%s/evaluation.csv", out);
    read_file(path, csv, sizeof(csv));
    static const char *const ids[] = { "\r\nslow-test,", "\r\na-test,", "\r\nb-test," };
    const char *prev = csv;
    for (size_t i = 0; i < 3; i++) {
        const char *row = strstr(csv, ids[i]);
        if (!row || row < prev)
            fail_msg("row %s missing or out of seed order in:\n%s", ids[i] + 2, csv);
        assert_null(strstr(row + 1, ids[i])); /* once */
        assert_non_null(strstr(row, ",1,"));  /* reachable */
        prev = row;
    }
    struct ea_store *store = NULL;
    char **stored = NULL;
    size_t nstored = 0;
    long long run_id;
    assert_int_equal(ea_store_open_reader(db, &store), EA_OK);
    assert_int_equal(ea_store_verify(store), EA_OK);
    assert_int_equal(ea_store_run_unfinished(store, &run_id), EA_NOTFOUND);
    assert_int_equal(ea_store_run_latest(store, true, &run_id), EA_OK);
    assert_int_equal(run_id, 1); /* the killed run was finished, no new one begun */
    assert_int_equal(ea_store_run_site_ids(store, run_id, &stored, &nstored), EA_OK);
    assert_int_equal(nstored, 3);
    ea_store_ids_free(stored, nstored);
    ea_store_close(store);
    /* The slow site's pages once each: what the killed run stored of it was replaced. */
    assert_true(sql_number(db, slow_pages) >= 11);
    assert_int_equal(sql_number(db, "SELECT count(*) - count(DISTINCT url) FROM pages WHERE "
                                    "site_id = 'slow-test'"),
                     0);
    ea_test_httpd_stop(h);
}

static void test_audit_missing_seeds(void **state)
{
    (void)state;
    static struct run r;
    char out[256], db[256];
    snprintf(out, sizeof(out), "%s/out2", tmpdir);
    snprintf(db, sizeof(db), "%s/db2.sqlite", tmpdir);
    run_eaudit(
        &r, (const char *[]){ "audit", "--out", out, "--db", db, "/nonexistent/seeds.txt", NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot open seeds file '/nonexistent/seeds.txt'"));
}

static void test_audit_unwritable_db(void **state)
{
    (void)state;
    static struct run r;
    char seeds[256], out[256];
    snprintf(seeds, sizeof(seeds), "%s/empty-seeds.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/out3", tmpdir);
    FILE *f = fopen(seeds, "w");
    fputs("# nothing\n", f);
    fclose(f);
    run_eaudit(
        &r, (const char *[]){ "audit", "--out", out, "--db", "/proc/nope/x.sqlite", seeds, NULL });
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "/proc/nope"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage_and_exit_codes),
        cmocka_unit_test(test_rules_lists_every_check),
        cmocka_unit_test(test_check_file_text_and_json),
        cmocka_unit_test(test_check_files_on_workers),
        cmocka_unit_test(test_check_url_sheets),
        cmocka_unit_test(test_audit_local_sites),
        cmocka_unit_test(test_audit_tls),
        cmocka_unit_test(test_audit_tls_sessions),
        cmocka_unit_test(test_robots_command),
        cmocka_unit_test(test_audit_two_nights),
        cmocka_unit_test(test_audit_css_imports),
        cmocka_unit_test(test_audit_resume),
        cmocka_unit_test(test_audit_fixture_sites),
        cmocka_unit_test(test_audit_hostile_web),
        cmocka_unit_test(test_audit_kill_and_resume),
        cmocka_unit_test(test_audit_delay_window),
        cmocka_unit_test(test_audit_progress_eta),
        cmocka_unit_test(test_audit_shared_sheets),
        cmocka_unit_test(test_audit_shared_sheet_retried),
        cmocka_unit_test(test_audit_trees_bounded),
        cmocka_unit_test(test_audit_held),
        cmocka_unit_test(test_audit_missing_seeds),
        cmocka_unit_test(test_audit_unwritable_db),
    };
    /* EA_TEST_FILTER=test_audit_* runs those only (while working on one). */
    if (getenv("EA_TEST_FILTER"))
        cmocka_set_test_filter(getenv("EA_TEST_FILTER"));
    return cmocka_run_group_tests(tests, setup, teardown);
}

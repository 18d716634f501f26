/* ea_reports_write_run: every report of a run, from the store, written atomically. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "writers/report.h"

void ea_report_site_dir(const char *id, char *out, size_t n)
{
    size_t i = 0;
    if (n == 0)
        return;
    for (; id[i] && i + 1 < n; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || (c == '.' && i > 0);
        out[i] = ok ? c : '_';
    }
    if (i == 0 && i + 1 < n)
        out[i++] = '_';
    out[i] = '\0';
}

/* mkdir -p; a path part that exists but is not a folder is named in the message. */
static enum ea_err make_dirs(const char *path)
{
    char *p = ea_xstrdup(path);
    enum ea_err result = EA_OK;
    size_t len = strlen(p);
    for (size_t i = 1; i <= len && result == EA_OK; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char saved = p[i];
        p[i] = '\0';
        struct stat sb;
        if (mkdir(p, 0777) != 0) {
            if (errno != EEXIST) {
                ea_log_error("cannot create folder '%s': %s", p, strerror(errno));
                result = EA_IO;
            } else if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
                ea_log_error("cannot write reports under '%s': it is a file, not a folder", p);
                result = EA_IO;
            }
        }
        p[i] = saved;
    }
    free(p);
    return result;
}

enum report_kind {
    R_HTML_LV,
    R_HTML_EN,
    R_JSON,
    R_INDEX_LV,
    R_INDEX_EN,
};

struct job {
    enum report_kind kind;
    struct ea_store *st;
    const struct ea_store_run *run;
    const struct ea_store_site_rec *site;
    long long prev;
};

static enum ea_err render(FILE *f, const struct job *j)
{
    switch (j->kind) {
    case R_HTML_LV:
        return ea_report_site_html(f, j->run, j->site, false);
    case R_HTML_EN:
        return ea_report_site_html(f, j->run, j->site, true);
    case R_JSON:
        return ea_report_site_json(f, j->run, j->site);
    case R_INDEX_LV:
        return ea_report_index_html(f, j->st, j->run, j->prev, false);
    case R_INDEX_EN:
        return ea_report_index_html(f, j->st, j->run, j->prev, true);
    }
    return EA_INVAL;
}

/* Writes path.tmp, then renames it over path: a reader never sees half a report. */
static enum ea_err write_file(const char *path, const struct job *j)
{
    struct ea_buf tmp = EA_BUF_INIT(SIZE_MAX);
    enum ea_err err = EA_IO;
    ea_buf_addf(&tmp, "%s.tmp", path);
    FILE *f = fopen(tmp.buf, "wb");
    if (!f) {
        ea_log_error("cannot write '%s': %s", tmp.buf, strerror(errno));
        goto out;
    }
    err = render(f, j);
    bool close_failed = fclose(f) != 0;
    int saved = errno;
    if (err == EA_IO || (err == EA_OK && close_failed)) {
        ea_log_error("cannot write '%s': %s", path, strerror(saved));
        err = EA_IO;
    } else if (err == EA_OK && rename(tmp.buf, path) != 0) {
        ea_log_error("cannot rename '%s' to '%s': %s", tmp.buf, path, strerror(errno));
        err = EA_IO;
    }
    if (err != EA_OK)
        remove(tmp.buf);
out:
    ea_buf_release(&tmp);
    return err;
}

/* The report files of one folder: each written from a copy of job with its kind. */
struct report_file {
    enum report_kind kind;
    const char *name;
};

static enum ea_err write_files(const char *dir, const struct report_file *files, size_t n,
                               struct job j)
{
    struct ea_buf path = EA_BUF_INIT(SIZE_MAX);
    enum ea_err err = EA_OK;
    for (size_t i = 0; i < n && err == EA_OK; i++) {
        j.kind = files[i].kind;
        ea_buf_reset(&path);
        ea_buf_addf(&path, "%s/%s", dir, files[i].name);
        err = write_file(path.buf, &j);
    }
    ea_buf_release(&path);
    return err;
}

enum ea_err ea_reports_write_site_files(const struct ea_store_run *run,
                                        const struct ea_store_site_rec *s, const char *out_dir)
{
    static const struct report_file files[] = {
        { R_HTML_LV, "report.html" },
        { R_HTML_EN, "report.en.html" },
        { R_JSON, "report.json" },
    };
    struct ea_buf path = EA_BUF_INIT(SIZE_MAX);
    char dir[256];
    ea_report_site_dir(s->id, dir, sizeof(dir));
    ea_buf_addf(&path, "%s/sites/%s", out_dir, dir);
    enum ea_err err = make_dirs(path.buf);
    if (err == EA_OK)
        err = write_files(path.buf, files, EA_ARRAY_LEN(files),
                          (struct job){ .run = run, .site = s });
    ea_buf_release(&path);
    return err;
}

enum ea_err ea_reports_write_site(struct ea_store *st, const struct ea_store_run *run,
                                  const char *id, const char *out_dir)
{
    struct ea_store_site_rec s;
    enum ea_err err = ea_store_site_load(st, run->id, id, &s);
    if (err != EA_OK)
        return err;
    err = ea_reports_write_site_files(run, &s, out_dir);
    ea_store_site_rec_release(&s);
    return err;
}

/* The run and the previous finished one (0 when none), as index.html compares them. */
static enum ea_err load_run(struct ea_store *st, long long run_id, struct ea_store_run *run,
                            long long *prev)
{
    struct ea_store_run *runs = NULL;
    size_t nruns = 0;
    enum ea_err err;
    memset(run, 0, sizeof(*run));
    *prev = 0;
    if ((err = ea_store_run_get(st, run_id, run)) != EA_OK) {
        if (err == EA_NOTFOUND)
            ea_log_error("database '%s' has no run %lld", ea_store_path(st), run_id);
        return err;
    }
    if ((err = ea_store_runs(st, &runs, &nruns)) == EA_OK)
        for (size_t i = 0; i < nruns; i++)
            if (runs[i].id < run_id && runs[i].finished)
                *prev = runs[i].id;
    for (size_t i = 0; i < nruns; i++)
        ea_store_run_release(&runs[i]);
    free(runs);
    return err;
}

static enum ea_err write_index(struct ea_store *st, const struct ea_store_run *run, long long prev,
                               const char *out_dir)
{
    static const struct report_file files[] = {
        { R_INDEX_LV, "index.html" },
        { R_INDEX_EN, "index.en.html" },
    };
    return write_files(out_dir, files, EA_ARRAY_LEN(files),
                       (struct job){ .st = st, .run = run, .prev = prev });
}

enum ea_err ea_reports_write_index(struct ea_store *st, long long run_id, const char *out_dir)
{
    struct ea_store_run run;
    long long prev;
    enum ea_err err = load_run(st, run_id, &run, &prev);
    if (err == EA_OK && (err = make_dirs(out_dir)) == EA_OK)
        err = write_index(st, &run, prev, out_dir);
    ea_store_run_release(&run);
    return err;
}

enum ea_err ea_reports_write_run(struct ea_store *st, long long run_id, const char *out_dir)
{
    struct ea_store_run run;
    char **ids = NULL;
    size_t nids = 0;
    long long prev;
    enum ea_err err = load_run(st, run_id, &run, &prev);
    if (err != EA_OK)
        goto out;
    if ((err = make_dirs(out_dir)) != EA_OK)
        goto out;
    if ((err = ea_store_run_site_ids(st, run_id, &ids, &nids)) != EA_OK)
        goto out;
    for (size_t i = 0; i < nids && err == EA_OK; i++)
        err = ea_reports_write_site(st, &run, ids[i], out_dir);
    if (err == EA_OK)
        err = write_index(st, &run, prev, out_dir);
out:
    ea_store_ids_free(ids, nids);
    ea_store_run_release(&run);
    return err;
}

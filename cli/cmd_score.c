/* eaudit score: the evaluation sheet (and optional self-assessment and expert answers) in,
 * OUT/scores.csv and OUT/scores.html out, through the scoring model in rules/. */
#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "rules/model.h"
#include "scoring/scoring.h"
#include "store/store.h"
#include "writers/csv.h"
#include "writers/scores.h"

static void usage(FILE *out)
{
    fputs("usage: eaudit score [--sheet FILE | --run N [--db FILE]] [--self FILE]\n"
          "                    [--expert FILE] [--model DIR] [--out DIR] [--template]\n"
          "\n"
          "Computes the e-index (SPEC §6): five theme scores (0-100), the overall index, the\n"
          "maturity level per theme and overall, ranks, group indices (all, ministries,\n"
          "institutions) and the recommendations for each institution's next level. Writes\n"
          "OUT/scores.csv and OUT/scores.html.\n"
          "\n"
          "  --sheet FILE   the evaluation sheet (default ./reports/evaluation.csv)\n"
          "  --run N        score stored run N instead of a sheet (0: the latest)\n"
          "  --db FILE      the database for --run (default ./var/eaudit.sqlite; giving it\n"
          "                 alone scores its latest run)\n"
          "  --self FILE    self-assessment answers: an id column and one column per question\n"
          "  --expert FILE  expert answers, the same shape\n"
          "  --model DIR    the scoring model: DIR/eindex.xml or a file (default: the one built\n"
          "                 in, rules/model/eindex.xml)\n"
          "  --out DIR      where to write (default ./reports)\n"
          "  --template     write OUT/self-assessment.csv and OUT/expert.csv to fill in: the\n"
          "                 question ids, texts and allowed answers, one row per institution of\n"
          "                 the sheet when it can be read\n"
          "\n"
          "An empty answer is left out of its theme's maximum, not counted as 0; rows whose id\n"
          "starts with '#' are comments.\n",
          out);
}

/* ---- a CSV file read whole with libcsv ---- */

struct csv_row {
    char **f; /* owned; NULL for an empty field */
    size_t n;
    size_t line; /* where the row ends in the file, for messages */
};

struct table {
    const char *path;     /* borrowed */
    struct csv_row *rows; /* owned; rows[0] is the header */
    size_t n;
    struct csv_row cur;
    size_t line;  /* the line being parsed */
    size_t *byid; /* owned: the data rows (no comments) sorted by id, then position */
    size_t nbyid;
    size_t id_col;
};

static void on_field(void *s, size_t len, void *data)
{
    struct table *t = data;
    t->cur.f = ea_xreallocarray(t->cur.f, t->cur.n + 1, sizeof(*t->cur.f));
    t->cur.f[t->cur.n++] = s && len ? ea_xstrndup(s, len) : NULL;
}

static void on_row(int c, void *data)
{
    struct table *t = data;
    (void)c;
    t->rows = ea_xreallocarray(t->rows, t->n + 1, sizeof(*t->rows));
    t->cur.line = t->line;
    t->rows[t->n++] = t->cur;
    t->cur = (struct csv_row){ NULL, 0, 0 };
}

static void row_release(struct csv_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i]);
    free(r->f);
}

static void table_release(struct table *t)
{
    for (size_t i = 0; i < t->n; i++)
        row_release(&t->rows[i]);
    row_release(&t->cur);
    free(t->rows);
    free(t->byid);
}

static const char *cell(const struct table *t, size_t row, size_t col)
{
    return col < t->rows[row].n ? t->rows[row].f[col] : NULL;
}

static size_t column(const struct table *t, const char *name)
{
    for (size_t c = 0; c < t->rows[0].n; c++)
        if (t->rows[0].f[c] && strcmp(t->rows[0].f[c], name) == 0)
            return c;
    return (size_t)-1;
}

static bool comment_row(const struct table *t, size_t row)
{
    const char *id = cell(t, row, t->id_col);
    return !id || id[0] == '#';
}

static int cmp_id(const char *a, size_t ra, const char *b, size_t rb)
{
    int c = strcmp(a, b);
    return c ? c : (ra > rb) - (ra < rb);
}

static const struct table *sorting; /* qsort has no context argument */

static int by_id(const void *a, const void *b)
{
    size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
    return cmp_id(cell(sorting, ra, sorting->id_col), ra, cell(sorting, rb, sorting->id_col), rb);
}

/* Sorts the rows by id so that looking one up is a binary search: the tables are joined
 * on id for every institution. */
static void table_index(struct table *t)
{
    t->byid = ea_xcalloc(t->n, sizeof(*t->byid));
    for (size_t r = 1; r < t->n; r++)
        if (!comment_row(t, r))
            t->byid[t->nbyid++] = r;
    sorting = t;
    qsort(t->byid, t->nbyid, sizeof(*t->byid), by_id);
    sorting = NULL;
}

static enum ea_err table_read(const char *path, struct table *t)
{
    struct csv_parser p;
    struct ea_buf data = EA_BUF_INIT(EA_MAX_SCORE_CSV);
    enum ea_err result = EA_IO;

    memset(t, 0, sizeof(*t));
    t->path = path;
    /* Strict: a stray quote is an error, not a field that swallows the rest of the file. */
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
        abort();
    switch (ea_file_read(path, &data)) {
    case EA_OK:
        break;
    case EA_LIMIT:
        ea_log_error("'%s' is larger than %u bytes: not an answer table", path, EA_MAX_SCORE_CSV);
        result = EA_LIMIT;
        goto out;
    default:
        ea_log_error("cannot read '%s': %s", path, strerror(errno));
        goto out;
    }
    /* A spreadsheet saving "CSV UTF-8" starts with a byte order mark. */
    size_t pos = data.len >= 3 && memcmp(data.buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    result = EA_PARSE;
    /* Fed a line at a time so that every row and error knows its line number. */
    while (pos < data.len) {
        const char *nl = memchr(data.buf + pos, '\n', data.len - pos);
        size_t len = nl ? (size_t)(nl - (data.buf + pos)) + 1 : data.len - pos;
        t->line++;
        if (csv_parse(&p, data.buf + pos, len, on_field, on_row, t) != len) {
            ea_log_error("%s:%zu: %s", path, t->line, csv_strerror(csv_error(&p)));
            goto out;
        }
        pos += len;
    }
    if (csv_fini(&p, on_field, on_row, t) != 0) {
        /* Strict mode fails at the end only for a quote that never closes. */
        ea_log_error("%s:%zu: a quoted field opened in this row is never closed", path,
                     t->n ? t->rows[t->n - 1].line + 1 : 1);
        goto out;
    }
    if (t->n == 0) {
        ea_log_error("'%s' is empty: it needs a header line with an 'id' column", path);
        goto out;
    }
    t->id_col = column(t, "id");
    if (t->id_col == (size_t)-1) {
        ea_log_error("%s:1: the header has no 'id' column", path);
        goto out;
    }
    table_index(t);
    result = EA_OK;
out:
    csv_free(&p);
    ea_buf_release(&data);
    return result;
}

/* A stored run's evaluation rows as a table (header: the SPEC §3 columns); label names it in
 * messages. */
static enum ea_err table_from_run(const char *db, unsigned long run, struct ea_buf *label,
                                  struct table *t)
{
    struct ea_store *st = NULL;
    struct ea_sheet_row *rows = NULL;
    size_t nrows = 0;
    long long run_id = (long long)run;
    enum ea_err err;

    memset(t, 0, sizeof(*t));
    err = ea_store_open_reader(db, &st);
    if (err != EA_OK)
        return err;
    if (!run_id && (err = ea_store_run_latest(st, false, &run_id)) != EA_OK) {
        ea_log_error("database '%s' holds no run yet: run 'eaudit audit' first", db);
        goto out;
    }
    if (run_id) {
        struct ea_store_run info = { 0 };
        err = ea_store_run_get(st, run_id, &info);
        ea_store_run_release(&info);
        if (err != EA_OK) {
            ea_log_error("database '%s' has no run %lld", db, run_id);
            goto out;
        }
    }
    err = ea_store_run_rows(st, run_id, &rows, &nrows);
    if (err != EA_OK) {
        ea_log_error("cannot read run %lld from '%s': %s", run_id, db, ea_strerror(err));
        goto out;
    }
    ea_buf_addf(label, "%s (run %lld)", db, run_id);
    t->path = label->buf;
    t->rows = ea_xcalloc(nrows + 1, sizeof(*t->rows));
    t->n = nrows + 1;
    for (size_t r = 0; r <= nrows; r++) {
        struct csv_row *row = &t->rows[r];
        row->f = ea_xcalloc(EA_COL_COUNT, sizeof(*row->f));
        row->n = EA_COL_COUNT;
        row->line = r + 1;
        for (size_t c = 0; c < EA_COL_COUNT; c++) {
            const char *v = r == 0 ? ea_columns[c].name : rows[r - 1].cells[c];
            row->f[c] = v ? ea_xstrdup(v) : NULL;
        }
    }
    t->id_col = EA_COL_ID;
    table_index(t);
out:
    for (size_t r = 0; r < nrows; r++)
        ea_row_release(&rows[r]);
    free(rows);
    ea_store_close(st);
    return err;
}

/* The first row holding id, or 0 (the header) when there is none. */
static size_t find_row(const struct table *t, const char *id)
{
    size_t lo = 0, hi = t->nbyid;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(cell(t, t->byid[mid], t->id_col), id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->nbyid && strcmp(cell(t, t->byid[lo], t->id_col), id) == 0 ? t->byid[lo] : 0;
}

/* ---- scoring ---- */

struct inputs {
    struct table *t[EA_SOURCE_COUNT]; /* borrowed; NULL when not given */
    size_t *col; /* owned: per question, its column in its source's table; -1 for none */
};

/* Warns about columns of a self/expert table that no question of that source reads: a typo
 * in a column name would otherwise silently drop every answer in it. */
static void unknown_columns(const struct ea_model *m, const struct table *t, enum ea_source src)
{
    for (size_t c = 0; c < t->rows[0].n; c++) {
        const char *name = t->rows[0].f[c];
        const struct ea_question *q = name ? ea_model_question(m, name) : NULL;
        if (!name || c == t->id_col || strcmp(name, "name") == 0)
            continue;
        if (!q || q->source != src)
            ea_log_warn("%s:1: column '%s' is not one of the model's %s questions; ignored",
                        t->path, name, ea_source_name(src));
    }
}

static void answers(const struct ea_model *m, const struct inputs *in, const char *id,
                    size_t sheet_row, double *points)
{
    size_t row[EA_SOURCE_COUNT] = { sheet_row, 0, 0 };
    for (int s = EA_SOURCE_SELF; s < EA_SOURCE_COUNT; s++)
        row[s] = in->t[s] ? find_row(in->t[s], id) : 0;
    for (size_t i = 0; i < m->nquestions; i++) {
        const struct ea_question *q = &m->questions[i];
        const struct table *t = in->t[q->source];
        size_t r = row[q->source];
        const char *raw = r && in->col[i] != (size_t)-1 ? cell(t, r, in->col[i]) : NULL;
        if (ea_score_answer(q, raw, &points[i]) == EA_ANSWER_INVALID) {
            struct ea_buf want = EA_BUF_INIT(1024);
            ea_score_describe_answers(q, &want);
            ea_log_warn("%s:%zu: id '%s', question '%s': '%s' is not an answer (%s); "
                        "counted as missing",
                        t->path, t->rows[r].line, id, q->id, raw, want.buf);
            ea_buf_release(&want);
        }
    }
}

/* One warning naming every scored sheet column the sheet lacks. */
static void missing_columns(const struct ea_model *m, const struct table *sheet)
{
    struct ea_buf cols = EA_BUF_INIT(8192);
    size_t n = 0;
    for (size_t i = 0; i < m->nquestions; i++)
        if (m->questions[i].source == EA_SOURCE_AUTO &&
            column(sheet, m->questions[i].id) == (size_t)-1)
            ea_buf_addf(&cols, "%s%s", n++ ? ", " : "", m->questions[i].id);
    if (n)
        ea_log_warn("%s:1: no column%s %s: %s answers are missing", sheet->path, n > 1 ? "s" : "",
                    cols.buf, n > 1 ? "their" : "its");
    ea_buf_release(&cols);
}

static void unmatched_ids(const struct table *t, const struct table *sheet)
{
    for (size_t r = 1; r < t->n; r++)
        if (!comment_row(t, r) && !find_row(sheet, cell(t, r, t->id_col)))
            ea_log_warn("%s:%zu: id '%s' is not in the evaluation sheet '%s'; ignored", t->path,
                        t->rows[r].line, cell(t, r, t->id_col), sheet->path);
}

static int score(const struct ea_model *m, struct inputs *in, const char *out_dir)
{
    const struct table *sheet = in->t[EA_SOURCE_AUTO];
    size_t name_col = column(sheet, "name"), type_col = column(sheet, "type");
    size_t n = 0, nq = m->nquestions ? m->nquestions : 1;
    struct ea_scored *inst = ea_xcalloc(sheet->n, sizeof(*inst));
    struct ea_score *scores = ea_xcalloc(sheet->n, sizeof(*scores));
    size_t *order = ea_xcalloc(sheet->n, sizeof(*order));
    double *points = ea_xcalloc(sheet->n * nq, sizeof(*points));
    struct ea_buf path = EA_BUF_INIT(4096), desc = EA_BUF_INIT(8192);
    int rc = EA_EXIT_FAIL;

    in->col = ea_xcalloc(nq, sizeof(*in->col));
    for (size_t i = 0; i < m->nquestions; i++) {
        const struct table *t = in->t[m->questions[i].source];
        in->col[i] = t ? column(t, m->questions[i].id) : (size_t)-1;
    }
    for (int s = EA_SOURCE_SELF; s < EA_SOURCE_COUNT; s++)
        if (in->t[s]) {
            unknown_columns(m, in->t[s], (enum ea_source)s);
            unmatched_ids(in->t[s], sheet);
        }
    missing_columns(m, sheet);
    for (size_t r = 1; r < sheet->n; r++) {
        const char *id = cell(sheet, r, sheet->id_col);
        if (comment_row(sheet, r))
            continue;
        if (find_row(sheet, id) != r) {
            ea_log_warn("%s:%zu: id '%s' appears twice; the first row is scored", sheet->path,
                        sheet->rows[r].line, id);
            continue;
        }
        inst[n].id = id;
        inst[n].name = cell(sheet, r, name_col);
        inst[n].type = cell(sheet, r, type_col);
        inst[n].points = &points[n * nq];
        answers(m, in, id, r, &points[n * nq]);
        ea_score_compute(m, inst[n].points, &scores[n]);
        n++;
    }
    ea_score_rank(scores, n, order);
    for (size_t i = 0; i < n; i++)
        inst[i].score = scores[i];

    ea_buf_addf(&desc, "%s", sheet->path);
    if (in->t[EA_SOURCE_SELF])
        ea_buf_addf(&desc, ", pašvērtējums %s", in->t[EA_SOURCE_SELF]->path);
    if (in->t[EA_SOURCE_EXPERT])
        ea_buf_addf(&desc, ", ekspertu vērtējums %s", in->t[EA_SOURCE_EXPERT]->path);
    struct ea_score_report report = {
        .model = m, .inst = inst, .n = n, .order = order, .inputs = desc.buf
    };
    ea_buf_addf(&path, "%s/scores.csv", out_dir);
    if (ea_scores_write_csv(path.buf, &report) != EA_OK)
        goto out;
    ea_buf_reset(&path);
    ea_buf_addf(&path, "%s/scores.html", out_dir);
    if (ea_scores_write_html(path.buf, &report) != EA_OK)
        goto out;
    {
        struct ea_group all;
        ea_score_group(m, scores, NULL, n, &all);
        printf("scored %zu institutions (%zu with an index); e-index of all: ", n, all.n);
        if (isnan(all.overall))
            fputs("none", stdout);
        else
            printf("%.2f (level %d)", ea_score_round(all.overall, 2), all.level);
        printf("\nwrote %s/scores.csv and %s/scores.html\n", out_dir, out_dir);
    }
    rc = EA_EXIT_OK;
out:
    free(inst);
    free(scores);
    free(order);
    free(points);
    free(in->col);
    in->col = NULL;
    ea_buf_release(&path);
    ea_buf_release(&desc);
    return rc;
}

/* OUT/self-assessment.csv and OUT/expert.csv, one row per institution of sheet (if any). */
static int templates(const struct ea_model *m, const struct table *sheet, const char *out_dir)
{
    static const struct {
        enum ea_source src;
        const char *file;
    } forms[] = { { EA_SOURCE_SELF, "self-assessment.csv" }, { EA_SOURCE_EXPERT, "expert.csv" } };
    size_t rows = sheet ? sheet->n : 0, n = 0, name_col = sheet ? column(sheet, "name") : 0;
    const char **ids = ea_xcalloc(rows + 1, sizeof(*ids));
    const char **names = ea_xcalloc(rows + 1, sizeof(*names));
    struct ea_buf path = EA_BUF_INIT(4096);
    int rc = EA_EXIT_OK;

    for (size_t r = 1; r < rows; r++) {
        if (comment_row(sheet, r))
            continue;
        ids[n] = cell(sheet, r, sheet->id_col);
        names[n++] = cell(sheet, r, name_col);
    }
    for (size_t i = 0; i < EA_ARRAY_LEN(forms) && rc == EA_EXIT_OK; i++) {
        ea_buf_reset(&path);
        ea_buf_addf(&path, "%s/%s", out_dir, forms[i].file);
        if (ea_scores_write_template(path.buf, m, forms[i].src, ids, names, n) != EA_OK)
            rc = EA_EXIT_FAIL;
        else
            printf("wrote %s\n", path.buf);
    }
    free(ids);
    free(names);
    ea_buf_release(&path);
    return rc;
}

static bool readable(const char *path)
{
    return access(path, R_OK) == 0;
}

static bool make_dir(const char *dir)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return true;
    ea_log_error("cannot create folder '%s': %s", dir, strerror(errno));
    return false;
}

int ea_cmd_score(int argc, char **argv)
{
    static const struct option opts[] = {
        { "sheet", required_argument, NULL, 's' },  { "self", required_argument, NULL, 'S' },
        { "expert", required_argument, NULL, 'e' }, { "model", required_argument, NULL, 'm' },
        { "out", required_argument, NULL, 'o' },    { "template", no_argument, NULL, 't' },
        { "run", required_argument, NULL, 'r' },    { "db", required_argument, NULL, 'd' },
        { "help", no_argument, NULL, 'h' },         { NULL, 0, NULL, 0 },
    };
    const char *sheet_path = NULL, *self_path = NULL, *expert_path = NULL, *model_path = NULL;
    const char *out_dir = "./reports";
    const char *db = NULL;
    unsigned long run = 0;
    bool template = false, from_store = false;
    struct ea_buf label = EA_BUF_INIT(4096);
    struct ea_model *m = NULL;
    struct table sheet = { 0 }, self = { 0 }, expert = { 0 };
    struct inputs in = { { NULL }, NULL };
    struct ea_buf path = EA_BUF_INIT(4096);
    int c, rc = EA_EXIT_FAIL;

    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            sheet_path = optarg;
            break;
        case 'S':
            self_path = optarg;
            break;
        case 'e':
            expert_path = optarg;
            break;
        case 'm':
            model_path = optarg;
            break;
        case 'o':
            out_dir = optarg;
            break;
        case 't':
            template = true;
            break;
        case 'r':
            if (!ea_parse_uint("score", "--run", optarg, 0, (unsigned long)INT64_MAX, &run))
                return EA_EXIT_USAGE;
            from_store = true;
            break;
        case 'd':
            db = optarg;
            from_store = true;
            break;
        case 'h':
            usage(stdout);
            return EA_EXIT_OK;
        default:
            return ea_usage_error("score", "bad option");
        }
    }
    if (optind < argc)
        return ea_usage_error("score", "unexpected argument '%s'", argv[optind]);
    if (from_store && sheet_path)
        return ea_usage_error("score", "--sheet and --run/--db are two sources: give one");
    if (ea_model_load(model_path, &m, NULL) != EA_OK) {
        ea_log_error("cannot use the scoring model; fix the file or pass --model DIR");
        goto out;
    }
    if (!make_dir(out_dir))
        goto out;
    if (template) {
        /* The sheet only fills in the ids; without one the templates still have the questions. */
        const char *p = sheet_path ? sheet_path : "./reports/evaluation.csv";
        bool have = (sheet_path || readable(p)) && table_read(p, &sheet) == EA_OK;
        if (sheet_path && !have)
            goto out;
        rc = templates(m, have ? &sheet : NULL, out_dir);
        goto out;
    }
    if (from_store
            ? table_from_run(db ? db : "./var/eaudit.sqlite", run, &label, &sheet) != EA_OK
            : table_read(sheet_path ? sheet_path : "./reports/evaluation.csv", &sheet) != EA_OK)
        goto out;
    in.t[EA_SOURCE_AUTO] = &sheet;
    if (self_path) {
        if (table_read(self_path, &self) != EA_OK)
            goto out;
        in.t[EA_SOURCE_SELF] = &self;
    }
    if (expert_path) {
        if (table_read(expert_path, &expert) != EA_OK)
            goto out;
        in.t[EA_SOURCE_EXPERT] = &expert;
    }
    rc = score(m, &in, out_dir);
out:
    table_release(&sheet);
    table_release(&self);
    table_release(&expert);
    ea_model_free(m);
    ea_buf_release(&path);
    ea_buf_release(&label);
    return rc;
}

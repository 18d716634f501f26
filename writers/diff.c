#include "writers/diff.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* A violation's identity across runs. */
struct key {
    const char *url, *rule, *target;
    const struct ea_store_finding_rec *f;
};

static int str_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int key_cmp(const void *pa, const void *pb)
{
    const struct key *a = pa, *b = pb;
    int c = str_cmp(a->url, b->url);
    if (!c)
        c = str_cmp(a->rule, b->rule);
    if (!c)
        c = str_cmp(a->target, b->target);
    return c;
}

static struct key *keys_of(const struct ea_store_site_rec *s, size_t *n)
{
    struct key *k = ea_xcalloc(s->nfindings ? s->nfindings : 1, sizeof(*k));
    *n = 0;
    for (size_t i = 0; i < s->nfindings; i++) {
        const struct ea_store_finding_rec *f = &s->findings[i];
        if (f->outcome != EA_OUTCOME_VIOLATION)
            continue;
        k[(*n)++] = (struct key){ s->pages[f->page].url, f->rule, f->target, f };
    }
    qsort(k, *n, sizeof(*k), key_cmp);
    return k;
}

static bool is_true(const char *s)
{
    return s && strcmp(s, "1") == 0;
}

static char *dup_opt(const char *s)
{
    return s ? ea_xstrdup(s) : NULL;
}

static void add_finding(struct ea_diff_site *ds, size_t *cap, enum ea_diff_kind kind,
                        const struct key *k)
{
    EA_GROW(ds->findings, ds->nfindings + 1, *cap);
    ds->findings[ds->nfindings++] = (struct ea_diff_finding){
        .kind = kind,
        .rule = ea_xstrdup(k->rule),
        .url = ea_xstrdup(k->url),
        .target = dup_opt(k->target),
        .html = dup_opt(k->f->html),
        .line = k->f->line,
    };
    if (kind == EA_DIFF_NEW)
        ds->nnew++;
    else
        ds->nfixed++;
}

static int kind_cmp(const void *pa, const void *pb)
{
    const struct ea_diff_finding *a = pa, *b = pb;
    if (a->kind != b->kind)
        return a->kind == EA_DIFF_NEW ? -1 : 1;
    int c = str_cmp(a->url, b->url);
    if (!c)
        c = str_cmp(a->rule, b->rule);
    return c ? c : str_cmp(a->target, b->target);
}

static bool audited(const struct ea_store_site_rec *s, const char *url)
{
    for (size_t i = 0; i < s->npages; i++)
        if (s->pages[i].audited && strcmp(s->pages[i].url, url) == 0)
            return true;
    return false;
}

/* Multiset difference of the two sorted key lists. A violation is fixed only when run b
 * checked its page again: a page b did not reach (or did not crawl) proves nothing. */
static void diff_findings(const struct ea_store_site_rec *a, const struct ea_store_site_rec *b,
                          struct ea_diff_site *ds)
{
    size_t na = 0, nb = 0, i = 0, j = 0, cap = 0;
    struct key *ka = keys_of(a, &na);
    struct key *kb = keys_of(b, &nb);
    while (i < na || j < nb) {
        int c = i == na ? 1 : j == nb ? -1 : key_cmp(&ka[i], &kb[j]);
        if (c < 0 && audited(b, ka[i].url))
            add_finding(ds, &cap, EA_DIFF_FIXED, &ka[i++]);
        else if (c < 0)
            i++;
        else if (c > 0)
            add_finding(ds, &cap, EA_DIFF_NEW, &kb[j++]);
        else
            i++, j++;
    }
    if (ds->nfindings > 1)
        qsort(ds->findings, ds->nfindings, sizeof(*ds->findings), kind_cmp);
    free(ka);
    free(kb);
}

/* When reachability flipped, answers that went to or came from "not determined" follow from
 * it and are left out; the flip itself is reported. */
static void diff_answers(const struct ea_store_site_rec *a, const struct ea_store_site_rec *b,
                         struct ea_diff_site *ds)
{
    size_t cap = 0;
    bool flipped = ds->became_reachable || ds->became_unreachable;
    for (size_t c = 0; c < EA_COL_COUNT; c++) {
        if (c == EA_COL_AUDIT_DATE)
            continue; /* changes every night by definition */
        const char *va = a->row.cells[c], *vb = b->row.cells[c];
        if (!str_cmp(va, vb) && !va == !vb)
            continue;
        if (flipped && (!va || !vb))
            continue;
        EA_GROW(ds->answers, ds->nanswers + 1, cap);
        ds->answers[ds->nanswers++] = (struct ea_diff_answer){
            .col = (enum ea_col)c,
            .before = dup_opt(va),
            .after = dup_opt(vb),
        };
    }
}

static bool site_changed(const struct ea_diff_site *ds)
{
    return ds->added || ds->removed || ds->became_reachable || ds->became_unreachable ||
           ds->nfindings || ds->nanswers;
}

static void release_site(struct ea_diff_site *ds)
{
    free(ds->id);
    free(ds->name);
    for (size_t i = 0; i < ds->nfindings; i++) {
        free(ds->findings[i].rule);
        free(ds->findings[i].url);
        free(ds->findings[i].target);
        free(ds->findings[i].html);
    }
    free(ds->findings);
    for (size_t i = 0; i < ds->nanswers; i++) {
        free(ds->answers[i].before);
        free(ds->answers[i].after);
    }
    free(ds->answers);
}

void ea_diff_release(struct ea_diff *d)
{
    for (size_t i = 0; i < d->nsites; i++)
        release_site(&d->sites[i]);
    free(d->sites);
    free(d->date_a);
    free(d->date_b);
    memset(d, 0, sizeof(*d));
}

static bool has_id(char **ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return true;
    return false;
}

/* Compares one site id across the runs; appends it to d when something changed. */
static enum ea_err diff_site(struct ea_store *st, struct ea_diff *d, const char *id, bool in_a,
                             bool in_b, size_t *cap)
{
    struct ea_store_site_rec sa, sb;
    struct ea_diff_site ds;
    enum ea_err err = EA_OK;
    memset(&sa, 0, sizeof(sa));
    memset(&sb, 0, sizeof(sb));
    memset(&ds, 0, sizeof(ds));
    if (in_a && (err = ea_store_site_load(st, d->run_a, id, &sa)) != EA_OK)
        goto out;
    if (in_b && (err = ea_store_site_load(st, d->run_b, id, &sb)) != EA_OK)
        goto out;
    ds.id = ea_xstrdup(id);
    ds.name = dup_opt((in_b ? &sb : &sa)->row.cells[EA_COL_NAME]);
    ds.added = !in_a;
    ds.removed = !in_b;
    if (in_a && in_b) {
        bool ra = is_true(sa.row.cells[EA_COL_REACHABLE]);
        bool rb = is_true(sb.row.cells[EA_COL_REACHABLE]);
        ds.became_unreachable = ra && !rb;
        ds.became_reachable = !ra && rb;
        diff_answers(&sa, &sb, &ds);
    }
    if (in_a && in_b) /* an added or dropped site is reported as such, not finding by finding */
        diff_findings(&sa, &sb, &ds);
    if (site_changed(&ds)) {
        EA_GROW(d->sites, d->nsites + 1, *cap);
        d->sites[d->nsites++] = ds;
        d->nnew += ds.nnew;
        d->nfixed += ds.nfixed;
        d->nanswers += ds.nanswers;
        d->nunreachable += ds.became_unreachable;
        d->nreachable += ds.became_reachable;
        d->nadded += ds.added;
        d->nremoved += ds.removed;
        memset(&ds, 0, sizeof(ds));
    }
out:
    release_site(&ds);
    ea_store_site_rec_release(&sa);
    ea_store_site_rec_release(&sb);
    return err;
}

enum ea_err ea_diff_compute(struct ea_store *st, long long a, long long b, struct ea_diff *out)
{
    struct ea_diff d;
    struct ea_store_run ra, rb;
    char **ia = NULL, **ib = NULL;
    size_t na = 0, nb = 0, cap = 0;
    enum ea_err err;

    memset(&d, 0, sizeof(d));
    memset(&ra, 0, sizeof(ra));
    memset(&rb, 0, sizeof(rb));
    d.run_a = a;
    d.run_b = b;
    if ((err = ea_store_run_get(st, a, &ra)) != EA_OK ||
        (err = ea_store_run_get(st, b, &rb)) != EA_OK ||
        (err = ea_store_run_site_ids(st, a, &ia, &na)) != EA_OK ||
        (err = ea_store_run_site_ids(st, b, &ib, &nb)) != EA_OK)
        goto out;
    d.date_a = ea_xstrdup(ra.audit_date);
    d.date_b = ea_xstrdup(rb.audit_date);
    for (size_t i = 0; i < nb && err == EA_OK; i++)
        err = diff_site(st, &d, ib[i], has_id(ia, na, ib[i]), true, &cap);
    for (size_t i = 0; i < na && err == EA_OK; i++)
        if (!has_id(ib, nb, ia[i]))
            err = diff_site(st, &d, ia[i], true, false, &cap);
    if (err != EA_OK)
        goto out;
    *out = d;
    memset(&d, 0, sizeof(d));
out:
    ea_diff_release(&d);
    ea_store_run_release(&ra);
    ea_store_run_release(&rb);
    ea_store_ids_free(ia, na);
    ea_store_ids_free(ib, nb);
    return err;
}

/* Prints s for a terminal: control bytes from a site (an escape sequence in a target or
 * an answer) become '?'. */
static void put_text(FILE *f, const char *s)
{
    for (s = s ? s : "(empty)"; *s; s++)
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, f);
}

enum ea_err ea_diff_write_text(FILE *f, const struct ea_diff *d)
{
    fprintf(f, "run %lld (", d->run_a);
    put_text(f, d->date_a);
    fprintf(f, ") -> run %lld (", d->run_b);
    put_text(f, d->date_b);
    fputs(")\n", f);
    for (size_t i = 0; i < d->nsites; i++) {
        const struct ea_diff_site *s = &d->sites[i];
        fputc('\n', f);
        put_text(f, s->id);
        if (s->name) {
            fputs("  ", f);
            put_text(f, s->name);
        }
        fputc('\n', f);
        if (s->added)
            fputs("  site added\n", f);
        if (s->removed)
            fputs("  site no longer audited\n", f);
        if (s->became_unreachable)
            fputs("  became unreachable\n", f);
        if (s->became_reachable)
            fputs("  reachable again\n", f);
        for (size_t k = 0; k < s->nfindings; k++) {
            const struct ea_diff_finding *x = &s->findings[k];
            fprintf(f, "  %-5s ", x->kind == EA_DIFF_NEW ? "new" : "fixed");
            put_text(f, x->rule);
            fputc(' ', f);
            put_text(f, x->url);
            fprintf(f, ":%u ", x->line);
            put_text(f, x->target ? x->target : "");
            fputc('\n', f);
        }
        for (size_t k = 0; k < s->nanswers; k++) {
            const struct ea_diff_answer *x = &s->answers[k];
            fprintf(f, "  answer %s: ", ea_columns[x->col].name);
            put_text(f, x->before);
            fputs(" -> ", f);
            put_text(f, x->after);
            fputc('\n', f);
        }
    }
    fprintf(f,
            "\n%zu new, %zu fixed, %zu answer%s changed, %zu site%s became unreachable, "
            "%zu reachable again, %zu added, %zu dropped\n",
            d->nnew, d->nfixed, d->nanswers, d->nanswers == 1 ? "" : "s", d->nunreachable,
            d->nunreachable == 1 ? "" : "s", d->nreachable, d->nadded, d->nremoved);
    return ferror(f) ? EA_IO : EA_OK;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

enum ea_err ea_diff_write_json(FILE *f, const struct ea_diff *d)
{
    json_t *root = json_object(), *sites = json_array();
    for (size_t i = 0; i < d->nsites; i++) {
        const struct ea_diff_site *s = &d->sites[i];
        json_t *js = json_object(), *nw = json_array(), *fx = json_array(), *ans = json_array();
        json_object_set_new(js, "id", json_string(s->id));
        json_object_set_new(js, "name", str_or_null(s->name));
        json_object_set_new(js, "added", json_boolean(s->added));
        json_object_set_new(js, "removed", json_boolean(s->removed));
        json_object_set_new(js, "became_unreachable", json_boolean(s->became_unreachable));
        json_object_set_new(js, "became_reachable", json_boolean(s->became_reachable));
        for (size_t k = 0; k < s->nfindings; k++) {
            const struct ea_diff_finding *x = &s->findings[k];
            json_t *o = json_object();
            json_object_set_new(o, "rule", json_string(x->rule));
            json_object_set_new(o, "url", json_string(x->url));
            json_object_set_new(o, "target", str_or_null(x->target));
            json_object_set_new(o, "html", str_or_null(x->html));
            json_object_set_new(o, "line", json_integer(x->line));
            json_array_append_new(x->kind == EA_DIFF_NEW ? nw : fx, o);
        }
        for (size_t k = 0; k < s->nanswers; k++) {
            const struct ea_diff_answer *x = &s->answers[k];
            json_t *o = json_object();
            json_object_set_new(o, "column", json_string(ea_columns[x->col].name));
            json_object_set_new(o, "before", str_or_null(x->before));
            json_object_set_new(o, "after", str_or_null(x->after));
            json_array_append_new(ans, o);
        }
        json_object_set_new(js, "new", nw);
        json_object_set_new(js, "fixed", fx);
        json_object_set_new(js, "answers", ans);
        json_array_append_new(sites, js);
    }
    json_t *from = json_object(), *to = json_object(), *totals = json_object();
    json_object_set_new(from, "run", json_integer(d->run_a));
    json_object_set_new(from, "audit_date", json_string(d->date_a));
    json_object_set_new(to, "run", json_integer(d->run_b));
    json_object_set_new(to, "audit_date", json_string(d->date_b));
    json_object_set_new(totals, "new", json_integer((json_int_t)d->nnew));
    json_object_set_new(totals, "fixed", json_integer((json_int_t)d->nfixed));
    json_object_set_new(totals, "answers", json_integer((json_int_t)d->nanswers));
    json_object_set_new(totals, "became_unreachable", json_integer((json_int_t)d->nunreachable));
    json_object_set_new(totals, "became_reachable", json_integer((json_int_t)d->nreachable));
    json_object_set_new(totals, "added", json_integer((json_int_t)d->nadded));
    json_object_set_new(totals, "removed", json_integer((json_int_t)d->nremoved));
    json_object_set_new(root, "from", from);
    json_object_set_new(root, "to", to);
    json_object_set_new(root, "totals", totals);
    json_object_set_new(root, "sites", sites);
    int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || fputc('\n', f) == EOF)
        return EA_IO;
    return EA_OK;
}

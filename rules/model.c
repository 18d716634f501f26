/* The scoring model loader: libxml2 for the line numbers, then validation of every rule the
 * scoring core relies on, so that a bad file is refused before anything is scored. */
#include "rules/model.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/file.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/sheet.h"
#include "core/xalloc.h"

const char *const ea_theme_ids[EA_THEMES] = {
    "communication", "open_data", "customer_service", "services", "internal",
};

static const char *const source_names[EA_SOURCE_COUNT] = { "auto", "self", "expert" };

#define MAX_ERRORS 50

struct loader {
    const char *name;
    struct ea_buf *errors; /* borrowed; NULL: log */
    size_t nerrors;
    struct ea_model *m;
    bool theme_seen[EA_THEMES];
    bool overall_seen;
    int col_line[EA_COL_COUNT]; /* where a column is scored or ignored, 0: nowhere */
};

EA_PRINTF(3, 4) static void fail(struct loader *ld, long line, const char *fmt, ...)
{
    struct ea_buf msg = EA_BUF_INIT(4096);
    va_list ap;

    if (++ld->nerrors > MAX_ERRORS)
        return;
    if (line > 0)
        ea_buf_addf(&msg, "%s:%ld: ", ld->name, line);
    else
        ea_buf_addf(&msg, "%s: ", ld->name);
    va_start(ap, fmt);
    ea_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (ld->errors) {
        ea_buf_add(ld->errors, msg.buf);
        ea_buf_addch(ld->errors, '\n');
    } else {
        ea_log_error("%s", msg.buf);
    }
    ea_buf_release(&msg);
}

const char *ea_source_name(enum ea_source s)
{
    return (unsigned)s < EA_SOURCE_COUNT ? source_names[s] : "?";
}

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The attribute as a heap string (free()), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s;
    if (!v)
        return NULL;
    s = ea_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static bool has_attr(const xmlNode *n, const char *name)
{
    return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

/* The element's text with whitespace runs collapsed (texts are wrapped in the file). */
static char *text_of(const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    struct ea_buf b = EA_BUF_INIT((size_t)-1);
    bool space = false;
    if (!v)
        return ea_xstrdup("");
    for (const char *p = (const char *)v; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space)
            ea_buf_addch(&b, ' ');
        space = false;
        ea_buf_addch(&b, *p);
    }
    xmlFree(v);
    return ea_buf_detach(&b, NULL);
}

/* Reads a required (or optional, with a default) finite number attribute. */
static bool number(struct loader *ld, const xmlNode *n, const char *name, bool required,
                   double *out)
{
    char *s = attr(n, name), *end;
    bool ok = false;
    if (!s) {
        if (required)
            fail(ld, xmlGetLineNo(n), "<%s> needs %s=\"NUMBER\"", (const char *)n->name, name);
        return !required;
    }
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v)) {
        fail(ld, xmlGetLineNo(n), "%s=\"%s\" is not a number", name, s);
        goto out;
    }
    *out = v;
    ok = true;
out:
    free(s);
    return ok;
}

static int theme_index(const char *id)
{
    for (int i = 0; i < EA_THEMES; i++)
        if (id && strcmp(id, ea_theme_ids[i]) == 0)
            return i;
    return -1;
}

static void unknown_theme(struct loader *ld, long line, const char *id)
{
    fail(ld, line,
         "unknown theme '%s' (the themes are communication, open_data, customer_service, "
         "services, internal)",
         id);
}

/* l2..l5 into lower[1..4]: numbers in (0, 100], rising strictly. */
static void levels(struct loader *ld, const xmlNode *n, double lower[EA_LEVELS])
{
    static const char *const names[EA_LEVELS] = { "l1", "l2", "l3", "l4", "l5" };
    bool ok = true;
    lower[0] = 0;
    for (int l = 1; l < EA_LEVELS; l++)
        ok &= number(ld, n, names[l], true, &lower[l]);
    if (!ok)
        return;
    for (int l = 1; l < EA_LEVELS; l++) {
        if (!(lower[l] > 0 && lower[l] <= 100)) {
            fail(ld, xmlGetLineNo(n), "%s=\"%g\" is outside 0-100 (level 1 starts at 0)", names[l],
                 lower[l]);
            return;
        }
        if (l > 1 && !(lower[l] > lower[l - 1])) {
            fail(ld, xmlGetLineNo(n), "boundaries out of order: %s=\"%g\" is not above %s=\"%g\"",
                 names[l], lower[l], names[l - 1], lower[l - 1]);
            return;
        }
    }
}

static void parse_theme(struct loader *ld, const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    char *id = attr(n, "id");
    int t = theme_index(id);
    struct ea_theme *th;
    bool have_levels = false;

    if (!id) {
        fail(ld, line, "<theme> needs id=\"...\"");
        goto out;
    }
    if (t < 0) {
        unknown_theme(ld, line, id);
        goto out;
    }
    if (ld->theme_seen[t]) {
        fail(ld, line, "theme '%s' is defined twice", id);
        goto out;
    }
    ld->theme_seen[t] = true;
    th = &ld->m->themes[t];
    th->id = ea_theme_ids[t];
    th->weight_assumed = has_attr(n, "assumed");
    if (number(ld, n, "weight", true, &th->weight) && th->weight < 0)
        fail(ld, line, "theme '%s' has a negative weight (%g)", id, th->weight);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "name")) {
            char *lang = attr(c, "lang");
            bool en = lang && strcmp(lang, "en") == 0;
            char **slot = en ? &th->name_en : &th->name_lv;
            free(*slot);
            *slot = text_of(c);
            if (!en && has_attr(c, "short")) {
                free(th->short_lv);
                th->short_lv = attr(c, "short");
            }
            free(lang);
        } else if (is(c, "levels")) {
            have_levels = true;
            th->levels_assumed = has_attr(c, "assumed");
            levels(ld, c, th->lower);
        } else if (is(c, "recommendation")) {
            double lv = 0;
            if (!number(ld, c, "level", true, &lv))
                continue;
            if (lv != floor(lv) || lv < 2 || lv > EA_LEVELS) {
                fail(ld, xmlGetLineNo(c),
                     "recommendation level=\"%g\" is not 2-5 (the level it "
                     "leads to)",
                     lv);
                continue;
            }
            th->recs = ea_xreallocarray(th->recs, th->nrecs + 1, sizeof(*th->recs));
            th->recs[th->nrecs++] = (struct ea_recommendation){ (int)lv, text_of(c) };
        } else {
            fail(ld, xmlGetLineNo(c), "unknown element <%s> in <theme>", (const char *)c->name);
        }
    }
    if (!th->name_lv)
        fail(ld, line, "theme '%s' needs a <name lang=\"lv\">", id);
    else if (!th->short_lv)
        th->short_lv = ea_xstrdup(th->name_lv);
    if (!have_levels)
        fail(ld, line, "theme '%s' needs <levels l2 l3 l4 l5>", id);
out:
    free(id);
}

static void parse_overall(struct loader *ld, const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    char *rule = attr(n, "rule");
    struct ea_model *m = ld->m;

    if (ld->overall_seen)
        fail(ld, line, "<overall> is defined twice");
    ld->overall_seen = true;
    m->overall_assumed = has_attr(n, "assumed");
    if (!rule || strcmp(rule, "score") == 0) {
        m->overall_rule = EA_OVERALL_SCORE;
        levels(ld, n, m->overall_lower);
    } else if (strcmp(rule, "min") == 0) {
        m->overall_rule = EA_OVERALL_MIN;
    } else if (strcmp(rule, "mean") == 0) {
        m->overall_rule = EA_OVERALL_MEAN;
    } else {
        fail(ld, line, "overall rule=\"%s\" is not score, min or mean", rule);
    }
    free(rule);
}

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* <step min max points> or <choice value points>, points within the question's. */
static void parse_step(struct loader *ld, struct ea_question *q, const xmlNode *c)
{
    long line = xmlGetLineNo(c);
    struct ea_step st = { -HUGE_VAL, HUGE_VAL, 0, NULL };
    bool ok = number(ld, c, "points", true, &st.points);

    if (q->map == EA_MAP_CHOICE) {
        if (!is(c, "choice")) {
            fail(ld, line, "question '%s' (map=\"choice\") takes <choice>, not <%s>", q->id,
                 (const char *)c->name);
            return;
        }
        st.value = attr(c, "value");
        if (!st.value) {
            fail(ld, line, "<choice> needs value=\"...\"");
            return;
        }
        for (size_t i = 0; i < q->nsteps; i++)
            if (strcmp(q->steps[i].value, st.value) == 0) {
                fail(ld, line, "question '%s' has choice '%s' twice", q->id, st.value);
                ok = false;
            }
    } else {
        if (!is(c, "step")) {
            fail(ld, line, "question '%s' (map=\"steps\") takes <step>, not <%s>", q->id,
                 (const char *)c->name);
            return;
        }
        ok &= number(ld, c, "min", false, &st.min);
        ok &= number(ld, c, "max", false, &st.max);
        if (!has_attr(c, "min") && !has_attr(c, "max")) {
            fail(ld, line, "<step> needs min=\"NUMBER\", max=\"NUMBER\" or both");
            ok = false;
        } else if (st.min > st.max) {
            fail(ld, line, "<step> has min %g above max %g", st.min, st.max);
            ok = false;
        }
    }
    if (ok && !(st.points >= 0 && st.points <= q->points)) {
        fail(ld, line, "points=\"%g\" is outside 0-%g (the question's points)", st.points,
             q->points);
        ok = false;
    }
    if (!ok) {
        free(st.value);
        return;
    }
    q->steps = ea_xreallocarray(q->steps, q->nsteps + 1, sizeof(*q->steps));
    q->steps[q->nsteps++] = st;
}

static bool parse_map(struct loader *ld, const xmlNode *n, struct ea_question *q)
{
    static const char *const maps[] = { "bool", "linear", "steps", "choice" };
    char *map = attr(n, "map");
    bool ok = false;
    long line = xmlGetLineNo(n);

    for (size_t i = 0; map && i < EA_ARRAY_LEN(maps); i++)
        if (strcmp(map, maps[i]) == 0) {
            q->map = (enum ea_map)i;
            ok = true;
        }
    if (!ok) {
        fail(ld, line, "question '%s' needs map=\"bool|linear|steps|choice\"%s%s%s", q->id,
             map ? ", not \"" : "", map ? map : "", map ? "\"" : "");
        goto out;
    }
    if (q->map == EA_MAP_LINEAR) {
        /* Both are read (not &&) so that both problems are reported at once. */
        ok = number(ld, n, "lo", true, &q->lo);
        ok = number(ld, n, "hi", true, &q->hi) && ok;
        if (ok && !(q->lo < q->hi)) {
            fail(ld, line, "question '%s': lo=\"%g\" is not below hi=\"%g\"", q->id, q->lo, q->hi);
            ok = false;
        }
    }
out:
    free(map);
    return ok;
}

static void parse_question(struct loader *ld, const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    char *id = attr(n, "id"), *theme = attr(n, "theme"), *source = attr(n, "source");
    struct ea_model *m = ld->m;
    struct ea_question q = { 0 };
    bool ok = true;

    q.line = (int)line;
    q.assumed = has_attr(n, "assumed");
    if (!id || !valid_id(id)) {
        fail(ld, line, "question id=\"%s\" is not a column name (a-z, 0-9, _)", id ? id : "");
        goto out;
    }
    for (size_t i = 0; i < m->nquestions; i++)
        if (strcmp(m->questions[i].id, id) == 0) {
            fail(ld, line, "duplicate question '%s' (first on line %d)", id, m->questions[i].line);
            goto out;
        }
    q.id = id;
    id = NULL;
    q.theme = theme_index(theme);
    if (q.theme < 0) {
        if (theme)
            unknown_theme(ld, line, theme);
        else
            fail(ld, line, "question '%s' needs theme=\"...\"", q.id);
        ok = false;
    }
    q.source = EA_SOURCE_COUNT;
    for (int s = 0; source && s < EA_SOURCE_COUNT; s++)
        if (strcmp(source, source_names[s]) == 0)
            q.source = (enum ea_source)s;
    if (q.source == EA_SOURCE_COUNT) {
        fail(ld, line, "question '%s' needs source=\"auto|self|expert\"", q.id);
        ok = false;
    } else if (q.source == EA_SOURCE_AUTO) {
        enum ea_col col = ea_col_find(q.id);
        if (col == EA_COL_COUNT || col < EA_COL_REACHABLE) {
            fail(ld, line,
                 "automatic question '%s' is not an answer column of the evaluation "
                 "sheet (SPEC §3)",
                 q.id);
            ok = false;
        } else {
            ld->col_line[col] = (int)line;
        }
    }
    if (number(ld, n, "points", true, &q.points) && !(q.points > 0)) {
        fail(ld, line, "question '%s' has points=\"%g\"; it needs more than 0", q.id, q.points);
        ok = false;
    }
    ok &= parse_map(ld, n, &q);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "text")) {
            char *lang = attr(c, "lang");
            char **slot = lang && strcmp(lang, "en") == 0 ? &q.text_en : &q.text_lv;
            free(*slot);
            *slot = text_of(c);
            free(lang);
        } else if (ok && (q.map == EA_MAP_STEPS || q.map == EA_MAP_CHOICE)) {
            parse_step(ld, &q, c);
        } else if (ok) {
            fail(ld, xmlGetLineNo(c), "unknown element <%s> in question '%s'",
                 (const char *)c->name, q.id);
        }
    }
    if (!q.text_lv) {
        fail(ld, line, "question '%s' needs a <text lang=\"lv\">", q.id);
        ok = false;
    }
    if (ok && (q.map == EA_MAP_STEPS || q.map == EA_MAP_CHOICE) && q.nsteps == 0) {
        fail(ld, line, "question '%s' needs at least one <%s>", q.id,
             q.map == EA_MAP_STEPS ? "step" : "choice");
        ok = false;
    }
    /* Kept even when invalid so later duplicates are still found; the load fails anyway. */
    m->questions = ea_xreallocarray(m->questions, m->nquestions + 1, sizeof(*m->questions));
    m->questions[m->nquestions++] = q;
    memset(&q, 0, sizeof(q));
out:
    free(id);
    free(theme);
    free(source);
}

static void parse_ignore(struct loader *ld, const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    char *col = attr(n, "column"), *reason = attr(n, "reason");
    enum ea_col c = col ? ea_col_find(col) : EA_COL_COUNT;

    if (c == EA_COL_COUNT || c < EA_COL_REACHABLE)
        fail(ld, line, "ignored column '%s' is not an answer column of the evaluation sheet",
             col ? col : "");
    else if (!reason || !*reason)
        fail(ld, line, "<ignore column=\"%s\"> needs reason=\"why it is not scored\"", col);
    else if (ld->col_line[c])
        fail(ld, line, "column '%s' is already scored or ignored on line %d", col, ld->col_line[c]);
    else {
        ld->col_line[c] = (int)line;
        ld->m->ignored[c] = true;
    }
    free(col);
    free(reason);
}

static void check_whole(struct loader *ld, const xmlNode *root)
{
    long line = xmlGetLineNo(root);
    struct ea_model *m = ld->m;
    double sum = 0;
    size_t per_theme[EA_THEMES] = { 0 };

    for (int t = 0; t < EA_THEMES; t++) {
        if (!ld->theme_seen[t])
            fail(ld, line, "theme '%s' is not defined", ea_theme_ids[t]);
        else if (m->themes[t].weight > 0)
            sum += m->themes[t].weight;
    }
    if (!ld->overall_seen)
        fail(ld, line, "<overall> is missing");
    for (size_t i = 0; i < m->nquestions; i++)
        if (m->questions[i].theme >= 0)
            per_theme[m->questions[i].theme]++;
    for (int t = 0; t < EA_THEMES; t++)
        if (ld->theme_seen[t] && per_theme[t] == 0)
            fail(ld, line, "theme '%s' has no questions", ea_theme_ids[t]);
    if (ld->nerrors)
        return;
    if (!(sum > 0)) {
        fail(ld, line, "every theme weight is 0: at least one must be positive");
        return;
    }
    for (int t = 0; t < EA_THEMES; t++)
        m->themes[t].weight /= sum;
}

static void collect_xml_error(void *data, xmlErrorPtr e)
{
    struct loader *ld = data;
    struct ea_buf msg = EA_BUF_INIT(1024);
    if (e->level < XML_ERR_ERROR)
        return;
    ea_buf_add(&msg, e->message ? e->message : "malformed XML");
    ea_buf_trim(&msg);
    fail(ld, e->line, "%s", msg.buf);
    ea_buf_release(&msg);
}

enum ea_err ea_model_parse(const char *name, const char *data, size_t len, struct ea_model **out,
                           struct ea_buf *errors)
{
    struct loader ld = { .name = name, .errors = errors };
    enum ea_err result = EA_PARSE;
    xmlDoc *doc = NULL;
    const xmlNode *root;

    ld.m = ea_xcalloc(1, sizeof(*ld.m));
    ld.m->file = ea_xstrdup(name);
    if (len > INT_MAX) {
        fail(&ld, 0, "the file is too large for a model");
        goto out;
    }
    /* No network, no entity expansion: a model file is data, never a fetch. */
    xmlSetStructuredErrorFunc(&ld, collect_xml_error);
    doc = xmlReadMemory(data, (int)len, name, "UTF-8", XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc) {
        if (!ld.nerrors)
            fail(&ld, 0, "not an XML document");
        goto out;
    }
    root = xmlDocGetRootElement(doc);
    if (!root || !is(root, "model")) {
        fail(&ld, root ? xmlGetLineNo(root) : 0, "the root element must be <model>");
        goto out;
    }
    {
        char *version = attr(root, "version");
        if (!version || strcmp(version, "1") != 0)
            fail(&ld, xmlGetLineNo(root), "<model version=\"1\"> is the only version known");
        free(version);
    }
    for (const xmlNode *n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is(n, "theme"))
            parse_theme(&ld, n);
        else if (is(n, "overall"))
            parse_overall(&ld, n);
        else if (is(n, "question"))
            parse_question(&ld, n);
        else if (is(n, "ignore"))
            parse_ignore(&ld, n);
        else
            fail(&ld, xmlGetLineNo(n), "unknown element <%s>", (const char *)n->name);
    }
    check_whole(&ld, root);
    if (ld.nerrors > MAX_ERRORS)
        fail(&ld, 0, "%zu more problems not shown", ld.nerrors - MAX_ERRORS);
    if (!ld.nerrors) {
        *out = ld.m;
        ld.m = NULL;
        result = EA_OK;
    }
out:
    xmlFreeDoc(doc);
    ea_model_free(ld.m);
    return result;
}

/* Reads the whole of a (small) file. */
static enum ea_err slurp(const char *path, char **data, size_t *len, struct ea_buf *errors)
{
    struct ea_buf b = EA_BUF_INIT(EA_MAX_RULE_FILE);
    struct loader ld = { .name = path, .errors = errors };
    enum ea_err result = ea_file_read(path, &b);

    if (result == EA_LIMIT)
        fail(&ld, 0, "larger than %u bytes: not a model file", EA_MAX_RULE_FILE);
    else if (result != EA_OK)
        fail(&ld, 0, "cannot read: %s", strerror(errno));
    else
        *data = ea_buf_detach(&b, len);
    ea_buf_release(&b);
    return result;
}

enum ea_err ea_model_load(const char *path, struct ea_model **out, struct ea_buf *errors)
{
    struct ea_buf file = EA_BUF_INIT(4096);
    struct stat st;
    char *data = NULL;
    size_t len = 0;
    enum ea_err err;

    if (!path)
        return ea_model_parse("rules/model/eindex.xml (built in)", (const char *)ea_model_default,
                              ea_model_default_len, out, errors);
    ea_buf_add(&file, path);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        ea_buf_add(&file, "/eindex.xml");
    err = slurp(file.buf, &data, &len, errors);
    if (err == EA_OK)
        err = ea_model_parse(file.buf, data, len, out, errors);
    free(data);
    ea_buf_release(&file);
    return err;
}

void ea_model_free(struct ea_model *m)
{
    if (!m)
        return;
    for (int t = 0; t < EA_THEMES; t++) {
        struct ea_theme *th = &m->themes[t];
        free(th->name_lv);
        free(th->name_en);
        free(th->short_lv);
        for (size_t i = 0; i < th->nrecs; i++)
            free(th->recs[i].text);
        free(th->recs);
    }
    for (size_t i = 0; i < m->nquestions; i++) {
        struct ea_question *q = &m->questions[i];
        free(q->id);
        free(q->text_lv);
        free(q->text_en);
        for (size_t s = 0; s < q->nsteps; s++)
            free(q->steps[s].value);
        free(q->steps);
    }
    free(m->questions);
    free(m->file);
    free(m);
}

const struct ea_question *ea_model_question(const struct ea_model *m, const char *id)
{
    for (size_t i = 0; i < m->nquestions; i++)
        if (strcmp(m->questions[i].id, id) == 0)
            return &m->questions[i];
    return NULL;
}

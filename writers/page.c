#include "writers/page.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "core/buf.h"
#include "writers/page_json.h"

static json_t *tags_of(const struct ea_check *c)
{
    struct ea_buf b = EA_BUF_INIT(256);
    json_t *tags = json_array();
    ea_check_tags(c, &b);
    for (char *p = b.buf; *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(tags, json_stringn(p, n));
        p += n + (p[n] == ',');
    }
    ea_buf_release(&b);
    return tags;
}

/* One rule's entry in a result list. compact leaves out what is the same on every page (the
 * help texts and criteria): a site's report.json lists those once, in "rules". */
static json_t *rule_entry(const struct ea_results *r, size_t rule, enum ea_outcome want,
                          bool with_nodes, bool compact)
{
    const char *id = r->rules[rule].id;
    const struct ea_check *c = ea_check_find(id);
    json_t *e = json_object();
    json_t *nodes = json_array();

    json_object_set_new(e, "id", json_string(id));
    if (c) {
        json_object_set_new(e, "impact",
                            want == EA_OUTCOME_PASS || !with_nodes
                                ? json_null()
                                : json_string(ea_impact_name(c->impact)));
        json_object_set_new(e, "tags", tags_of(c));
        if (!compact)
            ea_check_json_describe(c, e);
    }
    for (size_t i = 0; with_nodes && i < r->nfindings; i++) {
        const struct ea_finding *f = &r->findings[i];
        if (f->rule != rule || f->outcome != want)
            continue;
        json_t *n = json_object();
        json_t *target = json_array();
        json_array_append_new(target, json_string(f->target));
        json_object_set_new(n, "target", target);
        json_object_set_new(n, "html", json_string(f->html));
        json_object_set_new(n, "line", json_integer(f->line));
        json_object_set_new(n, "column", json_integer(f->column));
        if (f->message)
            json_object_set_new(n, "message", json_string(f->message));
        json_array_append_new(nodes, n);
    }
    json_object_set_new(e, "nodes", nodes);
    json_object_set_new(e, "count", json_integer((json_int_t)r->rules[rule].count[want]));
    return e;
}

void ea_check_json_describe(const struct ea_check *c, json_t *e)
{
    json_object_set_new(e, "wcag", c->wcag ? json_string(c->wcag) : json_null());
    json_object_set_new(e, "help", json_string(c->help_en));
    json_object_set_new(e, "help_lv", json_string(c->help_lv));
}

json_t *ea_page_json(const char *url, const struct ea_results *r, bool compact)
{
    json_t *page = json_object();
    json_t *viol = json_array(), *pass = json_array(), *inc = json_array(), *inap = json_array();

    json_object_set_new(page, "url", json_string(url));
    for (size_t i = 0; i < r->nrules; i++) {
        const struct ea_rule_result *rr = &r->rules[i];
        if (!ea_rule_result_applicable(rr)) {
            json_array_append_new(inap, rule_entry(r, i, EA_OUTCOME_PASS, false, compact));
            continue;
        }
        if (rr->count[EA_OUTCOME_VIOLATION])
            json_array_append_new(viol, rule_entry(r, i, EA_OUTCOME_VIOLATION, true, compact));
        if (rr->count[EA_OUTCOME_INCOMPLETE])
            json_array_append_new(inc, rule_entry(r, i, EA_OUTCOME_INCOMPLETE, true, compact));
        if (rr->count[EA_OUTCOME_PASS])
            json_array_append_new(pass, rule_entry(r, i, EA_OUTCOME_PASS, true, compact));
    }
    json_object_set_new(page, "violations", viol);
    json_object_set_new(page, "passes", pass);
    json_object_set_new(page, "incomplete", inc);
    json_object_set_new(page, "inapplicable", inap);
    return page;
}

enum ea_err ea_page_write_json(FILE *out, const char *url, const struct ea_results *r)
{
    json_t *page = ea_page_json(url, r, false);
    int rc = json_dumpf(page, out, JSON_COMPACT);
    json_decref(page);
    if (rc != 0 || fputc('\n', out) == EOF)
        return EA_IO;
    return EA_OK;
}

static const char *outcome_label(enum ea_outcome o)
{
    return o == EA_OUTCOME_VIOLATION ? "violation" : "needs review";
}

enum ea_err ea_page_write_text(FILE *out, const char *url, const struct ea_results *r)
{
    size_t nviol = 0, ninc = 0, npassed = 0, napplicable = 0;

    fprintf(out, "%s\n", url);
    for (size_t i = 0; i < r->nfindings; i++) {
        const struct ea_finding *f = &r->findings[i];
        if (f->outcome == EA_OUTCOME_PASS)
            continue;
        const char *id = r->rules[f->rule].id;
        const struct ea_check *c = ea_check_find(id);
        fprintf(out, "  %s:%u:%u: %s %s", url, f->line, f->column, outcome_label(f->outcome), id);
        if (c && c->wcag)
            fprintf(out, " (WCAG %s %s, %s)", c->wcag, ea_level_name(c->level),
                    ea_impact_name(c->impact));
        fprintf(out, "\n    %s\n    %s\n", f->target, f->html);
        if (c)
            fprintf(out, "    %s%s%s\n", c->help_en, f->message ? ": " : "",
                    f->message ? f->message : "");
    }
    for (size_t i = 0; i < r->nrules; i++) {
        const struct ea_rule_result *rr = &r->rules[i];
        nviol += rr->count[EA_OUTCOME_VIOLATION];
        ninc += rr->count[EA_OUTCOME_INCOMPLETE];
        napplicable += ea_rule_result_applicable(rr);
        npassed += ea_rule_result_passed(rr);
    }
    fprintf(out, "  %zu violation%s, %zu to review; %zu of %zu applicable rules passed\n", nviol,
            nviol == 1 ? "" : "s", ninc, npassed, napplicable);
    return ferror(out) ? EA_IO : EA_OK;
}

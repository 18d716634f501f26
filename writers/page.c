#include "writers/page.h"

#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "core/buf.h"
#include "writers/page_json.h"

static void tags_of(struct ea_json *w, const struct ea_check *c)
{
    struct ea_buf b = EA_BUF_INIT(256);
    ea_check_tags(c, &b);
    ea_json_array(w);
    for (char *p = b.buf; *p;) {
        size_t n = strcspn(p, ",");
        ea_json_strn(w, p, n);
        p += n + (p[n] == ',');
    }
    ea_json_end(w);
    ea_buf_release(&b);
}

/* One rule's entry in a result list. compact leaves out what is the same on every page (the
 * help texts and criteria): a site's report.json lists those once, in "rules". */
static void rule_entry(struct ea_json *w, const struct ea_results *r, size_t rule,
                       enum ea_outcome want, bool with_nodes, bool compact)
{
    const char *id = r->rules[rule].id;
    const struct ea_check *c = ea_check_find(id);

    ea_json_object(w);
    ea_json_kstr(w, "id", id);
    if (c) {
        ea_json_kstr(w, "impact",
                     want == EA_OUTCOME_PASS || !with_nodes ? NULL : ea_impact_name(c->impact));
        ea_json_key(w, "tags");
        tags_of(w, c);
        if (!compact)
            ea_check_json_describe(w, c);
    }
    ea_json_key(w, "nodes");
    ea_json_array(w);
    for (size_t i = 0; with_nodes && i < r->nfindings; i++) {
        const struct ea_finding *f = &r->findings[i];
        if (f->rule != rule || f->outcome != want)
            continue;
        ea_json_object(w);
        ea_json_key(w, "target");
        ea_json_array(w);
        ea_json_str(w, f->target);
        ea_json_end(w);
        ea_json_kstr(w, "html", f->html);
        ea_json_kint(w, "line", f->line);
        ea_json_kint(w, "column", f->column);
        if (f->message)
            ea_json_kstr(w, "message", f->message);
        ea_json_end(w);
    }
    ea_json_end(w);
    ea_json_kint(w, "count", (long long)r->rules[rule].count[want]);
    ea_json_end(w);
}

void ea_check_json_describe(struct ea_json *w, const struct ea_check *c)
{
    ea_json_kstr(w, "wcag", c->wcag);
    ea_json_kstr(w, "help", c->help_en);
    ea_json_kstr(w, "help_lv", c->help_lv);
}

/* The rules of r in one of the four lists. */
enum list {
    LIST_VIOLATIONS,
    LIST_PASSES,
    LIST_INCOMPLETE,
    LIST_INAPPLICABLE
};

struct entry_args {
    const struct ea_results *r;
    size_t rule;
    bool compact;
};

static void inapplicable_entry(struct ea_json *w, const void *arg)
{
    const struct entry_args *a = arg;
    rule_entry(w, a->r, a->rule, EA_OUTCOME_PASS, false, a->compact);
}

static void rule_list(struct ea_json *w, const struct ea_results *r, enum list which, bool compact)
{
    static const enum ea_outcome outcome[] = {
        [LIST_VIOLATIONS] = EA_OUTCOME_VIOLATION,
        [LIST_PASSES] = EA_OUTCOME_PASS,
        [LIST_INCOMPLETE] = EA_OUTCOME_INCOMPLETE,
        [LIST_INAPPLICABLE] = EA_OUTCOME_PASS,
    };
    ea_json_array(w);
    for (size_t i = 0; i < r->nrules; i++) {
        const struct ea_rule_result *rr = &r->rules[i];
        bool applicable = ea_rule_result_applicable(rr);
        if (which == LIST_INAPPLICABLE) {
            if (applicable)
                continue;
            /* The same text on every page the rule does not apply to (no nodes, count 0): a
             * known rule's entry is written once per report and copied after that. */
            const struct ea_check *c = ea_check_find(rr->id);
            struct entry_args args = { r, i, compact };
            if (c)
                ea_json_memo_value(w, c, compact, inapplicable_entry, &args);
            else
                rule_entry(w, r, i, EA_OUTCOME_PASS, false, compact);
        } else if (applicable && rr->count[outcome[which]]) {
            rule_entry(w, r, i, outcome[which], true, compact);
        }
    }
    ea_json_end(w);
}

void ea_page_json_members(struct ea_json *w, const char *url, const struct ea_results *r,
                          bool compact)
{
    ea_json_kstr(w, "url", url);
    ea_json_key(w, "violations");
    rule_list(w, r, LIST_VIOLATIONS, compact);
    ea_json_key(w, "passes");
    rule_list(w, r, LIST_PASSES, compact);
    ea_json_key(w, "incomplete");
    rule_list(w, r, LIST_INCOMPLETE, compact);
    ea_json_key(w, "inapplicable");
    rule_list(w, r, LIST_INAPPLICABLE, compact);
}

enum ea_err ea_page_write_json(FILE *out, const char *url, const struct ea_results *r)
{
    struct ea_json w;
    ea_json_init(&w, out, 0, EA_JSON_MAX_PENDING);
    ea_json_object(&w);
    ea_page_json_members(&w, url, r, false);
    ea_json_end(&w);
    ea_buf_addch(&w.buf, '\n');
    enum ea_err err = ea_json_finish(&w);
    ea_json_release(&w);
    return err;
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

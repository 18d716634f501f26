#include "core/finding.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/xalloc.h"

void ea_results_init(struct ea_results *r, const struct ea_doc *doc)
{
    memset(r, 0, sizeof(*r));
    r->doc = doc;
}

void ea_results_release(struct ea_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nfindings; i++) {
        free(r->findings[i].target);
        free(r->findings[i].html);
        free(r->findings[i].message);
    }
    free(r->findings);
    free(r->rules);
    memset(r, 0, sizeof(*r));
}

void ea_results_drop_passes(struct ea_results *r)
{
    size_t kept = 0;
    for (size_t i = 0; i < r->nfindings; i++) {
        struct ea_finding *f = &r->findings[i];
        if (f->outcome == EA_OUTCOME_PASS) {
            free(f->target);
            free(f->html);
            free(f->message);
        } else {
            r->findings[kept++] = *f;
        }
    }
    r->nfindings = kept;
    if (!kept) {
        free(r->findings);
        r->findings = NULL;
        r->findings_cap = 0;
    } else if (kept < r->findings_cap / 2) {
        r->findings = ea_xrealloc(r->findings, kept * sizeof(*r->findings));
        r->findings_cap = kept;
    }
}

void ea_results_begin(struct ea_results *r, const char *id)
{
    EA_GROW(r->rules, r->nrules + 1, r->rules_cap);
    struct ea_rule_result *rr = &r->rules[r->nrules++];
    memset(rr, 0, sizeof(*rr));
    rr->id = id;
}

void ea_results_add(struct ea_results *r, enum ea_outcome outcome, const struct ea_node *node,
                    const char *message)
{
    assert(r->nrules > 0 && outcome < EA_OUTCOME_COUNT);
    struct ea_rule_result *rr = &r->rules[r->nrules - 1];
    /* The cap is per outcome: a rule with thousands of passes (color-contrast on a long page)
     * must still store its violations. */
    size_t stored = rr->count[outcome];
    rr->count[outcome]++;
    if (stored >= (outcome == EA_OUTCOME_PASS ? EA_MAX_PASS_NODES_PER_RULE : EA_MAX_NODES_PER_RULE))
        return;

    EA_GROW(r->findings, r->nfindings + 1, r->findings_cap);
    struct ea_finding *f = &r->findings[r->nfindings++];
    struct ea_buf b = EA_BUF_INIT(EA_MAX_URL * 4);
    f->rule = r->nrules - 1;
    f->outcome = outcome;
    f->line = node ? node->line : 0;
    f->column = node ? node->column : 0;
    if (node && r->doc) {
        ea_doc_selector(r->doc, node, &b);
        f->target = ea_buf_detach(&b, NULL);
        ea_doc_snippet(r->doc, node, &b);
        f->html = ea_buf_detach(&b, NULL);
    } else {
        f->target = ea_xstrdup("html");
        f->html = ea_xstrdup("");
    }
    f->message = message ? ea_xstrdup(message) : NULL;
}

bool ea_rule_result_applicable(const struct ea_rule_result *rr)
{
    return rr->count[EA_OUTCOME_PASS] + rr->count[EA_OUTCOME_VIOLATION] +
               rr->count[EA_OUTCOME_INCOMPLETE] >
           0;
}

bool ea_rule_result_passed(const struct ea_rule_result *rr)
{
    return ea_rule_result_applicable(rr) && rr->count[EA_OUTCOME_VIOLATION] == 0;
}

const char *ea_outcome_name(enum ea_outcome o)
{
    switch (o) {
    case EA_OUTCOME_PASS:
        return "pass";
    case EA_OUTCOME_VIOLATION:
        return "violation";
    case EA_OUTCOME_INCOMPLETE:
        return "incomplete";
    case EA_OUTCOME_COUNT:
        break;
    }
    return "unknown";
}

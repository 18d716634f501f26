/*
 * finding.h — what checks report. A check calls ea_results_add() once per element it judged:
 * pass, violation or incomplete (needs review). The finding copies what reports need (line,
 * column, selector target, start tag) so the page's tree can be freed right after the
 * checks. Per-rule counts are kept even when the stored nodes hit EA_MAX_NODES_PER_RULE.
 */
#ifndef EA_CORE_FINDING_H
#define EA_CORE_FINDING_H

#include <stddef.h>

#include "core/doc.h"

enum ea_outcome {
    EA_OUTCOME_PASS,
    EA_OUTCOME_VIOLATION,
    EA_OUTCOME_INCOMPLETE,
    EA_OUTCOME_COUNT
};

struct ea_finding {
    size_t rule; /* index into results->rules */
    enum ea_outcome outcome;
    unsigned line, column; /* 0 when the parser implied the element */
    char *target;          /* owned: "#id" or a unique CSS path */
    char *html;            /* owned: the start tag as written */
    char *message;         /* owned, may be NULL: why, in English */
};

/* One rule's tally on one page. */
struct ea_rule_result {
    const char *id;                 /* borrowed: the check's static id */
    size_t count[EA_OUTCOME_COUNT]; /* every judged element, stored or not */
};

struct ea_results {
    const struct ea_doc *doc;     /* borrowed: the page being checked */
    struct ea_rule_result *rules; /* owned: in the order the rules ran */
    size_t nrules, rules_cap;
    struct ea_finding *findings; /* owned */
    size_t nfindings, findings_cap;
};

void ea_results_init(struct ea_results *r, const struct ea_doc *doc);
void ea_results_release(struct ea_results *r);
/* Frees the elements that passed, keeping every count: what a stored audit keeps (it stores
 * violations and needs-review only), while a page's passes are up to
 * EA_MAX_PASS_NODES_PER_RULE per rule - most of its findings' memory. */
void ea_results_drop_passes(struct ea_results *r);
/* Starts the tally of rule id (a static string); later ea_results_add() calls count for it. */
void ea_results_begin(struct ea_results *r, const char *id);
/* Records one judged element for the current rule. message may be NULL. */
void ea_results_add(struct ea_results *r, enum ea_outcome outcome, const struct ea_node *node,
                    const char *message);

/* Applicable: the rule judged at least one element. Passed: applicable and no violation
 * (incomplete does not fail it) — SPEC §3 wcag_score. */
bool ea_rule_result_applicable(const struct ea_rule_result *rr);
bool ea_rule_result_passed(const struct ea_rule_result *rr);

const char *ea_outcome_name(enum ea_outcome o);

#endif

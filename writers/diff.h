/*
 * diff.h — what changed between two stored runs (`eaudit diff`, and the "changes since the
 * previous run" of index.html): per site, findings that are new or fixed (a violation is the
 * same when its rule, page URL and target are), answers that changed, sites that became
 * unreachable or reachable again, sites added to or dropped from the seeds.
 */
#ifndef EA_WRITERS_DIFF_H
#define EA_WRITERS_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "core/compat.h"
#include "core/err.h"
#include "store/store.h"

enum ea_diff_kind {
    EA_DIFF_NEW,
    EA_DIFF_FIXED,
};

struct ea_diff_finding {
    enum ea_diff_kind kind;
    char *rule, *url, *target, *html; /* owned; html may be NULL */
    unsigned line;                    /* in the run where the finding exists */
};

struct ea_diff_answer {
    enum ea_col col;
    char *before, *after; /* owned, NULL for empty */
};

struct ea_diff_site {
    char *id, *name; /* owned; name may be NULL */
    bool added, removed;
    bool became_unreachable, became_reachable;
    struct ea_diff_finding *findings; /* owned: new ones first, then fixed */
    size_t nfindings, nnew, nfixed;
    struct ea_diff_answer *answers; /* owned, in column order */
    size_t nanswers;
};

struct ea_diff {
    long long run_a, run_b;
    char *date_a, *date_b;      /* owned: audit dates */
    struct ea_diff_site *sites; /* owned: only sites that changed, in run B's order */
    size_t nsites;
    size_t nnew, nfixed, nanswers, nunreachable, nreachable, nadded, nremoved;
};

/* Compares run a (before) with run b (after). */
EA_NODISCARD enum ea_err ea_diff_compute(struct ea_store *st, long long a, long long b,
                                         struct ea_diff *out);
void ea_diff_release(struct ea_diff *d);
EA_NODISCARD enum ea_err ea_diff_write_text(FILE *f, const struct ea_diff *d);
/* One JSON object (pretty-printed, ends with a newline). */
EA_NODISCARD enum ea_err ea_diff_write_json(FILE *f, const struct ea_diff *d);

#endif

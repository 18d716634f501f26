/*
 * audit.h — the nightly audit: seeds -> fetch -> page pipeline -> evaluation row -> store
 * and reports. The one place that sees every layer; each step's logic lives in its module.
 */
#ifndef EA_CLI_AUDIT_H
#define EA_CLI_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "crawler/fetch.h"

struct ea_audit_opts {
    const char *seeds_path; /* borrowed */
    const char *out_dir;    /* borrowed */
    const char *db_path;    /* borrowed */
    unsigned max_pages;     /* per site */
    unsigned max_depth;
    struct ea_fetch_opts fetch;
    const char *const *only; /* borrowed, NULL: every check */
    size_t nonly;
    char date[11]; /* YYYY-MM-DD */
    bool quiet, verbose, progress;
    bool resume;      /* continue the latest unfinished run in the database */
    unsigned workers; /* threads for pages and reports (0: on the loop's own thread) */
};

/* Runs the audit; returns the exit status (SPEC §1). */
int ea_audit_run(const struct ea_audit_opts *opts);

#endif

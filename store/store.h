/*
 * store.h — the audit history in SQLite (the only user of sqlite3.h). One run per nightly
 * audit; per run each site's evaluation row (one value per column), its pages, each page's
 * per-rule tallies and its violations and needs-review findings. The schema carries
 * PRAGMA user_version so later versions can migrate it. Each site is written in its own
 * transaction: a crash loses at most the site in flight, never corrupts earlier ones.
 */
#ifndef EA_STORE_STORE_H
#define EA_STORE_STORE_H

#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"
#include "core/finding.h"
#include "core/sheet.h"

struct ea_store;

/* What the store keeps of one audited page. */
struct ea_store_page {
    const char *url;       /* borrowed */
    const char *final_url; /* borrowed, may be NULL */
    long status;
    const char *error;                /* borrowed, may be NULL */
    const char *encoding;             /* borrowed, may be NULL */
    const struct ea_results *results; /* borrowed, may be NULL (not HTML, failed) */
};

/* Opens (creating it and its folder if needed) the database at path. Prints why on failure. */
EA_NODISCARD enum ea_err ea_store_open(const char *path, struct ea_store **out);
void ea_store_close(struct ea_store *st);

EA_NODISCARD enum ea_err ea_store_run_begin(struct ea_store *st, const char *audit_date,
                                            long long *run_id);
EA_NODISCARD enum ea_err ea_store_put_site(struct ea_store *st, long long run_id, size_t seq,
                                           const struct ea_sheet_row *row,
                                           const struct ea_store_page *pages, size_t npages);
EA_NODISCARD enum ea_err ea_store_run_end(struct ea_store *st, long long run_id, size_t nsites);

#endif

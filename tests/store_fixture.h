/* store_fixture.h — two small audit runs written through the store API, shared by
 * test_store and test_report. Run A and run B differ on purpose: a fixed finding, a new
 * one, a changed answer, a site that became unreachable. */
#ifndef EA_TESTS_STORE_FIXTURE_H
#define EA_TESTS_STORE_FIXTURE_H

#include <stddef.h>

#include "store/store.h"

/* The sites of the fixture, in seed order. */
#define FIXTURE_NSITES 3
extern const char *const fixture_site_ids[FIXTURE_NSITES];

/* Stores site i (0-based) of variant ('A' or 'B') in run_id; returns the store's result. */
enum ea_err fixture_put_site(struct ea_store *st, long long run_id, size_t i, char variant);
/* Writes a whole finished run of variant; returns its id (asserts on failure). */
long long fixture_run(struct ea_store *st, const char *audit_date, char variant);

#endif

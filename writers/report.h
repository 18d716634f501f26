/*
 * report.h — the reports of a stored run (SPEC §5), always read back from the store so
 * `eaudit audit` and `eaudit report` write the same files:
 *   OUT/index.html               the run: every site, totals, distributions, trends, changes
 *   OUT/index.en.html            the same in English
 *   OUT/sites/ID/report.html     per-site accessibility report in Latvian
 *   OUT/sites/ID/report.en.html  the same in English
 *   OUT/sites/ID/report.json     axe-shaped per page (SPEC §4), answers, links, redirects
 * Every file is written to a temporary name and renamed into place.
 */
#ifndef EA_WRITERS_REPORT_H
#define EA_WRITERS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/compat.h"
#include "core/err.h"
#include "store/store.h"

/* Writes every report of run_id under out_dir (created if needed). Prints why on failure:
 * out_dir is a file, cannot write, database error. */
EA_NODISCARD enum ea_err ea_reports_write_run(struct ea_store *st, long long run_id,
                                              const char *out_dir);

/* index.html and index.en.html of run_id alone (the sites' files were written as each site
 * ended). */
EA_NODISCARD enum ea_err ea_reports_write_index(struct ea_store *st, long long run_id,
                                                const char *out_dir);
/* One site's three files, its record loaded from the store. */
EA_NODISCARD enum ea_err ea_reports_write_site(struct ea_store *st, const struct ea_store_run *run,
                                               const char *id, const char *out_dir);
/* One site's three files from a record already loaded: no store, so a worker thread may
 * write them (it reads only run, s and immutable tables). */
EA_NODISCARD enum ea_err ea_reports_write_site_files(const struct ea_store_run *run,
                                                     const struct ea_store_site_rec *s,
                                                     const char *out_dir);

/* The pieces, for tests and other writers. */
EA_NODISCARD enum ea_err ea_report_site_html(FILE *f, const struct ea_store_run *run,
                                             const struct ea_store_site_rec *s, bool english);
EA_NODISCARD enum ea_err ea_report_site_json(FILE *f, const struct ea_store_run *run,
                                             const struct ea_store_site_rec *s);
/* index.html (or index.en.html) of run; prev is the previous finished run (0 when none). */
EA_NODISCARD enum ea_err ea_report_index_html(FILE *f, struct ea_store *st,
                                              const struct ea_store_run *run, long long prev,
                                              bool english);

/* The folder name of a site id: itself when made of [A-Za-z0-9._-] (not starting with a
 * dot), otherwise with every other byte as '_' — a seed id can never leave OUT/sites/. */
void ea_report_site_dir(const char *id, char *out, size_t n);

#endif

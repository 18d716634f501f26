/*
 * page_json.h — private to writers/: SPEC §4's axe-like object of one page, shared by
 * `eaudit check --format json` and the per-site report.json.
 */
#ifndef EA_WRITERS_PAGE_JSON_H
#define EA_WRITERS_PAGE_JSON_H

#include "checks/check.h"
#include "core/finding.h"
#include "writers/json.h"

/* The members "url", "violations", "passes", "incomplete", "inapplicable" of the page's
 * object (the caller opens and closes it, and may add members of its own). compact leaves
 * out each rule's "wcag", "help" and "help_lv". */
void ea_page_json_members(struct ea_json *w, const char *url, const struct ea_results *r,
                          bool compact);
/* The members "wcag", "help" and "help_lv" of check c (what compact page objects leave out). */
void ea_check_json_describe(struct ea_json *w, const struct ea_check *c);

#endif

/*
 * page_json.h — private to writers/: SPEC §4's axe-like object of one page as a jansson
 * value, shared by `eaudit check --format json` and the per-site report.json.
 */
#ifndef EA_WRITERS_PAGE_JSON_H
#define EA_WRITERS_PAGE_JSON_H

#include <jansson.h>

#include "checks/check.h"
#include "core/finding.h"

/* A new reference: {"url", "violations", "passes", "incomplete", "inapplicable"}. */
json_t *ea_page_json(const char *url, const struct ea_results *r, bool compact);
/* Sets "wcag", "help" and "help_lv" of check c on e (what compact page objects leave out). */
void ea_check_json_describe(const struct ea_check *c, json_t *e);

#endif

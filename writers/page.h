/*
 * page.h — one checked page as `eaudit check` prints it: SPEC §4's axe-like JSON (one JSON
 * object per page, one page per line, so several pages stay machine-readable) or a text
 * listing for people.
 */
#ifndef EA_WRITERS_PAGE_H
#define EA_WRITERS_PAGE_H

#include <stdio.h>

#include "core/compat.h"
#include "core/err.h"
#include "core/finding.h"

EA_NODISCARD enum ea_err ea_page_write_json(FILE *out, const char *url, const struct ea_results *r);
EA_NODISCARD enum ea_err ea_page_write_text(FILE *out, const char *url, const struct ea_results *r);

#endif

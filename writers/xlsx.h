/*
 * xlsx.h — OUT/evaluation.xlsx (SPEC §3) with libxlsxwriter: the same rows and columns as
 * evaluation.csv on a first sheet (frozen header, filters, 1 cells green and 0 cells red,
 * numbers as numbers), and a second sheet explaining every column in Latvian and English.
 * Text cells that a spreadsheet would run as a formula (= + - @ TAB CR first) get a leading
 * apostrophe, as in the CSV.
 */
#ifndef EA_WRITERS_XLSX_H
#define EA_WRITERS_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"
#include "core/sheet.h"

/* Writes rows to path (via a temporary file renamed into place). Prints why on failure. */
EA_NODISCARD enum ea_err ea_xlsx_write_sheet(const char *path, const struct ea_sheet_row *rows,
                                             size_t nrows);

/* The explanation of column col for people: Latvian and English. */
const char *ea_xlsx_column_help(enum ea_col col, bool latvian);

#endif

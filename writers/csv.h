/*
 * csv.h — OUT/evaluation.csv (SPEC §3): RFC 4180 (CRLF line ends, fields quoted when they
 * hold a comma, quote or line break), UTF-8 without BOM, one row per site in seed order.
 * Text cells that a spreadsheet would run as a formula (starting with = + - @ TAB or CR) get
 * a leading apostrophe: data from the network never becomes a formula.
 */
#ifndef EA_WRITERS_CSV_H
#define EA_WRITERS_CSV_H

#include <stdio.h>

#include "core/compat.h"
#include "core/err.h"
#include "core/sheet.h"

/* Writes the header and rows to path (via a temporary file renamed into place, so a
 * reader never sees half a sheet). Prints why on failure. */
EA_NODISCARD enum ea_err ea_csv_write_sheet(const char *path, const struct ea_sheet_row *rows,
                                            size_t nrows);
/* Writes one field; neutralise adds the apostrophe guard for text cells. */
void ea_csv_field(FILE *f, const char *s, bool neutralise);

#endif

/*
 * file.h — whole-file reads into a capped buffer, for the small files eaudit reads (seeds,
 * rule and model files, answer tables, pages given to `check`). Callers word their own
 * messages: they know what the file is for.
 */
#ifndef EA_CORE_FILE_H
#define EA_CORE_FILE_H

#include <stdio.h>

#include "core/buf.h"
#include "core/compat.h"
#include "core/err.h"

/* Appends all of stream f to out. EA_IO on a read error (errno says why), EA_LIMIT when the
 * data is longer than out->max (out then holds the start), EA_OK otherwise. */
EA_NODISCARD enum ea_err ea_file_read_stream(FILE *f, struct ea_buf *out);
/* The same for the file at path; EA_IO also when it cannot be opened (errno says why). */
EA_NODISCARD enum ea_err ea_file_read(const char *path, struct ea_buf *out);

#endif

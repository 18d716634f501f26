#include "writers/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"

void ea_csv_field(FILE *f, const char *s, bool neutralise)
{
    struct ea_buf guarded = EA_BUF_INIT((size_t)-1);
    if (!s)
        return;
    if (neutralise && ea_sheet_formula_like(s)) {
        ea_buf_addch(&guarded, '\'');
        ea_buf_add(&guarded, s);
        s = guarded.buf;
    }
    if (strpbrk(s, ",\"\r\n"))
        csv_fwrite(f, s, strlen(s)); /* quotes it and doubles inner quotes */
    else
        fputs(s, f);
    ea_buf_release(&guarded);
}

enum ea_err ea_csv_write_sheet(const char *path, const struct ea_sheet_row *rows, size_t nrows)
{
    struct ea_buf tmp = EA_BUF_INIT(4096);
    enum ea_err result = EA_IO;
    FILE *f;

    ea_buf_addf(&tmp, "%s.tmp", path);
    f = fopen(tmp.buf, "wb");
    if (!f) {
        ea_log_error("cannot write '%s': %s", tmp.buf, strerror(errno));
        goto out;
    }
    for (size_t c = 0; c < EA_COL_COUNT; c++) {
        if (c)
            fputc(',', f);
        ea_csv_field(f, ea_columns[c].name, false);
    }
    fputs("\r\n", f);
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < EA_COL_COUNT; c++) {
            if (c)
                fputc(',', f);
            ea_csv_field(f, rows[r].cells[c], ea_columns[c].type == EA_COL_TEXT);
        }
        fputs("\r\n", f);
    }
    if (ferror(f) | (fclose(f) != 0)) {
        ea_log_error("cannot write '%s': %s", tmp.buf, strerror(errno));
        remove(tmp.buf);
        goto out;
    }
    if (rename(tmp.buf, path) != 0) {
        ea_log_error("cannot rename '%s' to '%s': %s", tmp.buf, path, strerror(errno));
        remove(tmp.buf);
        goto out;
    }
    result = EA_OK;
out:
    ea_buf_release(&tmp);
    return result;
}

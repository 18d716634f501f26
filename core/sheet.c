#include "core/sheet.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

const struct ea_column ea_columns[EA_COL_COUNT] = {
#define EA_COL_ROW(e, n, t) [EA_COL_##e] = { .name = n, .type = t },
    EA_SHEET_COLUMNS(EA_COL_ROW)
#undef EA_COL_ROW
};

void ea_row_init(struct ea_sheet_row *row)
{
    memset(row, 0, sizeof(*row));
}

void ea_row_release(struct ea_sheet_row *row)
{
    if (!row)
        return;
    for (size_t i = 0; i < EA_COL_COUNT; i++)
        free(row->cells[i]);
    memset(row, 0, sizeof(*row));
}

void ea_row_set(struct ea_sheet_row *row, enum ea_col col, const char *value)
{
    free(row->cells[col]);
    row->cells[col] = value ? ea_xstrdup(value) : NULL;
}

void ea_row_setf(struct ea_sheet_row *row, enum ea_col col, const char *fmt, ...)
{
    struct ea_buf b = EA_BUF_INIT(1 << 16);
    va_list ap;
    va_start(ap, fmt);
    ea_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    free(row->cells[col]);
    row->cells[col] = ea_buf_detach(&b, NULL);
}

void ea_row_set_bool(struct ea_sheet_row *row, enum ea_col col, bool value)
{
    ea_row_set(row, col, value ? "1" : "0");
}

void ea_row_set_int(struct ea_sheet_row *row, enum ea_col col, long value)
{
    ea_row_setf(row, col, "%ld", value);
}

enum ea_col ea_col_find(const char *name)
{
    for (size_t i = 0; i < EA_COL_COUNT; i++)
        if (strcmp(ea_columns[i].name, name) == 0)
            return (enum ea_col)i;
    return EA_COL_COUNT;
}

bool ea_sheet_formula_like(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

const char *ea_wcag_band(double score)
{
    if (score >= 90.0)
        return "augsta";
    if (score >= 80.0)
        return "vidēji augsta";
    if (score >= 70.0)
        return "vidēja";
    return "zema";
}

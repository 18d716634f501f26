/* writers/xlsx: evaluation.xlsx holds the header, the rows (1/0 and numbers as numbers), the
 * column help sheet, and no formula from the network; a bad path fails with EA_IO. The
 * package is read back with unzip(1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "writers/xlsx.h"

/* The text of one part of the package. */
static char *part(const char *xlsx, const char *name)
{
    static char buf[1 << 18];
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "unzip -p '%s' '%s'", xlsx, name);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(buf, 1, sizeof(buf) - 1, p);
    buf[n] = '\0';
    assert_int_equal(pclose(p), 0);
    return buf;
}

static void test_sheet(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_xlsx_XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/evaluation.xlsx", dir);
    struct ea_sheet_row rows[2];
    ea_row_init(&rows[0]);
    ea_row_init(&rows[1]);
    ea_row_set(&rows[0], EA_COL_ID, "vvk");
    ea_row_set(&rows[0], EA_COL_NAME, "=HYPERLINK(\"http://evil\",\"x\")");
    ea_row_set(&rows[0], EA_COL_WCAG_SCORE, "92.5");
    ea_row_set_bool(&rows[0], EA_COL_MOBILE_VIEWPORT, true);
    ea_row_set_bool(&rows[0], EA_COL_MOBILE_ZOOM, false);
    ea_row_set(&rows[0], EA_COL_NEWS_LATEST, "2026-11-20");
    ea_row_set(&rows[1], EA_COL_ID, "vni");
    ea_row_set(&rows[1], EA_COL_NAME, "VAS Valsts nekustamie īpašumi");
    assert_int_equal(ea_xlsx_write_sheet(path, rows, 2), EA_OK);

    const char *wb = part(path, "xl/workbook.xml");
    assert_non_null(strstr(wb, "name=\"evaluation\""));
    assert_non_null(strstr(wb, "kolonnas - columns"));
    assert_non_null(strstr(wb, "_xlnm._FilterDatabase"));
    const char *strings = part(path, "xl/sharedStrings.xml");
    assert_non_null(strstr(strings, "mobile_viewport"));
    assert_non_null(strstr(strings, "'=HYPERLINK"));
    assert_non_null(strstr(strings, "Valsts nekustamie īpašumi"));
    assert_non_null(strstr(strings, "2026-11-20"));
    assert_non_null(strstr(strings, "Links to an easy-read section"));
    assert_non_null(strstr(strings, "Viegli lasīt"));
    const char *s1 = part(path, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(s1, "<pane ySplit=\"1\""));
    assert_non_null(strstr(s1, "<autoFilter ref=\"A1:AO3\""));
    assert_null(strstr(s1, "<f>")); /* no formula anywhere */
    assert_non_null(strstr(s1, "<v>92.5</v>"));
    const char *styles = part(path, "xl/styles.xml");
    assert_non_null(strstr(styles, "FFC6EFCE")); /* 1 is green */
    assert_non_null(strstr(styles, "FFFFC7CE")); /* 0 is red */

    /* every SPEC column has help in both languages */
    for (int c = 0; c < EA_COL_COUNT; c++) {
        assert_true(strlen(ea_xlsx_column_help((enum ea_col)c, true)) > 0);
        assert_true(strlen(ea_xlsx_column_help((enum ea_col)c, false)) > 0);
    }
    ea_row_release(&rows[0]);
    ea_row_release(&rows[1]);
    unlink(path);
    rmdir(dir);
}

static void test_bad_path(void **state)
{
    (void)state;
    struct ea_sheet_row row;
    ea_row_init(&row);
    fflush(stderr);
    int saved = dup(2), null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    enum ea_err err = ea_xlsx_write_sheet("/nonexistent-dir/evaluation.xlsx", &row, 1);
    dup2(saved, 2);
    close(saved);
    close(null);
    assert_int_equal(err, EA_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet),
        cmocka_unit_test(test_bad_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

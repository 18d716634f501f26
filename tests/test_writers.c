/* writers/: the evaluation sheet CSV (SPEC §3) and the page JSON (SPEC §4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "core/doc.h"
#include "writers/csv.h"
#include "writers/page.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_header_matches_spec(void **state)
{
    (void)state;
    /* SPEC §3 leading columns, then the items in the SPEC's order. */
    static const char *spec[] = {
        "id",
        "name",
        "type",
        "url",
        "final_url",
        "audit_date",
        "reachable",
        "https",
        "https_redirect",
        "pages_audited",
        "broken_links",
        "wcag_score",
        "wcag_band",
        "wcag_violations",
        "mobile_viewport",
        "mobile_zoom",
        "mobile_no_plugins",
        "mobile_responsive",
        "mobile_friendly",
        "participation_link",
        "participation_guidance",
        "contact_link",
        "contact_phone",
        "contact_email",
        "contact_address",
        "services_link",
        "eservices_link",
        "eservice_guidance",
        "online_consultation",
        "site_search",
        "feedback",
        "news_latest",
        "news_fresh",
        "social_twitter",
        "social_facebook",
        "social_other",
        "open_data_link",
        "open_data_files",
        "lang_en",
        "accessibility_statement",
        "easy_read",
    };
    assert_int_equal(EA_COL_COUNT, sizeof(spec) / sizeof(spec[0]));
    for (size_t i = 0; i < EA_COL_COUNT; i++)
        assert_string_equal(ea_columns[i].name, spec[i]);
    assert_int_equal(ea_col_find("wcag_band"), EA_COL_WCAG_BAND);
    assert_int_equal(ea_col_find("nope"), EA_COL_COUNT);
}

static void test_bands(void **state)
{
    (void)state;
    assert_string_equal(ea_wcag_band(100.0), "augsta");
    assert_string_equal(ea_wcag_band(90.0), "augsta");
    assert_string_equal(ea_wcag_band(89.9), "vidēji augsta");
    assert_string_equal(ea_wcag_band(80.0), "vidēji augsta");
    assert_string_equal(ea_wcag_band(79.9), "vidēja");
    assert_string_equal(ea_wcag_band(70.0), "vidēja");
    assert_string_equal(ea_wcag_band(69.9), "zema");
    assert_string_equal(ea_wcag_band(0.0), "zema");
}

static void test_csv_quoting_and_formulas(void **state)
{
    (void)state;
    char path[] = "/tmp/ea_test_csvXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);

    struct ea_sheet_row rows[2];
    ea_row_init(&rows[0]);
    ea_row_init(&rows[1]);
    ea_row_set(&rows[0], EA_COL_ID, "am");
    ea_row_set(&rows[0], EA_COL_NAME, "Aizsardzības ministrija, \"AM\"");
    ea_row_set(&rows[0], EA_COL_URL, "https://www.mod.gov.lv");
    ea_row_set_bool(&rows[0], EA_COL_REACHABLE, true);
    ea_row_setf(&rows[0], EA_COL_WCAG_SCORE, "%.1f", 87.5);
    ea_row_set(&rows[1], EA_COL_ID, "x");
    ea_row_set(&rows[1], EA_COL_NAME, "=HYPERLINK(\"http://evil\")");
    ea_row_set(&rows[1], EA_COL_FINAL_URL, "@SUM(1)\nline");
    ea_row_set(&rows[1], EA_COL_TYPE, "-2+3");
    ea_row_set_bool(&rows[1], EA_COL_REACHABLE, false);
    assert_int_equal(ea_csv_write_sheet(path, rows, 2), EA_OK);

    const char *csv = slurp(path);
    const char *nl = strstr(csv, "\r\n");
    assert_non_null(nl);
    assert_true(strncmp(csv, "id,name,type,url,final_url,audit_date,reachable,https,", 54) == 0);
    assert_true(strncmp(nl - 9, "easy_read", 9) == 0);
    const char *r1 = nl + 2;
    assert_true(
        strncmp(r1,
                "am,\"Aizsardzības ministrija, \"\"AM\"\"\",,https://www.mod.gov.lv,,,1,,,,,87.5,",
                strlen("am,\"Aizsardzības ministrija, "
                       "\"\"AM\"\"\",,https://www.mod.gov.lv,,,1,,,,,87.5,")) == 0);
    const char *r2 = strstr(r1, "\r\n") + 2;
    assert_true(strncmp(r2, "x,\"'=HYPERLINK(\"\"http://evil\"\")\",'-2+3,,\"'@SUM(1)\nline\",,0,",
                        56) == 0);
    /* every row has 41 fields: 40 commas outside quotes */
    int commas = 0, quoted = 0;
    for (const char *p = r1; *p && !(p[0] == '\r' && !quoted); p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            commas++;
    }
    assert_int_equal(commas, EA_COL_COUNT - 1);
    ea_row_release(&rows[0]);
    ea_row_release(&rows[1]);
    unlink(path);
}

static void test_csv_unwritable(void **state)
{
    (void)state;
    struct ea_sheet_row row;
    ea_row_init(&row);
    assert_int_equal(ea_csv_write_sheet("/nonexistent-dir/evaluation.csv", &row, 1), EA_IO);
}

static void test_page_json(void **state)
{
    (void)state;
    static const char html[] = "<!doctype html>\n<html lang=\"lv\"><head><title>T</title></head>\n"
                               "<body>\n  <img src=\"a.png\" id=\"hero\">\n</body></html>\n";
    struct ea_doc *doc = NULL;
    struct ea_results r;
    assert_int_equal(ea_doc_parse(html, sizeof(html) - 1, "https://x.lv/", &doc), EA_OK);
    ea_results_init(&r, doc);
    ea_checks_run(doc, NULL, 0, &r);
    r.doc = NULL;
    ea_doc_free(doc);

    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    assert_int_equal(ea_page_write_json(f, "https://x.lv/", &r), EA_OK);
    fclose(f);
    assert_non_null(strstr(out, "{\"url\":\"https://x.lv/\",\"violations\":[{\"id\":\"image-alt\","
                                "\"impact\":\"critical\",\"tags\":[\"wcag2a\",\"wcag111\"]"));
    assert_non_null(strstr(out,
                           "\"nodes\":[{\"target\":[\"#hero\"],\"html\":\"<img src=\\\"a.png\\\" "
                           "id=\\\"hero\\\">\",\"line\":4,\"column\":3"));
    /* document-title passed and button-name had nothing to judge: each sits in its list */
    const char *passes = strstr(out, "\"passes\":[");
    const char *incomplete = strstr(out, "\"incomplete\":[");
    const char *inapplicable = strstr(out, "\"inapplicable\":[");
    assert_non_null(passes);
    assert_non_null(incomplete);
    assert_non_null(inapplicable);
    const char *title = strstr(out, "{\"id\":\"document-title\"");
    const char *button = strstr(out, "{\"id\":\"button-name\"");
    assert_true(title > passes && title < incomplete);
    assert_true(button > inapplicable);
    assert_int_equal(out[outlen - 1], '\n');
    free(out);
    ea_results_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_matches_spec),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_csv_quoting_and_formulas),
        cmocka_unit_test(test_csv_unwritable),
        cmocka_unit_test(test_page_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

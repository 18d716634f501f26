/* checks/site/scan: dates, phones, e-mails, postcodes and the viewport, one table each,
 * with the look-alikes that must not match (registration numbers, IBANs, postcodes, dates,
 * amounts, impossible dates). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "checks/site/scan.h"

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int want;
        const char *match;
    } cases[] = {
        { "Publicēts 27.11.2026. 10:15", 20261127, "27.11.2026" },
        { "3.1.2025", 20250103, "3.1.2025" },
        { "2026-11-03T10:00:00+02:00", 20261103, "2026-11-03" },
        { "2026. gada 3. novembris", 20261103, "2026. gada 3. novembris" },
        { "2026. gada 3. novembrī notika", 20261103, "2026. gada 3. novembrī" },
        { "Līdz 2025. gada 28. februārim", 20250228, "2025. gada 28. februārim" },
        { "3. novembris, 2026", 20261103, "3. novembris, 2026" },
        { "27. novembra 2026", 20261127, "27. novembra 2026" },
        { "1. MARTĀ, 2024", 20240301, "1. MARTĀ, 2024" },
        { "12. jūlijs 2023", 20230712, "12. jūlijs 2023" },
        { "3 November 2026", 20261103, "3 November 2026" },
        { "November 3, 2026", 20261103, "November 3, 2026" },
        { "29.02.2024", 20240229, "29.02.2024" },
        /* not dates */
        { "29.02.2025", 0, NULL },
        { "32.01.2026", 0, NULL },
        { "2026-13-01", 0, NULL },
        { "versija 1.2.2026x", 0, NULL },
        { "tālr. 67026540", 0, NULL },
        { "3. novembrim nav gada", 0, NULL },
        { "3. martinš, 2026", 0, NULL },
        { "Nr. 12.11.20261", 0, NULL },
        { NULL, 0, NULL },
    };
    for (size_t i = 0; cases[i].text; i++) {
        struct ea_span at;
        int got = ea_scan_date(cases[i].text, strlen(cases[i].text), 0, &at);
        if (got != cases[i].want)
            fail_msg("'%s': got %d, want %d", cases[i].text, got, cases[i].want);
        if (got && (at.len != strlen(cases[i].match) ||
                    memcmp(cases[i].text + at.off, cases[i].match, at.len) != 0))
            fail_msg("'%s': matched '%.*s'", cases[i].text, (int)at.len, cases[i].text + at.off);
    }
    char out[11];
    ea_date_format(20261103, out);
    assert_string_equal(out, "2026-11-03");
    assert_int_equal(ea_date_from_text("2026-11-27"), 20261127);
    assert_int_equal(ea_date_from_text("2026-11-27x"), 0);
    assert_int_equal(ea_date_days_between(20261028, 20261127), 30);
    assert_int_equal(ea_date_days_between(20241231, 20250301), 60);
}

static void test_phones(void **state)
{
    (void)state;
    static const struct {
        const char *text, *match; /* match NULL: no phone */
    } cases[] = {
        { "Tālr. +371 67 026 540", "+371 67 026 540" },
        { "tālrunis 67026540.", "67026540" },
        { "6702 6540, fakss", "6702 6540" },
        { "Bezmaksas 800 00 800", "800 00 800" },
        { "mob. 26 123 456", "26 123 456" },
        { "(+371) 29123456", "(+371) 29123456" },
        { "+371-67026540", "+371-67026540" },
        { "00371 67026540", "00371 67026540" },
        { "67-026-540", "67-026-540" },
        { "Reģ. Nr. 40003011203 tālr. 67026540", "67026540" },
        { "Rīga, LV-1050 67026540", "67026540" },
        /* never a phone */
        { "Reģ. Nr. 40003011203", NULL },
        { "PVN LV40003011203", NULL },
        { "LV80BANK0000435195001", NULL },
        { "LV80 BANK 0000 4351 9500 1", NULL },
        { "Rīga, LV-1050", NULL },
        { "2026-11-27", NULL },
        { "27.11.2026", NULL },
        { "20261127", NULL },
        { "summa 26 123 456 EUR", NULL },
        { "1.67026540", NULL },
        { "12345678", NULL },
        { "Nr. 2026/15", NULL },
        { "670265401", NULL },
        { "Phone: +45 6198 4000", NULL },
        { "+44 20 7946 0958", NULL },
        { "(011)-23061469", NULL },
        { "Copyright © 2004-2013", NULL },
        { "2009-2014 metais", NULL },
        { "7 January, 2025 1610 – Galileo", NULL },
        { "+45 6198 4000 vai 67026540", "67026540" },
        { "PMID 23813435.", NULL },
        { "Līguma Nr. 20112233", NULL },
        { "举报电话：（010）63070950", NULL },
        { "Tālruņa numurs: 67026540", "67026540" },
        { "Tel.: 29 123 456", "29 123 456" },
        { NULL, NULL },
    };
    for (size_t i = 0; cases[i].text; i++) {
        struct ea_span at;
        bool got = ea_scan_phone(cases[i].text, strlen(cases[i].text), 0, &at);
        if (got != (cases[i].match != NULL))
            fail_msg("'%s': got %s", cases[i].text, got ? "a phone" : "no phone");
        if (got && (at.len != strlen(cases[i].match) ||
                    memcmp(cases[i].text + at.off, cases[i].match, at.len) != 0))
            fail_msg("'%s': matched '%.*s'", cases[i].text, (int)at.len, cases[i].text + at.off);
    }
    assert_true(ea_phone_tel_href("tel:+37167026540"));
    assert_true(ea_phone_tel_href("tel:80000800"));
    assert_true(ea_phone_tel_href("TEL:+371%2067026540"));
    assert_false(ea_phone_tel_href("tel:+4930123456"));
    assert_false(ea_phone_tel_href("tel:112"));
    assert_false(ea_phone_tel_href("mailto:67026540@x.lv"));
}

static void test_emails_postcodes(void **state)
{
    (void)state;
    static const struct {
        const char *text, *match;
    } emails[] = {
        { "Raksti: pasts@vvk.gov.lv.", "pasts@vvk.gov.lv" },
        { "info[at]oldinst.lv", "info[at]oldinst.lv" },
        { "info (at) oldinst.lv", "info (at) oldinst.lv" },
        { "klientu.serviss@vni.lv", "klientu.serviss@vni.lv" },
        { "@vvk_gov", NULL },
        { "pasts@localhost", NULL },
        { "skat. [at] lapā", NULL },
        { NULL, NULL },
    };
    for (size_t i = 0; emails[i].text; i++) {
        struct ea_span at;
        bool got = ea_scan_email(emails[i].text, strlen(emails[i].text), 0, &at);
        if (got != (emails[i].match != NULL))
            fail_msg("'%s': got %s", emails[i].text, got ? "an e-mail" : "none");
        if (got && (at.len != strlen(emails[i].match) ||
                    memcmp(emails[i].text + at.off, emails[i].match, at.len) != 0))
            fail_msg("'%s': matched '%.*s'", emails[i].text, (int)at.len, emails[i].text + at.off);
    }
    static const struct {
        const char *text;
        bool want;
    } codes[] = {
        { "Rīga, LV-1050", true },
        { "LV 1010", true },
        { "LV\xE2\x80\x93"
          "1026",
          true },
        { "LV-10501", false },
        { "LV80BANK0000", false },
        { "XLV-1050", false },
        { "LV-105", false },
        { NULL, false },
    };
    for (size_t i = 0; codes[i].text; i++) {
        struct ea_span at;
        if (ea_scan_postcode(codes[i].text, strlen(codes[i].text), 0, &at) != codes[i].want)
            fail_msg("'%s': want %d", codes[i].text, codes[i].want);
    }
}

static void test_viewport(void **state)
{
    (void)state;
    static const struct {
        const char *content;
        bool device_width, blocks;
    } cases[] = {
        { "width=device-width, initial-scale=1", true, false },
        { "WIDTH = DEVICE-WIDTH", true, false },
        { "width=device-width, maximum-scale=1, user-scalable=no", true, true },
        { "width=device-width; user-scalable=0", true, true },
        { "width=device-width, user-scalable=yes, maximum-scale=5", true, false },
        { "width=1024, maximum-scale=2", false, false },
        { "initial-scale=1 maximum-scale=1.5", false, true },
        { "user-scalable=1", false, false },
        { "", false, false },
        { NULL, false, false },
    };
    for (size_t i = 0; cases[i].content; i++) {
        struct ea_viewport vp;
        ea_viewport_parse(cases[i].content, &vp);
        if (vp.device_width != cases[i].device_width || vp.blocks_zoom != cases[i].blocks)
            fail_msg("'%s': device_width %d blocks %d", cases[i].content, vp.device_width,
                     vp.blocks_zoom);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_phones),
        cmocka_unit_test(test_emails_postcodes),
        cmocka_unit_test(test_viewport),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

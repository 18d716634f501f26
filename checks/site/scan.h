/*
 * scan.h — the questionnaire's readers of written forms: dates (news freshness), Latvian
 * phone numbers, e-mail addresses and postcodes (contacts), and the viewport meta (mobile).
 * They read page text as written (UTF-8), so the evidence quotes the page, and they are
 * strict on purpose: a registration number, an IBAN, a postcode or a date is never a phone,
 * and a date after the audit date is never news.
 */
#ifndef EA_CHECKS_SITE_SCAN_H
#define EA_CHECKS_SITE_SCAN_H

#include <stdbool.h>
#include <stddef.h>

/* A match in a text: s[off, off + len). */
struct ea_span {
    size_t off, len;
};

/* Dates are yyyymmdd integers (20261127), 0 for none. */
/* "2026-11-27" (optionally followed by a time, as in <time datetime>), or 0. */
int ea_date_iso(const char *s);
/* The next date at or after from in s (n bytes): yyyy-mm-dd, dd.mm.yyyy, "2026. gada
 * 3. novembris", "3. novembris, 2026", "3 November 2026", "November 3, 2026", Latvian month
 * names in any case form. Returns the date and its span, or 0 when there is no more. */
int ea_scan_date(const char *s, size_t n, size_t from, struct ea_span *at);
/* "YYYY-MM-DD" -> yyyymmdd, 0 when invalid; and back (out holds 11 bytes). */
int ea_date_from_text(const char *ymd);
void ea_date_format(int ymd, char out[11]);
/* Days from a to b (b - a), both valid yyyymmdd. */
long ea_date_days_between(int a, int b);

/* The next Latvian phone number at or after from: 8 digits starting with 2, 6 or 8 in a
 * usual grouping, "+371"/"00371" optional. */
bool ea_scan_phone(const char *s, size_t n, size_t from, struct ea_span *at);
/* True when href is a tel: link to a Latvian number. */
bool ea_phone_tel_href(const char *href);
/* The next e-mail address: "pasts@iestade.gov.lv", "pasts[at]iestade.gov.lv",
 * "pasts (at) iestade.gov.lv". */
bool ea_scan_email(const char *s, size_t n, size_t from, struct ea_span *at);
/* The next postcode "LV-1050" (also "LV 1050", with an en dash or a non-breaking hyphen). */
bool ea_scan_postcode(const char *s, size_t n, size_t from, struct ea_span *at);

/* What a <meta name="viewport"> content says (SPEC §3 mobile_viewport, mobile_zoom). */
struct ea_viewport {
    bool device_width; /* width=device-width */
    bool blocks_zoom;  /* user-scalable=no/0, or maximum-scale < 2 */
};
void ea_viewport_parse(const char *content, struct ea_viewport *vp);

#endif

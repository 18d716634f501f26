/*
 * html.h — private to writers/: the pieces every HTML report shares. Everything that comes
 * from a site or the store goes through ea_html_esc (text and attribute values alike), and
 * only http(s) URLs ever become links, so no page can break or script a report. The style
 * sheet is inline (no network), meets WCAG 2.0 AA contrast, shows focus and prints cleanly.
 */
#ifndef EA_WRITERS_HTML_H
#define EA_WRITERS_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "core/sheet.h"

enum ea_lang {
    EA_LANG_LV,
    EA_LANG_EN,
};

/* Escapes & < > " ' (NULL writes nothing). */
void ea_html_esc(FILE *f, const char *s);
/* A link to url showing text (url itself when text is NULL), or the escaped text alone when
 * url is not http(s) or relative (javascript:, data: never become links). */
void ea_html_link(FILE *f, const char *url, const char *text);
/* <!DOCTYPE html> ... <body> with the skip link to #main. */
void ea_html_head(FILE *f, enum ea_lang lang, const char *title);
void ea_html_foot(FILE *f, enum ea_lang lang, long long run_id, const char *audit_date);
/* The band as a coloured badge with its name (never colour alone). */
void ea_html_band(FILE *f, const char *band, enum ea_lang lang);
/* v with at most decimals digits after the point (no trailing zeros: 2.5, 1), a comma in
 * Latvian (92,5). */
void ea_html_decimal(FILE *f, double v, int decimals, enum ea_lang lang);
/* A sheet cell for people: booleans as yes/no, empty as "not determined", scores with the
 * language's decimal mark. */
void ea_html_cell(FILE *f, enum ea_col col, const char *value, enum ea_lang lang);
/* The column's question in lang ("Vai vietne ir sasniedzama?"). */
const char *ea_html_col_label(enum ea_col col, enum ea_lang lang);
/* The WCAG 2.0 success criterion's name in lang ("1.1.1" -> "Neteksta saturs"), or NULL. */
const char *ea_html_sc_name(const char *sc, enum ea_lang lang);
/* Whether s is "1" (a true bool cell). */
bool ea_html_true(const char *s);

#endif

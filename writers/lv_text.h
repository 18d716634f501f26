/*
 * lv_text.h — the Latvian for what eaudit itself wrote in English.
 *
 * Checks and the questionnaire explain themselves in English (a finding's message, "no
 * search form on the homepage" as an answer's evidence), and that English is what the store
 * keeps and report.json and the CLI show. The Latvian report says it in Latvian: each
 * English wording is in a catalog, fixed or as a template whose "%s" parts (a number, an
 * attribute, a quoted page text) are carried over. A text the catalog does not know is a
 * quotation from a page, or a wording added since: the report shows it as it is.
 */
#ifndef EA_WRITERS_LV_TEXT_H
#define EA_WRITERS_LV_TEXT_H

#include <stdbool.h>

#include "core/buf.h"

/* Appends the Latvian for a finding's message to out and returns true, or returns false (out
 * untouched) when en is not one of the catalog's wordings, whole. */
bool ea_lv_message(const char *en, struct ea_buf *out);
/* The same for an answer's evidence, which is eaudit's explanation or a page's own text: a
 * text that starts as quotations do ('<', '"', "...") is the page's; one of several parts
 * (the participation guidance's "procedure: ...; deadline: ...") is translated part by part
 * when its first part is one of those labelled parts, and only such parts are translated
 * (a page's text split at its own "; " stays as it is). */
bool ea_lv_evidence(const char *en, struct ea_buf *out);

/* For tests: how many wordings the catalog has, and the i-th one's English and Latvian. */
unsigned ea_lv_text_count(void);
void ea_lv_text_entry(unsigned i, const char **en, const char **lv);

#endif

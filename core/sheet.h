/*
 * sheet.h — the automatic evaluation sheet of SPEC §3: its columns, in order, and one row
 * per site. The column table is the single source for the CSV and XLSX writers, the store
 * and the reports; a cell is a string (NULL when the value could not be determined: empty,
 * never a guess).
 */
#ifndef EA_CORE_SHEET_H
#define EA_CORE_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"

enum ea_col_type {
    EA_COL_TEXT,
    EA_COL_BOOL, /* "1" / "0" */
    EA_COL_INT,
    EA_COL_SCORE, /* 0-100, one decimal */
    EA_COL_DATE,  /* YYYY-MM-DD */
};

/* X(ENUM, "csv name", type): SPEC §3, in its order. */
#define EA_SHEET_COLUMNS(X)                                                                        \
    X(ID, "id", EA_COL_TEXT)                                                                       \
    X(NAME, "name", EA_COL_TEXT)                                                                   \
    X(TYPE, "type", EA_COL_TEXT)                                                                   \
    X(URL, "url", EA_COL_TEXT)                                                                     \
    X(FINAL_URL, "final_url", EA_COL_TEXT)                                                         \
    X(AUDIT_DATE, "audit_date", EA_COL_DATE)                                                       \
    X(REACHABLE, "reachable", EA_COL_BOOL)                                                         \
    X(HTTPS, "https", EA_COL_BOOL)                                                                 \
    X(HTTPS_REDIRECT, "https_redirect", EA_COL_BOOL)                                               \
    X(PAGES_AUDITED, "pages_audited", EA_COL_INT)                                                  \
    X(BROKEN_LINKS, "broken_links", EA_COL_INT)                                                    \
    X(WCAG_SCORE, "wcag_score", EA_COL_SCORE)                                                      \
    X(WCAG_BAND, "wcag_band", EA_COL_TEXT)                                                         \
    X(WCAG_VIOLATIONS, "wcag_violations", EA_COL_INT)                                              \
    X(MOBILE_VIEWPORT, "mobile_viewport", EA_COL_BOOL)                                             \
    X(MOBILE_ZOOM, "mobile_zoom", EA_COL_BOOL)                                                     \
    X(MOBILE_NO_PLUGINS, "mobile_no_plugins", EA_COL_BOOL)                                         \
    X(MOBILE_RESPONSIVE, "mobile_responsive", EA_COL_BOOL)                                         \
    X(MOBILE_FRIENDLY, "mobile_friendly", EA_COL_BOOL)                                             \
    X(PARTICIPATION_LINK, "participation_link", EA_COL_BOOL)                                       \
    X(PARTICIPATION_GUIDANCE, "participation_guidance", EA_COL_BOOL)                               \
    X(CONTACT_LINK, "contact_link", EA_COL_BOOL)                                                   \
    X(CONTACT_PHONE, "contact_phone", EA_COL_BOOL)                                                 \
    X(CONTACT_EMAIL, "contact_email", EA_COL_BOOL)                                                 \
    X(CONTACT_ADDRESS, "contact_address", EA_COL_BOOL)                                             \
    X(SERVICES_LINK, "services_link", EA_COL_BOOL)                                                 \
    X(ESERVICES_LINK, "eservices_link", EA_COL_BOOL)                                               \
    X(ESERVICE_GUIDANCE, "eservice_guidance", EA_COL_BOOL)                                         \
    X(ONLINE_CONSULTATION, "online_consultation", EA_COL_BOOL)                                     \
    X(SITE_SEARCH, "site_search", EA_COL_BOOL)                                                     \
    X(FEEDBACK, "feedback", EA_COL_BOOL)                                                           \
    X(NEWS_LATEST, "news_latest", EA_COL_DATE)                                                     \
    X(NEWS_FRESH, "news_fresh", EA_COL_BOOL)                                                       \
    X(SOCIAL_TWITTER, "social_twitter", EA_COL_BOOL)                                               \
    X(SOCIAL_FACEBOOK, "social_facebook", EA_COL_BOOL)                                             \
    X(SOCIAL_OTHER, "social_other", EA_COL_BOOL)                                                   \
    X(OPEN_DATA_LINK, "open_data_link", EA_COL_BOOL)                                               \
    X(OPEN_DATA_FILES, "open_data_files", EA_COL_INT)                                              \
    X(LANG_EN, "lang_en", EA_COL_BOOL)                                                             \
    X(ACCESSIBILITY_STATEMENT, "accessibility_statement", EA_COL_BOOL)                             \
    X(EASY_READ, "easy_read", EA_COL_BOOL)

enum ea_col {
#define EA_COL_ENUM(e, name, type) EA_COL_##e,
    EA_SHEET_COLUMNS(EA_COL_ENUM)
#undef EA_COL_ENUM
    EA_COL_COUNT
};

struct ea_column {
    const char *name;
    enum ea_col_type type;
};

extern const struct ea_column ea_columns[EA_COL_COUNT];

/* One site's row: cells[i] owned, NULL for empty. */
struct ea_sheet_row {
    char *cells[EA_COL_COUNT];
};

void ea_row_init(struct ea_sheet_row *row);
void ea_row_release(struct ea_sheet_row *row);
void ea_row_set(struct ea_sheet_row *row, enum ea_col col, const char *value);
void ea_row_setf(struct ea_sheet_row *row, enum ea_col col, const char *fmt, ...) EA_PRINTF(3, 4);
void ea_row_set_bool(struct ea_sheet_row *row, enum ea_col col, bool value);
void ea_row_set_int(struct ea_sheet_row *row, enum ea_col col, long value);
/* The column called name, or EA_COL_COUNT. */
enum ea_col ea_col_find(const char *name);

/* True when a spreadsheet would run text cell s as a formula (it starts with = + - @ TAB or
 * CR): the CSV and XLSX writers then put an apostrophe in front. */
bool ea_sheet_formula_like(const char *s);

/* wcag_band for a score (SPEC §3): "augsta" >= 90, "vidēji augsta" >= 80, "vidēja" >= 70,
 * "zema" below. */
const char *ea_wcag_band(double score);

#endif

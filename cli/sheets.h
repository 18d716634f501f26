/*
 * sheets.h — the stylesheets of a site's pages as `audit` and `check` hand them to the
 * checks: a page's <link>s and <style> @imports and the sheets those import (to
 * EA_MAX_CSS_IMPORT_DEPTH), each under the media condition it applies in, had once per set
 * however many pages name them (the caller fetches: want), and given in cascade order.
 * One page at a time, the current one, is put together. Not thread-safe: the owner's
 * thread only.
 */
#ifndef EA_CLI_SHEETS_H
#define EA_CLI_SHEETS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/css.h"
#include "core/doc.h"
#include "crawler/fetch.h"

/* A sheet of the set. The same file under another media condition is another one. */
struct ea_sheet {
    char *url;  /* owned */
    char *text; /* NULL when it could not be had; owned when own_text */
    size_t len;
    bool own_text;
    enum ea_css_media media; /* the condition it applies under */
    unsigned depth;          /* 0: named by a page; n: through n sheets' @import */
    size_t *imports;         /* owned: the sheets its @import rules name, in order */
    size_t nimports;
    bool done; /* its answer came (text or not) */
};

struct ea_sheets;
/* Asks for the text of sheet index (at url); the answer is ea_sheets_arrived, at once (from
 * the caller's cache) or later (when fetched). */
typedef void ea_sheets_want_fn(void *ctx, struct ea_sheets *set, size_t index, const char *url);

struct ea_sheets {
    struct ea_sheet *v; /* owned */
    size_t n, cap;
    size_t bytes; /* of the texts the set holds; EA_MAX_SITE_STYLESHEETS at most */
    ea_sheets_want_fn *want;
    void *ctx;
    const char *owner; /* borrowed: names the set in messages (a site id, an argument) */
    bool quiet;
    size_t *cur;      /* owned: the current page's sheets (indexes into v) */
    bool *cur_linked; /* owned: per cur, named by a <link> (not a <style> @import) */
    size_t ncur;
};

void ea_sheets_init(struct ea_sheets *s, const char *owner, bool quiet, ea_sheets_want_fn *want,
                    void *ctx);
void ea_sheets_release(struct ea_sheets *s);

/* The page doc (at url) is the current one: its sheets join the set, the new ones wanted. */
void ea_sheets_page_begin(struct ea_sheets *s, const struct ea_doc *doc, const char *url);
/* How many of the current page's sheets, with what they import, have not come yet. */
size_t ea_sheets_page_pending(const struct ea_sheets *s);
/* The current page's sheets that came with a text, in cascade order: *out owned (free), its
 * strings the set's; returns how many. The set may grow meanwhile; the texts stay. */
size_t ea_sheets_page_list(const struct ea_sheets *s, struct ea_doc_sheet **out);
void ea_sheets_page_end(struct ea_sheets *s);

/* Sheet i's answer: text (owned by the set when owned, else borrowed for the set's life), or
 * NULL and why not. Its imports are wanted in turn. */
void ea_sheets_arrived(struct ea_sheets *s, size_t i, char *text, size_t len, bool owned,
                       const char *why);

/* Why a stylesheet's response cannot be used (no answer, not 2xx, cut at the cap), NULL when
 * its body can. */
const char *ea_sheet_unusable(const struct ea_response *resp);

#endif

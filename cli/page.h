/*
 * page.h — one page through the pipeline: bytes -> UTF-8 (charset) -> tree (doc) -> checks
 * -> results; then the tree is dropped, so memory follows pages in flight, not pages seen.
 * Shared by `audit` and `check`.
 */
#ifndef EA_CLI_PAGE_H
#define EA_CLI_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/doc.h"
#include "core/finding.h"

struct ea_page {
    const char *encoding;      /* static: the encoding the bytes were read in */
    const char *enc_source;    /* static: where that came from (bom, http, meta, ...) */
    size_t replaced;           /* bytes that did not decode */
    bool depth_limited;        /* the tree was flattened (hostile nesting) */
    struct ea_results results; /* owned; results.doc is NULL once checked */
};

/* True when a Content-Type (NULL: unknown) may hold HTML. */
bool ea_page_is_html_type(const char *content_type);

/* Decodes, parses and checks len bytes. only/nonly select checks (NULL: all). Warnings
 * about the page (unknown charset label, undecodable bytes) go to warnings, one per line.
 * Fails only on a broken installation (no iconv converter). */
bool ea_page_check(const char *url, const char *body, size_t len, const char *content_type,
                   const char *const *only, size_t nonly, struct ea_page *out,
                   struct ea_buf *warnings);

/* The two halves of ea_page_check, for a caller that needs the tree in between (the audit
 * attaches stylesheets and shows it to the questionnaire): decode and parse into *doc
 * (owned; NULL and false on failure; its styles not cascaded yet, see ea_doc_parse_tree),
 * then run the checks on it (cascading them first). */
bool ea_page_parse(const char *url, const char *body, size_t len, const char *content_type,
                   struct ea_page *out, struct ea_doc **doc, struct ea_buf *warnings);
void ea_page_run_checks(struct ea_doc *doc, const char *const *only, size_t nonly,
                        struct ea_page *out, struct ea_buf *warnings);
void ea_page_release(struct ea_page *page);

#endif

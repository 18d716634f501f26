/*
 * text.h — small UTF-8 text helpers shared by doc, accname and the checks: HTML whitespace
 * collapsing (accessible names, link texts) and folding for word matching (Latvian
 * "Piekļūstamības paziņojums" must match "piekluestamibas..." typed without diacritics).
 */
#ifndef EA_CORE_TEXT_H
#define EA_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* True for the bytes HTML calls ASCII whitespace: space, tab, LF, FF, CR. */
bool ea_text_is_ascii_ws(char c);
/* The length of the HTML whitespace (ASCII whitespace or U+00A0) at s (n bytes), or 0. */
size_t ea_text_ws_len(const char *s, size_t n);
/* True when s (n bytes) holds nothing but HTML whitespace (incl. U+00A0). */
bool ea_text_is_blank(const char *s, size_t n);

/* Appends s with each run of HTML whitespace (incl. U+00A0) collapsed to one space, and
 * no space at the start of out or after a space already at the end of out. Use it to build
 * a text from pieces; finish with ea_text_trim_end(). */
void ea_text_add_collapsed(struct ea_buf *out, const char *s, size_t n);
/* Removes trailing spaces from out. */
void ea_text_trim_end(struct ea_buf *out);
/* Appends s with whitespace runs collapsed to one space and trimmed at both ends. */
void ea_text_collapse_ws(const char *s, size_t n, struct ea_buf *out);

/* The length (1 to 4) of the valid UTF-8 sequence at s (n > 0 bytes), 0 when s does not
 * start one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF). */
size_t ea_text_utf8_seq(const char *s, size_t n);
/* The largest length <= n that does not cut a UTF-8 sequence of s in two. */
size_t ea_text_utf8_cut(const char *s, size_t n);
/* Shortens out to at most max bytes on a UTF-8 boundary. */
void ea_text_truncate_utf8(struct ea_buf *out, size_t max);

/* Appends s case-folded, without diacritics and NFKC-normalised (utf8proc), for matching
 * words: "Sabiedrības Līdzdalība" -> "sabiedribas lidzdaliba". Invalid UTF-8 bytes become
 * U+FFFD first. */
void ea_text_fold(const char *s, size_t n, struct ea_buf *out);

/* ASCII case-insensitive comparison of s (n bytes) with the lowercase NUL-terminated lit. */
bool ea_text_ieq(const char *s, size_t n, const char *lit);

#endif

/*
 * charset.h — turns a page's bytes into UTF-8 for gumbo (which reads only UTF-8), with
 * iconv from glibc. The encoding is chosen as the WHATWG sniffing algorithm does: BOM, then
 * the HTTP Content-Type charset, then <meta charset> / <meta http-equiv> in the first 1024
 * bytes, then "valid UTF-8 with non-ASCII bytes is UTF-8", then windows-1257 (the Latvian
 * legacy default). Labels go through the Encoding Standard's table (iso-8859-1 and
 * us-ascii mean windows-1252, cp1257 means windows-1257, ...). Bytes that do not decode
 * become U+FFFD; decoding never fails on bad input.
 */
#ifndef EA_CRAWLER_CHARSET_H
#define EA_CRAWLER_CHARSET_H

#include <stddef.h>

#include "core/compat.h"
#include "core/err.h"

enum ea_charset_source {
    EA_CHARSET_BOM,
    EA_CHARSET_HTTP,
    EA_CHARSET_META,
    EA_CHARSET_SNIFF,   /* no label: the bytes are valid UTF-8 */
    EA_CHARSET_DEFAULT, /* no label, not UTF-8: windows-1257 */
};

struct ea_decoded {
    char *utf8; /* owned: NUL-terminated UTF-8 */
    size_t len;
    const char *encoding; /* static: the WHATWG name used, e.g. "windows-1257" */
    enum ea_charset_source source;
    size_t replaced;     /* input sequences that became U+FFFD */
    char *unknown_label; /* owned, may be NULL: a charset label we ignored */
};

/* Decodes len bytes. content_type (may be NULL) is the HTTP Content-Type header. Fails only
 * when iconv lacks a converter the label table promised (a broken glibc install). */
EA_NODISCARD enum ea_err ea_charset_decode(const char *bytes, size_t len, const char *content_type,
                                           struct ea_decoded *out);
void ea_decoded_release(struct ea_decoded *d);

/* The WHATWG name for a label ("latin1" -> "windows-1252"), or NULL when unknown. */
const char *ea_charset_lookup(const char *label, size_t len);
const char *ea_charset_source_name(enum ea_charset_source s); /* "bom", "http", ... */

#endif

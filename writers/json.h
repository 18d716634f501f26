/*
 * json.h — private to writers/: JSON text written as it is produced, token by token, into a
 * buffer that is flushed to a FILE every EA_JSON_FLUSH bytes. The report of a 100-page site
 * is ~10,000 small objects; building them as a jansson tree first and dumping it cost three
 * quarters of the report's time (malloc and hash tables). The layout is jansson's, so output
 * is byte for byte what json_dumps gave: `indent` 0 is JSON_COMPACT, n is JSON_INDENT(n).
 *
 * Strings are written as RFC 8259 wants: '"', '\\' and control characters escaped, UTF-8 as
 * is, and a byte that does not start a valid UTF-8 sequence as U+FFFD (text read from the
 * network or an old database is not trusted to be valid). A NULL string is written as null.
 */
#ifndef EA_WRITERS_JSON_H
#define EA_WRITERS_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"

/* Nesting the writer keeps track of (our documents are 5 deep). */
#define EA_JSON_MAX_NEST 32
/* Bytes gathered before they are written to the FILE. */
#define EA_JSON_FLUSH (64u * 1024)
/* Cap on the bytes held at once: a flush's worth plus one token (our longest strings are
 * capped snippets and URLs); a text past it is cut and ea_json_finish() says EA_LIMIT. */
#define EA_JSON_MAX_PENDING (16u * 1024 * 1024)

struct ea_json_memo;

struct ea_json {
    FILE *out;                 /* borrowed; NULL: everything stays in buf */
    struct ea_json_memo *memo; /* owned, may be NULL: see ea_json_memo_value */
    struct ea_buf buf;
    unsigned indent;
    unsigned depth;
    bool after_key;                /* the next value follows a key on the same line */
    bool items[EA_JSON_MAX_NEST];  /* the container at that depth has an item already */
    char closer[EA_JSON_MAX_NEST]; /* '}' or ']' */
    bool failed;                   /* a write to out failed */
    bool misused;                  /* too deep, unbalanced, or a key without a value */
};

/* out may be NULL: then the text is kept in w->buf (capped at max bytes). */
void ea_json_init(struct ea_json *w, FILE *out, unsigned indent, size_t max);
/* Flushes what is left; EA_IO if a write failed, EA_LIMIT if the text was cut or is not a
 * whole JSON text (nesting past EA_JSON_MAX_NEST, unbalanced, a key without its value).
 * Releases nothing: ea_json_release() does. */
EA_NODISCARD enum ea_err ea_json_finish(struct ea_json *w);
void ea_json_release(struct ea_json *w);

void ea_json_object(struct ea_json *w); /* { */
void ea_json_array(struct ea_json *w);  /* [ */
void ea_json_end(struct ea_json *w);    /* the } or ] of the innermost open one */
void ea_json_key(struct ea_json *w, const char *key);

void ea_json_str(struct ea_json *w, const char *s);
void ea_json_strn(struct ea_json *w, const char *s, size_t n);
void ea_json_int(struct ea_json *w, long long v);
/* As jansson writes reals: "%.*g" with precision significant digits, and ".0" added when
 * that reads as an integer. */
void ea_json_real(struct ea_json *w, double v, int precision);
void ea_json_bool(struct ea_json *w, bool v);
void ea_json_null(struct ea_json *w);

/* A value that is the same text wherever it appears at one depth (a rule's entry on every
 * page that rule does not apply to): the first time, fn(nested, arg) writes it into a
 * writer of the same layout and the text is kept under (key, variant, depth); after that it
 * is copied. A report writes the same 60 such entries on each of its 100 pages. At most
 * EA_JSON_MAX_MEMO texts are kept; past that values are written each time. */
#define EA_JSON_MAX_MEMO 1024
typedef void ea_json_value_fn(struct ea_json *w, const void *arg);
void ea_json_memo_value(struct ea_json *w, const void *key, unsigned variant, ea_json_value_fn *fn,
                        const void *arg);

/* key and value in one call, for the common member of an object. */
void ea_json_kstr(struct ea_json *w, const char *key, const char *s);
void ea_json_kint(struct ea_json *w, const char *key, long long v);

#endif

/*
 * buf.h — the one growable string buffer. Every buffer has a cap (network data is untrusted):
 * an append that would pass it is cut there and sets a sticky overflow flag, so callers
 * append freely and check ea_buf_overflow() once. b->buf is never NULL and always
 * NUL-terminated.
 */
#ifndef EA_CORE_BUF_H
#define EA_CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/compat.h"

extern char ea_buf_empty[1];

struct ea_buf {
    char *buf;     /* owned unless it points at ea_buf_empty */
    size_t len;    /* bytes in use, not counting the NUL */
    size_t alloc;  /* bytes allocated, 0 while buf is ea_buf_empty */
    size_t max;    /* cap on len */
    bool overflow; /* an append was cut at max */
};

#define EA_BUF_INIT(cap)                                                                           \
    {                                                                                              \
        .buf = ea_buf_empty, .len = 0, .alloc = 0, .max = (cap), .overflow = false                 \
    }

void ea_buf_init(struct ea_buf *b, size_t max);
void ea_buf_release(struct ea_buf *b);
/* Empties b and clears the overflow flag, keeping the allocation. */
void ea_buf_reset(struct ea_buf *b);
/* Hands the string to the caller (free() it) and re-initialises b with the same cap. */
char *ea_buf_detach(struct ea_buf *b, size_t *len);

void ea_buf_addn(struct ea_buf *b, const char *s, size_t n);
void ea_buf_add(struct ea_buf *b, const char *s);
void ea_buf_addch(struct ea_buf *b, char c);
void ea_buf_addf(struct ea_buf *b, const char *fmt, ...) EA_PRINTF(2, 3);
void ea_buf_vaddf(struct ea_buf *b, const char *fmt, va_list ap) EA_PRINTF(2, 0);
/* Shortens b to len bytes (len <= b->len). */
void ea_buf_truncate(struct ea_buf *b, size_t len);
/* Removes leading and trailing ASCII whitespace. */
void ea_buf_trim(struct ea_buf *b);

static inline bool ea_buf_overflow(const struct ea_buf *b)
{
    return b->overflow;
}

#endif

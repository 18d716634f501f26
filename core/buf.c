#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

char ea_buf_empty[1];

void ea_buf_init(struct ea_buf *b, size_t max)
{
    b->buf = ea_buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->max = max;
    b->overflow = false;
}

void ea_buf_release(struct ea_buf *b)
{
    if (!b)
        return;
    if (b->alloc)
        free(b->buf);
    ea_buf_init(b, b->max);
}

void ea_buf_reset(struct ea_buf *b)
{
    b->len = 0;
    b->overflow = false;
    if (b->alloc)
        b->buf[0] = '\0';
}

char *ea_buf_detach(struct ea_buf *b, size_t *len)
{
    char *s = b->alloc ? b->buf : ea_xstrdup("");
    if (len)
        *len = b->len;
    ea_buf_init(b, b->max);
    return s;
}

/* Makes room for extra more bytes plus the NUL; extra is already within the cap. */
static void grow(struct ea_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->alloc)
        return;
    size_t n = b->alloc ? b->alloc : 64;
    while (n < need)
        n *= 2;
    if (b->alloc) {
        b->buf = ea_xrealloc(b->buf, n);
    } else {
        b->buf = ea_xmalloc(n);
        b->buf[0] = '\0';
    }
    b->alloc = n;
}

void ea_buf_addn(struct ea_buf *b, const char *s, size_t n)
{
    if (n > b->max - b->len) {
        n = b->max - b->len;
        b->overflow = true;
    }
    if (!n)
        return;
    grow(b, n);
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void ea_buf_add(struct ea_buf *b, const char *s)
{
    ea_buf_addn(b, s, strlen(s));
}

void ea_buf_addch(struct ea_buf *b, char c)
{
    /* The common case (room allocated, under the cap) without addn's general path: the
     * writers call this once per character of escaped text. */
    if (b->len + 2 <= b->alloc && b->len < b->max) {
        b->buf[b->len++] = c;
        b->buf[b->len] = '\0';
        return;
    }
    ea_buf_addn(b, &c, 1);
}

void ea_buf_vaddf(struct ea_buf *b, const char *fmt, va_list ap)
{
    char small[256];
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(small, sizeof(small), fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        ea_buf_addn(b, small, (size_t)n);
        return;
    }
    char *big = ea_xmalloc((size_t)n + 1);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    ea_buf_addn(b, big, (size_t)n);
    free(big);
}

void ea_buf_addf(struct ea_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ea_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void ea_buf_truncate(struct ea_buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->buf[len] = '\0';
}

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void ea_buf_trim(struct ea_buf *b)
{
    size_t start = 0, end = b->len;
    while (end > 0 && is_ascii_space(b->buf[end - 1]))
        end--;
    while (start < end && is_ascii_space(b->buf[start]))
        start++;
    if (start == 0 && end == b->len)
        return;
    memmove(b->buf, b->buf + start, end - start);
    b->len = end - start;
    if (b->alloc)
        b->buf[b->len] = '\0';
}

#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool ea_text_is_ascii_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

size_t ea_text_ws_len(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (ea_text_is_ascii_ws(s[0]))
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

bool ea_text_is_blank(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t w = ea_text_ws_len(s + i, n - i);
        if (!w)
            return false;
        i += w;
    }
    return true;
}

void ea_text_add_collapsed(struct ea_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    bool space = out->len > 0 && out->buf[out->len - 1] != ' ';
    bool pending = false;
    while (i < n && !ea_buf_overflow(out)) {
        size_t w = ea_text_ws_len(s + i, n - i);
        if (w) {
            pending = true;
            i += w;
            continue;
        }
        size_t start = i;
        while (i < n && !ea_text_ws_len(s + i, n - i))
            i++;
        if (pending && space)
            ea_buf_addch(out, ' ');
        ea_buf_addn(out, s + start, i - start);
        space = true;
        pending = false;
    }
    if (pending && space)
        ea_buf_addch(out, ' ');
}

void ea_text_trim_end(struct ea_buf *out)
{
    size_t len = out->len;
    while (len > 0 && out->buf[len - 1] == ' ')
        len--;
    ea_buf_truncate(out, len);
}

void ea_text_collapse_ws(const char *s, size_t n, struct ea_buf *out)
{
    struct ea_buf tmp = EA_BUF_INIT(out->max);
    ea_text_add_collapsed(&tmp, s, n);
    ea_text_trim_end(&tmp);
    ea_buf_addn(out, tmp.buf, tmp.len);
    ea_buf_release(&tmp);
}

size_t ea_text_utf8_seq(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    return len > 0 ? (size_t)len : 0;
}

size_t ea_text_utf8_cut(const char *s, size_t n)
{
    /* Step back over continuation bytes, then keep the lead byte only if its sequence
     * fits entirely before n. */
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i == 0)
        return n;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (need > 1 && n - (i - 1) < need)
        return i - 1;
    return n;
}

void ea_text_truncate_utf8(struct ea_buf *out, size_t max)
{
    if (out->len <= max)
        return;
    ea_buf_truncate(out, ea_text_utf8_cut(out->buf, max));
}

void ea_text_fold(const char *s, size_t n, struct ea_buf *out)
{
    /* Sanitise first: utf8proc rejects the whole string on one bad byte. */
    struct ea_buf clean = EA_BUF_INIT((n < SIZE_MAX / 3 ? n * 3 : n) + 1);
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0) {
            ea_buf_add(&clean, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        ea_buf_addn(&clean, s + i, (size_t)k);
        i += (size_t)k;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t r =
        utf8proc_map((const utf8proc_uint8_t *)clean.buf, (utf8proc_ssize_t)clean.len, &dst,
                     UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                         UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (r >= 0 && dst)
        ea_buf_addn(out, (const char *)dst, (size_t)r);
    else
        ea_buf_addn(out, clean.buf, clean.len);
    free(dst);
    ea_buf_release(&clean);
}

bool ea_text_ieq(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

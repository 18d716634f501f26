/*
 * gzip.h — gzip-compresses test data in memory (sitemaps, bodies for the test server).
 * Header-only: tests that use it link zlib.
 */
#ifndef EA_TESTS_SUPPORT_GZIP_H
#define EA_TESTS_SUPPORT_GZIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The gzip form of n bytes of s (malloc'd; *out_len its size); aborts on failure. */
static inline char *ea_test_gzip(const char *s, size_t n, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    /* windowBits 15 + 16: a gzip wrapper. */
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        abort();
    size_t cap = n + n / 100 + 1024;
    char *out = malloc(cap);
    if (!out)
        abort();
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        abort();
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

#endif

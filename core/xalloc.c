#include "core/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *die_oom(size_t n)
{
    fprintf(stderr, "eaudit: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void *ea_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : die_oom(n);
}

void *ea_xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    return p ? p : die_oom(nmemb * size);
}

void *ea_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : die_oom(n);
}

void *ea_xreallocarray(void *p, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        return die_oom(SIZE_MAX);
    return ea_xrealloc(p, nmemb * size);
}

char *ea_xstrdup(const char *s)
{
    return ea_xstrndup(s, strlen(s));
}

char *ea_xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = ea_xmalloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *ea_xmemdup(const void *p, size_t n)
{
    if (n == SIZE_MAX)
        abort();
    char *d = ea_xmalloc(n + 1);
    if (n)
        memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

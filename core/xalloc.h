/*
 * xalloc.h — allocation that never returns NULL. eaudit is a program, not a library: when
 * memory runs out it says so and aborts (git's xmalloc), so no caller carries OOM branches.
 */
#ifndef EA_CORE_XALLOC_H
#define EA_CORE_XALLOC_H

#include <stddef.h>

void *ea_xmalloc(size_t n);
void *ea_xcalloc(size_t nmemb, size_t size);
void *ea_xrealloc(void *p, size_t n);
/* realloc for arrays: checks nmemb * size for overflow. */
void *ea_xreallocarray(void *p, size_t nmemb, size_t size);
char *ea_xstrdup(const char *s);
char *ea_xstrndup(const char *s, size_t n);
/* n bytes of p (which may hold NULs) and a NUL after them. */
char *ea_xmemdup(const void *p, size_t n);

/* Grow *arr (of *cap elements of size sz) so that it holds at least need elements. */
#define EA_GROW(arr, need, cap)                                                                    \
    do {                                                                                           \
        if ((need) > (cap)) {                                                                      \
            size_t ea_grow_n_ = (cap) ? (cap)*2 : 8;                                               \
            while (ea_grow_n_ < (need))                                                            \
                ea_grow_n_ *= 2;                                                                   \
            (arr) = ea_xreallocarray((arr), ea_grow_n_, sizeof(*(arr)));                           \
            (cap) = ea_grow_n_;                                                                    \
        }                                                                                          \
    } while (0)

#endif

/*
 * compat.h — project-wide helpers every module may include: attribute macros, array length,
 * and a ban on the C functions we never use (git's banned.h idea).
 */
#ifndef EA_CORE_COMPAT_H
#define EA_CORE_COMPAT_H

#include <stddef.h>

#define EA_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define EA_NODISCARD       __attribute__((warn_unused_result))
#define EA_PRINTF(fmt, va) __attribute__((format(printf, fmt, va)))
#define EA_NORETURN        __attribute__((noreturn))
#else
#define EA_NODISCARD
#define EA_PRINTF(fmt, va)
#define EA_NORETURN
#endif

/* Banned, never used: strcpy, strcat, sprintf, strtok, atoi (unbounded copies, hidden state,
 * silent parse failures). The "banned" test (tests/banned.sh) greps the tree for them; a
 * macro ban here would break glibc's inline definitions in optimised builds. */

#endif

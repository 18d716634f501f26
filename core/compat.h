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

/* Banned: unbounded copies, hidden state, silent parse failures. */
#undef strcpy
#define strcpy(a, b) EA_BANNED_use_ea_buf_instead
#undef strcat
#define strcat(a, b) EA_BANNED_use_ea_buf_instead
#undef sprintf
#define sprintf(...) EA_BANNED_use_snprintf_or_ea_buf_addf
#undef strtok
#define strtok(a, b) EA_BANNED_use_strtok_r_or_strcspn
#undef atoi
#define atoi(a) EA_BANNED_use_strtol_with_checks

#endif

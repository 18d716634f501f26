#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>

static enum ea_log_level current = EA_LOG_INFO;

void ea_log_set_level(enum ea_log_level level)
{
    current = level;
}

enum ea_log_level ea_log_get_level(void)
{
    return current;
}

EA_PRINTF(3, 0)
static void emit(enum ea_log_level level, const char *prefix, const char *fmt, va_list ap)
{
    if (level > current)
        return;
    fprintf(stderr, "eaudit: %s", prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

#define EA_LOG_FN(fn, level, prefix)                                                               \
    void fn(const char *fmt, ...)                                                                  \
    {                                                                                              \
        va_list ap;                                                                                \
        va_start(ap, fmt);                                                                         \
        emit(level, prefix, fmt, ap);                                                              \
        va_end(ap);                                                                                \
    }

EA_LOG_FN(ea_log_error, EA_LOG_ERROR, "error: ")
EA_LOG_FN(ea_log_warn, EA_LOG_WARN, "warning: ")
EA_LOG_FN(ea_log_info, EA_LOG_INFO, "")
EA_LOG_FN(ea_log_debug, EA_LOG_DEBUG, "debug: ")

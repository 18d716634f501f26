/*
 * log.h — messages on stderr. Lowercase, no full stop, name the thing ("cannot open
 * 'seeds.txt': no such file"). The level is set once from --quiet / --verbose.
 */
#ifndef EA_CORE_LOG_H
#define EA_CORE_LOG_H

#include "core/compat.h"

enum ea_log_level {
    EA_LOG_ERROR,
    EA_LOG_WARN,
    EA_LOG_INFO,
    EA_LOG_DEBUG,
};

void ea_log_set_level(enum ea_log_level level);
enum ea_log_level ea_log_get_level(void);

void ea_log_error(const char *fmt, ...) EA_PRINTF(1, 2);
void ea_log_warn(const char *fmt, ...) EA_PRINTF(1, 2);
void ea_log_info(const char *fmt, ...) EA_PRINTF(1, 2);
void ea_log_debug(const char *fmt, ...) EA_PRINTF(1, 2);

#endif

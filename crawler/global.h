/*
 * global.h — process-wide set-up of the transfer library, called once from main() before any
 * thread starts (libcurl's curl_global_init is not thread-safe in 7.88).
 */
#ifndef EA_CRAWLER_GLOBAL_H
#define EA_CRAWLER_GLOBAL_H

#include "core/compat.h"
#include "core/err.h"

EA_NODISCARD enum ea_err ea_crawler_global_init(void);
void ea_crawler_global_cleanup(void);

#endif

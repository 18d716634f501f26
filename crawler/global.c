#include "crawler/global.h"

#include <curl/curl.h>

enum ea_err ea_crawler_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? EA_OK : EA_FETCH;
}

void ea_crawler_global_cleanup(void)
{
    curl_global_cleanup();
}

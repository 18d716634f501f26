#include "core/err.h"

const char *ea_strerror(enum ea_err err)
{
    switch (err) {
#define EA_ERR_CASE(name, val, msg)                                                                \
    case EA_##name:                                                                                \
        return msg;
        EA_ERR_MAP(EA_ERR_CASE)
#undef EA_ERR_CASE
    }
    return "unknown error";
}

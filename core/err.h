/*
 * err.h — the project's error codes. Functions that can fail return enum ea_err: 0 is
 * success, negative values are failures. A broken *site* is data, not an ea_err.
 */
#ifndef EA_CORE_ERR_H
#define EA_CORE_ERR_H

#define EA_ERR_MAP(X)                                                                              \
    X(OK, 0, "success")                                                                            \
    X(INVAL, -1, "invalid argument")                                                               \
    X(IO, -2, "input/output error")                                                                \
    X(LIMIT, -3, "size limit exceeded")                                                            \
    X(PARSE, -4, "cannot parse input")                                                             \
    X(FETCH, -5, "transfer failed")                                                                \
    X(CHARSET, -6, "unsupported character encoding")                                               \
    X(DB, -7, "database error")                                                                    \
    X(NOTFOUND, -8, "not found")

enum ea_err {
#define EA_ERR_ENUM(name, val, msg) EA_##name = val,
    EA_ERR_MAP(EA_ERR_ENUM)
#undef EA_ERR_ENUM
};

/* A static, lowercase description of err. */
const char *ea_strerror(enum ea_err err);

#endif

/*
 * sslserver.h — openssl s_server -www on 127.0.0.1 for the TLS session tests: it answers each
 * connection's one request with a page that says whether the connection's TLS session was
 * "New" or "Reused". Needs the openssl program (scripts/setup installs it).
 */
#ifndef EA_TESTS_SUPPORT_SSLSERVER_H
#define EA_TESTS_SUPPORT_SSLSERVER_H

#include <sys/types.h>

struct ea_test_sslserver {
    pid_t pid;
    unsigned port;
};

/* Starts it (TLS 1.2, session IDs) with the PEM certificate and key on a free port; aborts
 * the test when it cannot. */
void ea_test_sslserver_start(struct ea_test_sslserver *s, const char *cert, const char *key);
void ea_test_sslserver_stop(struct ea_test_sslserver *s);

#endif

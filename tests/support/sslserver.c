/* sslserver.c — see sslserver.h. */
#include "tests/support/sslserver.h"

#include "tests/support/httpd.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define START_TRIES 5
#define WAIT_STEPS  250 /* x 20 ms: how long it may take to listen */

static bool accepts(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bool ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

static void die(const char *what)
{
    fprintf(stderr, "sslserver: %s\n", what);
    abort();
}

void ea_test_sslserver_start(struct ea_test_sslserver *s, const char *cert, const char *key)
{
    s->pid = -1;
    for (int attempt = 0; attempt < START_TRIES; attempt++) {
        char accept_at[64];
        int status;
        s->port = ea_test_free_port();
        /* (the probe connections it accepts while starting are dropped: -www serves one
         * request a connection and nothing was sent) */
        snprintf(accept_at, sizeof(accept_at), "127.0.0.1:%u", s->port);
        const char *argv[] = { "openssl", "s_server", "-www", "-tls1_2", "-quiet", "-accept",
                               accept_at, "-cert",    cert,   "-key",    key,      NULL };
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid;
        if (posix_spawnp(&pid, "openssl", &fa, NULL, (char *const *)argv, environ) != 0)
            die("cannot run openssl (install the openssl package: scripts/setup)");
        posix_spawn_file_actions_destroy(&fa);
        for (int i = 0; i < WAIT_STEPS; i++) {
            /* Ours listens once it is still running and the port accepts; another program
             * that took the port meanwhile makes openssl exit (address in use). */
            if (waitpid(pid, &status, WNOHANG) == pid)
                break;
            if (accepts(s->port)) {
                s->pid = pid;
                return;
            }
            nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
        }
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
    }
    die("openssl s_server did not start");
}

void ea_test_sslserver_stop(struct ea_test_sslserver *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
    }
    s->pid = -1;
}

#define _DEFAULT_SOURCE /* nice() */
#include "core/pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/limits.h"
#include "core/log.h"
#include "core/xalloc.h"

/* How much lower than its owner's a worker's scheduling priority is (nice levels). */
#define WORKER_NICE 5

struct job {
    struct job *next;
    ea_pool_fn *work, *done;
    void *arg;
};

struct queue {
    struct job *head, *tail;
};

struct ea_pool {
    pthread_mutex_t mu;
    pthread_cond_t work_ready;          /* todo got a job, or stopping */
    pthread_cond_t job_done;            /* finished got a job */
    struct queue first, todo, finished; /* first: taken before todo */
    bool stopping;
    pthread_t *threads;
    unsigned nthreads;
    size_t outstanding; /* owner's count: submitted, done not run */
    ea_pool_notify_fn *notify;
    void *notify_ctx;
};

static void push(struct queue *q, struct job *j)
{
    j->next = NULL;
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
}

static struct job *pop(struct queue *q)
{
    struct job *j = q->head;
    if (j) {
        q->head = j->next;
        if (!q->head)
            q->tail = NULL;
    }
    return j;
}

static struct job *take_all(struct queue *q)
{
    struct job *j = q->head;
    q->head = q->tail = NULL;
    return j;
}

static void *worker(void *vp)
{
    struct ea_pool *p = vp;
    /* Below the owner's priority: the owner is an event loop that must start transfers the
     * moment one ends, and the jobs are CPU work that can wait a few milliseconds. On Linux
     * nice() is per thread; failing only means the same priority. */
    errno = 0;
    if (nice(WORKER_NICE) == -1 && errno)
        errno = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->first.head && !p->todo.head && !p->stopping)
            pthread_cond_wait(&p->work_ready, &p->mu);
        struct job *j = p->first.head ? pop(&p->first) : pop(&p->todo);
        if (!j)
            break; /* stopping, and nothing left to do */
        pthread_mutex_unlock(&p->mu);
        j->work(j->arg);
        pthread_mutex_lock(&p->mu);
        push(&p->finished, j);
        pthread_cond_signal(&p->job_done);
        if (p->notify) {
            pthread_mutex_unlock(&p->mu);
            p->notify(p->notify_ctx);
            pthread_mutex_lock(&p->mu);
        }
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

unsigned ea_pool_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > EA_MAX_WORKERS ? EA_MAX_WORKERS : (unsigned)n;
}

struct ea_pool *ea_pool_new(unsigned threads, ea_pool_notify_fn *notify, void *ctx)
{
    struct ea_pool *p = ea_xcalloc(1, sizeof(*p));
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_ready, NULL);
    pthread_cond_init(&p->job_done, NULL);
    p->notify = notify;
    p->notify_ctx = ctx;
    if (threads > EA_MAX_WORKERS)
        threads = EA_MAX_WORKERS;
    p->threads = ea_xcalloc(threads ? threads : 1, sizeof(*p->threads));
    for (unsigned i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
            ea_log_warn("could start only %u of %u worker threads", i, threads);
            break;
        }
        p->nthreads++;
    }
    return p;
}

unsigned ea_pool_threads(const struct ea_pool *p)
{
    return p->nthreads;
}

size_t ea_pool_outstanding(const struct ea_pool *p)
{
    return p->outstanding;
}

static void submit(struct ea_pool *p, ea_pool_fn *work, ea_pool_fn *done, void *arg, bool first)
{
    struct job *j = ea_xmalloc(sizeof(*j));
    *j = (struct job){ .work = work, .done = done, .arg = arg };
    p->outstanding++;
    if (p->nthreads == 0) {
        j->work(j->arg);
        pthread_mutex_lock(&p->mu);
        push(&p->finished, j);
        pthread_mutex_unlock(&p->mu);
        return;
    }
    pthread_mutex_lock(&p->mu);
    push(first ? &p->first : &p->todo, j);
    pthread_cond_signal(&p->work_ready);
    pthread_mutex_unlock(&p->mu);
}

void ea_pool_submit(struct ea_pool *p, ea_pool_fn *work, ea_pool_fn *done, void *arg)
{
    submit(p, work, done, arg, false);
}

void ea_pool_submit_first(struct ea_pool *p, ea_pool_fn *work, ea_pool_fn *done, void *arg)
{
    submit(p, work, done, arg, true);
}

size_t ea_pool_drain(struct ea_pool *p, bool wait)
{
    pthread_mutex_lock(&p->mu);
    while (wait && p->outstanding && !p->finished.head && p->nthreads)
        pthread_cond_wait(&p->job_done, &p->mu);
    struct job *j = take_all(&p->finished);
    pthread_mutex_unlock(&p->mu);
    size_t n = 0;
    while (j) {
        struct job *next = j->next;
        p->outstanding--;
        if (j->done)
            j->done(j->arg); /* may submit more */
        free(j);
        j = next;
        n++;
    }
    return n;
}

void ea_pool_free(struct ea_pool *p)
{
    if (!p)
        return;
    while (p->outstanding)
        ea_pool_drain(p, true);
    pthread_mutex_lock(&p->mu);
    p->stopping = true;
    pthread_cond_broadcast(&p->work_ready);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    free(p->threads);
    pthread_cond_destroy(&p->work_ready);
    pthread_cond_destroy(&p->job_done);
    pthread_mutex_destroy(&p->mu);
    free(p);
}

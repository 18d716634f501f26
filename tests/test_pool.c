/* core/pool: work on workers, done on the owner's thread in drain, and the 0-thread mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "core/limits.h"
#include "core/pool.h"

#define NJOBS 500

struct job {
    int input, output;
    pthread_t work_thread, done_thread;
    bool worked, done;
    struct ea_pool *pool; /* for jobs that submit more from done */
    int *chain_left;
};

static atomic_int notified;

static void note(void *ctx)
{
    (void)ctx;
    atomic_fetch_add(&notified, 1);
}

static void square(void *arg)
{
    struct job *j = arg;
    j->work_thread = pthread_self();
    j->output = j->input * j->input;
    j->worked = true;
}

static void record(void *arg)
{
    struct job *j = arg;
    assert_true(j->worked); /* done always after work */
    j->done_thread = pthread_self();
    j->done = true;
}

static void wait_all(struct ea_pool *p)
{
    while (ea_pool_outstanding(p))
        ea_pool_drain(p, true);
}

static void test_jobs_run_on_workers_done_on_owner(void **state)
{
    (void)state;
    atomic_store(&notified, 0);
    struct ea_pool *p = ea_pool_new(3, note, NULL);
    assert_int_equal(ea_pool_threads(p), 3);
    struct job *jobs = calloc(NJOBS, sizeof(*jobs));
    for (int i = 0; i < NJOBS; i++) {
        jobs[i].input = i;
        ea_pool_submit(p, square, record, &jobs[i]);
    }
    assert_true(ea_pool_outstanding(p) > 0);
    wait_all(p);
    bool off_owner = false;
    for (int i = 0; i < NJOBS; i++) {
        assert_true(jobs[i].done);
        assert_int_equal(jobs[i].output, i * i);
        assert_true(pthread_equal(jobs[i].done_thread, pthread_self()));
        off_owner |= !pthread_equal(jobs[i].work_thread, pthread_self());
    }
    assert_true(off_owner);
    assert_int_equal(ea_pool_drain(p, false), 0);
    assert_int_equal(ea_pool_drain(p, true), 0); /* nothing outstanding: no wait */
    ea_pool_free(p);
    free(jobs);
    /* A worker notifies after handing its job over, so the owner may drain the last job
     * before its notify has run: count them once the workers are joined. */
    assert_int_equal(atomic_load(&notified), NJOBS);
}

static void test_zero_threads_runs_inline_done_deferred(void **state)
{
    (void)state;
    struct ea_pool *p = ea_pool_new(0, NULL, NULL);
    assert_int_equal(ea_pool_threads(p), 0);
    struct job j = { .input = 7 };
    ea_pool_submit(p, square, record, &j);
    assert_true(j.worked); /* at once, on this thread */
    assert_true(pthread_equal(j.work_thread, pthread_self()));
    assert_false(j.done); /* but done waits for drain, as with workers */
    assert_int_equal(ea_pool_outstanding(p), 1);
    assert_int_equal(ea_pool_drain(p, true), 1);
    assert_true(j.done);
    assert_int_equal(j.output, 49);
    ea_pool_free(p);
}

/* done submits the next job, as the audit's parse -> check -> next page does. */
static void chain_done(void *arg)
{
    struct job *j = arg;
    record(arg);
    if (--*j->chain_left > 0) {
        j->worked = j->done = false;
        j->input++;
        ea_pool_submit(j->pool, square, chain_done, j);
    }
}

static void test_done_may_submit_more(void **state)
{
    (void)state;
    for (unsigned threads = 0; threads <= 2; threads++) {
        struct ea_pool *p = ea_pool_new(threads, NULL, NULL);
        int left = 100;
        struct job j = { .input = 0, .pool = p, .chain_left = &left };
        ea_pool_submit(p, square, chain_done, &j);
        wait_all(p);
        assert_int_equal(left, 0);
        assert_int_equal(j.input, 99);
        assert_int_equal(j.output, 99 * 99);
        ea_pool_free(p);
    }
}

/* Freeing waits for queued jobs and runs their done functions: nothing is lost. */
static void slow(void *arg)
{
    struct timespec ts = { 0, 2 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    square(arg);
}

static void test_free_finishes_every_job(void **state)
{
    (void)state;
    struct ea_pool *p = ea_pool_new(2, NULL, NULL);
    struct job jobs[20] = { { 0 } };
    for (int i = 0; i < 20; i++) {
        jobs[i].input = i;
        ea_pool_submit(p, slow, record, &jobs[i]);
    }
    ea_pool_free(p);
    for (int i = 0; i < 20; i++)
        assert_true(jobs[i].done);
    ea_pool_free(NULL);
}

static void test_thread_count_capped(void **state)
{
    (void)state;
    unsigned d = ea_pool_default_threads();
    assert_true(d >= 1 && d <= EA_MAX_WORKERS);
    struct ea_pool *p = ea_pool_new(EA_MAX_WORKERS + 100, NULL, NULL);
    assert_true(ea_pool_threads(p) <= EA_MAX_WORKERS);
    ea_pool_free(p);
}

/* ea_pool_submit_first: ahead of the jobs waiting, in order among themselves. One worker is
 * held on the first job while the others are queued. */
static atomic_bool release, holding;
static atomic_int ran;
static int order[8];

struct ordered {
    int id;
};

static void hold(void *arg)
{
    struct ordered *o = arg;
    atomic_store(&holding, true);
    while (!atomic_load(&release)) {
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
    }
    order[atomic_fetch_add(&ran, 1)] = o->id;
}

static void mark(void *arg)
{
    struct ordered *o = arg;
    order[atomic_fetch_add(&ran, 1)] = o->id;
}

static void nothing(void *arg)
{
    (void)arg;
}

static void test_submit_first(void **state)
{
    (void)state;
    atomic_store(&release, false);
    atomic_store(&holding, false);
    atomic_store(&ran, 0);
    struct ea_pool *p = ea_pool_new(1, NULL, NULL);
    struct ordered jobs[5] = { { 0 }, { 1 }, { 2 }, { 3 }, { 4 } };
    ea_pool_submit(p, hold, nothing, &jobs[0]);
    /* Wait until the worker holds job 0, so that the rest queue behind it. */
    while (!atomic_load(&holding)) {
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
    }
    ea_pool_submit(p, mark, nothing, &jobs[1]);
    ea_pool_submit(p, mark, nothing, &jobs[2]);
    ea_pool_submit_first(p, mark, nothing, &jobs[3]);
    ea_pool_submit_first(p, mark, nothing, &jobs[4]);
    atomic_store(&release, true);
    wait_all(p);
    ea_pool_free(p);
    assert_int_equal(atomic_load(&ran), 5);
    static const int want[] = { 0, 3, 4, 1, 2 };
    for (int i = 0; i < 5; i++)
        assert_int_equal(order[i], want[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jobs_run_on_workers_done_on_owner),
        cmocka_unit_test(test_zero_threads_runs_inline_done_deferred),
        cmocka_unit_test(test_done_may_submit_more),
        cmocka_unit_test(test_free_finishes_every_job),
        cmocka_unit_test(test_thread_count_capped),
        cmocka_unit_test(test_submit_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

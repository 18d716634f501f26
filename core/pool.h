/*
 * pool.h — a few worker threads for CPU work the event loop hands off (pages parsed and
 * checked, reports rendered) so that the loop keeps starting transfers meanwhile.
 *
 * work(arg) runs on a worker; done(arg) runs later on the thread that calls ea_pool_drain
 * (the fetcher's loop), in the order the jobs finished. arg belongs to the worker from
 * ea_pool_submit until work returns, then to done: the pool's mutex orders the hand-overs,
 * so data that only one job touches at a time needs no lock of its own. Everything else
 * work reads must not change meanwhile (immutable tables, or copies made before submit).
 *
 * With 0 threads, ea_pool_submit runs work at once on the caller's thread; done still waits
 * for ea_pool_drain, so callers follow one control flow either way.
 * All functions but the notify callback are called from one thread, the pool's owner.
 */
#ifndef EA_CORE_POOL_H
#define EA_CORE_POOL_H

#include <stdbool.h>
#include <stddef.h>

struct ea_pool;
typedef void ea_pool_fn(void *arg);
/* Called on a worker after a job finished (e.g. to wake the owner's poll); may be NULL. */
typedef void ea_pool_notify_fn(void *ctx);

/* Starts threads workers (at most EA_MAX_WORKERS; fewer when the system refuses more). */
struct ea_pool *ea_pool_new(unsigned threads, ea_pool_notify_fn *notify, void *ctx);
/* Waits for every submitted job, runs the done functions not yet run, stops the workers. */
void ea_pool_free(struct ea_pool *p);
void ea_pool_submit(struct ea_pool *p, ea_pool_fn *work, ea_pool_fn *done, void *arg);
/* The same, ahead of the jobs submitted with ea_pool_submit that wait for a worker (in order
 * among themselves): for work that frees memory (a parsed tree that waits to be checked)
 * before work that makes more (pages waiting to be parsed). */
void ea_pool_submit_first(struct ea_pool *p, ea_pool_fn *work, ea_pool_fn *done, void *arg);
/* Runs done for every job finished so now; returns how many. With wait, first waits until
 * at least one has finished (when any is outstanding). */
size_t ea_pool_drain(struct ea_pool *p, bool wait);
/* Jobs submitted whose done has not run yet. */
size_t ea_pool_outstanding(const struct ea_pool *p);
/* Worker threads actually running. */
unsigned ea_pool_threads(const struct ea_pool *p);
/* The online CPUs, at most EA_MAX_WORKERS: a sensible default for threads. */
unsigned ea_pool_default_threads(void);

#endif

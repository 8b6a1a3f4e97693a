/* Mutexes, semaphores and condition variables (lib/sched). All block
 * the calling thread (never spin) and wake waiters highest priority
 * first, first come first served among equals. Deadlines are absolute,
 * on ts_time_now_ns()'s clock; TS_TIME_NEVER waits forever. */
#ifndef TS_SYNC_H
#define TS_SYNC_H

#include <ts/sched.h>

/* Mutex. It knows its owner: unlocking a mutex the caller does not hold
 * is refused and reported (the thread, the mutex, the holder, the
 * caller's address), and so is locking a non-recursive one the caller
 * holds already (that would deadlock). A recursive mutex counts its
 * locks. An unlock hands the mutex to the first waiter directly, so
 * waiters are served in order. No priority inheritance. */
#define TS_MUTEX_RECURSIVE	1

struct ts_mutex {
	struct ts_thread *owner;
	unsigned int depth;
	unsigned int flags;
	struct ts_waitq waiters;
};

#define TS_MUTEX_INIT(m)	   { 0, 0, 0, TS_WAITQ_INIT((m).waiters) }
#define TS_MUTEX_INIT_RECURSIVE(m) \
	{ 0, 0, TS_MUTEX_RECURSIVE, TS_WAITQ_INIT((m).waiters) }

void ts_mutex_init(struct ts_mutex *m, unsigned int flags);
/* 0, or -EDEADLK (a non-recursive mutex the caller holds). */
int ts_mutex_lock(struct ts_mutex *m);
/* 0, -ETIMEDOUT, -EDEADLK. */
int ts_mutex_timedlock(struct ts_mutex *m, uint64_t deadline_ns);
/* 0, -EBUSY (held by another thread, or by the caller and not
 * recursive). */
int ts_mutex_trylock(struct ts_mutex *m);
/* 0, or -EPERM (the caller does not hold it). */
int ts_mutex_unlock(struct ts_mutex *m);
struct ts_thread *ts_mutex_owner(const struct ts_mutex *m);

/* Counting semaphore. ts_sem_post() may be called from interrupt
 * handlers and timer callbacks. */
struct ts_sem {
	unsigned long count;
	struct ts_waitq waiters;
};

#define TS_SEM_INIT(s, n)	{ (n), TS_WAITQ_INIT((s).waiters) }

void ts_sem_init(struct ts_sem *s, unsigned long count);
void ts_sem_wait(struct ts_sem *s);
/* 0 or -ETIMEDOUT. */
int ts_sem_timedwait(struct ts_sem *s, uint64_t deadline_ns);
/* 0 or -EAGAIN. */
int ts_sem_trywait(struct ts_sem *s);
void ts_sem_post(struct ts_sem *s);
unsigned long ts_sem_value(const struct ts_sem *s);

/* Condition variable, used with a mutex the caller holds: the wait
 * releases it and waits as one step, and holds it again on return,
 * also after a timeout. As everywhere, wake-ups can be spurious from
 * the caller's point of view (another thread got there first): wait in
 * a loop over the condition. */
struct ts_cond {
	struct ts_waitq waiters;
};

#define TS_COND_INIT(c)		{ TS_WAITQ_INIT((c).waiters) }

void ts_cond_init(struct ts_cond *c);
/* 0, or -EPERM (the caller does not hold m). */
int ts_cond_wait(struct ts_cond *c, struct ts_mutex *m);
/* 0, -ETIMEDOUT, -EPERM. */
int ts_cond_timedwait(struct ts_cond *c, struct ts_mutex *m,
		      uint64_t deadline_ns);
void ts_cond_signal(struct ts_cond *c);
void ts_cond_broadcast(struct ts_cond *c);

#endif

/* Mutexes that know their owner. An unlock hands the mutex straight to
 * the first waiter, so a thread that unlocks and locks again in a loop
 * cannot starve the waiters. */
#include <errno.h>
#include <ts/sync.h>
#include <ts/debug.h>
#include "internal.h"

void ts_mutex_init(struct ts_mutex *m, unsigned int flags)
{
	m->owner = NULL;
	m->depth = 0;
	m->flags = flags;
	ts_waitq_init(&m->waiters);
}

static const char *owner_name(const struct ts_mutex *m)
{
	return m->owner ? m->owner->name : "nobody";
}

/* Interrupts off. */
static int lock(struct ts_mutex *m, uint64_t deadline, void *caller)
{
	struct ts_thread *self = sched_current;
	int r;

	if (!m->owner) {
		m->owner = self;
		m->depth = 1;
		return 0;
	}
	if (m->owner == self) {
		if (m->flags & TS_MUTEX_RECURSIVE) {
			m->depth++;
			return 0;
		}
		ts_log_err("thread %s locks mutex %p, which it holds "
			   "already (not recursive): that would deadlock "
			   "(called from %p)", self->name, (void *)m, caller);
		return -EDEADLK;
	}
	r = sched_block(&m->waiters, deadline);
	/* Woken by an unlock, the mutex is ours already. */
	return r;
}

int ts_mutex_lock(struct ts_mutex *m)
{
	int on = ts_sched_irq_save();
	int r = lock(m, TS_TIME_NEVER, __builtin_return_address(0));

	ts_sched_irq_restore(on);
	return r;
}

int ts_mutex_timedlock(struct ts_mutex *m, uint64_t deadline_ns)
{
	int on = ts_sched_irq_save();
	int r = lock(m, deadline_ns, __builtin_return_address(0));

	ts_sched_irq_restore(on);
	return r;
}

int ts_mutex_trylock(struct ts_mutex *m)
{
	int on = ts_sched_irq_save();
	int r = -EBUSY;

	if (!m->owner) {
		m->owner = sched_current;
		m->depth = 1;
		r = 0;
	} else if (m->owner == sched_current &&
		   (m->flags & TS_MUTEX_RECURSIVE)) {
		m->depth++;
		r = 0;
	}
	ts_sched_irq_restore(on);
	return r;
}

/* Interrupts off. Gives the mutex up entirely, to the first waiter. */
void sched_mutex_release(struct ts_mutex *m)
{
	struct ts_sched_node *n = waitq_pop(&m->waiters);

	m->owner = n ? thread_of(n) : NULL;
	m->depth = n ? 1 : 0;
	if (n)
		sched_wake(thread_of(n), 0);
}

int ts_mutex_unlock(struct ts_mutex *m)
{
	int on = ts_sched_irq_save();
	struct ts_thread *self = sched_current;

	if (m->owner != self) {
		ts_log_err("thread %s unlocks mutex %p held by %s: "
			   "refused (called from %p)", self->name, (void *)m,
			   owner_name(m), __builtin_return_address(0));
		ts_sched_irq_restore(on);
		return -EPERM;
	}
	if (--m->depth == 0)
		sched_mutex_release(m);
	ts_sched_irq_restore(on);
	sched_check_preempt();
	return 0;
}

struct ts_thread *ts_mutex_owner(const struct ts_mutex *m)
{
	return m->owner;
}

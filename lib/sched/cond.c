/* Condition variables. The wait gives the mutex up and blocks with
 * interrupts off, so no signal can come in between. */
#include <errno.h>
#include <ts/sync.h>
#include <ts/debug.h>
#include "internal.h"

void ts_cond_init(struct ts_cond *c)
{
	ts_waitq_init(&c->waiters);
}

int ts_cond_timedwait(struct ts_cond *c, struct ts_mutex *m,
		      uint64_t deadline_ns)
{
	int on = ts_sched_irq_save();
	struct ts_thread *self = sched_current;
	unsigned int depth = m->depth;
	int r;

	if (m->owner != self) {
		ts_log_err("thread %s waits on condition %p with mutex "
			   "%p, which it does not hold (called from %p)",
			   self->name, (void *)c, (void *)m,
			   __builtin_return_address(0));
		ts_sched_irq_restore(on);
		return -EPERM;
	}
	sched_mutex_release(m);
	r = sched_block(&c->waiters, deadline_ns);
	/* Back under the mutex, whatever woke us; a recursive one at the
	 * depth it had. */
	if (m->owner)
		sched_block(&m->waiters, TS_TIME_NEVER);
	else
		m->owner = self;
	m->depth = depth;
	ts_sched_irq_restore(on);
	return r;
}

int ts_cond_wait(struct ts_cond *c, struct ts_mutex *m)
{
	return ts_cond_timedwait(c, m, TS_TIME_NEVER);
}

void ts_cond_signal(struct ts_cond *c)
{
	ts_waitq_wake_one(&c->waiters);
}

void ts_cond_broadcast(struct ts_cond *c)
{
	ts_waitq_wake_all(&c->waiters);
}

/* Counting semaphores. A post with waiters hands the unit straight to
 * the first of them instead of raising the count, so that a thread
 * woken is sure to get it. */
#include <errno.h>
#include <ts/sync.h>
#include "internal.h"

void ts_sem_init(struct ts_sem *s, unsigned long count)
{
	s->count = count;
	ts_waitq_init(&s->waiters);
}

int ts_sem_timedwait(struct ts_sem *s, uint64_t deadline_ns)
{
	int on = ts_sched_irq_save();
	int r = 0;

	if (s->count)
		s->count--;
	else
		r = sched_block(&s->waiters, deadline_ns);
	ts_sched_irq_restore(on);
	return r;
}

void ts_sem_wait(struct ts_sem *s)
{
	ts_sem_timedwait(s, TS_TIME_NEVER);
}

int ts_sem_trywait(struct ts_sem *s)
{
	int on = ts_sched_irq_save();
	int r = -EAGAIN;

	if (s->count) {
		s->count--;
		r = 0;
	}
	ts_sched_irq_restore(on);
	return r;
}

void ts_sem_post(struct ts_sem *s)
{
	int on = ts_sched_irq_save();
	struct ts_sched_node *n = waitq_pop(&s->waiters);

	if (n)
		sched_wake(thread_of(n), 0);
	else
		s->count++;
	ts_sched_irq_restore(on);
	sched_check_preempt();
}

unsigned long ts_sem_value(const struct ts_sem *s)
{
	return s->count;
}

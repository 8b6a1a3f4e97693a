/* Wait queues and sleeping: blocking the running thread until a wake-up
 * or a deadline, with the timer of lib/time for the deadline. */
#include <ts/sched.h>
#include <ts/waitq.h>
#include "internal.h"

int ts_waitq_wait(struct ts_waitq *wq, uint64_t deadline_ns)
{
	int on = ts_sched_irq_save();
	int r = sched_block(wq, deadline_ns);

	ts_sched_irq_restore(on);
	return r;
}

/* Interrupts off; the caller checks for preemption after. */
static int wake_one(struct ts_waitq *wq)
{
	struct ts_sched_node *n = waitq_pop(wq);

	if (!n)
		return 0;
	sched_wake(thread_of(n), 0);
	return 1;
}

int ts_waitq_wake_one(struct ts_waitq *wq)
{
	int on = ts_sched_irq_save();
	int n = wake_one(wq);

	ts_sched_irq_restore(on);
	sched_check_preempt();
	return n;
}

int ts_waitq_wake_all(struct ts_waitq *wq)
{
	int on = ts_sched_irq_save();
	int n = 0;

	while (wake_one(wq))
		n++;
	ts_sched_irq_restore(on);
	sched_check_preempt();
	return n;
}

void ts_thread_sleep_until(uint64_t deadline_ns)
{
	int on = ts_sched_irq_save();

	while (sched_block(NULL, deadline_ns) == 0)
		;	/* a stray wake-up: only the deadline ends a sleep */
	ts_sched_irq_restore(on);
}

void ts_thread_sleep_ns(uint64_t ns)
{
	ts_thread_sleep_until(ts_time_deadline_in(ns));
}

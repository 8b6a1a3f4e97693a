/* Wait queues (lib/sched): threads blocked until another thread or an
 * interrupt wakes them, highest priority first, first come first served
 * among equals. The building block of <ts/sync.h>.
 *
 *   int on = ts_sched_irq_save();
 *   while (!ready)
 *           ts_waitq_wait(&wq, TS_TIME_NEVER);
 *   ts_sched_irq_restore(on);
 *
 * Interrupts off make the check of the condition and the wait one step:
 * no wake-up can come in between, from an interrupt or (preemptive
 * builds) another thread. */
#ifndef TS_WAITQ_H
#define TS_WAITQ_H

#include <stdint.h>

struct ts_sched_node {		/* private */
	struct ts_sched_node *next, *prev;
	int prio;
};

struct ts_waitq {
	struct ts_sched_node head;
};

#define TS_WAITQ_INIT(wq)	{ { &(wq).head, &(wq).head, 0 } }

void ts_waitq_init(struct ts_waitq *wq);
int ts_waitq_empty(const struct ts_waitq *wq);

/* Block until woken (0) or until deadline_ns (-ETIMEDOUT). Called with
 * interrupts off, it returns with them off. */
int ts_waitq_wait(struct ts_waitq *wq, uint64_t deadline_ns);

/* Wake the first waiter / all of them; returns how many woke. */
int ts_waitq_wake_one(struct ts_waitq *wq);
int ts_waitq_wake_all(struct ts_waitq *wq);

#endif

/* The scheduler's queues: the run queue (ready threads by priority) and
 * wait queues. Pure list code on struct ts_sched_node, no platform or
 * CPU calls, so that the host unit tests build it as it is. Callers
 * keep interrupts off around every operation. */
#ifndef SCHED_QUEUE_H
#define SCHED_QUEUE_H

#include <stdint.h>
#include <ts/waitq.h>

#define RUNQ_LEVELS	32	/* priorities 0-31 */

struct runq {
	struct ts_sched_node level[RUNQ_LEVELS];	/* circular lists */
	uint32_t nonempty;	/* bit p: level p holds a thread */
	unsigned int count;
};

void runq_init(struct runq *q);

/* Queue n at the end of its priority level (n->prio): it runs after
 * the threads of that level queued before it. */
void runq_push(struct runq *q, struct ts_sched_node *n);

/* Queue n at the front of its level: a thread preempted by a higher
 * priority one keeps its turn. */
void runq_push_front(struct runq *q, struct ts_sched_node *n);

/* Take the first thread of the highest non-empty level, or NULL. */
struct ts_sched_node *runq_pop(struct runq *q);

void runq_remove(struct runq *q, struct ts_sched_node *n);

/* The highest priority with a ready thread, or -1. */
int runq_top_prio(const struct runq *q);

/* Queue n on wq after every waiter of its priority or higher. */
void waitq_push(struct ts_waitq *wq, struct ts_sched_node *n);

/* Take the first waiter, or NULL. */
struct ts_sched_node *waitq_pop(struct ts_waitq *wq);

/* Take n off whatever wait queue holds it. */
void waitq_remove(struct ts_sched_node *n);

static inline int node_queued(const struct ts_sched_node *n)
{
	return n->next != 0;
}

#endif

/* Run queue and wait queues. The run queue is one FIFO per priority and
 * a bitmap of the non-empty ones, so that every operation takes
 * constant time. Wait queues are kept in priority order: waking takes
 * the first, queueing walks back from the end past the lower
 * priorities, which is constant time when all waiters share one
 * priority, the common case. */
#include <stddef.h>
#include <ts/waitq.h>
#include "queue.h"

static void insert_after(struct ts_sched_node *pos, struct ts_sched_node *n)
{
	n->prev = pos;
	n->next = pos->next;
	pos->next->prev = n;
	pos->next = n;
}

static void node_unlink(struct ts_sched_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = NULL;
}

static int list_empty(const struct ts_sched_node *head)
{
	return head->next == head;
}

void runq_init(struct runq *q)
{
	for (int p = 0; p < RUNQ_LEVELS; p++)
		q->level[p].next = q->level[p].prev = &q->level[p];
	q->nonempty = 0;
	q->count = 0;
}

void runq_push(struct runq *q, struct ts_sched_node *n)
{
	insert_after(q->level[n->prio].prev, n);
	q->nonempty |= 1U << n->prio;
	q->count++;
}

void runq_push_front(struct runq *q, struct ts_sched_node *n)
{
	insert_after(&q->level[n->prio], n);
	q->nonempty |= 1U << n->prio;
	q->count++;
}

void runq_remove(struct runq *q, struct ts_sched_node *n)
{
	int p = n->prio;

	node_unlink(n);
	if (list_empty(&q->level[p]))
		q->nonempty &= ~(1U << p);
	q->count--;
}

int runq_top_prio(const struct runq *q)
{
	return q->nonempty ? 31 - __builtin_clz(q->nonempty) : -1;
}

struct ts_sched_node *runq_pop(struct runq *q)
{
	int p = runq_top_prio(q);
	struct ts_sched_node *n;

	if (p < 0)
		return NULL;
	n = q->level[p].next;
	runq_remove(q, n);
	return n;
}

void ts_waitq_init(struct ts_waitq *wq)
{
	wq->head.next = wq->head.prev = &wq->head;
	wq->head.prio = 0;
}

int ts_waitq_empty(const struct ts_waitq *wq)
{
	return list_empty(&wq->head);
}

void waitq_push(struct ts_waitq *wq, struct ts_sched_node *n)
{
	struct ts_sched_node *pos = wq->head.prev;

	while (pos != &wq->head && pos->prio < n->prio)
		pos = pos->prev;
	insert_after(pos, n);
}

struct ts_sched_node *waitq_pop(struct ts_waitq *wq)
{
	struct ts_sched_node *n = wq->head.next;

	if (n == &wq->head)
		return NULL;
	node_unlink(n);
	return n;
}

void waitq_remove(struct ts_sched_node *n)
{
	node_unlink(n);
}

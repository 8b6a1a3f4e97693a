/* The pending-timer list. A sorted doubly-linked list: inserting is
 * linear in the number of pending timers, taking the first is constant.
 * The search starts from the end, because most deadlines are "now plus
 * a timeout" and so later than every pending one: those insert in
 * constant time too. A unikernel has few pending timers (one per
 * sleeping or waiting thread, plus the time slice); a heap would only
 * pay off with thousands. */
#include <stddef.h>
#include "timerq.h"

#define timer_of(l) \
	((struct ts_timer *)((char *)(l) - offsetof(struct ts_timer, link)))

void timerq_init(struct timerq *q)
{
	q->head.next = q->head.prev = &q->head;
}

int timerq_insert(struct timerq *q, struct ts_timer *t)
{
	struct ts_timer_link *after = q->head.prev;

	/* After the last timer due no later than t: FIFO among equals. */
	while (after != &q->head && timer_of(after)->deadline > t->deadline)
		after = after->prev;
	t->link.prev = after;
	t->link.next = after->next;
	after->next->prev = &t->link;
	after->next = &t->link;
	return after == &q->head;
}

int timerq_remove(struct timerq *q, struct ts_timer *t)
{
	int was_first = q->head.next == &t->link;

	t->link.prev->next = t->link.next;
	t->link.next->prev = t->link.prev;
	t->link.next = t->link.prev = NULL;
	return was_first;
}

struct ts_timer *timerq_first(const struct timerq *q)
{
	return q->head.next == &q->head ? NULL : timer_of(q->head.next);
}

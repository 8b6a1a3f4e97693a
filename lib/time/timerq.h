/* The pending-timer list of lib/time: sorted by deadline, first-armed
 * first among equal deadlines. Pure list code, no platform calls: the
 * host unit tests build it as it is. */
#ifndef TIME_TIMERQ_H
#define TIME_TIMERQ_H

#include <ts/time.h>

struct timerq {
	struct ts_timer_link head;	/* circular, with head as sentinel */
};

void timerq_init(struct timerq *q);

/* Insert t (not pending) at its place. Returns 1 if t is now the first,
 * i.e. the deadline to program changed. */
int timerq_insert(struct timerq *q, struct ts_timer *t);

/* Take t (pending) out. Returns 1 if it was the first. */
int timerq_remove(struct timerq *q, struct ts_timer *t);

/* The timer with the earliest deadline, or NULL. */
struct ts_timer *timerq_first(const struct timerq *q);

static inline int timerq_pending(const struct ts_timer *t)
{
	return t->link.next != 0;
}

#endif

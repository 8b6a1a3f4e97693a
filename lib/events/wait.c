/* Waiting on the poll heads of several files at once (poll, select):
 * an entry per file, queued on the file's head, wakes the waiting
 * thread through a lib/sched wait queue; timeouts are deadlines on
 * lib/time's clock. No polling loop: the thread sleeps until a file
 * notifies or the deadline passes. */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <ts/arch/debug.h>
#include <ts/sched.h>
#include <ts/time.h>
#include "wait.h"

void ev_waiter_init(struct ev_waiter *w)
{
	ts_waitq_init(&w->wq);
	w->woken = 0;
}

int ev_waiter_sleep(struct ev_waiter *w, uint64_t deadline_ns)
{
	int on = ts_sched_irq_save();
	int r = 0;

	/* Interrupts off: a wake-up between the test and the wait is not
	 * lost. */
	while (!w->woken && r != -ETIMEDOUT)
		r = ts_waitq_wait(&w->wq, deadline_ns);
	r = w->woken ? 0 : -ETIMEDOUT;
	ts_sched_irq_restore(on);
	return r;
}

/* A file signalled events (interrupts off): wake the thread if they are
 * ones it waits for. 0 means "something changed" (a file that does not
 * say what). */
static void entry_wake(struct ts_poll_entry *pe, unsigned int events)
{
	struct ev_entry *e = (struct ev_entry *)pe;
	struct ev_waiter *w = pe->owner;

	if (events && !(events & e->want))
		return;
	w->woken = 1;
	ts_waitq_wake_all(&w->wq);
}

unsigned int ev_file_poll(struct ts_file *f, struct ev_waiter *w,
			  struct ev_entry *e, unsigned int want)
{
	if (!f->ops->poll)
		return TS_POLLIN | TS_POLLOUT | TS_POLLRDNORM | TS_POLLWRNORM;
	if (!e)
		return f->ops->poll(f, NULL);
	e->pe.next = e->pe.prev = NULL;
	e->pe.head = NULL;
	e->pe.wake = entry_wake;
	e->pe.owner = w;
	e->want = want;
	ts_file_get(f);
	e->file = f;
	return f->ops->poll(f, &e->pe);
}

void ev_entry_drop(struct ev_entry *e)
{
	if (!e->file)
		return;
	ts_poll_del(&e->pe);
	ts_file_put(e->file);
	e->file = NULL;
}

uint64_t ev_deadline_ms(long ms)
{
	if (ms < 0)
		return TS_TIME_NEVER;
	return ts_time_deadline_in((uint64_t)ms * TS_NSEC_PER_MSEC);
}

int ev_deadline_timespec(unsigned long uts, uint64_t *deadline)
{
	struct timespec ts;

	if (!uts) {
		*deadline = TS_TIME_NEVER;
		return 0;
	}
	if (ts_arch_mem_read_safe(uts, &ts, sizeof(ts)) != sizeof(ts))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
	    ts.tv_nsec >= (long)TS_NSEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts.tv_sec >= UINT64_MAX / TS_NSEC_PER_SEC / 2)
		*deadline = TS_TIME_NEVER;
	else
		*deadline = ts_time_deadline_in(
			(uint64_t)ts.tv_sec * TS_NSEC_PER_SEC +
			(uint64_t)ts.tv_nsec);
	return 0;
}

void ev_timespec_left(unsigned long uts, uint64_t deadline, int usec)
{
	uint64_t now = ts_time_now_ns();
	uint64_t left = deadline > now ? deadline - now : 0;
	long t[2];

	if (!uts || deadline == TS_TIME_NEVER)
		return;
	t[0] = (long)(left / TS_NSEC_PER_SEC);
	t[1] = (long)(left % TS_NSEC_PER_SEC);
	if (usec)
		t[1] /= (long)TS_NSEC_PER_USEC;
	(void)ts_arch_mem_write_safe(uts, t, sizeof(t));
}

int ev_sigmask_check(unsigned long set, unsigned long size)
{
	uint64_t mask;

	if (!set)
		return 0;
	if (size != sizeof(mask))
		return -EINVAL;
	if (ts_arch_mem_read_safe(set, &mask, sizeof(mask)) != sizeof(mask))
		return -EFAULT;
	return 0;
}

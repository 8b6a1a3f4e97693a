/* lib/events' own: a thread waiting on the poll heads of several files
 * (poll, select), timeouts as deadlines, the signal-mask argument of
 * ppoll, pselect6 and epoll_pwait. */
#ifndef EVENTS_WAIT_H
#define EVENTS_WAIT_H

#include <stdint.h>
#include <ts/vfs.h>
#include <ts/waitq.h>

/* Linux's bits that <ts/vfs.h> does not name. */
#define EV_POLLRDBAND	0x080
#define EV_POLLWRBAND	0x200

/* A thread waiting for any of its entries to be woken. */
struct ev_waiter {
	struct ts_waitq wq;
	volatile int woken;
};

/* One file a waiter listens to: queued on the file's poll head, with a
 * reference to the file while it is (the head lives as long as it). */
struct ev_entry {
	struct ts_poll_entry pe;
	unsigned int want;	/* events that wake; the rest are ignored */
	struct ts_file *file;	/* NULL: not queued */
};

void ev_waiter_init(struct ev_waiter *w);
/* Block until an entry is woken (0) or deadline_ns passes
 * (-ETIMEDOUT). Callers clear w->woken before they look at their
 * files, so that a change while they look ends the sleep at once. */
int ev_waiter_sleep(struct ev_waiter *w, uint64_t deadline_ns);

/* The events true now on f; with e, also queue e for w (taking a
 * reference to f). A file without a poll operation is always readable
 * and writable. */
unsigned int ev_file_poll(struct ts_file *f, struct ev_waiter *w,
			  struct ev_entry *e, unsigned int want);
/* Off the head, the reference dropped. */
void ev_entry_drop(struct ev_entry *e);

/* Timeouts. ms < 0: never. 0 or an errno for a bad timespec. */
uint64_t ev_deadline_ms(long ms);
int ev_deadline_timespec(unsigned long uts, uint64_t *deadline);
/* Linux writes back the time left into the program's timespec (ppoll,
 * pselect6) or timeval (select); a write that fails is ignored, as
 * there. */
void ev_timespec_left(unsigned long uts, uint64_t deadline, int usec);

/* The signal mask of ppoll, pselect6, epoll_pwait: 0 when set is 0 or
 * readable with size 8, else -EINVAL (size) or -EFAULT, as Linux.
 * Signals here are synchronous (lib/syscall/signal.c): none can arrive
 * during the wait that the mask could let in, so it is not applied. */
int ev_sigmask_check(unsigned long set, unsigned long size);

#endif

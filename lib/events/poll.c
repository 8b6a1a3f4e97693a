/* poll and ppoll (poll only on x86_64, whose ABI has it): the program's
 * array is copied in, every descriptor's file is asked through its poll
 * operation, and if none is ready the thread sleeps until one of them
 * notifies or the timeout passes (ev_poll, shared with select). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include <ts/vfs.h>
#include "poll.h"
#include "wait.h"

/* Entries for this many descriptors live on the stack. */
#define STACK_ENTRIES 8

long ev_poll(struct ev_pollfd *fds, unsigned long n, uint64_t deadline)
{
	struct ev_entry small[STACK_ENTRIES], *ent = small;
	struct ev_waiter w;
	int queue = 1, timed_out = deadline != TS_TIME_NEVER &&
				   deadline <= ts_time_now_ns();
	long count;

	if (n > STACK_ENTRIES && !(ent = calloc(n, sizeof(*ent))))
		return -ENOMEM;
	if (ent == small)
		memset(small, 0, sizeof(small));
	ev_waiter_init(&w);
	for (;;) {
		count = 0;
		w.woken = 0;
		for (unsigned long i = 0; i < n; i++) {
			struct ts_file *f;
			unsigned int want = (unsigned short)fds[i].events;
			unsigned int mask;

			fds[i].revents = 0;
			if (fds[i].fd < 0)
				continue;
			if (!(f = ts_fd_get(fds[i].fd))) {
				fds[i].revents = TS_POLLNVAL;
				count++;
				continue;
			}
			/* Listen only on the first pass, and only while
			 * nothing is ready: then there will be a wait. */
			mask = ev_file_poll(f, &w,
					    queue && !count && !timed_out ?
						    &ent[i] : NULL,
					    want);
			ts_file_put(f);
			fds[i].revents = (short)(mask & want);
			if (fds[i].revents)
				count++;
		}
		queue = 0;
		if (count || timed_out)
			break;
		/* A last look after the deadline, as Linux does. */
		if (ev_waiter_sleep(&w, deadline) == -ETIMEDOUT)
			timed_out = 1;
	}
	for (unsigned long i = 0; i < n; i++)
		ev_entry_drop(&ent[i]);
	if (ent != small)
		free(ent);
	return count;
}

/* The program's array in, the results out. */
static long do_poll(unsigned long ufds, unsigned long n, uint64_t deadline)
{
	size_t size = n * sizeof(struct ev_pollfd);
	struct ev_pollfd *fds;
	long r;

	if (n > (unsigned long)ts_fd_max())
		return -EINVAL;
	if (!(fds = malloc(size ? size : 1)))
		return -ENOMEM;
	if (ts_arch_mem_read_safe(ufds, fds, size) != (long)size) {
		free(fds);
		return -EFAULT;
	}
	/* Errors and hang-ups are reported whether asked for or not. */
	for (unsigned long i = 0; i < n; i++)
		fds[i].events |= TS_POLLERR | TS_POLLHUP;
	r = ev_poll(fds, n, deadline);
	if (r >= 0) {
		for (unsigned long i = 0; i < n; i++)
			if (ts_arch_mem_write_safe(ufds + i * sizeof(*fds) +
							   offsetof(struct ev_pollfd,
								    revents),
						   &fds[i].revents,
						   sizeof(fds[i].revents))) {
				r = -EFAULT;
				break;
			}
	}
	free(fds);
	return r;
}

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_poll(long fds, long n, long ms, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	return do_poll((unsigned long)fds, (unsigned int)n,
		       ev_deadline_ms((int)ms));
}
TS_SYSCALL(poll, sys_poll);
#endif

static long sys_ppoll(long fds, long n, long tsp, long set, long size,
		      long f)
{
	uint64_t deadline;
	long r;

	(void)f;
	if ((r = ev_deadline_timespec((unsigned long)tsp, &deadline)) ||
	    (r = ev_sigmask_check((unsigned long)set, (unsigned long)size)))
		return r;
	r = do_poll((unsigned long)fds, (unsigned int)n, deadline);
	ev_timespec_left((unsigned long)tsp, deadline, 0);
	return r;
}
TS_SYSCALL(ppoll, sys_ppoll);

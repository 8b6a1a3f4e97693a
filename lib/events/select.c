/* select (x86_64's ABI has it) and pselect6: the three descriptor
 * bitmaps become a poll list (ev_poll), the answers become bitmaps
 * again, with Linux's sets: readable is POLLIN, POLLRDNORM, POLLRDBAND,
 * POLLHUP or POLLERR; writable POLLOUT, POLLWRNORM, POLLWRBAND or
 * POLLERR; exceptional POLLPRI. A descriptor that is not open is
 * -EBADF (unlike poll's POLLNVAL). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include <ts/vfs.h>
#include "poll.h"
#include "wait.h"

#define IN_SET	(TS_POLLIN | TS_POLLRDNORM | EV_POLLRDBAND | TS_POLLHUP | \
		 TS_POLLERR)
#define OUT_SET	(TS_POLLOUT | TS_POLLWRNORM | EV_POLLWRBAND | TS_POLLERR)
#define EX_SET	(TS_POLLPRI)

#define WORD_BITS	(8 * sizeof(unsigned long))

static int bit(const unsigned long *set, int fd)
{
	return set && (set[fd / WORD_BITS] >> (fd % WORD_BITS)) & 1;
}

static void set_bit(unsigned long *set, int fd)
{
	set[fd / WORD_BITS] |= 1UL << (fd % WORD_BITS);
}

static long do_select(long n, unsigned long uin, unsigned long uout,
		      unsigned long uex, uint64_t deadline)
{
	unsigned long user[3] = { uin, uout, uex };
	unsigned long *sets[3] = { NULL, NULL, NULL }, *mem;
	struct ev_pollfd *fds = NULL;
	size_t words, bytes;
	long r = 0, count = 0;
	int fd, k;

	if (n < 0)
		return -EINVAL;
	if (n > ts_fd_max())
		n = ts_fd_max();
	words = ((size_t)n + WORD_BITS - 1) / WORD_BITS;
	bytes = words * sizeof(unsigned long);
	/* The three sets as given, then the three answers. */
	if (!(mem = calloc(6 * words + 1, sizeof(unsigned long))))
		return -ENOMEM;
	for (k = 0; k < 3; k++) {
		if (!user[k])
			continue;
		sets[k] = mem + k * words;
		if (ts_arch_mem_read_safe(user[k], sets[k], bytes) !=
		    (long)bytes) {
			r = -EFAULT;
			goto out;
		}
		/* Bits past n are not ours to look at. */
		if (n % WORD_BITS)
			sets[k][words - 1] &= (1UL << (n % WORD_BITS)) - 1;
	}
	for (fd = 0; fd < n; fd++)
		if (bit(sets[0], fd) || bit(sets[1], fd) || bit(sets[2], fd))
			count++;
	if (!(fds = malloc((size_t)(count ? count : 1) * sizeof(*fds)))) {
		r = -ENOMEM;
		goto out;
	}
	count = 0;
	for (fd = 0; fd < n; fd++) {
		unsigned int ev = (bit(sets[0], fd) ? IN_SET : 0) |
				  (bit(sets[1], fd) ? OUT_SET : 0) |
				  (bit(sets[2], fd) ? EX_SET : 0);

		if (!ev)
			continue;
		if (ts_fd_flags(fd) < 0) {
			r = -EBADF;
			goto out;
		}
		fds[count].fd = fd;
		fds[count].events = (short)ev;
		fds[count++].revents = 0;
	}
	r = ev_poll(fds, (unsigned long)count, deadline);
	if (r < 0)
		goto out;
	r = 0;
	for (long i = 0; i < count; i++) {
		unsigned int re = (unsigned short)fds[i].revents;

		if (re & TS_POLLNVAL) {		/* closed meanwhile */
			r = -EBADF;
			goto out;
		}
		for (k = 0; k < 3; k++) {
			static const unsigned int want[3] = { IN_SET, OUT_SET,
							      EX_SET };

			if (bit(sets[k], fds[i].fd) && (re & want[k])) {
				set_bit(mem + (3 + k) * words, fds[i].fd);
				r++;
			}
		}
	}
	for (k = 0; k < 3; k++)
		if (user[k] && ts_arch_mem_write_safe(user[k],
						      mem + (3 + k) * words,
						      bytes)) {
			r = -EFAULT;
			break;
		}
out:
	free(fds);
	free(mem);
	return r;
}

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_select(long n, long in, long out, long ex, long tvp, long f)
{
	uint64_t deadline = TS_TIME_NEVER;
	long tv[2], r;

	(void)f;
	if (tvp) {
		if (ts_arch_mem_read_safe((unsigned long)tvp, tv, sizeof(tv)) !=
		    sizeof(tv))
			return -EFAULT;
		/* Linux folds whole seconds of tv_usec into tv_sec first. */
		tv[0] += tv[1] / 1000000;
		tv[1] %= 1000000;
		if (tv[0] < 0 || tv[1] < 0)
			return -EINVAL;
		deadline = (uint64_t)tv[0] >= UINT64_MAX / TS_NSEC_PER_SEC / 2 ?
				   TS_TIME_NEVER :
				   ts_time_deadline_in(
					   (uint64_t)tv[0] * TS_NSEC_PER_SEC +
					   (uint64_t)tv[1] * TS_NSEC_PER_USEC);
	}
	r = do_select((int)n, (unsigned long)in, (unsigned long)out,
		      (unsigned long)ex, deadline);
	ev_timespec_left((unsigned long)tvp, deadline, 1);
	return r;
}
TS_SYSCALL(select, sys_select);
#endif

/* pselect6's sixth argument: where the mask is, and its size. */
struct sigdata {
	unsigned long set;
	unsigned long size;
};

static long sys_pselect6(long n, long in, long out, long ex, long tsp,
			 long sig)
{
	struct sigdata sd;
	uint64_t deadline;
	long r;

	if ((r = ev_deadline_timespec((unsigned long)tsp, &deadline)))
		return r;
	if (sig) {
		if (ts_arch_mem_read_safe((unsigned long)sig, &sd,
					  sizeof(sd)) != sizeof(sd))
			return -EFAULT;
		if ((r = ev_sigmask_check(sd.set, sd.size)))
			return r;
	}
	r = do_select((int)n, (unsigned long)in, (unsigned long)out,
		      (unsigned long)ex, deadline);
	ev_timespec_left((unsigned long)tsp, deadline, 0);
	return r;
}
TS_SYSCALL(pselect6, sys_pselect6);

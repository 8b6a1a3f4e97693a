/* eventfd2 (and eventfd where the ABI has it): a 64-bit counter as a
 * file. write adds (blocking while the sum would pass 2^64 - 2), read
 * takes the whole count, or 1 with EFD_SEMAPHORE (blocking while it is
 * 0). Both move exactly 8 bytes; fewer is -EINVAL. The state is a word
 * and a few flags: interrupts off guard it, and blocked threads wait on
 * a lib/sched wait queue. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/vfs.h>
#include <ts/waitq.h>

#define EFD_SEMAPHORE	1
#define COUNT_MAX	(UINT64_MAX - 1)

struct eventfd {
	uint64_t count;
	int semaphore;
	struct ts_waitq readers, writers;
	struct ts_poll_head poll;
};

static unsigned int efd_events(const struct eventfd *e)
{
	unsigned int ev = 0;

	if (e->count)
		ev |= TS_POLLIN | TS_POLLRDNORM;
	if (e->count < COUNT_MAX)
		ev |= TS_POLLOUT | TS_POLLWRNORM;
	return ev;
}

static long efd_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	struct eventfd *e = f->priv;
	uint64_t v;
	int on;

	(void)pos;
	if (len < sizeof(v))
		return -EINVAL;
	on = ts_sched_irq_save();
	while (!e->count) {
		if (f->flags & TS_O_NONBLOCK) {
			ts_sched_irq_restore(on);
			return -EAGAIN;
		}
		ts_waitq_wait(&e->readers, TS_TIME_NEVER);
	}
	v = e->semaphore ? 1 : e->count;
	e->count -= v;
	ts_waitq_wake_all(&e->writers);
	ts_poll_notify(&e->poll, TS_POLLOUT | TS_POLLWRNORM);
	ts_sched_irq_restore(on);
	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

static long efd_write(struct ts_file *f, const void *buf, size_t len,
		      int64_t *pos)
{
	struct eventfd *e = f->priv;
	uint64_t v;
	int on;

	(void)pos;
	if (len < sizeof(v))
		return -EINVAL;
	memcpy(&v, buf, sizeof(v));
	if (v == UINT64_MAX)
		return -EINVAL;
	on = ts_sched_irq_save();
	while (COUNT_MAX - e->count < v) {
		if (f->flags & TS_O_NONBLOCK) {
			ts_sched_irq_restore(on);
			return -EAGAIN;
		}
		ts_waitq_wait(&e->writers, TS_TIME_NEVER);
	}
	e->count += v;
	if (e->count) {
		ts_waitq_wake_all(&e->readers);
		ts_poll_notify(&e->poll, TS_POLLIN | TS_POLLRDNORM);
	}
	ts_sched_irq_restore(on);
	return sizeof(v);
}

static unsigned int efd_poll(struct ts_file *f, struct ts_poll_entry *pe)
{
	struct eventfd *e = f->priv;

	if (pe)
		ts_poll_add(&e->poll, pe);
	return efd_events(e);
}

static int efd_stat(struct ts_file *f, struct stat *st)
{
	(void)f;
	/* Linux's anonymous inode: no file type, mode 0600. */
	st->st_mode = S_IRUSR | S_IWUSR;
	st->st_nlink = 1;
	return 0;
}

static void efd_release(struct ts_file *f)
{
	free(f->priv);
}

static const struct ts_file_ops efd_ops = {
	.read = efd_read,
	.write = efd_write,
	.poll = efd_poll,
	.stat = efd_stat,
	.release = efd_release,
	.kind = "anon_inode:[eventfd]",
};

static long do_eventfd2(unsigned long initval, long flags)
{
	struct eventfd *e;
	struct ts_file *f;
	long fd;

	if (flags & ~(long)(EFD_SEMAPHORE | TS_O_CLOEXEC | TS_O_NONBLOCK))
		return -EINVAL;
	if (!(e = calloc(1, sizeof(*e))))
		return -ENOMEM;
	/* The count starts from an unsigned int, as Linux's argument. */
	e->count = (unsigned int)initval;
	e->semaphore = flags & EFD_SEMAPHORE;
	ts_waitq_init(&e->readers);
	ts_waitq_init(&e->writers);
	ts_poll_head_init(&e->poll);
	f = ts_file_new(&efd_ops, e, TS_O_RDWR |
				     ((unsigned int)flags & TS_O_NONBLOCK),
			NULL);
	if (!f) {
		free(e);
		return -ENOMEM;
	}
	fd = ts_fd_install(f, 0, flags & TS_O_CLOEXEC ? TS_FD_CLOEXEC : 0);
	ts_file_put(f);
	return fd;
}

static long sys_eventfd2(long init, long flags, long c, long d, long e,
			 long f)
{
	(void)c, (void)d, (void)e, (void)f;
	return do_eventfd2((unsigned long)init, flags);
}
TS_SYSCALL(eventfd2, sys_eventfd2);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_eventfd(long init, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return do_eventfd2((unsigned long)init, 0);
}
TS_SYSCALL(eventfd, sys_eventfd);
#endif

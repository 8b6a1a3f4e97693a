/* Pipes: pipe2 (and pipe where the ABI has it). One ring buffer of
 * CONFIG_LIB_EVENTS_PIPE_KB (64 KiB, as Linux) shared by two files, the
 * read end and the write end.
 *
 * - A read takes what is there (at most len); with nothing there it
 *   blocks until a write, or returns 0 (end of file) once no write end
 *   is open, -EAGAIN with O_NONBLOCK.
 * - A write of at most PIPE_BUF bytes goes in at once or not at all
 *   (atomic: never interleaved with another writer's); a larger one
 *   goes in piece by piece as room appears. With no read end open it is
 *   -EPIPE and the calling thread gets SIGPIPE (lib/syscall's tkill: its
 *   default action ends the image with the report; a program that
 *   ignores or catches it sees -EPIPE). O_NONBLOCK: a small write that
 *   does not fit is -EAGAIN, a large one writes what fits.
 * - poll: the read end is readable with data, hung up (POLLHUP) without
 *   writers; the write end writable with PIPE_BUF bytes of room, in
 *   error (POLLERR) without readers. Every change notifies the pipe's
 *   poll head.
 *
 * A mutex orders readers and writers and is held while bytes are
 * copied (interrupts stay on); blocked ones wait on condition
 * variables of lib/sched, so only the calling thread blocks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/bytering.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/sync.h>
#include <ts/syscall.h>
#include <ts/vfs.h>

#define PIPE_BUF	4096
#define PIPE_MAX	(1024 * 1024)	/* Linux's pipe-max-size */
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#define SIGPIPE		13

struct pipe {
	struct ts_mutex lock;
	struct ts_cond readable, writable;
	struct ts_poll_head poll;
	struct ts_bytering r;
	unsigned int readers, writers;	/* open files of each end */
	uint64_t ino;
};

static uint64_t next_ino = 1;

static unsigned int pipe_events(const struct pipe *p, int reader)
{
	unsigned int ev = 0;

	if (reader) {
		if (p->r.used)
			ev |= TS_POLLIN | TS_POLLRDNORM;
		if (!p->writers)
			ev |= TS_POLLHUP;
	} else {
		if (ts_bytering_room(&p->r) >= PIPE_BUF)
			ev |= TS_POLLOUT | TS_POLLWRNORM;
		if (!p->readers)
			ev |= TS_POLLERR;
	}
	return ev;
}

static int is_reader(const struct ts_file *f)
{
	return (f->flags & TS_O_ACCMODE) == TS_O_RDONLY;
}

static long pipe_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	struct pipe *p = f->priv;
	size_t n = 0;

	(void)pos;
	if (!len)
		return 0;
	ts_mutex_lock(&p->lock);
	while (!p->r.used) {
		if (!p->writers || (f->flags & TS_O_NONBLOCK)) {
			ts_mutex_unlock(&p->lock);
			return p->writers ? -EAGAIN : 0;
		}
		ts_cond_wait(&p->readable, &p->lock);
	}
	n = ts_bytering_get(&p->r, buf, len);
	ts_cond_broadcast(&p->writable);
	ts_poll_notify(&p->poll, TS_POLLOUT | TS_POLLWRNORM);
	ts_mutex_unlock(&p->lock);
	return (long)n;
}

static void raise_sigpipe(void)
{
	ts_syscall(TS_NR_tkill, ts_syscall(TS_NR_gettid, 0, 0, 0, 0, 0, 0),
		   SIGPIPE, 0, 0, 0, 0);
}

static long pipe_write(struct ts_file *f, const void *buf, size_t len,
		       int64_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0;
	long r = 0;

	(void)pos;
	if (!len)		/* Linux: before it looks for readers */
		return 0;
	ts_mutex_lock(&p->lock);
	for (;;) {
		size_t room = ts_bytering_room(&p->r), n;

		if (!p->readers) {
			r = -EPIPE;
			break;
		}
		if (done == len)
			break;
		/* A small write waits for room for all of it. */
		if (room && (len > PIPE_BUF || room >= len)) {
			n = len - done < room ? len - done : room;
			ts_bytering_put(&p->r, (const char *)buf + done, n);
			done += n;
			ts_cond_broadcast(&p->readable);
			ts_poll_notify(&p->poll, TS_POLLIN | TS_POLLRDNORM);
			continue;
		}
		if (f->flags & TS_O_NONBLOCK) {
			r = -EAGAIN;
			break;
		}
		ts_cond_wait(&p->writable, &p->lock);
	}
	ts_mutex_unlock(&p->lock);
	if (r == -EPIPE)
		raise_sigpipe();
	/* Bytes written count even when the rest could not go in. */
	return done ? (long)done : r;
}

static unsigned int pipe_poll(struct ts_file *f, struct ts_poll_entry *e)
{
	struct pipe *p = f->priv;

	if (e)
		ts_poll_add(&p->poll, e);
	return pipe_events(p, is_reader(f));
}

static long pipe_ioctl(struct ts_file *f, unsigned long req,
		       unsigned long arg)
{
	struct pipe *p = f->priv;
	int n;

	if (req != FIONREAD)
		return -ENOTTY;
	n = (int)p->r.used;
	return ts_arch_mem_write_safe(arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/* F_SETPIPE_SZ: Linux rounds up to a power of two of pages; fewer
 * bytes than the pipe holds is -EBUSY, more than pipe-max-size -EPERM
 * (as for a program without CAP_SYS_RESOURCE). */
static long pipe_resize(struct pipe *p, unsigned long want)
{
	size_t size = PIPE_BUF;
	char *ring;

	if (want > PIPE_MAX)
		return -EPERM;
	while (size < want)
		size *= 2;
	ts_mutex_lock(&p->lock);
	if (size < p->r.used) {
		ts_mutex_unlock(&p->lock);
		return -EBUSY;
	}
	if (size != p->r.size) {
		if (!(ring = malloc(size))) {
			ts_mutex_unlock(&p->lock);
			return -ENOMEM;
		}
		ts_bytering_peek(&p->r, 0, ring, p->r.used);
		free(p->r.buf);
		p->r.buf = ring;
		p->r.size = size;
		p->r.head = 0;
		ts_cond_broadcast(&p->writable);
		ts_poll_notify(&p->poll, TS_POLLOUT | TS_POLLWRNORM);
	}
	ts_mutex_unlock(&p->lock);
	return (long)size;
}

static long pipe_fcntl(struct ts_file *f, int cmd, unsigned long arg)
{
	struct pipe *p = f->priv;

	switch (cmd) {
	case F_GETPIPE_SZ:
		return (long)p->r.size;
	case F_SETPIPE_SZ:
		return pipe_resize(p, (unsigned int)arg);
	default:
		return -EINVAL;
	}
}

static int pipe_stat(struct ts_file *f, struct stat *st)
{
	struct pipe *p = f->priv;

	st->st_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	st->st_nlink = 1;
	st->st_ino = p->ino;
	return 0;
}

/* One end closes (its last descriptor): the other end hears it, and
 * the pipe goes with the last end. */
static void pipe_release(struct ts_file *f)
{
	struct pipe *p = f->priv;
	int last;

	ts_mutex_lock(&p->lock);
	if (is_reader(f))
		p->readers--;
	else
		p->writers--;
	last = !p->readers && !p->writers;
	ts_cond_broadcast(&p->readable);
	ts_cond_broadcast(&p->writable);
	ts_poll_notify(&p->poll, is_reader(f) ? TS_POLLERR : TS_POLLHUP);
	ts_mutex_unlock(&p->lock);
	if (last) {
		free(p->r.buf);
		free(p);
	}
}

static const struct ts_file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.stat = pipe_stat,
	.release = pipe_release,
	.fcntl = pipe_fcntl,
	.kind = "pipe",
};

static long do_pipe2(unsigned long ufds, long flags)
{
	struct ts_file *end[2] = { NULL, NULL };
	unsigned int fdflags = flags & TS_O_CLOEXEC ? TS_FD_CLOEXEC : 0;
	unsigned int status = (unsigned int)flags & TS_O_NONBLOCK;
	struct pipe *p;
	int fd[2] = { -1, -1 };
	long r = -ENOMEM;

	/* O_DIRECT (packet mode) is not implemented. */
	if (flags & ~(long)(TS_O_CLOEXEC | TS_O_NONBLOCK))
		return -EINVAL;
	if (ts_syscall_user_ok(ufds, sizeof(fd)))
		return -EFAULT;
	if (!(p = calloc(1, sizeof(*p))))
		return -ENOMEM;
	p->r.size = CONFIG_LIB_EVENTS_PIPE_KB * 1024;
	if (!(p->r.buf = malloc(p->r.size))) {
		free(p);
		return -ENOMEM;
	}
	ts_mutex_init(&p->lock, 0);
	ts_cond_init(&p->readable);
	ts_cond_init(&p->writable);
	ts_poll_head_init(&p->poll);
	p->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
	p->readers = p->writers = 1;
	end[0] = ts_file_new(&pipe_ops, p, TS_O_RDONLY | status, NULL);
	end[1] = ts_file_new(&pipe_ops, p, TS_O_WRONLY | status, NULL);
	if (!end[0] || !end[1]) {
		/* Drop the ends made so far; the pipe goes with them. */
		if (!end[0])
			p->readers--;
		if (!end[1])
			p->writers--;
		if (end[0])
			ts_file_put(end[0]);
		if (end[1])
			ts_file_put(end[1]);
		if (!end[0] && !end[1]) {
			free(p->r.buf);
			free(p);
		}
		return -ENOMEM;
	}
	if ((fd[0] = ts_fd_install(end[0], 0, fdflags)) < 0 ||
	    (fd[1] = ts_fd_install(end[1], 0, fdflags)) < 0) {
		r = fd[0] < 0 ? fd[0] : fd[1];
		goto fail;
	}
	if (ts_arch_mem_write_safe(ufds, fd, sizeof(fd))) {
		r = -EFAULT;
		goto fail;
	}
	ts_file_put(end[0]);
	ts_file_put(end[1]);
	return 0;
fail:
	if (fd[0] >= 0)
		ts_fd_close(fd[0]);
	if (fd[1] >= 0)
		ts_fd_close(fd[1]);
	ts_file_put(end[0]);
	ts_file_put(end[1]);
	return r;
}

static long sys_pipe2(long fds, long flags, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	return do_pipe2((unsigned long)fds, flags);
}
TS_SYSCALL(pipe2, sys_pipe2);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_pipe(long fds, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return do_pipe2((unsigned long)fds, 0);
}
TS_SYSCALL(pipe, sys_pipe);
#endif

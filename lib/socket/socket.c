/* A socket is a lib/vfs file: read, write, poll, ioctl, fstat and close
 * go through the file operations here, which hand the work to the
 * family's operations (<ts/socket.h>). The families never block: this
 * file blocks the calling thread, on the socket's poll head, when the
 * descriptor is blocking. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include <ts/waitq.h>
#include "internal.h"

extern const struct ts_socket_family __start_ts_socket_families[]
	__attribute__((weak));
extern const struct ts_socket_family __stop_ts_socket_families[]
	__attribute__((weak));

const struct ts_socket_family *ts_socket_family_find(int family)
{
	for (const struct ts_socket_family *f = __start_ts_socket_families;
	     f < __stop_ts_socket_families; f++)
		if (f->family == family)
			return f;
	return NULL;
}

void ts_socket_notify(struct ts_socket *s, unsigned int events)
{
	ts_poll_notify(&s->poll, events);
}

/* ---- Blocking ------------------------------------------------------ */

/* A thread blocked in a call on one socket: an entry on its poll head
 * that wakes it. Queued before the family is asked again, so that an
 * event in between ends the sleep at once. */
struct sock_wait {
	struct ts_poll_entry pe;
	struct ts_waitq wq;
	volatile int woken;
	unsigned int want;
	uint64_t deadline;
};

static void sock_wake(struct ts_poll_entry *pe, unsigned int events)
{
	struct sock_wait *w = pe->owner;

	if (events && !(events & w->want))
		return;
	w->woken = 1;
	ts_waitq_wake_all(&w->wq);
}

void sock_wait_start(struct ts_socket *s, struct sock_wait_ctx *c,
		     unsigned int want, uint64_t timeout_ns)
{
	struct sock_wait *w = calloc(1, sizeof(*w));

	c->w = w;
	if (!w)
		return;		/* sock_wait_sleep reports -ENOMEM */
	ts_waitq_init(&w->wq);
	w->pe.wake = sock_wake;
	w->pe.owner = w;
	w->want = want | TS_POLLERR | TS_POLLHUP;
	w->deadline = timeout_ns ? ts_time_deadline_in(timeout_ns) :
				   TS_TIME_NEVER;
	ts_poll_add(&s->poll, &w->pe);
}

void sock_wait_arm(struct sock_wait_ctx *c)
{
	if (c->w)
		c->w->woken = 0;
}

int sock_wait_sleep(struct sock_wait_ctx *c)
{
	struct sock_wait *w = c->w;
	int on, r = 0;

	if (!w)
		return -ENOMEM;
	on = ts_sched_irq_save();
	while (!w->woken && r != -ETIMEDOUT)
		r = ts_waitq_wait(&w->wq, w->deadline);
	r = w->woken ? 0 : -EAGAIN;	/* a timeout is EAGAIN, as Linux */
	ts_sched_irq_restore(on);
	return r;
}

void sock_wait_end(struct sock_wait_ctx *c)
{
	if (!c->w)
		return;
	ts_poll_del(&c->w->pe);
	free(c->w);
	c->w = NULL;
}

/* ---- Sending and receiving with blocking --------------------------- */

static int nonblocking(const struct ts_socket *s, int flags)
{
	return (flags & MSG_DONTWAIT) || (s->file->flags & TS_O_NONBLOCK);
}

static size_t iov_total(const struct msghdr *m)
{
	size_t t = 0;

	for (size_t i = 0; i < (size_t)m->msg_iovlen; i++)
		t += m->msg_iov[i].iov_len;
	return t;
}

/* Skip n bytes of m's vectors (a copy of them the caller owns). */
static void iov_advance(struct msghdr *m, size_t n)
{
	while (n && m->msg_iovlen) {
		struct iovec *v = m->msg_iov;

		if (n < v->iov_len) {
			v->iov_base = (char *)v->iov_base + n;
			v->iov_len -= n;
			return;
		}
		n -= v->iov_len;
		m->msg_iov++;
		m->msg_iovlen--;
	}
}

static int is_stream(const struct ts_socket *s)
{
	return s->type == SOCK_STREAM;
}

#define SIGPIPE 13

long sock_sendmsg(struct ts_socket *s, struct msghdr *m, int flags)
{
	struct sock_wait_ctx c = { NULL };
	size_t total = iov_total(m), done = 0;
	int nb = nonblocking(s, flags);
	long r;

	if (!s->ops->sendmsg)
		return -EOPNOTSUPP;
	for (;;) {
		sock_wait_arm(&c);
		r = s->ops->sendmsg(s, m, flags | MSG_DONTWAIT);
		if (r > 0) {
			done += (size_t)r;
			/* A blocking stream send moves everything. */
			if (done >= total || nb || !is_stream(s))
				break;
			iov_advance(m, (size_t)r);
			continue;
		}
		if (r == 0 && total)
			break;
		if (r != -EAGAIN || nb)
			break;
		if (!c.w)
			sock_wait_start(s, &c, TS_POLLOUT, s->sndtimeo_ns);
		else if ((r = sock_wait_sleep(&c)))
			break;
	}
	sock_wait_end(&c);
	if (r == -EPIPE && !(flags & MSG_NOSIGNAL))
		ts_syscall(TS_NR_tkill,
			   ts_syscall(TS_NR_gettid, 0, 0, 0, 0, 0, 0), SIGPIPE,
			   0, 0, 0, 0);
	return done ? (long)done : r;
}

long sock_recvmsg(struct ts_socket *s, struct msghdr *m, int flags)
{
	struct sock_wait_ctx c = { NULL };
	size_t total = iov_total(m), done = 0;
	int nb = nonblocking(s, flags);
	/* What the family reports must reach the program's msghdr even
	 * after the vectors were advanced (MSG_WAITALL). */
	struct msghdr *out = m, mm = *m;
	long r;

	if (!s->ops->recvmsg)
		return -EOPNOTSUPP;
	for (;;) {
		sock_wait_arm(&c);
		r = s->ops->recvmsg(s, &mm, flags | MSG_DONTWAIT);
		out->msg_namelen = mm.msg_namelen;
		out->msg_controllen = mm.msg_controllen;
		out->msg_flags = mm.msg_flags;
		if (r > 0) {
			done += (size_t)r;
			if (!(flags & MSG_WAITALL) || done >= total || nb ||
			    !is_stream(s) || (flags & MSG_PEEK))
				break;
			iov_advance(&mm, (size_t)r);
			continue;
		}
		if (r != -EAGAIN || nb)
			break;
		if (!c.w)
			sock_wait_start(s, &c, TS_POLLIN, s->rcvtimeo_ns);
		else if ((r = sock_wait_sleep(&c)))
			break;
	}
	sock_wait_end(&c);
	return done ? (long)done : r;
}

/* ---- The file ------------------------------------------------------ */

static long sock_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	struct iovec v = { buf, len };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };

	(void)pos;
	return sock_recvmsg(f->priv, &m, 0);
}

static long sock_write(struct ts_file *f, const void *buf, size_t len,
		       int64_t *pos)
{
	struct iovec v = { (void *)buf, len };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };

	(void)pos;
	return sock_sendmsg(f->priv, &m, 0);
}

static unsigned int sock_poll(struct ts_file *f, struct ts_poll_entry *e)
{
	struct ts_socket *s = f->priv;

	if (e)
		ts_poll_add(&s->poll, e);
	return s->ops->poll ? s->ops->poll(s) : 0;
}

static long sock_ioctl(struct ts_file *f, unsigned long req,
		       unsigned long arg)
{
	struct ts_socket *s = f->priv;

	return s->ops->ioctl ? s->ops->ioctl(s, req, arg) : -ENOTTY;
}

static int sock_stat(struct ts_file *f, struct stat *st)
{
	struct ts_socket *s = f->priv;

	st->st_mode = S_IFSOCK | 0777;
	st->st_nlink = 1;
	st->st_ino = (uintptr_t)s / sizeof(*s);
	st->st_blksize = 4096;
	return 0;
}

static void sock_release(struct ts_file *f)
{
	struct ts_socket *s = f->priv;

	sock_trace_release(s);
	if (s->ops && s->ops->release)
		s->ops->release(s);
	free(s);
}

const struct ts_file_ops sock_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.stat = sock_stat,
	.release = sock_release,
	.kind = "socket",
};

struct ts_socket *ts_socket_of(struct ts_file *f)
{
	return f && f->ops == &sock_fops ? f->priv : NULL;
}

/* Linux's defaults for a new socket: SO_SNDBUF 16384 for TCP... vary
 * by protocol; these are what it reports for AF_UNIX and UDP
 * (net.core.wmem_default, rmem_default). */
#define DEFAULT_BUF 212992

struct ts_socket *sock_alloc(int family, int type, int protocol)
{
	struct ts_socket *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->family = family;
	s->type = type;
	s->protocol = protocol;
	s->sndbuf = s->rcvbuf = DEFAULT_BUF;
	s->fd = -1;
	ts_poll_head_init(&s->poll);
	return s;
}

/* The socket's file and a descriptor for it: the descriptor, or an
 * errno with s freed (its family's release run when it has ops). */
int sock_install(struct ts_socket *s, unsigned int status,
		 unsigned int fdflags)
{
	struct ts_file *f = ts_file_new(&sock_fops, s, TS_O_RDWR | status,
					NULL);
	int fd;

	if (!f) {
		if (s->ops && s->ops->release)
			s->ops->release(s);
		free(s);
		return -ENOMEM;
	}
	s->file = f;
	fd = ts_fd_install(f, 0, fdflags);
	if (fd >= 0)
		s->fd = fd;
	ts_file_put(f);		/* the descriptor's reference, or freed */
	return fd;
}

struct foreach_ctx {
	void (*fn)(int fd, struct ts_socket *s, void *arg);
	void *arg;
};

static void each_fd(int fd, struct ts_file *f, unsigned int fdflags,
		    void *arg)
{
	struct foreach_ctx *c = arg;
	struct ts_socket *s = ts_socket_of(f);

	(void)fdflags;
	if (s)
		c->fn(fd, s, c->arg);
}

void ts_socket_foreach(void (*fn)(int fd, struct ts_socket *s, void *arg),
		       void *arg)
{
	struct foreach_ctx c = { fn, arg };

	ts_fd_foreach(each_fd, &c);
}

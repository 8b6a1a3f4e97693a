/* AF_UNIX: socketpair(AF_UNIX, SOCK_STREAM | SOCK_DGRAM |
 * SOCK_SEQPACKET), no network stack. A pair is two ends, each with a
 * receive ring of CONFIG_LIB_SOCKET_UNIX_KB (taken at the first send
 * to it); sending from one end fills the other's ring. Datagrams and
 * sequenced packets are kept whole, behind a 4-byte length.
 *
 * What a program sees is Linux's: end of file once the peer shut its
 * sending side or closed; EPIPE (and SIGPIPE, from lib/socket) writing
 * to a stream whose peer is gone, ECONNREFUSED for a datagram;
 * ECONNRESET to the peer of an end closed with unread bytes; poll's
 * POLLIN|POLLRDHUP once the receiving side is shut, POLLHUP once both
 * are. Sockets with paths (socket(AF_UNIX) then bind or connect) are
 * not implemented: socket() says so once and answers EAFNOSUPPORT. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/bytering.h>
#include <sys/ioctl.h>
#include <sys/un.h>
#include <ts/arch/debug.h>
#include <ts/plat/console.h>
#include <ts/sync.h>
#include "internal.h"

#define RCV_SHUT 1
#define SEND_SHUT 2
#define SIOCINQ_ FIONREAD
#define SIOCOUTQ_ TIOCOUTQ

struct unix_end {
	struct ts_socket *sock;		/* NULL once closed */
	struct ts_bytering r;		/* buf taken at the first send */
	unsigned int shut;		/* RCV_SHUT | SEND_SHUT */
	int err;			/* reported once: ECONNRESET */
};

struct unix_pair {
	struct ts_mutex lock;
	struct unix_end end[2];
	size_t size;
	int type;
};

/* A socket's end and its peer's. */
static struct unix_end *me(struct ts_socket *s)
{
	struct unix_pair *p = s->priv;

	return &p->end[p->end[0].sock == s ? 0 : 1];
}

static struct unix_end *peer_of(struct unix_pair *p, struct unix_end *e)
{
	return &p->end[e == &p->end[0] ? 1 : 0];
}

static int records(const struct unix_pair *p)
{
	return p->type != SOCK_STREAM;
}

static unsigned int events(const struct unix_pair *p,
			   const struct unix_end *e)
{
	const struct unix_end *o = peer_of((struct unix_pair *)p,
					   (struct unix_end *)e);
	unsigned int ev = 0;

	if (e->err)
		ev |= TS_POLLERR;
	if (e->shut == (RCV_SHUT | SEND_SHUT))
		ev |= TS_POLLHUP;
	if (e->shut & RCV_SHUT)
		ev |= TS_POLLRDHUP | TS_POLLIN | TS_POLLRDNORM;
	if (e->r.used)
		ev |= TS_POLLIN | TS_POLLRDNORM;
	/* Writable while the peer's ring has a quarter free; also when
	 * the peer is gone, so that a writer learns it (EPIPE) rather
	 * than waiting, as Linux. */
	if (!o->sock || (e->shut & SEND_SHUT) ||
	    p->size - o->r.used >= p->size / 4)
		ev |= TS_POLLOUT | TS_POLLWRNORM;
	return ev;
}

static unsigned int unix_poll(struct ts_socket *s)
{
	struct unix_pair *p = s->priv;
	unsigned int ev;

	ts_mutex_lock(&p->lock);
	ev = events(p, me(s));
	ts_mutex_unlock(&p->lock);
	return ev;
}

static size_t msg_len(const struct msghdr *m)
{
	size_t t = 0;

	for (size_t i = 0; i < (size_t)m->msg_iovlen; i++)
		t += m->msg_iov[i].iov_len;
	return t;
}

static long unix_sendmsg(struct ts_socket *s, const struct msghdr *m,
			 int flags)
{
	struct unix_pair *p = s->priv;
	struct unix_end *e, *o;
	size_t len = msg_len(m), room, n, done = 0;
	uint32_t hdr;
	long r;

	(void)flags;
	if (m->msg_namelen)
		return p->type == SOCK_STREAM ? -EOPNOTSUPP : -EISCONN;
	if (m->msg_controllen)
		return -EOPNOTSUPP;	/* SCM_RIGHTS... not here */
	ts_mutex_lock(&p->lock);
	e = me(s);
	o = peer_of(p, e);
	if (e->err && p->type != SOCK_DGRAM) {
		r = -e->err;
		e->err = 0;
		goto out;
	}
	if (e->shut & SEND_SHUT) {
		r = -EPIPE;
		goto out;
	}
	if (!o->sock) {
		r = p->type == SOCK_DGRAM ? -ECONNREFUSED : -EPIPE;
		goto out;
	}
	if (records(p) && len + sizeof(hdr) > p->size) {
		r = -EMSGSIZE;
		goto out;
	}
	if (!o->r.buf && !(o->r.buf = malloc(p->size))) {
		r = -ENOBUFS;
		goto out;
	}
	room = p->size - o->r.used;
	if (records(p) ? room < len + sizeof(hdr) : !room) {
		r = len ? -EAGAIN : 0;
		goto out;
	}
	if (records(p)) {
		hdr = (uint32_t)len;
		ts_bytering_put(&o->r, &hdr, sizeof(hdr));
		room = len;
	}
	for (size_t i = 0; i < (size_t)m->msg_iovlen && done < room; i++) {
		n = m->msg_iov[i].iov_len;
		if (n > room - done)
			n = room - done;
		ts_bytering_put(&o->r, m->msg_iov[i].iov_base, n);
		done += n;
	}
	r = (long)done;
	/* An empty datagram is a message too. */
	if (done || records(p))
		ts_socket_notify(o->sock, TS_POLLIN | TS_POLLRDNORM);
out:
	ts_mutex_unlock(&p->lock);
	return r;
}

static long unix_recvmsg(struct ts_socket *s, struct msghdr *m, int flags)
{
	struct unix_pair *p = s->priv;
	struct unix_end *e, *o;
	size_t want = msg_len(m), avail, n, done = 0, skip = 0;
	uint32_t hdr = 0;
	long r;

	/* Out-of-band data is not kept: a stream has none to give
	 * (Linux's EINVAL then), a datagram socket never has any. */
	if (flags & MSG_OOB)
		return p->type == SOCK_STREAM ? -EINVAL : -EOPNOTSUPP;
	m->msg_flags = 0;
	m->msg_controllen = 0;
	if (m->msg_name) {
		/* The peer is unnamed: only its family. */
		((struct sockaddr *)m->msg_name)->sa_family = AF_UNIX;
		m->msg_namelen = sizeof(sa_family_t);
	}
	ts_mutex_lock(&p->lock);
	e = me(s);
	o = peer_of(p, e);
	if (!e->r.used) {
		if (e->err) {
			r = -e->err;
			e->err = 0;
		} else if (e->shut & RCV_SHUT) {
			r = 0;
		} else {
			r = want || records(p) ? -EAGAIN : 0;
		}
		goto out;
	}
	if (records(p)) {
		ts_bytering_peek(&e->r, 0, &hdr, sizeof(hdr));
		skip = sizeof(hdr);
		avail = hdr;
	} else {
		avail = e->r.used;
	}
	for (size_t i = 0; i < (size_t)m->msg_iovlen && done < avail; i++) {
		n = m->msg_iov[i].iov_len;
		if (n > avail - done)
			n = avail - done;
		ts_bytering_peek(&e->r, skip + done, m->msg_iov[i].iov_base, n);
		done += n;
	}
	r = (long)done;
	if (records(p) && hdr > done) {
		m->msg_flags |= MSG_TRUNC;
		if (flags & MSG_TRUNC)
			r = (long)hdr;	/* the datagram's real length */
	}
	if (!(flags & MSG_PEEK)) {
		ts_bytering_drop(&e->r, records(p) ? skip + hdr : done);
		if (o->sock)
			ts_socket_notify(o->sock, TS_POLLOUT | TS_POLLWRNORM);
	}
out:
	ts_mutex_unlock(&p->lock);
	return r;
}

static void shut(struct unix_pair *p, struct unix_end *e, unsigned int mode)
{
	struct unix_end *o = peer_of(p, e);

	e->shut |= mode;
	/* A connection's peer sees the other half: its receiving side
	 * ends where this one stops sending. */
	if (p->type != SOCK_DGRAM && o->sock) {
		o->shut |= (mode & RCV_SHUT ? SEND_SHUT : 0) |
			   (mode & SEND_SHUT ? RCV_SHUT : 0);
		ts_socket_notify(o->sock, events(p, o));
	}
	ts_socket_notify(e->sock, events(p, e));
}

static int unix_shutdown(struct ts_socket *s, int how)
{
	struct unix_pair *p = s->priv;

	ts_mutex_lock(&p->lock);
	shut(p, me(s), (unsigned int)how + 1);	/* SHUT_RD 0 -> RCV_SHUT */
	ts_mutex_unlock(&p->lock);
	return 0;
}

static int unix_getname(struct ts_socket *s, struct sockaddr *a,
			socklen_t *len, int peer)
{
	struct unix_pair *p = s->priv;

	(void)peer;
	/* Linux: getpeername of a pair whose peer closed still answers
	 * for a stream (the peer is remembered), so do we. */
	(void)p;
	a->sa_family = AF_UNIX;
	*len = sizeof(sa_family_t);
	return 0;
}

static long unix_ioctl(struct ts_socket *s, unsigned long req,
		       unsigned long arg)
{
	struct unix_pair *p = s->priv;
	struct unix_end *e;
	uint32_t hdr = 0;
	int n;

	if (req != SIOCINQ_ && req != SIOCOUTQ_)
		return -ENOTTY;
	ts_mutex_lock(&p->lock);
	e = me(s);
	if (req == SIOCOUTQ_)
		n = (int)peer_of(p, e)->r.used;
	else if (records(p) && e->r.used) {
		/* A datagram socket: the next datagram's size. */
		ts_bytering_peek(&e->r, 0, &hdr, sizeof(hdr));
		n = p->type == SOCK_DGRAM ? (int)hdr : (int)e->r.used;
	} else
		n = (int)e->r.used;
	ts_mutex_unlock(&p->lock);
	return ts_arch_mem_write_safe(arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static int unix_getsockopt(struct ts_socket *s, int level, int name,
			   void *val, socklen_t *len)
{
	(void)s, (void)name, (void)val, (void)len;
	/* Linux: AF_UNIX has no options beyond SOL_SOCKET's. */
	return level == SOL_SOCKET ? -ENOPROTOOPT : -EOPNOTSUPP;
}

static int unix_setsockopt(struct ts_socket *s, int level, int name,
			   const void *val, socklen_t len)
{
	(void)s, (void)name, (void)val, (void)len;
	return level == SOL_SOCKET ? -ENOPROTOOPT : -EOPNOTSUPP;
}

static const char *unix_state(struct ts_socket *s)
{
	struct unix_pair *p = s->priv;
	struct unix_end *e = me(s);

	if (!peer_of(p, e)->sock)
		return "peer-closed";
	if (e->shut == (RCV_SHUT | SEND_SHUT))
		return "shut";
	if (e->shut & SEND_SHUT)
		return "shut-wr";
	if (e->shut & RCV_SHUT)
		return "shut-rd";
	return "connected";
}

static void unix_release(struct ts_socket *s)
{
	struct unix_pair *p = s->priv;
	struct unix_end *e, *o;
	int last;

	ts_mutex_lock(&p->lock);
	e = me(s);
	o = peer_of(p, e);
	if (o->sock && p->type != SOCK_DGRAM) {
		/* Closed with bytes unread: the peer hears of a reset. */
		if (e->r.used)
			o->err = ECONNRESET;
		o->shut = RCV_SHUT | SEND_SHUT;
	}
	e->sock = NULL;
	free(e->r.buf);
	e->r.buf = NULL;
	e->r.used = e->r.head = 0;
	last = !o->sock;
	if (o->sock)
		ts_socket_notify(o->sock, events(p, o) | TS_POLLHUP);
	ts_mutex_unlock(&p->lock);
	if (last)
		free(p);
}

/* A pair is connected and unnamed: Linux refuses to make it listen
 * (not bound: EINVAL) or accept on it (not listening: EINVAL); a
 * datagram socket does neither (EOPNOTSUPP). */
static int unix_listen(struct ts_socket *s, int backlog)
{
	(void)backlog;
	return s->type == SOCK_DGRAM ? -EOPNOTSUPP : -EINVAL;
}

static int unix_accept(struct ts_socket *s, struct ts_socket *ns)
{
	(void)ns;
	return s->type == SOCK_DGRAM ? -EOPNOTSUPP : -EINVAL;
}

static const struct ts_socket_ops unix_ops = {
	.listen = unix_listen,
	.accept = unix_accept,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
	.shutdown = unix_shutdown,
	.getsockopt = unix_getsockopt,
	.setsockopt = unix_setsockopt,
	.getname = unix_getname,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.release = unix_release,
	.state = unix_state,
};

static int unix_type_ok(int type, int protocol)
{
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (type != SOCK_STREAM && type != SOCK_DGRAM &&
	    type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	return 0;
}

static int unix_pair(struct ts_socket *a, struct ts_socket *b, int protocol)
{
	struct unix_pair *p;
	int r;

	/* Linux takes SOCK_RAW as SOCK_DGRAM here. */
	if (a->type == SOCK_RAW)
		a->type = b->type = SOCK_DGRAM;
	if ((r = unix_type_ok(a->type, protocol)))
		return r;
	if (!(p = calloc(1, sizeof(*p))))
		return -ENOMEM;
	ts_mutex_init(&p->lock, 0);
	p->size = (size_t)CONFIG_LIB_SOCKET_UNIX_KB * 1024;
	p->type = a->type;
	p->end[0].sock = a;
	p->end[1].sock = b;
	p->end[0].r.size = p->end[1].r.size = p->size;
	a->ops = b->ops = &unix_ops;
	a->priv = b->priv = p;
	return 0;
}

static int unix_create(struct ts_socket *s, int protocol)
{
	static int said;
	int r = unix_type_ok(s->type, protocol);

	if (r)
		return r;
	if (!said++)
		ts_printk("socket: AF_UNIX sockets with paths are not "
			  "implemented (socketpair only): EAFNOSUPPORT\n");
	return -EAFNOSUPPORT;
}

TS_SOCKET_FAMILY(unix, AF_UNIX, "unix", unix_create, unix_pair);

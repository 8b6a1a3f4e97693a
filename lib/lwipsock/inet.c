/* AF_INET and AF_INET6 for lib/socket, on lwIP's socket API. Every
 * socket is an lwIP socket kept nonblocking: lib/socket blocks the
 * calling thread on the socket's poll head, and lwIP's events (its
 * netconn callback, through <ts/lwip.h>'s hook) notify that head, so
 * poll, select, epoll and blocking calls all wake on the same events.
 *
 * What is adapted to Linux's answers here: lwIP's ENFILE (its table of
 * sockets full) is EMFILE; EWOULDBLOCK is EAGAIN; a send on a stream
 * that is not (or no longer) connected is EPIPE; vectors of zero
 * length are dropped (lwIP refuses them); a truncated datagram returns
 * the bytes copied unless MSG_TRUNC asks for its length; the buffer
 * sizes and timeouts are lib/socket's (the socket never blocks in
 * lwIP, and lwIP's SO_RCVBUF would cap the window at the program's
 * number); TCP options lwIP lacks that servers set (TCP_DEFER_ACCEPT,
 * TCP_QUICKACK, TCP_CORK) are kept and reported, without effect.
 *
 * The program's errno is saved around each lwIP call (lwIP reports
 * through errno, which is the calling thread's). */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
/* musl's <endian.h> (through <netinet/tcp.h>) and lwIP's arch/cc.h
 * both define BYTE_ORDER, as the same number spelled differently. */
#undef BYTE_ORDER
#include <lwip/api.h>
#include <lwip/priv/sockets_priv.h>
#include <lwip/sockets.h>
#include <lwip/tcp.h>
#include <lwip/udp.h>
#include <ts/arch/debug.h>
#include <ts/lwip.h>
#include <ts/sched.h>
#include <ts/socket.h>

/* TCP options Linux has that lwIP does not: kept, reported. */
#define TCP_CORK_ 3
#define TCP_DEFER_ACCEPT_ 9
#define TCP_QUICKACK_ 12

struct inet {
	int n;				/* lwIP's socket number */
	int connecting;			/* connect() started, no outcome read */
	int cork, defer_accept, quickack;
};

/* lwIP's socket number to ours, for its events: changed and read with
 * interrupts off (the events come from lwIP's threads). */
static struct ts_socket *by_num[NUM_SOCKETS];

static int num(const struct ts_socket *s)
{
	return ((const struct inet *)s->priv)->n;
}

static int is_stream(const struct ts_socket *s)
{
	return s->type == SOCK_STREAM;
}

/* -errno of an lwIP call that failed, errno left as it was. */
#define LW(call)                                                            \
	({                                                                  \
		int saved_ = errno;                                         \
		long r_ = (long)(call);                                     \
		if (r_ < 0)                                                 \
			r_ = errno == EWOULDBLOCK ? -EAGAIN : -errno;       \
		errno = saved_;                                             \
		r_;                                                         \
	})

static void on_event(int n, int evt, unsigned int len)
{
	unsigned int ev;
	int on;

	(void)len;
	switch (evt) {
	case NETCONN_EVT_RCVPLUS:	/* data, a connection, the end */
		ev = TS_POLLIN | TS_POLLRDNORM | TS_POLLRDHUP | TS_POLLHUP;
		break;
	case NETCONN_EVT_SENDPLUS:
		ev = TS_POLLOUT | TS_POLLWRNORM;
		break;
	case NETCONN_EVT_ERROR:
		ev = TS_POLLERR | TS_POLLHUP | TS_POLLIN | TS_POLLOUT;
		break;
	default:			/* something consumed: no news */
		return;
	}
	on = ts_sched_irq_save();
	if (n >= 0 && n < NUM_SOCKETS && by_num[n])
		ts_socket_notify(by_num[n], ev);
	ts_sched_irq_restore(on);
}

static const struct ts_socket_ops inet_ops;

/* s becomes lwIP's socket n: nonblocking, heard of. */
static int adopt(struct ts_socket *s, int n)
{
	struct inet *in;
	int on;

	if (n >= NUM_SOCKETS || !(in = calloc(1, sizeof(*in)))) {
		LW(lwip_close(n));
		return -ENOMEM;
	}
	LW(lwip_fcntl(n, F_SETFL, O_NONBLOCK));
	in->n = n;
	s->priv = in;
	s->ops = &inet_ops;
	on = ts_sched_irq_save();
	by_num[n] = s;
	ts_sched_irq_restore(on);
	return 0;
}

static int inet_create(struct ts_socket *s, int protocol)
{
	static int hooked;
	long n;

	switch (s->type) {
	case SOCK_STREAM:
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		break;
	case SOCK_DGRAM:
		if (protocol && protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		break;
	case SOCK_RAW:
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	if (!hooked) {
		ts_lwip_socket_set_event_fn(on_event);
		hooked = 1;
	}
	n = LW(lwip_socket(s->family, s->type, protocol));
	/* lwIP's socket table full (ENFILE) or no netconn or PCB left
	 * for a new one (ENOBUFS): out of sockets, EMFILE. */
	if (n < 0)
		return n == -ENFILE || n == -ENOBUFS ? -EMFILE : (int)n;
	return adopt(s, (int)n);
}

/* An address for this socket's family, checked as Linux checks it
 * (lwIP answers EIO or EINVAL by its own rules): too short is EINVAL,
 * another family EAFNOSUPPORT. AF_UNSPEC is the caller's business. */
static int addr_ok(const struct ts_socket *s, const struct sockaddr *a,
		   socklen_t len)
{
	socklen_t need = s->family == AF_INET6 ? 24 /* SIN6_LEN_RFC2133 */ :
						 sizeof(struct sockaddr_in);

	if (len < sizeof(sa_family_t))
		return -EINVAL;
	if (a->sa_family != s->family)
		return -EAFNOSUPPORT;
	return len < need ? -EINVAL : 0;
}

static int inet_bind(struct ts_socket *s, const struct sockaddr *a,
		     socklen_t len)
{
	int r = len >= sizeof(struct sockaddr_in) ? 0 : -EINVAL;

	if (r || (r = addr_ok(s, a, len)))
		return r;
	return (int)LW(lwip_bind(num(s), a, len));
}

static int inet_listen(struct ts_socket *s, int backlog)
{
	if (!is_stream(s))
		return -EOPNOTSUPP;
	return (int)LW(lwip_listen(num(s), backlog));
}

static int inet_accept(struct ts_socket *s, struct ts_socket *ns)
{
	long n;

	if (!is_stream(s))
		return -EOPNOTSUPP;
	n = LW(lwip_accept(num(s), NULL, NULL));
	/* lwIP's table full: it dropped the connection; the program
	 * hears EMFILE, as when its own limit is reached, and the next
	 * accept serves again once sockets are closed. */
	if (n < 0)
		return n == -ENFILE ? -EMFILE : (int)n;
	return adopt(ns, (int)n);
}

/* A refused connection reaches lwIP as a reset (ECONNRESET): Linux
 * says ECONNREFUSED when the connection never was. */
static int refused(struct ts_socket *s, int err)
{
	struct inet *in = s->priv;

	return err == ECONNRESET && in->connecting ? ECONNREFUSED : err;
}

static int inet_connect(struct ts_socket *s, const struct sockaddr *a,
			socklen_t len)
{
	struct inet *in = s->priv;
	int r;

	if (len >= sizeof(sa_family_t) && a->sa_family != AF_UNSPEC &&
	    (r = addr_ok(s, a, len)))
		return r;
	r = (int)LW(lwip_connect(num(s), a, len));
	if (r == -EINPROGRESS && is_stream(s))
		in->connecting = 1;
	return r < 0 ? -refused(s, -r) : r;
}

/* m's vectors without the empty ones (lwIP refuses them) in v (room
 * for cnt); how many. */
static int compact(const struct msghdr *m, struct iovec *v)
{
	int k = 0;

	for (size_t i = 0; i < (size_t)m->msg_iovlen; i++)
		if (m->msg_iov[i].iov_len)
			v[k++] = m->msg_iov[i];
	return k;
}

#define SMALL_IOV 8

static long inet_sendmsg(struct ts_socket *s, const struct msghdr *m,
			 int flags)
{
	struct iovec small[SMALL_IOV], *v = small;
	struct msghdr mm = *m;
	int f = flags & (MSG_DONTWAIT | MSG_MORE);
	long r;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->msg_iovlen > SMALL_IOV &&
	    !(v = malloc(m->msg_iovlen * sizeof(*v))))
		return -ENOBUFS;
	mm.msg_iov = v;
	mm.msg_iovlen = compact(m, v);
	mm.msg_control = NULL;
	mm.msg_controllen = 0;
	if (mm.msg_iovlen)
		r = LW(lwip_sendmsg(num(s), &mm, f));
	else if (is_stream(s))
		r = 0;
	else	/* an empty datagram */
		r = LW(lwip_sendto(num(s), "", 0, f, m->msg_name,
				   m->msg_namelen));
	if (v != small)
		free(v);
	if (r == -ENOTCONN)
		r = is_stream(s) ? -EPIPE : -EDESTADDRREQ;
	return r;
}

static long inet_recvmsg(struct ts_socket *s, struct msghdr *m, int flags)
{
	struct iovec small[SMALL_IOV], *v = small;
	struct msghdr mm = *m;
	int f = flags & (MSG_PEEK | MSG_DONTWAIT);
	size_t total = 0;
	char scratch;
	long r;

	if (flags & MSG_OOB)	/* no urgent data kept: Linux's EINVAL */
		return is_stream(s) ? -EINVAL : -EOPNOTSUPP;
	if (m->msg_iovlen > SMALL_IOV &&
	    !(v = malloc(m->msg_iovlen * sizeof(*v))))
		return -ENOBUFS;
	mm.msg_iov = v;
	mm.msg_iovlen = compact(m, v);
	for (int i = 0; i < (int)mm.msg_iovlen; i++)
		total += v[i].iov_len;
	mm.msg_control = NULL;
	mm.msg_controllen = 0;
	mm.msg_flags = 0;
	if (is_stream(s)) {
		/* A connection's messages have no name (Linux: namelen 0). */
		mm.msg_name = NULL;
		mm.msg_namelen = 0;
	}
	if (!mm.msg_iovlen) {
		if (is_stream(s)) {
			r = 0;
			goto out;
		}
		/* A datagram read into nothing is still taken. */
		v[0].iov_base = &scratch;
		v[0].iov_len = 1;
		mm.msg_iovlen = 1;
	}
	r = LW(lwip_recvmsg(num(s), &mm, f));
	m->msg_flags = mm.msg_flags;
	m->msg_namelen = is_stream(s) || r < 0 ? 0 : mm.msg_namelen;
	m->msg_controllen = 0;
	/* lwIP answers a datagram's whole length. */
	if (!is_stream(s) && r > (long)total) {
		m->msg_flags |= MSG_TRUNC;
		if (!(flags & MSG_TRUNC))
			r = (long)total;
	}
out:
	if (v != small)
		free(v);
	return r;
}

static int inet_shutdown(struct ts_socket *s, int how)
{
	return (int)LW(lwip_shutdown(num(s), how));
}

/* TCP_DEFER_ACCEPT as Linux keeps it: seconds rounded up to whole
 * SYN-ACK retransmissions (1 s, doubling, at most 120 s each) and
 * reported back as the time those take (5 becomes 7). */
static int defer_round(int seconds)
{
	int retrans = 0, timeout = 1, period = 1;

	if (seconds <= 0)
		return 0;
	for (retrans = 1; seconds > period && retrans < 255; retrans++) {
		timeout = timeout * 2 > 120 ? 120 : timeout * 2;
		period += timeout;
	}
	return period;
}

static int *tcp_kept(struct ts_socket *s, int name)
{
	struct inet *in = s->priv;

	switch (name) {
	case TCP_CORK_:
		return &in->cork;
	case TCP_DEFER_ACCEPT_:
		return &in->defer_accept;
	case TCP_QUICKACK_:
		return &in->quickack;
	default:
		return NULL;
	}
}

/* SOL_SOCKET options lib/socket keeps (see the head of this file). */
static int socket_kept(int name)
{
	return name == SO_RCVBUF || name == SO_SNDBUF ||
	       name == SO_RCVTIMEO || name == SO_SNDTIMEO ||
	       name == SO_REUSEPORT;
}

static int tcp_state(const struct ts_socket *s);

static int inet_getsockopt(struct ts_socket *s, int level, int name,
			   void *val, socklen_t *len)
{
	int *kept, r;

	if (level == SOL_SOCKET && socket_kept(name))
		return -ENOPROTOOPT;
	if (level == IPPROTO_TCP && is_stream(s) &&
	    (kept = tcp_kept(s, name))) {
		if (*len > sizeof(int))
			*len = sizeof(int);
		memcpy(val, kept, *len);
		return 0;
	}
	r = (int)LW(lwip_getsockopt(num(s), level, name, val, len));
	if (!r && level == SOL_SOCKET && name == SO_ERROR &&
	    *len >= sizeof(int)) {
		int e;

		memcpy(&e, val, sizeof(e));
		e = refused(s, e);
		memcpy(val, &e, sizeof(e));
		/* The outcome is known once the connection is up or
		 * failed. */
		if (e || tcp_state(s) == ESTABLISHED)
			((struct inet *)s->priv)->connecting = 0;
	}
	return r;
}

static int inet_setsockopt(struct ts_socket *s, int level, int name,
			   const void *val, socklen_t len)
{
	int *kept;

	if (level == SOL_SOCKET && socket_kept(name))
		return -ENOPROTOOPT;
	if (level == IPPROTO_TCP && is_stream(s) &&
	    (kept = tcp_kept(s, name))) {
		if (len < sizeof(int))
			return -EINVAL;
		memcpy(kept, val, sizeof(int));
		if (name == TCP_DEFER_ACCEPT_)
			*kept = defer_round(*kept);
		return 0;
	}
	return (int)LW(lwip_setsockopt(num(s), level, name, val, len));
}

/* An lwIP address and port as a sockaddr of the socket's family (an
 * IPv4 address on an IPv6 socket as ::ffff:a.b.c.d). */
static socklen_t to_sockaddr(const struct ts_socket *s, const ip_addr_t *ip,
			     uint16_t port, struct sockaddr *a)
{
	if (s->family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)a;

		memset(in6, 0, sizeof(*in6));
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
#if LWIP_IPV6
		if (IP_IS_V6(ip)) {
			memcpy(&in6->sin6_addr, ip_2_ip6(ip)->addr, 16);
		} else
#endif
		{
			in6->sin6_addr.s6_addr[10] = 0xff;
			in6->sin6_addr.s6_addr[11] = 0xff;
			memcpy(&in6->sin6_addr.s6_addr[12],
			       &ip_2_ip4(ip)->addr, 4);
		}
		return sizeof(*in6);
	}
	struct sockaddr_in *in = (struct sockaddr_in *)a;

	memset(in, 0, sizeof(*in));
	in->sin_family = AF_INET;
	in->sin_port = htons(port);
	memcpy(&in->sin_addr, &ip_2_ip4(ip)->addr, 4);
	return sizeof(*in);
}

/* getsockname/getpeername from the PCB itself, with interrupts off and
 * no lwIP lock (what netconn_getaddr reads, the same answers): so that
 * monitor net, which runs while the image is stopped, can use it too. */
static int inet_getname(struct ts_socket *s, struct sockaddr *a,
			socklen_t *len, int peer)
{
	struct lwip_sock *ls = lwip_socket_dbg_get_socket(num(s));
	struct sockaddr_storage st;
	struct netconn *c;
	ip_addr_t ip;
	uint16_t port = 0;
	socklen_t full;
	int on = ts_sched_irq_save(), r = 0;

	ip_addr_set_zero(&ip);
	if (!ls || !(c = ls->conn)) {
		r = -EBADF;
		goto out;
	}
	switch (NETCONNTYPE_GROUP(netconn_type(c))) {
	case NETCONN_TCP: {
		struct tcp_pcb *p = c->pcb.tcp;

		if (!p) {
			r = peer ? -ENOTCONN : 0;
			break;
		}
		if (!peer) {
			ip_addr_copy(ip, p->local_ip);
			port = p->local_port;
		} else if (p->state == CLOSED || p->state == LISTEN ||
			   p->state == SYN_SENT) {
			r = -ENOTCONN;
		} else {
			ip_addr_copy(ip, p->remote_ip);
			port = p->remote_port;
		}
		break;
	}
	case NETCONN_UDP: {
		struct udp_pcb *p = c->pcb.udp;

		if (!p || (peer && !(p->flags & UDP_FLAGS_CONNECTED))) {
			r = peer ? -ENOTCONN : 0;
			break;
		}
		if (peer) {
			ip_addr_copy(ip, p->remote_ip);
			port = p->remote_port;
		} else {
			ip_addr_copy(ip, p->local_ip);
			port = p->local_port;
		}
		break;
	}
	default:
		r = peer ? -ENOTCONN : 0;
	}
out:
	ts_sched_irq_restore(on);
	if (r)
		return r;
	full = to_sockaddr(s, &ip, port, (struct sockaddr *)&st);
	memcpy(a, &st, *len < full ? *len : full);
	*len = full;
	return 0;
}

static const char *const tcp_states[] = {
	"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED",
	"FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK",
	"TIME_WAIT",
};

/* A connection's TCP state, read from its PCB with interrupts off;
 * -1 when it has none (reset, or not TCP). */
static int tcp_state(const struct ts_socket *s)
{
	struct lwip_sock *ls = lwip_socket_dbg_get_socket(num(s));
	int on = ts_sched_irq_save(), st = -1;

	if (ls && ls->conn && ls->conn->pcb.tcp &&
	    NETCONNTYPE_GROUP(netconn_type(ls->conn)) == NETCONN_TCP)
		st = ls->conn->pcb.tcp->state;
	ts_sched_irq_restore(on);
	return st;
}

static unsigned int inet_poll(struct ts_socket *s)
{
	struct pollfd p = { num(s), POLLIN | POLLOUT, 0 };
	unsigned int ev;
	int st;

	LW(lwip_poll(&p, 1, 0));
	ev = (unsigned int)p.revents & (TS_POLLIN | TS_POLLOUT | TS_POLLERR |
					TS_POLLPRI);
	if (ev & TS_POLLIN)
		ev |= TS_POLLRDNORM;
	if (ev & TS_POLLOUT)
		ev |= TS_POLLWRNORM;
	if (!is_stream(s))
		return ev;
	/* lwIP's poll says nothing of the end of a connection: the
	 * state does, as Linux's tcp_poll reads it. */
	st = tcp_state(s);
	if (st < 0 || st == CLOSE_WAIT || st == LAST_ACK || st == CLOSING ||
	    st == TIME_WAIT)
		ev |= TS_POLLIN | TS_POLLRDNORM | TS_POLLRDHUP;
	if (st < 0 || st == CLOSED)
		ev |= TS_POLLHUP;
	return ev;
}

static long inet_ioctl(struct ts_socket *s, unsigned long req,
		       unsigned long arg)
{
	int v = 0;
	long r;

	if (req != FIONREAD)
		return -ENOTTY;
	if ((r = LW(lwip_ioctl(num(s), FIONREAD, &v))))
		return r;
	return ts_arch_mem_write_safe(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static const char *inet_state(struct ts_socket *s)
{
	int st;

	if (!is_stream(s))
		return "-";
	st = tcp_state(s);
	return st < 0 ? "CLOSED" : st < 11 ? tcp_states[st] : "?";
}

static void inet_release(struct ts_socket *s)
{
	struct inet *in = s->priv;
	int on = ts_sched_irq_save();

	by_num[in->n] = NULL;
	ts_sched_irq_restore(on);
	LW(lwip_close(in->n));
	free(in);
}

static const struct ts_socket_ops inet_ops = {
	.bind = inet_bind,
	.listen = inet_listen,
	.accept = inet_accept,
	.connect = inet_connect,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
	.shutdown = inet_shutdown,
	.getsockopt = inet_getsockopt,
	.setsockopt = inet_setsockopt,
	.getname = inet_getname,
	.poll = inet_poll,
	.ioctl = inet_ioctl,
	.release = inet_release,
	.state = inet_state,
};

TS_SOCKET_FAMILY(inet, AF_INET, "inet", inet_create, NULL);
#if LWIP_IPV6
TS_SOCKET_FAMILY(inet6, AF_INET6, "inet6", inet_create, NULL);
#endif

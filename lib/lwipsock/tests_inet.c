/* TCP and UDP through the system calls over lwIP's loopback, 127.0.0.1
 * (suite sockinet): a server and a client in two threads, nonblocking
 * connect with poll, EAGAIN, an edge-triggered accept loop as nginx
 * runs it, UDP datagrams with their sender's address, the options
 * servers set, and EMFILE when lwIP's sockets run out, with service
 * again once some are closed. Calls go through ts_syscall() so that
 * the result is the errno, as the C library sees it. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <ts/plat/console.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/time.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define SC6(name, a, b, c, d, e, f)                                         \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   (long)(e), (long)(f))
#define LOOPBACK 0x0100007fu	/* 127.0.0.1 in network order */
#define WAIT_MS 3000		/* generous: TCG on a loaded machine */

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };

	a.sin_addr.s_addr = LOOPBACK;
	return a;
}

/* A listening TCP socket on 127.0.0.1 at a port lwIP picks: the
 * descriptor, its address in *a. */
static int listener(struct sockaddr_in *a, int type_flags)
{
	socklen_t len = sizeof(*a);
	int one = 1;
	int fd = (int)SC(socket, AF_INET, SOCK_STREAM | type_flags, 0, 0);

	*a = loopback(0);
	if (fd < 0)
		return fd;
	if (SC6(setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one),
		0) ||
	    SC(bind, fd, a, sizeof(*a), 0) || SC(listen, fd, 16, 0, 0) ||
	    SC(getsockname, fd, a, &len, 0)) {
		SC(close, fd, 0, 0, 0);
		return -1;
	}
	return fd;
}

static short poll_ms(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	if (SC(poll, &p, 1, ms, 0) != 1)
		return 0;
	return p.revents;
}

static short wait_for(int fd, short events)
{
	return poll_ms(fd, events, WAIT_MS);
}

struct client {
	struct sockaddr_in to, me;
	char reply[16];
	long got;
};

/* The client thread: connect (blocking), say ping, read the answer. */
static void *client_run(void *arg)
{
	struct client *c = arg;
	socklen_t len = sizeof(c->me);
	int fd = (int)SC(socket, AF_INET, SOCK_STREAM, 0, 0);

	TS_EXPECT(fd >= 0);
	TS_EXPECT_EQ(SC(connect, fd, &c->to, sizeof(c->to), 0), 0L);
	TS_EXPECT_EQ(SC(getsockname, fd, &c->me, &len, 0), 0L);
	TS_EXPECT_EQ(SC(write, fd, "ping", 4, 0), 4L);
	c->got = SC(read, fd, c->reply, sizeof(c->reply), 0);
	SC(close, fd, 0, 0, 0);
	return NULL;
}

TS_TEST(sockinet, tcp_accept4_with_a_client_thread)
{
	struct sockaddr_in a, peer;
	socklen_t len = sizeof(peer);
	struct client c = { .got = -1 };
	struct ts_thread *t;
	char buf[16];
	int l, fd, n = -1;

	TS_REQUIRE((l = listener(&a, 0)) >= 0);
	TS_EXPECT(a.sin_port != 0);
	c.to = a;
	TS_REQUIRE_EQ(ts_thread_create(&t, "sock-client", client_run, &c,
				       NULL), 0);
	fd = (int)SC(accept4, l, &peer, &len, SOCK_CLOEXEC);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(len, (socklen_t)sizeof(peer));
	TS_EXPECT_EQ(SC(fcntl, fd, F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT_EQ(SC(read, fd, buf, 4, 0), 4L);
	TS_EXPECT(!memcmp(buf, "ping", 4));
	TS_EXPECT_EQ(SC(ioctl, fd, FIONREAD, &n, 0), 0L);
	TS_EXPECT_EQ(n, 0);
	TS_EXPECT_EQ(SC(write, fd, "pong!", 5, 0), 5L);
	/* The client closes: end of file here. */
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 0L);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(c.got, 5L);
	TS_EXPECT(!memcmp(c.reply, "pong!", 5));
	/* The peer accept4 named is the client's own address. */
	TS_EXPECT_EQ(peer.sin_port, c.me.sin_port);
	TS_EXPECT_EQ(peer.sin_addr.s_addr, LOOPBACK);
	SC(close, fd, 0, 0, 0);
	SC(close, l, 0, 0, 0);
}

TS_TEST(sockinet, nonblocking_connect_poll_eagain)
{
	struct sockaddr_in a, closed;
	int l, c, s, err = -1;
	socklen_t len = sizeof(err);
	static char big[16384];
	long r, sent = 0;
	char b;

	TS_REQUIRE((l = listener(&a, SOCK_NONBLOCK)) >= 0);
	/* Nothing to accept yet. */
	TS_EXPECT_EQ(SC(accept4, l, 0, 0, 0), -(long)EAGAIN);
	c = (int)SC(socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0, 0);
	TS_REQUIRE(c >= 0);
	r = SC(connect, c, &a, sizeof(a), 0);
	TS_EXPECT(r == -(long)EINPROGRESS || r == 0);
	TS_EXPECT(wait_for(c, POLLOUT) & POLLOUT);
	TS_EXPECT_EQ(SC6(getsockopt, c, SOL_SOCKET, SO_ERROR, &err, &len, 0),
		     0L);
	TS_EXPECT_EQ(err, 0);
	TS_EXPECT(wait_for(l, POLLIN) & POLLIN);
	s = (int)SC(accept4, l, 0, 0, SOCK_NONBLOCK);
	TS_REQUIRE(s >= 0);
	TS_EXPECT_EQ(SC(read, s, &b, 1, 0), -(long)EAGAIN);
	/* Fill the way to the peer until it says EAGAIN, then read on
	 * the other side: writable again. */
	memset(big, 'z', sizeof(big));
	while ((r = SC(write, c, big, sizeof(big), 0)) > 0 &&
	       sent < (16L << 20))
		sent += r;
	TS_EXPECT_EQ(r, -(long)EAGAIN);
	TS_EXPECT_GT(sent, 0L);
	TS_EXPECT(!(poll_ms(c, POLLOUT, 0) & POLLOUT));
	while (sent > 0 && (wait_for(s, POLLIN) & POLLIN) &&
	       (r = SC(read, s, big, sizeof(big), 0)) > 0)
		sent -= r;
	TS_EXPECT_EQ(sent, 0L);
	TS_EXPECT(wait_for(c, POLLOUT) & POLLOUT);
	SC(close, s, 0, 0, 0);
	SC(close, c, 0, 0, 0);
	/* Nobody listens there: refused, blocking and not. */
	SC(close, l, 0, 0, 0);
	closed = a;
	c = (int)SC(socket, AF_INET, SOCK_STREAM, 0, 0);
	TS_EXPECT_EQ(SC(connect, c, &closed, sizeof(closed), 0),
		     -(long)ECONNREFUSED);
	SC(close, c, 0, 0, 0);
	c = (int)SC(socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0, 0);
	r = SC(connect, c, &closed, sizeof(closed), 0);
	TS_EXPECT(r == -(long)EINPROGRESS || r == -(long)ECONNREFUSED);
	if (r == -(long)EINPROGRESS) {
		TS_EXPECT(wait_for(c, POLLOUT) & (POLLERR | POLLHUP));
		TS_EXPECT_EQ(SC6(getsockopt, c, SOL_SOCKET, SO_ERROR, &err,
				 &len, 0), 0L);
		TS_EXPECT_EQ(err, ECONNREFUSED);
	}
	SC(close, c, 0, 0, 0);
}

TS_TEST(sockinet, epoll_edge_triggered_accept_loop)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 1 },
			   out[4];
	struct sockaddr_in a;
	int l, ep, c[3], accepted = 0, rounds = 0;
	long r;

	TS_REQUIRE((l = listener(&a, SOCK_NONBLOCK)) >= 0);
	ep = (int)SC(epoll_create1, EPOLL_CLOEXEC, 0, 0, 0);
	TS_REQUIRE(ep >= 0);
	TS_EXPECT_EQ(SC(epoll_ctl, ep, EPOLL_CTL_ADD, l, &ev), 0L);
	for (int i = 0; i < 3; i++) {
		c[i] = (int)SC(socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK,
			       0, 0);
		r = SC(connect, c[i], &a, sizeof(a), 0);
		TS_EXPECT(r == -(long)EINPROGRESS || r == 0);
	}
	/* nginx's loop: on each edge, accept until EAGAIN. */
	while (accepted < 3 && rounds++ < 10) {
		r = SC6(epoll_pwait, ep, out, 4, WAIT_MS, 0, 8);
		if (r <= 0)
			break;
		TS_EXPECT_EQ(out[0].data.u64, 1ul);
		while ((r = SC(accept4, l, 0, 0, SOCK_NONBLOCK)) >= 0) {
			accepted++;
			SC(close, r, 0, 0, 0);
		}
		TS_EXPECT_EQ(r, -(long)EAGAIN);
	}
	TS_EXPECT_EQ(accepted, 3);
	/* Drained: no edge left. */
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 4, 0, 0, 8), 0L);
	for (int i = 0; i < 3; i++)
		SC(close, c[i], 0, 0, 0);
	SC(close, ep, 0, 0, 0);
	SC(close, l, 0, 0, 0);
}

TS_TEST(sockinet, udp_datagrams_with_their_sender)
{
	struct sockaddr_in a = loopback(0), b = loopback(0), from;
	socklen_t len = sizeof(a);
	struct iovec iov = { 0 };
	struct msghdr m = { 0 };
	char buf[16];
	int u1, u2;

	u1 = (int)SC(socket, AF_INET, SOCK_DGRAM, 0, 0);
	u2 = (int)SC(socket, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0, 0);
	TS_REQUIRE(u1 >= 0 && u2 >= 0);
	TS_EXPECT_EQ(SC(bind, u1, &a, sizeof(a), 0), 0L);
	TS_EXPECT_EQ(SC(getsockname, u1, &a, &len, 0), 0L);
	TS_EXPECT_EQ(SC(bind, u2, &b, sizeof(b), 0), 0L);
	len = sizeof(b);
	TS_EXPECT_EQ(SC(getsockname, u2, &b, &len, 0), 0L);
	TS_EXPECT_EQ(SC6(recvfrom, u2, buf, sizeof(buf), 0, 0, 0),
		     -(long)EAGAIN);
	TS_EXPECT_EQ(SC6(sendto, u1, "hello", 5, 0, &b, sizeof(b)), 5L);
	len = sizeof(from);
	TS_EXPECT(wait_for(u2, POLLIN) & POLLIN);
	TS_EXPECT_EQ(SC6(recvfrom, u2, buf, sizeof(buf), 0, &from, &len), 5L);
	TS_EXPECT_EQ(len, (socklen_t)sizeof(from));
	TS_EXPECT_EQ(from.sin_port, a.sin_port);
	TS_EXPECT_EQ(from.sin_addr.s_addr, LOOPBACK);
	TS_EXPECT(!memcmp(buf, "hello", 5));
	/* Too small a buffer: truncated, and recvmsg says so. */
	TS_EXPECT_EQ(SC6(sendto, u1, "truncated", 9, 0, &b, sizeof(b)), 9L);
	TS_EXPECT(wait_for(u2, POLLIN) & POLLIN);
	iov.iov_base = buf;
	iov.iov_len = 4;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	TS_EXPECT_EQ(SC(recvmsg, u2, &m, 0, 0), 4L);
	TS_EXPECT(m.msg_flags & MSG_TRUNC);
	/* Connected: getpeername, send without an address. */
	len = sizeof(from);
	TS_EXPECT_EQ(SC(getpeername, u1, &from, &len, 0), -(long)ENOTCONN);
	TS_EXPECT_EQ(SC(connect, u1, &b, sizeof(b), 0), 0L);
	TS_EXPECT_EQ(SC(getpeername, u1, &from, &len, 0), 0L);
	TS_EXPECT_EQ(from.sin_port, b.sin_port);
	TS_EXPECT_EQ(SC(write, u1, "abc", 3, 0), 3L);
	TS_EXPECT(wait_for(u2, POLLIN) & POLLIN);
	TS_EXPECT_EQ(SC(read, u2, buf, sizeof(buf), 0), 3L);
	SC(close, u1, 0, 0, 0);
	SC(close, u2, 0, 0, 0);
}

static int getint(int fd, int level, int name)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	if (SC6(getsockopt, fd, level, name, &v, &len, 0))
		return -12345;
	return v;
}

static long setint(int fd, int level, int name, int v)
{
	return SC6(setsockopt, fd, level, name, &v, sizeof(v), 0);
}

TS_TEST(sockinet, options_servers_set)
{
	int fd = (int)SC(socket, AF_INET, SOCK_STREAM, 0, 0), fd6;

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_TYPE), SOCK_STREAM);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_DOMAIN), AF_INET);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_ERROR), 0);
	TS_EXPECT_EQ(setint(fd, SOL_SOCKET, SO_REUSEADDR, 1), 0L);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_REUSEADDR), 1);
	TS_EXPECT_EQ(setint(fd, SOL_SOCKET, SO_REUSEPORT, 1), 0L);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_REUSEPORT), 1);
	TS_EXPECT_EQ(setint(fd, SOL_SOCKET, SO_KEEPALIVE, 1), 0L);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	TS_EXPECT_EQ(setint(fd, IPPROTO_TCP, TCP_NODELAY, 1), 0L);
	TS_EXPECT_EQ(getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	TS_EXPECT_EQ(setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 300), 0L);
	TS_EXPECT_EQ(getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), 300);
	TS_EXPECT_EQ(setint(fd, IPPROTO_TCP, TCP_KEEPINTVL, 10), 0L);
	TS_EXPECT_EQ(getint(fd, IPPROTO_TCP, TCP_KEEPINTVL), 10);
	TS_EXPECT_EQ(setint(fd, IPPROTO_TCP, TCP_KEEPCNT, 4), 0L);
	TS_EXPECT_EQ(getint(fd, IPPROTO_TCP, TCP_KEEPCNT), 4);
	TS_EXPECT_EQ(setint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, 5), 0L);
	/* Linux rounds to whole retransmissions: 1 + 2 + 4 s. */
	TS_EXPECT_EQ(getint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT), 7);
	TS_EXPECT_EQ(setint(fd, SOL_SOCKET, SO_SNDBUF, 65536), 0L);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_SNDBUF), 131072);
	TS_EXPECT_EQ(setint(fd, SOL_SOCKET, SO_RCVBUF, 65536), 0L);
	TS_EXPECT_EQ(getint(fd, SOL_SOCKET, SO_RCVBUF), 131072);
	TS_EXPECT_EQ(setint(fd, IPPROTO_TCP, 9999, 1), -(long)ENOPROTOOPT);
	SC(close, fd, 0, 0, 0);
	fd6 = (int)SC(socket, AF_INET6, SOCK_STREAM, 0, 0);
	TS_REQUIRE(fd6 >= 0);
	TS_EXPECT_EQ(setint(fd6, IPPROTO_IPV6, IPV6_V6ONLY, 1), 0L);
	TS_EXPECT_EQ(getint(fd6, IPPROTO_IPV6, IPV6_V6ONLY), 1);
	SC(close, fd6, 0, 0, 0);
}

TS_TEST(sockinet, errors_as_linux)
{
	struct sockaddr_in a = loopback(0), peer;
	socklen_t len = sizeof(peer);
	int fd, sv[2];

	TS_EXPECT_EQ(SC(socketpair, AF_INET, SOCK_STREAM, 0, sv),
		     -(long)EOPNOTSUPP);
	TS_EXPECT_EQ(SC(socket, AF_INET, SOCK_SEQPACKET, 0, 0),
		     -(long)ESOCKTNOSUPPORT);
	TS_EXPECT_EQ(SC(socket, AF_INET, SOCK_STREAM, IPPROTO_UDP, 0),
		     -(long)EPROTONOSUPPORT);
	fd = (int)SC(socket, AF_INET, SOCK_STREAM, 0, 0);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(getpeername, fd, &peer, &len, 0), -(long)ENOTCONN);
	TS_EXPECT_EQ(SC(bind, fd, &a, 4, 0), -(long)EINVAL);
	a.sin_family = AF_INET6;
	TS_EXPECT_EQ(SC(bind, fd, &a, sizeof(a), 0), -(long)EAFNOSUPPORT);
	TS_EXPECT_EQ(SC(bind, fd, 0x10, sizeof(a), 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC6(sendto, fd, "x", 1, MSG_NOSIGNAL, 0, 0),
		     -(long)EPIPE);
	SC(close, fd, 0, 0, 0);
}

/* Sockets until lwIP has none: EMFILE, and after closing some, a
 * connection is served again. */
TS_TEST(sockinet, emfile_then_serving_again)
{
	static int fds[1100];
	struct sockaddr_in a;
	int n = 0, l, c, s;
	long r = 0;

	TS_REQUIRE((l = listener(&a, 0)) >= 0);
	while (n < (int)(sizeof(fds) / sizeof(fds[0])) &&
	       (r = SC(socket, AF_INET, SOCK_STREAM, 0, 0)) >= 0)
		fds[n++] = (int)r;
	TS_EXPECT_EQ(r, -(long)EMFILE);
	ts_printk("sockinet: %d more sockets, then %ld\n", n, r);
	/* Room for a client and the connection it makes. */
	for (int i = 0; i < n; i++)
		SC(close, fds[i], 0, 0, 0);
	c = (int)SC(socket, AF_INET, SOCK_STREAM, 0, 0);
	TS_REQUIRE(c >= 0);
	r = SC(connect, c, &a, sizeof(a), 0);
	TS_EXPECT_EQ(r, 0L);
	s = (int)SC(accept4, l, 0, 0, 0);
	TS_EXPECT(s >= 0);
	TS_EXPECT_EQ(SC(write, c, "again", 5, 0), 5L);
	{
		char buf[8];

		TS_EXPECT_EQ(SC(read, s, buf, sizeof(buf), 0), 5L);
	}
	SC(close, s, 0, 0, 0);
	SC(close, c, 0, 0, 0);
	SC(close, l, 0, 0, 0);
}

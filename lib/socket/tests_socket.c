/* The socket calls' arguments (suite socket): Linux's errno for each
 * mistake (EBADF, ENOTSOCK, EFAULT, EAFNOSUPPORT, EINVAL,
 * ESOCKTNOSUPPORT, EOPNOTSUPP, ENOPROTOOPT), and the SOL_SOCKET options
 * with the values Linux reports, on AF_UNIX sockets (no network stack
 * needed). */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <ts/socket.h>
#include "tests.h"

TS_TEST(socket, bad_descriptors_and_pointers)
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	socklen_t len = sizeof(in);
	int sv[2], v = 1;
	char c;

	TS_EXPECT_EQ(SC(bind, 999, &in, sizeof(in), 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(listen, -1, 1, 0, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(getsockname, 999, &in, &len, 0), -(long)EBADF);
	/* The console is no socket. */
	TS_EXPECT_EQ(SC(bind, 1, &in, sizeof(in), 0), -(long)ENOTSOCK);
	TS_EXPECT_EQ(SC(connect, 1, &in, sizeof(in), 0), -(long)ENOTSOCK);
	TS_EXPECT_EQ(SC(accept4, 1, 0, 0, 0), -(long)ENOTSOCK);
	TS_EXPECT_EQ(SC6(sendto, 1, "x", 1, 0, 0, 0), -(long)ENOTSOCK);
	TS_EXPECT_EQ(SC6(setsockopt, 1, SOL_SOCKET, SO_REUSEADDR, &v,
			 sizeof(v), 0), -(long)ENOTSOCK);
	TS_EXPECT_EQ(SC(shutdown, 1, SHUT_RDWR, 0, 0), -(long)ENOTSOCK);
	/* Bad pointers. */
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, BAD_HIGH),
		     -(long)EFAULT);
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, 0),
		     -(long)EFAULT);
	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_EXPECT_EQ(SC6(sendto, sv[0], BAD_HIGH, 4, 0, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(read, sv[0], BAD_HIGH, 4, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(getsockname, sv[0], &in, BAD_HIGH, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(getsockname, sv[0], BAD_HIGH, &len, 0),
		     -(long)EFAULT);
	TS_EXPECT_EQ(SC(sendmsg, sv[0], BAD_HIGH, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC6(getsockopt, sv[0], SOL_SOCKET, SO_TYPE, &v, BAD_HIGH,
			 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC6(setsockopt, sv[0], SOL_SOCKET, SO_REUSEADDR,
			 BAD_HIGH, sizeof(v), 0), -(long)EFAULT);
	/* Bad lengths and values. */
	len = (socklen_t)-1;
	TS_EXPECT_EQ(SC(getsockname, sv[0], &in, &len, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(setsockopt, sv[0], SOL_SOCKET, SO_REUSEADDR, &v, 2,
			 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(accept4, sv[0], 0, 0, 0x1234), -(long)EINVAL);
	TS_EXPECT_EQ(SC(bind, sv[0], &in, 1000, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(connect, sv[0], &in, -1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(bind, sv[0], BAD_HIGH, sizeof(in), 0), -(long)EFAULT);
	/* A pair is connected and unnamed: it cannot listen or accept
	 * (Linux's EINVAL), and has no out-of-band byte. */
	TS_EXPECT_EQ(SC(accept4, sv[0], 0, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(listen, sv[0], 1, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(recvfrom, sv[0], &c, 1, MSG_OOB, 0, 0),
		     -(long)EINVAL);
	SC(close, sv[0], 0, 0, 0);
	SC(close, sv[1], 0, 0, 0);
}

TS_TEST(socket, families_types_protocols)
{
	int sv[2];

	/* No such family, or none in the image. */
	TS_EXPECT_EQ(SC(socket, 99, SOCK_STREAM, 0, 0), -(long)EAFNOSUPPORT);
	TS_EXPECT_EQ(SC(socket, -1, SOCK_STREAM, 0, 0), -(long)EAFNOSUPPORT);
	TS_EXPECT_EQ(SC(socket, AF_APPLETALK, SOCK_DGRAM, 0, 0),
		     -(long)EAFNOSUPPORT);
	if (!ts_socket_family_find(AF_INET))
		TS_EXPECT_EQ(SC(socket, AF_INET, SOCK_STREAM, 0, 0),
			     -(long)EAFNOSUPPORT);
	else	/* Linux: no socketpair for IP */
		TS_EXPECT_EQ(SC(socketpair, AF_INET, SOCK_STREAM, 0, sv),
			     -(long)EOPNOTSUPP);
	/* Types out of range, flags that are not SOCK_NONBLOCK or
	 * SOCK_CLOEXEC. */
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, 0, 0, sv),
		     -(long)ESOCKTNOSUPPORT);
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, 11, 0, sv), -(long)EINVAL);
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM | 0x100, 0, sv),
		     -(long)EINVAL);
	TS_EXPECT_EQ(SC(socket, AF_UNIX, SOCK_STREAM | 0x100, 0, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, SOCK_RDM, 0, sv),
		     -(long)ESOCKTNOSUPPORT);
	TS_EXPECT_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 6, sv),
		     -(long)EPROTONOSUPPORT);
	/* AF_UNIX with paths is not here: said, not pretended. */
	TS_EXPECT_EQ(SC(socket, AF_UNIX, SOCK_STREAM, 0, 0),
		     -(long)EAFNOSUPPORT);
}

static int getint(int fd, int level, int name, long *r)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	*r = SC6(getsockopt, fd, level, name, &v, &len, 0);
	return v;
}

static long setint(int fd, int level, int name, int v)
{
	return SC6(setsockopt, fd, level, name, &v, sizeof(v), 0);
}

TS_TEST(socket, sol_socket_options_as_linux)
{
	int sv[2];
	long r;
	struct linger lg = { 1, 5 }, lg2;
	socklen_t len = sizeof(lg2);
	char small;

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_DGRAM, 0, sv), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_TYPE, &r), SOCK_DGRAM);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_PROTOCOL, &r), 0);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_ERROR, &r), 0);
	TS_EXPECT_EQ(r, 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_ACCEPTCONN, &r), 0);
	/* Flags: set, read back, cleared. */
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_REUSEADDR, &r), 0);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_REUSEADDR, 1), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_REUSEADDR, &r), 1);
	/* Port reuse is for IP sockets (Linux's EOPNOTSUPP). */
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_REUSEPORT, 1),
		     -(long)EOPNOTSUPP);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_REUSEPORT, &r), 0);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_KEEPALIVE, 7), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_KEEPALIVE, &r), 1);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_KEEPALIVE, 0), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_KEEPALIVE, &r), 0);
	/* Buffers: Linux's default, doubled when set, its floor. */
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_SNDBUF, &r), 212992);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_SNDBUF, 10000), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_SNDBUF, &r), 20000);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_RCVBUF, 1), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_RCVBUF, &r), 2304);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_SNDBUF, 1 << 30), 0L);
	TS_EXPECT_EQ(getint(sv[0], SOL_SOCKET, SO_SNDBUF, &r), 2 * 212992);
	/* SO_LINGER as a struct. */
	TS_EXPECT_EQ(SC6(setsockopt, sv[0], SOL_SOCKET, SO_LINGER, &lg,
			 sizeof(lg), 0), 0L);
	TS_EXPECT_EQ(SC6(getsockopt, sv[0], SOL_SOCKET, SO_LINGER, &lg2,
			 &len, 0), 0L);
	TS_EXPECT_EQ(lg2.l_onoff, 1);
	TS_EXPECT_EQ(lg2.l_linger, 5);
	/* A short buffer gets the first bytes, and the length says so. */
	len = 1;
	TS_EXPECT_EQ(SC6(getsockopt, sv[0], SOL_SOCKET, SO_TYPE, &small, &len,
			 0), 0L);
	TS_EXPECT_EQ(len, 1u);
	TS_EXPECT_EQ(small, (char)SOCK_DGRAM);
	/* Read-only and unknown options; TCP's level on AF_UNIX. */
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, SO_TYPE, 1),
		     -(long)ENOPROTOOPT);
	TS_EXPECT_EQ(setint(sv[0], SOL_SOCKET, 9999, 1), -(long)ENOPROTOOPT);
	getint(sv[0], SOL_SOCKET, 9999, &r);
	TS_EXPECT_EQ(r, -(long)ENOPROTOOPT);
	TS_EXPECT_EQ(setint(sv[0], IPPROTO_TCP, TCP_NODELAY, 1),
		     -(long)EOPNOTSUPP);
	SC(close, sv[0], 0, 0, 0);
	SC(close, sv[1], 0, 0, 0);
}

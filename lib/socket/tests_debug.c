/* The socket calls as the debugging tools show them (suite sockdebug,
 * booted with syscall.trace=1 and trace.on=sock_* by
 * tests/image/cases_socket.py, which checks the lines): addresses,
 * message headers, levels and flags decoded by lib/syscall's tracer,
 * and the sock_* tracepoints with their endpoints. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include "tests.h"

TS_TEST(sockdebug, calls_decoded_and_traced)
{
	struct sockaddr_in in = { .sin_family = AF_INET,
				  .sin_port = htons(8080) };
	struct sockaddr_storage a;
	socklen_t len = sizeof(a);
	struct iovec iov = { "msg", 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int sv[2], one = 1;
	char buf[8];

	in.sin_addr.s_addr = htonl(0x7f000001);
	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
			 sv), 0L);
	/* A pair takes no address: the call fails, the address shows. */
	TS_EXPECT_EQ(SC(bind, sv[0], &in, sizeof(in), 0), -(long)EOPNOTSUPP);
	/* A length beyond any address: EINVAL, and the trace shows no
	 * address (not what lies past the copy). */
	{
		static struct sockaddr_un un[8] = { { AF_UNIX, "/x" } };

		TS_EXPECT_EQ(SC(bind, sv[0], un, sizeof(un), 0),
			     -(long)EINVAL);
	}
	TS_EXPECT_EQ(SC(getsockname, sv[0], &a, &len, 0), 0L);
	TS_EXPECT_EQ(SC6(setsockopt, sv[0], SOL_SOCKET, SO_KEEPALIVE, &one,
			 sizeof(one), 0), 0L);
	TS_EXPECT_EQ(SC(sendmsg, sv[0], &m, MSG_NOSIGNAL, 0), 3L);
	TS_EXPECT_EQ(SC6(recvfrom, sv[1], buf, sizeof(buf), MSG_DONTWAIT, 0,
			 0), 3L);
	TS_EXPECT_EQ(SC(shutdown, sv[1], SHUT_WR, 0, 0), 0L);
	SC(close, sv[0], 0, 0, 0);
	SC(close, sv[1], 0, 0, 0);
}

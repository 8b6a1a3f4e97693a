/* AF_UNIX socketpairs in an image (suite sockunix): bytes both ways
 * through read/write/readv/send/recv, end of file and errors after
 * shutdown and close, poll, select and epoll on them, blocking calls
 * that block the caller only, datagrams kept whole, timeouts. Every
 * expectation is what Linux answers for the same calls. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include "tests.h"

/* struct mmsghdr (<sys/socket.h> shows it with _GNU_SOURCE only). */
struct mmsghdr_ {
	struct msghdr msg_hdr;
	unsigned int msg_len;
};

static void close2(const int fd[2])
{
	SC(close, fd[0], 0, 0, 0);
	SC(close, fd[1], 0, 0, 0);
}

static short revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	if (SC(poll, &p, 1, 0, 0) < 0)
		return -1;
	return p.revents;
}

TS_TEST(sockunix, stream_pair_both_ways)
{
	int sv[2], n = -1, v = 0;
	char buf[16];
	struct stat st;
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	struct sockaddr_storage a;
	socklen_t len = sizeof(a);

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], "hello", 5, 0), 5L);
	TS_EXPECT_EQ(SC(ioctl, sv[1], FIONREAD, &n, 0), 0L);
	TS_EXPECT_EQ(n, 5);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 5L);
	TS_EXPECT(!memcmp(buf, "hello", 5));
	/* The other way, in vectors; a stream joins them. */
	TS_EXPECT_EQ(SC(writev, sv[1], iov, 2, 0), 5L);
	TS_EXPECT_EQ(SC6(recvfrom, sv[0], buf, sizeof(buf), 0, 0, 0), 5L);
	TS_EXPECT(!memcmp(buf, "abcde", 5));
	TS_EXPECT_EQ(SC(fstat, sv[0], &st, 0, 0), 0L);
	TS_EXPECT(S_ISSOCK(st.st_mode));
	TS_EXPECT_EQ(SC(lseek, sv[0], 0, SEEK_SET, 0), -(long)ESPIPE);
	/* Unnamed: the family only. */
	TS_EXPECT_EQ(SC(getsockname, sv[0], &a, &len, 0), 0L);
	TS_EXPECT_EQ(len, (socklen_t)sizeof(sa_family_t));
	TS_EXPECT_EQ(a.ss_family, AF_UNIX);
	len = sizeof(a);
	TS_EXPECT_EQ(SC(getpeername, sv[1], &a, &len, 0), 0L);
	TS_EXPECT_EQ(len, (socklen_t)sizeof(sa_family_t));
	len = sizeof(v);
	TS_EXPECT_EQ(SC6(getsockopt, sv[0], SOL_SOCKET, SO_TYPE, &v, &len, 0),
		     0L);
	TS_EXPECT_EQ(v, SOCK_STREAM);
	TS_EXPECT_EQ(SC6(getsockopt, sv[0], SOL_SOCKET, SO_DOMAIN, &v, &len,
			 0), 0L);
	TS_EXPECT_EQ(v, AF_UNIX);
	/* Nothing there: a nonblocking read says so. */
	TS_EXPECT_EQ(SC6(recvfrom, sv[0], buf, 1, MSG_DONTWAIT, 0, 0),
		     -(long)EAGAIN);
	TS_EXPECT_EQ(SC(fcntl, sv[0], F_SETFL, O_NONBLOCK, 0), 0L);
	TS_EXPECT_EQ(SC(read, sv[0], buf, 1, 0), -(long)EAGAIN);
	v = 0;
	TS_EXPECT_EQ(SC(ioctl, sv[0], FIONBIO, &v, 0), 0L);
	TS_EXPECT(!(SC(fcntl, sv[0], F_GETFL, 0, 0) & O_NONBLOCK));
	v = 1;
	TS_EXPECT_EQ(SC(ioctl, sv[0], FIONBIO, &v, 0), 0L);
	TS_EXPECT_EQ(SC(read, sv[0], buf, 1, 0), -(long)EAGAIN);
	close2(sv);
	/* SOCK_NONBLOCK and SOCK_CLOEXEC. */
	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX,
			 SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv),
		      0L);
	TS_EXPECT(SC(fcntl, sv[1], F_GETFL, 0, 0) & O_NONBLOCK);
	TS_EXPECT_EQ(SC(fcntl, sv[1], F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT_EQ(SC(read, sv[1], buf, 1, 0), -(long)EAGAIN);
	close2(sv);
}

TS_TEST(sockunix, shutdown_and_end_of_file)
{
	int sv[2];
	char buf[8];

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_EXPECT_EQ(revents(sv[1], POLLIN | POLLOUT | POLLRDHUP),
		     (short)POLLOUT);
	TS_EXPECT_EQ(SC(write, sv[0], "xy", 2, 0), 2L);
	TS_EXPECT_EQ(SC(shutdown, sv[0], SHUT_WR, 0, 0), 0L);
	/* The peer reads what was sent, then end of file. */
	TS_EXPECT_EQ(revents(sv[1], POLLIN | POLLRDHUP),
		     (short)(POLLIN | POLLRDHUP));
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 2L);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 0L);
	/* The shut side cannot send (MSG_NOSIGNAL: no SIGPIPE). */
	TS_EXPECT_EQ(SC6(sendto, sv[0], "z", 1, MSG_NOSIGNAL, 0, 0),
		     -(long)EPIPE);
	/* The other way still works. */
	TS_EXPECT_EQ(SC(write, sv[1], "back", 4, 0), 4L);
	TS_EXPECT_EQ(SC(read, sv[0], buf, sizeof(buf), 0), 4L);
	/* Closing the peer: both halves shut, hang-up. */
	SC(close, sv[1], 0, 0, 0);
	TS_EXPECT_EQ(revents(sv[0], POLLIN | POLLRDHUP) &
			     (POLLIN | POLLRDHUP | POLLHUP),
		     (short)(POLLIN | POLLRDHUP | POLLHUP));
	TS_EXPECT_EQ(SC(read, sv[0], buf, sizeof(buf), 0), 0L);
	TS_EXPECT_EQ(SC6(sendto, sv[0], "z", 1, MSG_NOSIGNAL, 0, 0),
		     -(long)EPIPE);
	SC(close, sv[0], 0, 0, 0);
	/* SHUT_RD: this end reads end of file; bad how is EINVAL. */
	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_EXPECT_EQ(SC(shutdown, sv[0], SHUT_RD, 0, 0), 0L);
	TS_EXPECT_EQ(SC(read, sv[0], buf, sizeof(buf), 0), 0L);
	TS_EXPECT_EQ(SC6(sendto, sv[1], "z", 1, MSG_NOSIGNAL, 0, 0),
		     -(long)EPIPE);
	TS_EXPECT_EQ(SC(shutdown, sv[0], 7, 0, 0), -(long)EINVAL);
	close2(sv);
}

TS_TEST(sockunix, close_with_unread_bytes_resets_peer)
{
	int sv[2];
	char buf[8];

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], "lost", 4, 0), 4L);
	SC(close, sv[1], 0, 0, 0);
	TS_EXPECT(revents(sv[0], POLLIN) & POLLERR);
	TS_EXPECT_EQ(SC(read, sv[0], buf, sizeof(buf), 0),
		     -(long)ECONNRESET);
	/* Reported once; then end of file. */
	TS_EXPECT_EQ(SC(read, sv[0], buf, sizeof(buf), 0), 0L);
	SC(close, sv[0], 0, 0, 0);
}

static void write_hi(void *arg)
{
	TS_EXPECT_EQ(SC(write, *(int *)arg, "hi", 2, 0), 2L);
}

TS_TEST(sockunix, blocking_read_wakes_on_write)
{
	struct sk_later l;
	int sv[2];
	char buf[8];
	uint64_t t0;

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_REQUIRE_EQ(sk_later_start(&l, DELAY_MS, write_hi, &sv[1]), 0);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC(read, sv[0], buf, sizeof(buf), 0), 2L);
	TS_EXPECT_GE(sk_ms_since(t0), (uint64_t)DELAY_MS - 1);
	TS_EXPECT_LT(sk_ms_since(t0), (uint64_t)LATE_MS);
	sk_later_join(&l);
	close2(sv);
}

static void drain(void *arg)
{
	static char big[64 * 1024];
	int fd = *(int *)arg;
	long total = 0, r;

	/* Everything the writer sends, 256 KiB, then its end of file. */
	while ((r = SC(read, fd, big, sizeof(big), 0)) > 0)
		total += r;
	TS_EXPECT_EQ(r, 0L);
	TS_EXPECT_EQ(total, 256L * 1024);
}

TS_TEST(sockunix, blocking_write_waits_for_room)
{
	static char chunk[256 * 1024];
	struct sk_later l;
	int sv[2];

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	memset(chunk, 'w', sizeof(chunk));
	TS_REQUIRE_EQ(sk_later_start(&l, DELAY_MS, drain, &sv[1]), 0);
	/* More than the peer holds: the write goes in as room appears,
	 * all of it (a blocking stream send is whole). */
	TS_EXPECT_EQ(SC(write, sv[0], chunk, sizeof(chunk), 0),
		     (long)sizeof(chunk));
	SC(close, sv[0], 0, 0, 0);
	sk_later_join(&l);
	SC(close, sv[1], 0, 0, 0);
	/* Nonblocking: what fits, then EAGAIN. */
	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
			 sv), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], chunk, sizeof(chunk), 0),
		     (long)CONFIG_LIB_SOCKET_UNIX_KB * 1024);
	TS_EXPECT_EQ(SC(write, sv[0], chunk, 1, 0), -(long)EAGAIN);
	TS_EXPECT(!(revents(sv[0], POLLOUT) & POLLOUT));
	close2(sv);
}

TS_TEST(sockunix, epoll_edge_triggered_and_select)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET,
				  .data.u64 = 7 }, out[2];
	int sv[2], ep;
	char buf[8];
	fd_set rd;
	struct timespec zero = { 0, 0 };

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	ep = (int)SC(epoll_create1, 0, 0, 0, 0);
	TS_REQUIRE(ep >= 0);
	TS_EXPECT_EQ(SC(epoll_ctl, ep, EPOLL_CTL_ADD, sv[1], &ev), 0L);
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 2, 0, 0, 8), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], "a", 1, 0), 1L);
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 2, 0, 0, 8), 1L);
	TS_EXPECT_EQ(out[0].data.u64, 7ul);
	TS_EXPECT(out[0].events & EPOLLIN);
	/* Edge-triggered: not again until more arrives. */
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 2, 0, 0, 8), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], "b", 1, 0), 1L);
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 2, 0, 0, 8), 1L);
	/* select sees the two bytes too. */
	FD_ZERO(&rd);
	FD_SET(sv[1], &rd);
	TS_EXPECT_EQ(SC6(pselect6, sv[1] + 1, &rd, 0, 0, &zero, 0), 1L);
	TS_EXPECT(FD_ISSET(sv[1], &rd));
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 2L);
	/* The peer's close is an edge too (hang-up). */
	SC(close, sv[0], 0, 0, 0);
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 2, 0, 0, 8), 1L);
	TS_EXPECT(out[0].events & EPOLLHUP);
	SC(close, ep, 0, 0, 0);
	SC(close, sv[1], 0, 0, 0);
}

TS_TEST(sockunix, datagrams_kept_whole)
{
	int sv[2], n = -1;
	char buf[16];
	struct iovec iov = { buf, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct mmsghdr_ mm[3];
	struct iovec mv[3] = { { "one", 3 }, { "two", 3 }, { "three", 5 } };

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_DGRAM, 0, sv), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], "abc", 3, 0), 3L);
	TS_EXPECT_EQ(SC(write, sv[0], "defgh", 5, 0), 5L);
	TS_EXPECT_EQ(SC6(sendto, sv[0], "", 0, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(ioctl, sv[1], FIONREAD, &n, 0), 0L);
	TS_EXPECT_EQ(n, 3);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 3L);
	/* Too small a buffer: the rest of the datagram is gone, and
	 * recvmsg says so with MSG_TRUNC. */
	TS_EXPECT_EQ(SC(recvmsg, sv[1], &m, 0, 0), 2L);
	TS_EXPECT(m.msg_flags & MSG_TRUNC);
	TS_EXPECT(!memcmp(buf, "de", 2));
	/* The empty datagram is one. */
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 0L);
	TS_EXPECT_EQ(SC6(recvfrom, sv[1], buf, 1, MSG_DONTWAIT, 0, 0),
		     -(long)EAGAIN);
	/* MSG_PEEK leaves it; MSG_TRUNC gives its real length. */
	TS_EXPECT_EQ(SC(write, sv[0], "peek!", 5, 0), 5L);
	TS_EXPECT_EQ(SC6(recvfrom, sv[1], buf, 2, MSG_PEEK | MSG_TRUNC, 0,
			 0), 5L);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 5L);
	/* sendmmsg and recvmmsg. */
	memset(mm, 0, sizeof(mm));
	for (int i = 0; i < 3; i++) {
		mm[i].msg_hdr.msg_iov = &mv[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	TS_EXPECT_EQ(SC(sendmmsg, sv[0], mm, 3, 0), 3L);
	TS_EXPECT_EQ(mm[2].msg_len, 5u);
	{
		char r[3][8];
		struct iovec rv[3] = { { r[0], 8 }, { r[1], 8 }, { r[2], 8 } };

		memset(mm, 0, sizeof(mm));
		for (int i = 0; i < 3; i++) {
			mm[i].msg_hdr.msg_iov = &rv[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		TS_EXPECT_EQ(SC6(recvmmsg, sv[1], mm, 3, MSG_DONTWAIT, 0, 0),
			     3L);
		TS_EXPECT_EQ(mm[0].msg_len, 3u);
		TS_EXPECT_EQ(mm[2].msg_len, 5u);
		TS_EXPECT(!memcmp(r[2], "three", 5));
	}
	/* A datagram's peer gone: ECONNREFUSED, not EPIPE. */
	SC(close, sv[1], 0, 0, 0);
	TS_EXPECT_EQ(SC(write, sv[0], "x", 1, 0), -(long)ECONNREFUSED);
	SC(close, sv[0], 0, 0, 0);
	/* Sequenced packets: whole, and end of file on close. */
	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_SEQPACKET, 0, sv), 0L);
	TS_EXPECT_EQ(SC(write, sv[0], "pkt1", 4, 0), 4L);
	TS_EXPECT_EQ(SC(write, sv[0], "p2", 2, 0), 2L);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 4L);
	SC(close, sv[0], 0, 0, 0);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 2L);
	TS_EXPECT_EQ(SC(read, sv[1], buf, sizeof(buf), 0), 0L);
	SC(close, sv[1], 0, 0, 0);
}

TS_TEST(sockunix, receive_timeout)
{
	struct timeval tv = { 0, 50 * 1000 }, got;
	socklen_t len = sizeof(got);
	int sv[2];
	char c;
	uint64_t t0;

	TS_REQUIRE_EQ(SC(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0L);
	TS_EXPECT_EQ(SC6(setsockopt, sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv,
			 sizeof(tv), 0), 0L);
	TS_EXPECT_EQ(SC6(getsockopt, sv[0], SOL_SOCKET, SO_RCVTIMEO, &got,
			 &len, 0), 0L);
	TS_EXPECT_EQ(got.tv_usec, 50000L);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC(read, sv[0], &c, 1, 0), -(long)EAGAIN);
	TS_EXPECT_GE(sk_ms_since(t0), 49ul);
	TS_EXPECT_LT(sk_ms_since(t0), (uint64_t)LATE_MS);
	close2(sv);
}

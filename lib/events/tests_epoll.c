/* epoll in an image (suite epoll): epoll_ctl's cases and errno,
 * level- and edge-triggered items, EPOLLONESHOT re-armed with MOD,
 * items that go with their file's last descriptor, nested instances,
 * a waiter woken by another thread, timeouts, and a socket-like file
 * that has nothing but a poll operation and ts_poll_notify() (what the
 * sockets of the next issue will be). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <ts/vfs.h>
#include "tests.h"

static long ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { events, { .u64 = data } };

	return SC(epoll_ctl, ep, op, fd, &ev);
}

/* epoll_pwait with a timeout in ms, no signal mask. */
static long wait_ms(int ep, struct epoll_event *ev, int max, int ms)
{
	return SC6(epoll_pwait, ep, ev, max, ms, 0, 8);
}

/* A socket-like file: its state is two flags the test sets, and every
 * change is announced with ts_poll_notify(). */
struct fakesock {
	struct ts_poll_head head;
	int readable, peer_closed;
};

static unsigned int fake_poll(struct ts_file *f, struct ts_poll_entry *e)
{
	struct fakesock *s = f->priv;
	unsigned int ev = TS_POLLOUT;

	if (e)
		ts_poll_add(&s->head, e);
	if (s->readable)
		ev |= TS_POLLIN;
	if (s->peer_closed)
		ev |= TS_POLLIN | TS_POLLRDHUP;
	return ev;
}

static int fake_released;

static void fake_release(struct ts_file *f)
{
	(void)f;
	fake_released++;
}

static const struct ts_file_ops fake_ops = {
	.poll = fake_poll, .release = fake_release, .kind = "fakesock",
};

static int open_fake(struct fakesock *s)
{
	struct ts_file *f = ts_file_new(&fake_ops, s, TS_O_RDWR, NULL);
	int fd;

	ts_poll_head_init(&s->head);
	if (!f)
		return -ENOMEM;
	fd = ts_fd_install(f, 0, 0);
	ts_file_put(f);
	return fd;
}

static const struct ts_file_ops plain_ops = { .kind = "plain" };

TS_TEST(epoll, ctl_cases_and_errors)
{
	struct epoll_event ev[2];
	int ep = (int)SC(epoll_create1, EPOLL_CLOEXEC, 0, 0, 0);
	int ep2 = (int)SC(epoll_create1, 0, 0, 0, 0);
	int fd[2], plain;
	struct ts_file *f;

	TS_REQUIRE(ep >= 0 && ep2 >= 0);
	TS_EXPECT_EQ(SC(fcntl, ep, F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT_EQ(SC(epoll_create1, 1, 0, 0, 0), -(long)EINVAL);
	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, fd[0], EPOLLIN, 1), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, fd[0], EPOLLIN, 1), -(long)EEXIST);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, fd[1], EPOLLOUT, 2),
		     -(long)ENOENT);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_DEL, fd[1], 0, 0), -(long)ENOENT);
	TS_EXPECT_EQ(ctl(ep, 99, fd[1], 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0), -(long)EINVAL);
	TS_EXPECT_EQ(ctl(fd[0], EPOLL_CTL_ADD, fd[1], EPOLLIN, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, 1000, EPOLLIN, 0), -(long)EBADF);
	TS_EXPECT_EQ(ctl(1000, EPOLL_CTL_ADD, fd[0], EPOLLIN, 0),
		     -(long)EBADF);
	TS_EXPECT_EQ(SC(epoll_ctl, ep, EPOLL_CTL_ADD, fd[1], BAD_HIGH),
		     -(long)EFAULT);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, fd[0], EPOLLIN | EPOLLEXCLUSIVE, 0),
		     -(long)EINVAL);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, fd[1], EPOLLOUT | EPOLLEXCLUSIVE |
					      EPOLLONESHOT, 0),
		     -(long)EINVAL);
	/* A file without a poll operation (a regular file): EPERM. */
	f = ts_file_new(&plain_ops, NULL, TS_O_RDWR, NULL);
	TS_REQUIRE(f != NULL);
	plain = ts_fd_install(f, 0, 0);
	ts_file_put(f);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, plain, EPOLLIN, 0), -(long)EPERM);
	/* Nesting: ep2 in ep is fine, ep in ep2 would be a loop. */
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, ep2, EPOLLIN, 0), 0L);
	TS_EXPECT_EQ(ctl(ep2, EPOLL_CTL_ADD, ep, EPOLLIN, 0), -(long)ELOOP);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_DEL, fd[0], 0, 0), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_DEL, fd[0], 0, 0), -(long)ENOENT);
	/* epoll_wait's own. */
	TS_EXPECT_EQ(wait_ms(ep, ev, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(wait_ms(ep, NULL, 1, 0), -(long)EFAULT);
	TS_EXPECT_EQ(wait_ms(fd[0], ev, 1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(wait_ms(1000, ev, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, ev, 1, 0, &ev, 4), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(epoll_pwait2, ep, ev, 1, BAD_HIGH, 0, 8),
		     -(long)EFAULT);
#ifdef TS_SYSCALL_LEGACY_CALLS
	TS_EXPECT_EQ(SC(epoll_create, 0, 0, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(epoll_wait, ep, ev, 2, 0), 0L);
#endif
	SC(close, plain, 0, 0, 0);
	SC(close, fd[0], 0, 0, 0);
	SC(close, fd[1], 0, 0, 0);
	SC(close, ep2, 0, 0, 0);
	SC(close, ep, 0, 0, 0);
}

TS_TEST(epoll, level_edge_and_oneshot)
{
	struct epoll_event ev[4];
	int ep = (int)SC(epoll_create1, 0, 0, 0, 0);
	int lt[2], et[2], os[2];
	char c[4];

	TS_REQUIRE(ep >= 0);
	TS_REQUIRE_EQ(SC(pipe2, lt, 0, 0, 0), 0L);
	TS_REQUIRE_EQ(SC(pipe2, et, 0, 0, 0), 0L);
	TS_REQUIRE_EQ(SC(pipe2, os, 0, 0, 0), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, lt[0], EPOLLIN, 1), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, et[0], EPOLLIN | EPOLLET, 2), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, os[0], EPOLLIN | EPOLLONESHOT, 3),
		     0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 0L);

	/* Level-triggered: reported as long as data is there. */
	TS_EXPECT_EQ(SC(write, lt[1], "ab", 2, 0), 2L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(ev[0].events, (uint32_t)EPOLLIN);
	TS_EXPECT_EQ(ev[0].data.u64, 1ULL);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(SC(read, lt[0], c, 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(SC(read, lt[0], c, 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 0L);

	/* Edge-triggered: once per write, though data stays. */
	TS_EXPECT_EQ(SC(write, et[1], "a", 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(ev[0].data.u64, 2ULL);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 0L);
	TS_EXPECT_EQ(SC(write, et[1], "b", 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 0L);

	/* One-shot: once, then nothing until MOD re-arms it; what is
	 * true at the MOD counts at once. */
	TS_EXPECT_EQ(SC(write, os[1], "a", 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(ev[0].data.u64, 3ULL);
	TS_EXPECT_EQ(SC(write, os[1], "b", 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, os[0], EPOLLIN | EPOLLONESHOT, 4),
		     0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 1L);
	TS_EXPECT_EQ(ev[0].data.u64, 4ULL);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 0L);

	/* maxevents caps a call; the rest come next. */
	TS_EXPECT_EQ(SC(write, lt[1], "a", 1, 0), 1L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_MOD, os[0], EPOLLIN, 5), 0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 1, 0), 1L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 4, 0), 2L);
	for (int i = 0; i < 2; i++) {
		SC(close, lt[i], 0, 0, 0);
		SC(close, et[i], 0, 0, 0);
		SC(close, os[i], 0, 0, 0);
	}
	SC(close, ep, 0, 0, 0);
}

/* An item goes with its file's last descriptor (not with the first
 * close of a dup'ed one); the other end's close is EPOLLHUP. */
TS_TEST(epoll, items_go_with_their_file)
{
	struct epoll_event ev[2];
	int ep = (int)SC(epoll_create1, 0, 0, 0, 0);
	int fd[2], dup, efd;

	TS_REQUIRE(ep >= 0);
	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	dup = (int)SC(dup, fd[0], 0, 0, 0);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, fd[0], EPOLLIN, 7), 0L);
	TS_EXPECT_EQ(SC(close, fd[1], 0, 0, 0), 0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 1L);
	TS_EXPECT_EQ(ev[0].events, (uint32_t)EPOLLHUP);
	TS_EXPECT_EQ(SC(close, fd[0], 0, 0, 0), 0L);
	/* Still open through dup: still reported. */
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 1L);
	TS_EXPECT_EQ(SC(close, dup, 0, 0, 0), 0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 0L);
	/* The number can be added again, for a new file. */
	efd = (int)SC(eventfd2, 1, 0, 0, 0);
	TS_EXPECT_EQ(efd, fd[0]);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLOUT, 8), 0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 1L);
	TS_EXPECT_EQ(ev[0].events, (uint32_t)(EPOLLIN | EPOLLOUT));
	TS_EXPECT_EQ(ev[0].data.u64, 8ULL);
	/* Closing the instance first frees it with its items. */
	SC(close, ep, 0, 0, 0);
	SC(close, efd, 0, 0, 0);
}

static void write_x(void *arg)
{
	TS_EXPECT_EQ(SC(write, *(int *)arg, "x", 1, 0), 1L);
}

/* A waiter sleeps until another thread's write; timeouts expire. */
TS_TEST(epoll, wait_sleeps_until_event_or_timeout)
{
	struct epoll_event ev[2];
	struct timespec ts = { 0, DELAY_MS * MS };
	struct ev_later l;
	uint64_t t0;
	struct ev_spinner spin;
	int ep = (int)SC(epoll_create1, 0, 0, 0, 0);
	int fd[2];

	TS_REQUIRE(ep >= 0);
	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, fd[0], EPOLLIN | EPOLLET, 42), 0L);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, DELAY_MS), 0L);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC6(epoll_pwait2, ep, ev, 2, &ts, 0, 8), 0L);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);

	t0 = ts_time_now_ns();
	TS_REQUIRE_EQ(ev_spinner_start(&spin), 0);
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, write_x, &fd[1]), 0);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, -1), 1L);
	/* It slept: the lowest-priority thread got the CPU meanwhile. */
	TS_EXPECT_GT(ev_spinner_stop(&spin), 0UL);
	TS_EXPECT_EQ(ev[0].data.u64, 42ULL);
	TS_EXPECT_NE(l.acted_ns, 0ULL);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	ev_later_join(&l);
	SC(close, fd[0], 0, 0, 0);
	SC(close, fd[1], 0, 0, 0);
	SC(close, ep, 0, 0, 0);
}

/* An instance in another, and polled: POLLIN when an item is ready. */
TS_TEST(epoll, nested_and_polled)
{
	struct epoll_event ev[2];
	struct pollfd p;
	int outer = (int)SC(epoll_create1, 0, 0, 0, 0);
	int inner = (int)SC(epoll_create1, 0, 0, 0, 0);
	int efd = (int)SC(eventfd2, 0, 0, 0, 0);
	uint64_t one = 1;

	TS_REQUIRE(outer >= 0 && inner >= 0 && efd >= 0);
	TS_EXPECT_EQ(ctl(inner, EPOLL_CTL_ADD, efd, EPOLLIN, 1), 0L);
	TS_EXPECT_EQ(ctl(outer, EPOLL_CTL_ADD, inner, EPOLLIN, 2), 0L);
	p = (struct pollfd){ inner, POLLIN, 0 };
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 0L);
	TS_EXPECT_EQ(wait_ms(outer, ev, 2, 0), 0L);
	TS_EXPECT_EQ(SC(write, efd, &one, 8, 0), 8L);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 1L);
	TS_EXPECT_EQ(p.revents, POLLIN);
	TS_EXPECT_EQ(wait_ms(outer, ev, 2, 0), 1L);
	TS_EXPECT_EQ(ev[0].data.u64, 2ULL);
	TS_EXPECT_EQ(wait_ms(inner, ev, 2, 0), 1L);
	TS_EXPECT_EQ(ev[0].data.u64, 1ULL);
	/* Drained: neither reports any more. */
	TS_EXPECT_EQ(SC(read, efd, &one, 8, 0), 8L);
	TS_EXPECT_EQ(wait_ms(outer, ev, 2, 0), 0L);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 0L);
	SC(close, inner, 0, 0, 0);
	TS_EXPECT_EQ(wait_ms(outer, ev, 2, 0), 0L);
	SC(close, outer, 0, 0, 0);
	SC(close, efd, 0, 0, 0);
}

static struct fakesock sock;

static void peer_closes(void *arg)
{
	int on = ts_sched_irq_save();

	(void)arg;
	/* As a network stack would, from its own thread or interrupt. */
	sock.peer_closed = 1;
	ts_poll_notify(&sock.head, TS_POLLIN | TS_POLLRDHUP);
	ts_sched_irq_restore(on);
}

/* A file with a poll operation and ts_poll_notify() only works with
 * epoll (EPOLLRDHUP, edge-triggered) and poll, woken from another
 * thread. */
TS_TEST(epoll, socket_like_file_with_rdhup)
{
	struct epoll_event ev[2];
	struct pollfd p;
	struct ev_later l;
	int ep = (int)SC(epoll_create1, 0, 0, 0, 0);
	int s;

	memset(&sock, 0, sizeof(sock));
	fake_released = 0;
	s = open_fake(&sock);
	TS_REQUIRE(ep >= 0 && s >= 0);
	TS_EXPECT_EQ(ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLRDHUP | EPOLLET,
			 9), 0L);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 0L);
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, peer_closes, NULL), 0);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, -1), 1L);
	TS_EXPECT_EQ(ev[0].events, (uint32_t)(EPOLLIN | EPOLLRDHUP));
	ev_later_join(&l);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 0L);	/* edge-triggered */

	sock.peer_closed = 0;
	p = (struct pollfd){ s, POLLRDHUP, 0 };
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, peer_closes, NULL), 0);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, NULL, 0), 1L);
	TS_EXPECT_EQ(p.revents, POLLRDHUP);
	ev_later_join(&l);
	/* The file's last descriptor: released, its item gone first. */
	SC(close, s, 0, 0, 0);
	TS_EXPECT_EQ(fake_released, 1);
	TS_EXPECT_EQ(wait_ms(ep, ev, 2, 0), 0L);
	SC(close, ep, 0, 0, 0);
}

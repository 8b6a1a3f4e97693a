/* poll, ppoll, select, pselect6 in an image (suite poll): bad
 * descriptors, files without a poll operation, timeouts that expire on
 * time, a sleeping caller woken by another thread's write, hang-ups
 * and errors, and the errno of every bad argument. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/select.h>
#include <ts/vfs.h>
#include "tests.h"

/* A file without a poll operation: always ready, as a regular file. */
static const struct ts_file_ops plain_ops = { .kind = "plain" };

static int open_plain(void)
{
	struct ts_file *f = ts_file_new(&plain_ops, NULL, TS_O_RDWR, NULL);
	int fd;

	if (!f)
		return -ENOMEM;
	fd = ts_fd_install(f, 0, 0);
	ts_file_put(f);
	return fd;
}

static const struct timespec zero = { 0, 0 };

TS_TEST(poll, nval_negative_fd_and_plain_files)
{
	struct pollfd p[3];
	int plain = open_plain();

	TS_REQUIRE(plain >= 0);
	p[0] = (struct pollfd){ 1000, POLLIN, 0 };
	p[1] = (struct pollfd){ -1, POLLIN, 77 };
	p[2] = (struct pollfd){ plain, POLLIN | POLLOUT | POLLPRI, 0 };
	TS_EXPECT_EQ(SC(ppoll, p, 3, &zero, 0), 2L);
	TS_EXPECT_EQ(p[0].revents, POLLNVAL);
	TS_EXPECT_EQ(p[1].revents, 0);
	TS_EXPECT_EQ(p[2].revents, POLLIN | POLLOUT);
	SC(close, plain, 0, 0, 0);
}

TS_TEST(poll, bad_arguments)
{
	struct pollfd p = { 0, POLLIN, 0 };
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 };
	uint64_t mask = 0;

	TS_EXPECT_EQ(SC(ppoll, BAD_HIGH, 1, &zero, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, &bad, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, &neg, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, BAD_HIGH, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(ppoll, &p, ts_fd_max() + 1, &zero, 0), -(long)EINVAL);
	/* The signal mask: accepted with its size, 8. */
	TS_EXPECT_EQ(SC6(ppoll, &p, 1, &zero, &mask, 4, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC6(ppoll, &p, 1, &zero, BAD_HIGH, 8, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC6(ppoll, &p, 1, &zero, &mask, 8, 0), 1L);
	TS_EXPECT_EQ(SC(ppoll, NULL, 0, &zero, 0), 0L);
}

TS_TEST(poll, timeout_expires_on_time)
{
	struct pollfd p;
	struct timespec ts = { 0, DELAY_MS * MS };
	uint64_t t0;
	int fd[2];

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	p = (struct pollfd){ fd[0], POLLIN, 0 };
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC(ppoll, &p, 1, &ts, 0), 0L);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	/* Linux writes back the time left: none. */
	TS_EXPECT_EQ(ts.tv_sec, 0L);
	TS_EXPECT_EQ(ts.tv_nsec, 0L);
#ifdef TS_SYSCALL_LEGACY_CALLS
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC(poll, &p, 1, DELAY_MS, 0), 0L);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
#endif
	SC(close, fd[0], 0, 0, 0);
	SC(close, fd[1], 0, 0, 0);
}

static void write_x(void *arg)
{
	TS_EXPECT_EQ(SC(write, *(int *)arg, "x", 1, 0), 1L);
}

static void close_fd(void *arg)
{
	TS_EXPECT_EQ(SC(close, *(int *)arg, 0, 0, 0), 0L);
}

/* poll without a timeout sleeps until the other thread writes: the
 * writer ran while the poller slept. */
TS_TEST(poll, sleeps_until_another_thread_writes)
{
	struct pollfd p[2];
	struct ev_later l;
	uint64_t t0;
	struct ev_spinner spin;
	int fd[2], efd = (int)SC(eventfd2, 0, 0, 0, 0);

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	p[0] = (struct pollfd){ efd, POLLIN, 0 };
	p[1] = (struct pollfd){ fd[0], POLLIN, 0 };
	t0 = ts_time_now_ns();
	TS_REQUIRE_EQ(ev_spinner_start(&spin), 0);
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, write_x, &fd[1]), 0);
	TS_EXPECT_EQ(SC(ppoll, p, 2, NULL, 0), 1L);
	/* It slept: the lowest-priority thread got the CPU meanwhile. */
	TS_EXPECT_GT(ev_spinner_stop(&spin), 0UL);
	TS_EXPECT_EQ(p[0].revents, 0);
	TS_EXPECT_EQ(p[1].revents, POLLIN);
	TS_EXPECT_NE(l.acted_ns, 0ULL);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	ev_later_join(&l);

	/* The writer's close: POLLHUP with the byte still there, then
	 * POLLHUP alone, asked for or not. */
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, close_fd, &fd[1]), 0);
	p[1].events = 0;
	TS_EXPECT_EQ(SC(ppoll, &p[1], 1, NULL, 0), 1L);
	TS_EXPECT_EQ(p[1].revents, POLLHUP);
	ev_later_join(&l);
	p[1].events = POLLIN;
	TS_EXPECT_EQ(SC(ppoll, &p[1], 1, &zero, 0), 1L);
	TS_EXPECT_EQ(p[1].revents, POLLIN | POLLHUP);
	SC(close, fd[0], 0, 0, 0);
	SC(close, efd, 0, 0, 0);
}

struct sigdata {
	const void *set;
	unsigned long size;
};

TS_TEST(poll, select_and_pselect6)
{
	fd_set in, out;
	struct timespec ts = { 0, DELAY_MS * MS };
	uint64_t mask = 0, t0;
	struct sigdata sd = { &mask, 8 }, sd_bad = { &mask, 16 };
	int fd[2], plain = open_plain();

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	/* Nothing to read: the write end is writable (1 bit). */
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(fd[0], &in);
	FD_SET(fd[1], &out);
	TS_EXPECT_EQ(SC6(pselect6, fd[1] + 1, &in, &out, NULL, &zero, &sd), 1L);
	TS_EXPECT(!FD_ISSET(fd[0], &in));
	TS_EXPECT(FD_ISSET(fd[1], &out));
	/* Data and a plain file: 3 bits. */
	TS_EXPECT_EQ(SC(write, fd[1], "x", 1, 0), 1L);
	FD_ZERO(&in);
	FD_SET(fd[0], &in);
	FD_SET(plain, &in);
	FD_SET(fd[1], &out);
	TS_EXPECT_EQ(SC6(pselect6, 64, &in, &out, NULL, &zero, NULL), 3L);
	/* Timeout: nothing to read after the byte is gone. */
	TS_EXPECT_EQ(SC(read, fd[0], &mask, 1, 0), 1L);
	FD_ZERO(&in);
	FD_SET(fd[0], &in);
	t0 = ts_time_now_ns();
	TS_EXPECT_EQ(SC6(pselect6, fd[0] + 1, &in, NULL, NULL, &ts, NULL), 0L);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	TS_EXPECT(!FD_ISSET(fd[0], &in));
	/* A descriptor that is not open is EBADF for select. */
	FD_ZERO(&in);
	FD_SET(1000, &in);
	TS_EXPECT_EQ(SC6(pselect6, 1001, &in, NULL, NULL, &zero, NULL),
		     -(long)EBADF);
	TS_EXPECT_EQ(SC6(pselect6, -1, NULL, NULL, NULL, &zero, NULL),
		     -(long)EINVAL);
	TS_EXPECT_EQ(SC6(pselect6, 1, BAD_HIGH, NULL, NULL, &zero, NULL),
		     -(long)EFAULT);
	TS_EXPECT_EQ(SC6(pselect6, 1, NULL, NULL, NULL, &zero, &sd_bad),
		     -(long)EINVAL);
	TS_EXPECT_EQ(SC6(pselect6, 1, NULL, NULL, NULL, &zero, BAD_HIGH),
		     -(long)EFAULT);
#ifdef TS_SYSCALL_LEGACY_CALLS
	{
		long tv[2] = { 0, DELAY_MS * 1000 }, badtv[2] = { -1, 0 };

		FD_ZERO(&in);
		FD_SET(fd[0], &in);
		t0 = ts_time_now_ns();
		TS_EXPECT_EQ(SC6(select, fd[0] + 1, &in, NULL, NULL, tv, 0), 0L);
		TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
		TS_EXPECT_EQ(tv[0] + tv[1], 0L);
		TS_EXPECT_EQ(SC6(select, 1, NULL, NULL, NULL, badtv, 0),
			     -(long)EINVAL);
		FD_SET(fd[0], &in);
		TS_EXPECT_EQ(SC(write, fd[1], "y", 1, 0), 1L);
		TS_EXPECT_EQ(SC6(select, fd[0] + 1, &in, NULL, NULL, NULL, 0), 1L);
	}
#endif
	SC(close, fd[0], 0, 0, 0);
	SC(close, fd[1], 0, 0, 0);
	SC(close, plain, 0, 0, 0);
}

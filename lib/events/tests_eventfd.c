/* eventfd in an image (suite eventfd): the counter, EFD_SEMAPHORE, the
 * flags, the limits, and a blocking read woken by another thread. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include "tests.h"

#define EFD_SEMAPHORE 1

static uint64_t rd(int fd, long *r)
{
	uint64_t v = 0;

	*r = SC(read, fd, &v, sizeof(v), 0);
	return v;
}

static long wr(int fd, uint64_t v)
{
	return SC(write, fd, &v, sizeof(v), 0);
}

TS_TEST(eventfd, counter_adds_and_read_takes_all)
{
	struct stat st;
	long r;
	int fd = (int)SC(eventfd2, 3, O_NONBLOCK, 0, 0);
	uint32_t small;

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(rd(fd, &r), 3ULL);
	TS_EXPECT_EQ(r, 8L);
	TS_EXPECT_EQ(wr(fd, 5), 8L);
	TS_EXPECT_EQ(wr(fd, 2), 8L);
	TS_EXPECT_EQ(rd(fd, &r), 7ULL);
	rd(fd, &r);
	TS_EXPECT_EQ(r, -(long)EAGAIN);
	/* Exactly 8 bytes, and never the value 2^64 - 1. */
	TS_EXPECT_EQ(SC(read, fd, &small, sizeof(small), 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(write, fd, &small, sizeof(small), 0), -(long)EINVAL);
	TS_EXPECT_EQ(wr(fd, UINT64_MAX), -(long)EINVAL);
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IRUSR | S_IWUSR));
	TS_EXPECT_EQ(SC(fcntl, fd, F_GETFD, 0, 0), 0L);
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(SC(eventfd2, 0, 4, 0, 0), -(long)EINVAL);
	fd = (int)SC(eventfd2, 0, O_CLOEXEC, 0, 0);
	TS_EXPECT_EQ(SC(fcntl, fd, F_GETFD, 0, 0), (long)FD_CLOEXEC);
	SC(close, fd, 0, 0, 0);
#ifdef TS_SYSCALL_LEGACY_CALLS
	fd = (int)SC(eventfd, 9, 0, 0, 0);
	TS_EXPECT_EQ(rd(fd, &r), 9ULL);
	SC(close, fd, 0, 0, 0);
#endif
}

TS_TEST(eventfd, semaphore_reads_one)
{
	long r;
	int fd = (int)SC(eventfd2, 2, EFD_SEMAPHORE | O_NONBLOCK, 0, 0);

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(rd(fd, &r), 1ULL);
	TS_EXPECT_EQ(rd(fd, &r), 1ULL);
	rd(fd, &r);
	TS_EXPECT_EQ(r, -(long)EAGAIN);
	SC(close, fd, 0, 0, 0);
}

/* The counter stops at 2^64 - 2: a write past it would block. */
TS_TEST(eventfd, full_counter_is_not_writable)
{
	struct pollfd p;
	long r;
	int fd = (int)SC(eventfd2, 0, O_NONBLOCK, 0, 0);

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(wr(fd, UINT64_MAX - 1), 8L);
	TS_EXPECT_EQ(wr(fd, 1), -(long)EAGAIN);
	p = (struct pollfd){ fd, POLLIN | POLLOUT, 0 };
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 1L);
	TS_EXPECT_EQ(p.revents, POLLIN);
	TS_EXPECT_EQ(rd(fd, &r), UINT64_MAX - 1);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 1L);
	TS_EXPECT_EQ(p.revents, POLLOUT);
	SC(close, fd, 0, 0, 0);
}

static void add_4(void *arg)
{
	TS_EXPECT_EQ(wr(*(int *)arg, 4), 8L);
}

TS_TEST(eventfd, blocking_read_wakes_on_write)
{
	struct ev_later l;
	uint64_t t0;
	long r;
	int fd = (int)SC(eventfd2, 0, 0, 0, 0);

	TS_REQUIRE(fd >= 0);
	t0 = ts_time_now_ns();
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, add_4, &fd), 0);
	TS_EXPECT_EQ(rd(fd, &r), 4ULL);
	TS_EXPECT_NE(l.acted_ns, 0ULL);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	ev_later_join(&l);
	SC(close, fd, 0, 0, 0);
}

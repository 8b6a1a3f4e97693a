/* Pipes in an image (suite pipe): the two ends, their flags and
 * errors, end of file, EPIPE with SIGPIPE, the ring's size, atomic
 * small writes, and blocking reads and writes that block the calling
 * thread only and wake on the event. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include "tests.h"

#define SIGPIPE 13
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032

struct ksa {
	unsigned long handler, flags, restorer;
	uint64_t mask;
};

static void close2(const int fd[2])
{
	SC(close, fd[0], 0, 0, 0);
	SC(close, fd[1], 0, 0, 0);
}

TS_TEST(pipe, ends_and_their_errors)
{
	int fd[2], n = -1;
	char buf[8];
	struct stat st;

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], "hello", 5, 0), 5L);
	TS_EXPECT_EQ(SC(ioctl, fd[0], FIONREAD, &n, 0), 0L);
	TS_EXPECT_EQ(n, 5);
	TS_EXPECT_EQ(SC(read, fd[0], buf, sizeof(buf), 0), 5L);
	TS_EXPECT(!memcmp(buf, "hello", 5));
	/* Each end does its own half only. */
	TS_EXPECT_EQ(SC(write, fd[0], "x", 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(read, fd[1], buf, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_GETFL, 0, 0) & O_ACCMODE,
		     (long)O_RDONLY);
	TS_EXPECT_EQ(SC(fcntl, fd[1], F_GETFL, 0, 0) & O_ACCMODE,
		     (long)O_WRONLY);
	TS_EXPECT_EQ(SC(lseek, fd[0], 0, SEEK_SET, 0), -(long)ESPIPE);
	TS_EXPECT_EQ(SC(fstat, fd[0], &st, 0, 0), 0L);
	TS_EXPECT(S_ISFIFO(st.st_mode));
	/* The ring: 64 KiB as Linux, resized to a power of two of pages. */
	TS_EXPECT_EQ(SC(fcntl, fd[1], F_GETPIPE_SZ, 0, 0), 65536L);
	TS_EXPECT_EQ(SC(fcntl, fd[1], F_SETPIPE_SZ, 10000, 0), 16384L);
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_GETPIPE_SZ, 0, 0), 16384L);
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_SETPIPE_SZ, 4 << 20, 0), -(long)EPERM);
	TS_EXPECT_EQ(SC(write, fd[1], buf, 0, 0), 0L);
	close2(fd);
	/* Bad flags, a bad pointer. */
	TS_EXPECT_EQ(SC(pipe2, fd, O_APPEND, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(pipe2, BAD_HIGH, 0, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(pipe2, NULL, 0, 0, 0), -(long)EFAULT);
#ifdef TS_SYSCALL_LEGACY_CALLS
	TS_REQUIRE_EQ(SC(pipe, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_GETFD, 0, 0), 0L);
	close2(fd);
#endif
}

TS_TEST(pipe, cloexec_and_nonblock)
{
	int fd[2];
	char c;

	TS_REQUIRE_EQ(SC(pipe2, fd, O_CLOEXEC | O_NONBLOCK, 0, 0), 0L);
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT_EQ(SC(fcntl, fd[1], F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT(SC(fcntl, fd[0], F_GETFL, 0, 0) & O_NONBLOCK);
	TS_EXPECT_EQ(SC(read, fd[0], &c, 1, 0), -(long)EAGAIN);
	/* F_SETFL takes O_NONBLOCK away; nothing there and no writer
	 * then reads end of file. */
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_SETFL, 0, 0), 0L);
	SC(close, fd[1], 0, 0, 0);
	TS_EXPECT_EQ(SC(read, fd[0], &c, 1, 0), 0L);
	SC(close, fd[0], 0, 0, 0);
}

/* A full pipe: a write of at most PIPE_BUF bytes goes in whole or not
 * at all; a larger one takes what fits. */
TS_TEST(pipe, full_ring_atomic_and_partial_writes)
{
	static char big[70000], back[70000];
	struct pollfd p;
	int fd[2];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	TS_REQUIRE_EQ(SC(pipe2, fd, O_NONBLOCK, 0, 0), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], big, sizeof(big), 0), 65536L);
	TS_EXPECT_EQ(SC(write, fd[1], big, 1, 0), -(long)EAGAIN);
	p = (struct pollfd){ fd[1], POLLOUT, 0 };
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 0L);
	/* 100 bytes of room: 200 do not go in (atomic), 5000 partly. */
	TS_EXPECT_EQ(SC(read, fd[0], back, 100, 0), 100L);
	TS_EXPECT_EQ(SC(write, fd[1], big, 200, 0), -(long)EAGAIN);
	TS_EXPECT_EQ(SC(write, fd[1], big, 5000, 0), 100L);
	/* Writable again once PIPE_BUF bytes are free. */
	TS_EXPECT_EQ(SC(read, fd[0], back + 100, 4096, 0), 4096L);
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 1L);
	TS_EXPECT_EQ(p.revents, POLLOUT);
	TS_EXPECT_EQ(SC(read, fd[0], back + 4196, sizeof(back), 0),
		     65536L - 4196 + 100);
	TS_EXPECT(!memcmp(back, big, 65536));
	TS_EXPECT(!memcmp(back + 65536, big, 100));
	close2(fd);
}

static int pipe_sigs;

static void on_sigpipe(int sig)
{
	if (sig == SIGPIPE)
		pipe_sigs++;
}

TS_TEST(pipe, no_reader_is_epipe_and_sigpipe)
{
	struct ksa catch = { (unsigned long)on_sigpipe, 0, 0, 0 };
	struct ksa ign = { 1, 0, 0, 0 }, dfl = { 0, 0, 0, 0 };
	struct pollfd p;
	int fd[2];

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	SC(close, fd[0], 0, 0, 0);
	p = (struct pollfd){ fd[1], POLLOUT, 0 };
	TS_EXPECT_EQ(SC(ppoll, &p, 1, ZERO_TS, 0), 1L);
	TS_EXPECT_EQ(p.revents, POLLOUT | POLLERR);
	pipe_sigs = 0;
	TS_REQUIRE_EQ(SC(rt_sigaction, SIGPIPE, &catch, 0, 8), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], "x", 1, 0), -(long)EPIPE);
	TS_EXPECT_EQ(pipe_sigs, 1);
	TS_REQUIRE_EQ(SC(rt_sigaction, SIGPIPE, &ign, 0, 8), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], "x", 1, 0), -(long)EPIPE);
	TS_EXPECT_EQ(pipe_sigs, 1);
	SC(rt_sigaction, SIGPIPE, &dfl, 0, 8);
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

/* A blocking read sleeps until another thread writes (the writer runs
 * meanwhile: only the reader blocked), and the last writer's close
 * wakes a blocked reader with end of file. */
TS_TEST(pipe, blocking_read_wakes_on_write_and_on_close)
{
	struct ev_later l;
	uint64_t t0;
	struct ev_spinner spin;
	int fd[2];
	char c = 0;

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	t0 = ts_time_now_ns();
	TS_REQUIRE_EQ(ev_spinner_start(&spin), 0);
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, write_x, &fd[1]), 0);
	TS_EXPECT_EQ(SC(read, fd[0], &c, 1, 0), 1L);
	/* It slept: the lowest-priority thread got the CPU meanwhile. */
	TS_EXPECT_GT(ev_spinner_stop(&spin), 0UL);
	TS_EXPECT_EQ(c, 'x');
	TS_EXPECT_NE(l.acted_ns, 0ULL);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	TS_EXPECT_LT(ev_test_ms_since(t0), (uint64_t)LATE_MS);
	ev_later_join(&l);

	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, close_fd, &fd[1]), 0);
	TS_EXPECT_EQ(SC(read, fd[0], &c, 1, 0), 0L);
	TS_EXPECT_NE(l.acted_ns, 0ULL);
	ev_later_join(&l);
	SC(close, fd[0], 0, 0, 0);
}

/* readv takes what is there: with the first vector filled and the pipe
 * empty it returns, instead of blocking on the second one (musl's stdio
 * reads a pipe with readv into the caller's buffer and its own). */
TS_TEST(pipe, readv_returns_what_is_there)
{
	struct ev_later l;
	char a[5], b[16];
	struct iovec v[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int fd[2];

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], "hello", 5, 0), 5L);
	/* Should it block, the helper's byte ends the wait: 6, late. */
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, write_x, &fd[1]), 0);
	TS_EXPECT_EQ(SC(readv, fd[0], v, 2, 0), 5L);
	TS_EXPECT_EQ(l.acted_ns, 0ULL);
	ev_later_join(&l);
	/* Non-blocking, so that a wrong first answer cannot hang this. */
	TS_EXPECT_EQ(SC(fcntl, fd[0], F_SETFL, O_NONBLOCK, 0), 0L);
	TS_EXPECT_EQ(SC(readv, fd[0], v, 2, 0), 1L);
	TS_EXPECT_EQ(a[0], 'x');
	close2(fd);
}

static void drain_4k(void *arg)
{
	static char sink[4096];

	TS_EXPECT_EQ(SC(read, *(int *)arg, sink, sizeof(sink), 0), 4096L);
}

TS_TEST(pipe, blocking_write_waits_for_room)
{
	static char fill[65536];
	struct ev_later l;
	uint64_t t0;
	int fd[2];

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], fill, sizeof(fill), 0), 65536L);
	t0 = ts_time_now_ns();
	TS_REQUIRE_EQ(ev_later_start(&l, DELAY_MS, drain_4k, &fd[0]), 0);
	TS_EXPECT_EQ(SC(write, fd[1], fill, 3000, 0), 3000L);
	TS_EXPECT_NE(l.acted_ns, 0ULL);
	TS_EXPECT_GE(ev_test_ms_since(t0), (uint64_t)DELAY_MS);
	ev_later_join(&l);
	close2(fd);
}

static int blocked_fd;

static void *write_200(void *arg)
{
	static char two[200];

	(void)arg;
	TS_EXPECT_EQ(SC(write, blocked_fd, two, sizeof(two), 0), 200L);
	return NULL;
}

/* A blocked small write puts in nothing until all of it fits. */
TS_TEST(pipe, blocked_small_write_goes_in_whole)
{
	static char fill[65536 - 100];
	struct ts_thread *t;
	int fd[2], n = 0;

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(write, fd[1], fill, sizeof(fill), 0),
		     (long)sizeof(fill));
	blocked_fd = fd[1];
	TS_REQUIRE_EQ(ts_thread_create(&t, "pipe-200", write_200, NULL, NULL),
		      0);
	ts_thread_sleep_ns(DELAY_MS * MS);
	TS_EXPECT_EQ(SC(ioctl, fd[0], FIONREAD, &n, 0), 0L);
	TS_EXPECT_EQ(n, (int)sizeof(fill));
	TS_EXPECT_EQ(SC(read, fd[0], fill, 4096, 0), 4096L);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(SC(ioctl, fd[0], FIONREAD, &n, 0), 0L);
	TS_EXPECT_EQ(n, (int)sizeof(fill) - 4096 + 200);
	close2(fd);
}

/* Writers of PIPE_BUF-byte blocks are never interleaved, and a write
 * larger than the ring goes through piece by piece, in order. */
struct writer {
	int fd;
	char letter;
};

static void *write_blocks(void *arg)
{
	struct writer *w = arg;
	char block[4096];

	memset(block, w->letter, sizeof(block));
	for (int i = 0; i < 40; i++)
		TS_EXPECT_EQ(SC(write, w->fd, block, sizeof(block), 0), 4096L);
	return NULL;
}

static void *write_big(void *arg)
{
	static char big[200000];
	struct writer *w = arg;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i % 251);
	TS_EXPECT_EQ(SC(write, w->fd, big, sizeof(big), 0), 200000L);
	return NULL;
}

TS_TEST(pipe, small_writes_atomic_big_write_in_order)
{
	static char got[4096];
	struct writer wa, wb;
	struct ts_thread *a, *b;
	int fd[2], bad = 0;
	long n, total = 0;

	TS_REQUIRE_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
	wa = (struct writer){ fd[1], 'a' };
	wb = (struct writer){ fd[1], 'b' };
	TS_REQUIRE_EQ(ts_thread_create(&a, "pipe-a", write_blocks, &wa, NULL), 0);
	TS_REQUIRE_EQ(ts_thread_create(&b, "pipe-b", write_blocks, &wb, NULL), 0);
	/* Blocks of 4096 arrive whole. Reads of 1000 bytes, each followed
	 * by a yield to the writers, leave room that is not a multiple of
	 * a block, where a block would be split if small writes were not
	 * atomic. */
	while (total < 80 * 4096) {
		long have = 0;

		while (have < 4096 &&
		       (n = SC(read, fd[0], got + have,
			       4096 - have < 1000 ? 4096 - have : 1000, 0)) > 0) {
			have += n;
			ts_thread_yield();	/* writers see the room */
		}
		TS_REQUIRE_EQ(have, 4096L);
		for (int i = 1; i < 4096; i++)
			bad += got[i] != got[0];
		total += have;
	}
	TS_EXPECT_EQ(bad, 0);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);

	TS_REQUIRE_EQ(ts_thread_create(&a, "pipe-big", write_big, &wa, NULL), 0);
	total = 0;
	while (total < 200000 &&
	       (n = SC(read, fd[0], got, sizeof(got), 0)) > 0) {
		for (long i = 0; i < n; i++)
			bad += got[i] != (char)((total + i) % 251);
		total += n;
	}
	TS_EXPECT_EQ(total, 200000L);
	TS_EXPECT_EQ(bad, 0);
	ts_thread_join(a, NULL);
	close2(fd);
}

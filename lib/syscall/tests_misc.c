/* getrandom, the resource limits, sysinfo and console input (random.c,
 * limits.c, console_read.c) in an image: suite sysmisc. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include <ts/param.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include "internal.h"

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define BAD_HIGH 0x7ff000000000UL
#define INF (~0ULL)

static bool test_read;
TS_PARAM_BOOL(syscall, test_read, test_read,
	      "run the console-input test (it waits for typed lines)");

TS_TEST(sysmisc, getrandom_fills_buffers)
{
	unsigned char a[300], b[300];
	int same = 0, zeros = 0;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	TS_EXPECT_EQ(SC(getrandom, a, sizeof(a), 0, 0), (long)sizeof(a));
	TS_EXPECT_EQ(SC(getrandom, b, sizeof(b), 1, 0), (long)sizeof(b));
	for (size_t i = 0; i < sizeof(a); i++) {
		same += a[i] == b[i];
		zeros += !a[i];
	}
	/* 300 random bytes: about 1 in 256 equal or zero each; 20 of
	 * either would be a broken source. */
	TS_EXPECT_LT(same, 20);
	TS_EXPECT_LT(zeros, 20);
	/* The tail of an odd length is filled too. */
	memset(a, 0, 16);
	TS_EXPECT_EQ(SC(getrandom, a, 13, 2, 0), 13L);
	TS_EXPECT(a[9] || a[10] || a[11] || a[12]);
	TS_EXPECT_EQ(SC(getrandom, a, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(getrandom, a, 4, 8, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(getrandom, a, 4, 6, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(getrandom, BAD_HIGH, 4, 0, 0), -(long)EFAULT);
}

struct rl {
	uint64_t cur, max;
};

TS_TEST(sysmisc, resource_limits)
{
	struct rl r, n;

	TS_REQUIRE_EQ(SC(prlimit64, 0, 3, 0, &r), 0L);	/* RLIMIT_STACK */
#ifdef CONFIG_LIB_SCHED
	TS_EXPECT_EQ(r.cur, (uint64_t)CONFIG_LIB_SCHED_MAIN_STACK_KB * 1024);
#else
	TS_EXPECT_GT(r.cur, 0ULL);
	TS_EXPECT_LT(r.cur, INF);
#endif
	TS_EXPECT_EQ(SC(getrlimit, 9, &r, 0, 0), 0L);	/* RLIMIT_AS */
	TS_EXPECT_EQ(r.cur, INF);
	TS_EXPECT_EQ(r.max, INF);
	TS_EXPECT_EQ(SC(getrlimit, 7, &r, 0, 0), 0L);	/* RLIMIT_NOFILE */
	TS_EXPECT_EQ(r.cur, 1024ULL);
	TS_EXPECT_EQ(SC(getrlimit, 4, &r, 0, 0), 0L);	/* RLIMIT_CORE */
	TS_EXPECT_EQ(r.max, 0ULL);
	/* Set, then read back; old values through prlimit64's 4th. */
	n = (struct rl){ 256, 512 };
	TS_EXPECT_EQ(SC(setrlimit, 7, &n, 0, 0), 0L);
	TS_EXPECT_EQ(SC(prlimit64, 1, 7, 0, &r), 0L);
	TS_EXPECT_EQ(r.cur, 256ULL);
	TS_EXPECT_EQ(r.max, 512ULL);
	n = (struct rl){ 1024, 1024 };
	TS_EXPECT_EQ(SC(prlimit64, 0, 7, &n, &r), 0L);
	TS_EXPECT_EQ(r.cur, 256ULL);
	TS_EXPECT_EQ(SC(getrlimit, 7, &r, 0, 0), 0L);
	TS_EXPECT_EQ(r.cur, 1024ULL);
	/* cur above max, an unknown resource, another process. */
	n = (struct rl){ 10, 5 };
	TS_EXPECT_EQ(SC(setrlimit, 7, &n, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(getrlimit, 16, &r, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(prlimit64, 42, 7, 0, &r), -(long)ESRCH);
	TS_EXPECT_EQ(SC(getrlimit, 7, BAD_HIGH, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(setrlimit, 7, BAD_HIGH, 0, 0), -(long)EFAULT);
}


TS_TEST(sysmisc, sysinfo_memory)
{
	struct sysinfo_abi si;

	TS_EXPECT_EQ(sizeof(si), 112UL);
	memset(&si, 0xff, sizeof(si));
	TS_REQUIRE_EQ(SC(sysinfo, &si, 0, 0, 0), 0L);
	TS_EXPECT_EQ(si.mem_unit, 1U);
	TS_EXPECT_GT(si.totalram, 1024UL * 1024);
	TS_EXPECT_LT(si.freeram, si.totalram);
	TS_EXPECT_GT(si.freeram, 0UL);
	TS_EXPECT_GE(si.procs, 1);
	TS_EXPECT_EQ(si.totalswap, 0UL);
	TS_EXPECT_EQ(SC(sysinfo, BAD_HIGH, 0, 0, 0), -(long)EFAULT);
}

TS_TEST(sysmisc, read_descriptors)
{
	char c;

	TS_EXPECT_EQ(SC(read, 0, &c, 0, 0), 0L);
	TS_EXPECT_EQ(SC(read, 1, &c, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(read, 3, &c, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(read, -1, &c, 1, 0), -(long)EBADF);
}

/* The image test types "hello\r", "ab\n" and Ctrl-D once it sees the
 * prompt (tests/image/cases_syscall_calls.py). */
TS_TEST(sysread, console_lines)
{
	static const char prompt[] = "sysread: type a line\n";
	char buf[64];

	if (!test_read)
		TS_SKIP("waits for input: syscall.test_read runs it");
	memset(buf, 0, sizeof(buf));
	SC(write, 1, prompt, sizeof(prompt) - 1, 0);
	/* A line at a time, the Enter key's return as a newline. */
	TS_EXPECT_EQ(SC(read, 0, buf, sizeof(buf), 0), 6L);
	TS_EXPECT_STREQ(buf, "hello\n");
	/* A short buffer takes part of the next line. */
	memset(buf, 0, sizeof(buf));
	TS_EXPECT_EQ(SC(read, 0, buf, 1, 0), 1L);
	TS_EXPECT_STREQ(buf, "a");
	TS_EXPECT_EQ(SC(read, 0, buf, sizeof(buf), 0), 2L);
	TS_EXPECT_EQ(memcmp(buf, "b\n", 2), 0);
	/* Ctrl-D at the start of a read: end of file. */
	TS_EXPECT_EQ(SC(read, 0, buf, sizeof(buf), 0), 0L);
}

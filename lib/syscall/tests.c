/* lib/syscall in an image, through the public <ts/syscall.h> as a C
 * library would call it. The image tests (tests/image/cases_syscall.py)
 * check what these print on the console: the text written, the -ENOSYS
 * message once, and, with syscall.test_end, the ends of the image (exit
 * status, the panic of LIB_SYSCALL_PANIC_ON_ENOSYS). */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <ts/param.h>
#include <ts/syscall.h>
#include <ts/test.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif

static bool test_end;
TS_PARAM_BOOL(syscall, test_end, test_end,
	      "run the syscall tests that end the image (exit, ENOSYS panic)");

#define SC(name, a, b, c) ts_syscall(TS_NR_##name, (long)(a), (long)(b), \
				     (long)(c), 0, 0, 0)

/* Addresses no image maps: the first page, and one far above RAM. */
#define BAD_LOW 8UL
#define BAD_HIGH 0x7ff000000000UL

TS_TEST(syscall, names_match_numbers)
{
	TS_EXPECT_STREQ(ts_syscall_name(TS_NR_write), "write");
	TS_EXPECT_STREQ(ts_syscall_name(TS_NR_openat), "openat");
	TS_EXPECT_EQ(ts_syscall_name(-1), NULL);
	TS_EXPECT_EQ(ts_syscall_name(ts_syscall_nr_max() + 1), NULL);
}

TS_TEST(syscall, write_to_console)
{
	static const char msg[] = "syscall-test: written by write(1)\n";
	static const char err[] = "syscall-test: written by write(2)\n";

	TS_EXPECT_EQ(SC(write, 1, msg, sizeof(msg) - 1), (long)sizeof(msg) - 1);
	TS_EXPECT_EQ(SC(write, 2, err, sizeof(err) - 1), (long)sizeof(err) - 1);
	TS_EXPECT_EQ(SC(write, 1, msg, 0), 0L);
}

TS_TEST(syscall, writev_to_console)
{
	static char a[] = "syscall-test: written ", b[] = "by ",
		    c[] = "writev\n";
	struct { const void *base; unsigned long len; } iov[] = {
		{ a, sizeof(a) - 1 }, { b, 0 }, { b, sizeof(b) - 1 },
		{ c, sizeof(c) - 1 },
	};
	long total = (long)(sizeof(a) + sizeof(b) + sizeof(c) - 3);

	TS_EXPECT_EQ(SC(writev, 1, iov, 4), total);
	TS_EXPECT_EQ(SC(writev, 1, iov, 0), 0L);
	TS_EXPECT_EQ(SC(writev, 1, iov, -1), -(long)EINVAL);
	TS_EXPECT_EQ(SC(writev, 1, iov, 1025), -(long)EINVAL);
}

TS_TEST(syscall, other_descriptors_are_ebadf)
{
	TS_EXPECT_EQ(SC(write, 3, "x", 1), -(long)EBADF);
	TS_EXPECT_EQ(SC(write, -1, "x", 1), -(long)EBADF);
	TS_EXPECT_EQ(SC(writev, 7, NULL, 0), -(long)EBADF);
}

TS_TEST(syscall, bad_pointers_are_efault)
{
	static const char part[] = "x";
	struct { unsigned long base, len; } iov[] = {
		{ BAD_HIGH, 4 },
	};

	TS_EXPECT_EQ(SC(write, 1, BAD_LOW, 4), -(long)EFAULT);
	TS_EXPECT_EQ(SC(write, 1, BAD_HIGH, 4), -(long)EFAULT);
	TS_EXPECT_EQ(SC(writev, 1, BAD_HIGH, 1), -(long)EFAULT);
	TS_EXPECT_EQ(SC(writev, 1, iov, 1), -(long)EFAULT);
	TS_EXPECT_EQ(SC(uname, BAD_LOW, 0, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(uname, BAD_HIGH, 0, 0), -(long)EFAULT);
	(void)part;
}

TS_TEST(syscall, identity)
{
	struct { char f[6][65]; } u;

	TS_EXPECT_EQ(SC(getpid, 0, 0, 0), 1L);
#ifdef CONFIG_LIB_SCHED
	/* The scheduler's id of the calling thread (main's is not 1). */
	TS_EXPECT_EQ(SC(gettid, 0, 0, 0), (long)ts_thread_id(ts_thread_self()));
	TS_EXPECT_NE(SC(gettid, 0, 0, 0), 1L);
#else
	TS_EXPECT_EQ(SC(gettid, 0, 0, 0), 1L);
#endif
	TS_EXPECT_EQ(SC(getuid, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(geteuid, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(getgid, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(getegid, 0, 0, 0), 0L);
	memset(&u, 'x', sizeof(u));
	TS_REQUIRE_EQ(SC(uname, &u, 0, 0), 0L);
	TS_EXPECT_STREQ(u.f[0], "Tessera");
	TS_EXPECT_STREQ(u.f[4], TS_SYSCALL_MACHINE);
	TS_EXPECT_EQ(SC(sched_yield, 0, 0, 0), 0L);
}

/* getppid and sched_getaffinity (identity.c): no parent, one CPU, as
 * musl's sysconf(_SC_NPROCESSORS_ONLN) reads it (nginx asks both). */
TS_TEST(syscall, parent_and_cpus)
{
	unsigned char set[128];

	TS_EXPECT_EQ(SC(getppid, 0, 0, 0), 0L);
	memset(set, 0xff, sizeof(set));
	TS_REQUIRE_EQ(SC(sched_getaffinity, 0, sizeof(set), set), 8L);
	TS_EXPECT_EQ(set[0], 1);
	for (int i = 1; i < 8; i++)
		TS_EXPECT_EQ(set[i], 0);
	TS_EXPECT_EQ(set[8], 0xff);
	TS_EXPECT_EQ(SC(sched_getaffinity, 1, 8, set), 8L);
	TS_EXPECT_EQ(SC(sched_getaffinity, SC(gettid, 0, 0, 0), 8, set), 8L);
	TS_EXPECT_EQ(SC(sched_getaffinity, 0, 4, set), -(long)EINVAL);
	TS_EXPECT_EQ(SC(sched_getaffinity, 0, 12, set), -(long)EINVAL);
	TS_EXPECT_EQ(SC(sched_getaffinity, 99999, 8, set), -(long)ESRCH);
	TS_EXPECT_EQ(SC(sched_getaffinity, 0, 8, BAD_HIGH), -(long)EFAULT);
}

/* Twice: the image test checks that the console names it once. */
TS_TEST(syscall, missing_call_is_enosys)
{
	TS_EXPECT_EQ(SC(openat, -100, "/etc/passwd", 0), -(long)ENOSYS);
	TS_EXPECT_EQ(SC(openat, -100, "/etc/passwd", 0), -(long)ENOSYS);
	TS_EXPECT_EQ(ts_syscall(-5, 0, 0, 0, 0, 0, 0), -(long)ENOSYS);
	TS_EXPECT_EQ(ts_syscall(100000, 0, 0, 0, 0, 0, 0), -(long)ENOSYS);
}

TS_TEST(syscall_end, exit_group_status)
{
	if (!test_end)
		TS_SKIP("ends the image: syscall.test_end runs it");
	SC(exit_group, 0x12a, 0, 0);
	TS_FAIL("exit_group returned");
}

TS_TEST(syscall_end, enosys)
{
	if (!test_end)
		TS_SKIP("ends the image: syscall.test_end runs it");
	SC(openat, -100, "/", 0);
}

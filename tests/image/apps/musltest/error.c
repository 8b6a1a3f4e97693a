/* errno after failed calls: the value Linux gives, set by the C library
 * from the system call's negative result. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "musltest.h"

MT_TEST(error, bad_fd_is_ebadf)
{
	errno = 0;
	MT_EXPECT_EQ(write(-1, "x", 1), -1);
	MT_EXPECT_ERRNO(errno, EBADF);
	errno = 0;
	MT_EXPECT_EQ(write(1000, "x", 1), -1);
	MT_EXPECT_ERRNO(errno, EBADF);
	/* A success leaves errno alone. */
	errno = 12345;
	MT_EXPECT_EQ(write(1, "", 0), 0);
	MT_EXPECT_EQ(errno, 12345);
}

MT_TEST(error, bad_pointer_is_efault)
{
	/* Page 0 is mapped on neither Linux nor Tessera. */
	errno = 0;
	MT_EXPECT_EQ(write(1, (const void *)mt_opaque(8), 4), -1);
	MT_EXPECT_ERRNO(errno, EFAULT);
	errno = 0;
	MT_EXPECT_EQ(uname((struct utsname *)mt_opaque(8)), -1);
	MT_EXPECT_ERRNO(errno, EFAULT);
}

/* nfsservctl has a number on both architectures and has done nothing but
 * ENOSYS in Linux since 3.1; Tessera names it, once, on the console (the
 * image case counts the lines). */
MT_TEST(error, missing_call_is_enosys)
{
	for (int i = 0; i < 3; i++) {
		errno = 0;
		MT_EXPECT_EQ(syscall(SYS_nfsservctl, 0, 0, 0), -1);
		MT_EXPECT_ERRNO(errno, ENOSYS);
	}
	errno = 0;
	MT_EXPECT_EQ(syscall(-5), -1);
	MT_EXPECT_ERRNO(errno, ENOSYS);
}

MT_TEST(error, bad_clock_is_einval)
{
	struct timespec ts;

	errno = 0;
	MT_EXPECT_EQ(clock_gettime((clockid_t)1000, &ts), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	errno = 0;
	MT_EXPECT_EQ(clock_getres((clockid_t)1000, &ts), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
}

MT_TEST(error, bad_sleep_is_einval)
{
	struct timespec bad = { .tv_sec = 0, .tv_nsec = 1000000000 };
	struct timespec neg = { .tv_sec = -1, .tv_nsec = 0 };

	errno = 0;
	MT_EXPECT_EQ(nanosleep(&bad, NULL), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	errno = 0;
	MT_EXPECT_EQ(nanosleep(&neg, NULL), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	/* clock_nanosleep returns the error instead of setting errno. */
	errno = 0;
	MT_EXPECT_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
	MT_EXPECT_EQ(errno, 0);
	MT_EXPECT_EQ(clock_nanosleep((clockid_t)1000, 0, &neg, NULL), EINVAL);
}

static void handler(int sig)
{
	(void)sig;
}

MT_TEST(error, bad_sigaction_is_einval)
{
	struct sigaction sa = { .sa_handler = handler };

	errno = 0;
	MT_EXPECT_EQ(sigaction(SIGKILL, &sa, NULL), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	errno = 0;
	MT_EXPECT_EQ(sigaction(SIGSTOP, &sa, NULL), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	errno = 0;
	MT_EXPECT_EQ(sigaction(0, &sa, NULL), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	errno = 0;
	MT_EXPECT_EQ(sigaction(1000, &sa, NULL), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	errno = 0;
	MT_EXPECT_EQ(kill(getpid(), 1000), -1);
	MT_EXPECT_ERRNO(errno, EINVAL);
}

MT_TEST(error, malloc_too_big_is_enomem)
{
	void *p;

	errno = 0;
	p = malloc(mt_huge);
	MT_EXPECT(p == NULL);
	MT_EXPECT_ERRNO(errno, ENOMEM);
	free(p);
	errno = 0;
	p = realloc(NULL, mt_huge * 2 - 4096);
	MT_EXPECT(p == NULL);
	MT_EXPECT_ERRNO(errno, ENOMEM);
}

MT_TEST(error, strerror)
{
	MT_EXPECT(strlen(strerror(EBADF)) > 0);
	MT_EXPECT(strcmp(strerror(EBADF), strerror(ENOSYS)) != 0);
	MT_EXPECT(strlen(strerror(12345)) > 0);
}

/* ioctl on the console (tty.c): the terminal's size, unknown requests,
 * other descriptors, bad pointers. */
#include <errno.h>
#include <string.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define TIOCGWINSZ 0x5413

#define IOCTL(fd, req, arg) ts_syscall(TS_NR_ioctl, (long)(fd), (long)(req), \
				       (long)(arg), 0, 0, 0)

TS_TEST(tty, console_has_a_window_size)
{
	unsigned short ws[4];

	for (int fd = 0; fd <= 2; fd++) {
		memset(ws, 0xff, sizeof(ws));
		TS_EXPECT_EQ(IOCTL(fd, TIOCGWINSZ, ws), 0L);
		TS_EXPECT_EQ(ws[0], 0);
		TS_EXPECT_EQ(ws[3], 0);
	}
	/* Only the low 32 bits are the request, as in Linux. */
	TS_EXPECT_EQ(IOCTL(1, 0xffffffff00000000UL | TIOCGWINSZ, ws), 0L);
}

TS_TEST(tty, other_requests_and_descriptors)
{
	unsigned short ws[4];

	TS_EXPECT_EQ(IOCTL(1, 0x1234, ws), -(long)ENOTTY);
	TS_EXPECT_EQ(IOCTL(3, TIOCGWINSZ, ws), -(long)EBADF);
	TS_EXPECT_EQ(IOCTL(-1, TIOCGWINSZ, ws), -(long)EBADF);
	TS_EXPECT_EQ(IOCTL(1, TIOCGWINSZ, 8), -(long)EFAULT);
	TS_EXPECT_EQ(IOCTL(1, TIOCGWINSZ, 0x7ff000000000UL), -(long)EFAULT);
}

/* Pipes in an image (suite pipe). */
#include <errno.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)

TS_TEST(pipe, placeholder)
{
	int fd[2];

	TS_EXPECT_EQ(SC(pipe2, fd, 0, 0, 0), 0L);
}

/* /dev's devices through the system calls (suite devfs): what each
 * reads and writes, their stat, the directory's listing. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define E(x) (-(long)(x))

static long open_(const char *p, int flags)
{
	return SC(openat, AT_FDCWD, p, flags, 0);
}

TS_TEST(devfs, null_zero_full)
{
	char buf[64];
	long fd;

	fd = open_("/dev/null", O_RDWR);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 0L);
	TS_EXPECT_EQ(SC(write, fd, "gone", 4, 0), 4L);
	SC(close, fd, 0, 0, 0);
	fd = open_("/dev/zero", O_RDONLY);
	memset(buf, 'x', sizeof(buf));
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), (long)sizeof(buf));
	TS_EXPECT_EQ(buf[0] | buf[31] | buf[63], 0);
	SC(close, fd, 0, 0, 0);
	fd = open_("/dev/full", O_RDWR);
	TS_EXPECT_EQ(SC(write, fd, "x", 1, 0), E(ENOSPC));
	TS_EXPECT_EQ(SC(read, fd, buf, 8, 0), 8L);
	SC(close, fd, 0, 0, 0);
}

TS_TEST(devfs, random_bytes_differ)
{
	unsigned char a[32], b[32];
	long fd = open_("/dev/urandom", O_RDONLY);

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(read, fd, a, sizeof(a), 0), (long)sizeof(a));
	SC(close, fd, 0, 0, 0);
	fd = open_("/dev/random", O_RDONLY);
	TS_EXPECT_EQ(SC(read, fd, b, sizeof(b), 0), (long)sizeof(b));
	SC(close, fd, 0, 0, 0);
	TS_EXPECT(memcmp(a, b, sizeof(a)) != 0);
}

TS_TEST(devfs, stat_numbers)
{
	struct stat st;

	TS_REQUIRE_EQ(SC(newfstatat, AT_FDCWD, "/dev/null", &st, 0), 0L);
	TS_EXPECT(S_ISCHR(st.st_mode));
	TS_EXPECT_EQ(major(st.st_rdev), 1u);
	TS_EXPECT_EQ(minor(st.st_rdev), 3u);
	TS_REQUIRE_EQ(SC(newfstatat, AT_FDCWD, "/dev/stdout", &st,
			 AT_SYMLINK_NOFOLLOW), 0L);
	TS_EXPECT(S_ISLNK(st.st_mode));
	TS_REQUIRE_EQ(SC(newfstatat, AT_FDCWD, "/dev/stdout", &st, 0), 0L);
	TS_EXPECT_EQ(major(st.st_rdev), 5u);
	TS_EXPECT_EQ(SC(newfstatat, AT_FDCWD, "/dev/nothing", &st, 0),
		     E(ENOENT));
	/* The set of devices is fixed. */
	TS_EXPECT_EQ(SC(openat, AT_FDCWD, "/dev/new", O_CREAT | O_WRONLY,
			0644), E(EPERM));
	TS_EXPECT_EQ(SC(mkdirat, AT_FDCWD, "/dev/d", 0755, 0), E(EPERM));
}

TS_TEST(devfs, console_writes)
{
	static const char line[] = "devfs-test: through /dev/console\n";
	long fd = open_("/dev/console", O_WRONLY);

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(write, fd, line, sizeof(line) - 1, 0),
		     (long)sizeof(line) - 1);
	SC(close, fd, 0, 0, 0);
}

TS_TEST(devfs, listing)
{
	char buf[1024];
	long fd = open_("/dev", O_RDONLY | O_DIRECTORY), n;
	int seen = 0;

	TS_REQUIRE(fd >= 0);
	while ((n = SC(getdents64, fd, buf, sizeof(buf), 0)) > 0)
		for (long off = 0; off < n;) {
			unsigned short reclen;
			const char *name = buf + off + 19;

			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			if (!strcmp(name, "null") || !strcmp(name, "zero") ||
			    !strcmp(name, "urandom") || !strcmp(name, "."))
				seen++;
			off += reclen;
		}
	TS_EXPECT_EQ(n, 0L);
	TS_EXPECT_EQ(seen, 4);
	SC(close, fd, 0, 0, 0);
}

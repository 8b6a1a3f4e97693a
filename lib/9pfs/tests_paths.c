/* The share mounted as a program sees it (suite 9pfs_paths): the case
 * boots with vfs.mount=9p:share:/share, and these tests make the system
 * calls a program makes (through lib/syscall's table) on files there.
 * tests/image/cases_9p.py fills the folder and checks it afterwards.
 * Skipped when nothing is mounted at /share. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define E(x) (-(long)(x))

struct dirent64_abi {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

static void need_share(void)
{
	struct stat root, share;

	/* A mount has a device of its own. */
	if (SC(newfstatat, AT_FDCWD, "/", &root, 0) ||
	    SC(newfstatat, AT_FDCWD, "/share", &share, 0) ||
	    root.st_dev == share.st_dev)
		TS_SKIP("nothing mounted at /share (vfs.mount=9p:share:/share)");
}

static long open_(const char *p, int flags)
{
	return SC(openat, AT_FDCWD, p, flags, 0644);
}

TS_TEST(9pfs_paths, read_write_stat)
{
	char text[256];
	struct stat st;
	long fd, n;

	need_share();
	fd = open_("/share/hello.txt", O_RDONLY);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	n = SC(read, fd, text, sizeof(text), 0);
	TS_EXPECT_EQ((long long)n, (long long)st.st_size);
	TS_REQUIRE(n > 8 && !memcmp(text, "9p-test:", 8));
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_END, 0), n);
	TS_EXPECT_EQ(SC(pread64, fd, text + n, 3, 2), 3L);
	TS_EXPECT(!memcmp(text + n, text + 2, 3));
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);

	/* What the host checks: the text with this suite's prefix. */
	fd = open_("/share/path-new.txt", O_WRONLY | O_CREAT | O_EXCL);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(write, fd, "9p-path:", 8, 0), 8L);
	TS_EXPECT_EQ(SC(write, fd, text + 8, n - 8, 0), n - 8);
	TS_EXPECT_EQ(SC(fsync, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(newfstatat, AT_FDCWD, "/share/path-new.txt", &st, 0),
		     0L);
	TS_EXPECT_EQ((long long)st.st_size, (long long)n);
	TS_EXPECT(S_ISREG(st.st_mode));
}

TS_TEST(9pfs_paths, errors)
{
	struct stat st;
	long fd;

	need_share();
	TS_EXPECT_EQ(SC(newfstatat, AT_FDCWD, "/share/no-such", &st, 0),
		     E(ENOENT));
	TS_EXPECT_EQ(open_("/share/no-such", O_RDONLY), E(ENOENT));
	TS_EXPECT_EQ(open_("/share/hello.txt", O_WRONLY | O_CREAT | O_EXCL),
		     E(EEXIST));
	TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, "/share/sub", AT_REMOVEDIR, 0),
		     E(ENOTEMPTY));
	TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, "/share/no-such", 0, 0),
		     E(ENOENT));
	TS_EXPECT_EQ(SC(mkdirat, AT_FDCWD, "/share/sub", 0755, 0), E(EEXIST));
	fd = open_("/share/sub", O_RDONLY | O_DIRECTORY);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(read, fd, &st, 1, 0), E(EISDIR));
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);
}

TS_TEST(9pfs_paths, getdents_mkdir_rename_truncate)
{
	uint64_t buf[64];
	int names = 0;
	long fd, n;

	need_share();
	fd = open_("/share/sub", O_RDONLY | O_DIRECTORY);
	TS_REQUIRE(fd >= 0);
	while ((n = SC(getdents64, fd, buf, sizeof(buf), 0)) > 0) {
		long off = 0;

		while (off < n) {
			struct dirent64_abi *d = (void *)((char *)buf + off);

			names += !strcmp(d->d_name, "a") ||
				 !strcmp(d->d_name, "b");
			off += d->d_reclen;
		}
	}
	TS_EXPECT_EQ(n, 0L);
	TS_EXPECT_EQ(names, 2);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);

	TS_EXPECT_EQ(SC(mkdirat, AT_FDCWD, "/share/path-dir", 0755, 0), 0L);
	fd = open_("/share/path-old", O_WRONLY | O_CREAT);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(ts_syscall(TS_NR_renameat2, AT_FDCWD,
				(long)"/share/path-old", AT_FDCWD,
				(long)"/share/path-dir/path-moved", 0, 0),
		     0L);
	TS_EXPECT_EQ(SC(truncate, "/share/path-trunc.txt", 5, 0, 0), 0L);
	fd = open_("/share/path-trunc.txt", O_WRONLY);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(ftruncate, fd, 2, 0, 0), 0L);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);
}

/* ramfs's own behaviour (suite ramfs): files grown with holes, shrunk
 * and grown again, large files across pages, directories listed while
 * they change. Through the system calls, as a program sees them. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/vfs.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define E(x) (-(long)(x))

static long open_(const char *p, int flags)
{
	return SC(openat, AT_FDCWD, p, flags, 0644);
}

static void fresh(const char *dir)
{
	SC(mkdirat, AT_FDCWD, "/ramfs-tests", 0755, 0);
	TS_REQUIRE_EQ(SC(mkdirat, AT_FDCWD, dir, 0755, 0), 0L);
	TS_REQUIRE_EQ(SC(chdir, dir, 0, 0, 0), 0L);
}

static int all_zero(const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

TS_TEST(ramfs, sparse_file)
{
	char buf[100];
	struct stat st;
	long fd;

	fresh("/ramfs-tests/sparse");
	fd = open_("s", O_RDWR | O_CREAT);
	TS_REQUIRE(fd >= 0);
	/* A write 1 GiB in: the hole before it costs nothing. */
	TS_EXPECT_EQ(SC(pwrite64, fd, "end", 3, 1L << 30), 3L);
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_size, (1L << 30) + 3);
	memset(buf, 'x', sizeof(buf));
	TS_EXPECT_EQ(SC(pread64, fd, buf, sizeof(buf), 12345), 100L);
	TS_EXPECT(all_zero(buf, sizeof(buf)));
	/* A read across the hole's end and the data. */
	TS_EXPECT_EQ(SC(pread64, fd, buf, sizeof(buf), (1L << 30) - 2), 5L);
	TS_EXPECT(all_zero(buf, 2));
	TS_EXPECT(!memcmp(buf + 2, "end", 3));
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_END, 0), (1L << 30) + 3);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 0L);
	/* Out of the heap's reach: ENOSPC, the file as it was; at the
	 * largest offset, EFBIG. */
	TS_EXPECT_EQ(SC(pwrite64, fd, "x", 1, 1L << 50), E(ENOSPC));
	TS_EXPECT_EQ(SC(pwrite64, fd, "xy", 2, INT64_MAX - 1), E(EFBIG));
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_size, (1L << 30) + 3);
	SC(close, fd, 0, 0, 0);
}

TS_TEST(ramfs, truncate_zeroes_what_grows_back)
{
	char buf[8200];
	long fd;

	fresh("/ramfs-tests/trunc");
	fd = open_("t", O_RDWR | O_CREAT);
	memset(buf, 'a', sizeof(buf));
	TS_REQUIRE_EQ(SC(write, fd, buf, sizeof(buf), 0), (long)sizeof(buf));
	TS_EXPECT_EQ(SC(ftruncate, fd, 5000, 0, 0), 0L);
	TS_EXPECT_EQ(SC(ftruncate, fd, 8200, 0, 0), 0L);
	TS_EXPECT_EQ(SC(pread64, fd, buf, sizeof(buf), 0), 8200L);
	TS_EXPECT_EQ(buf[4999], 'a');
	TS_EXPECT(all_zero(buf + 5000, 3200));
	TS_EXPECT_EQ(SC(ftruncate, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(pread64, fd, buf, sizeof(buf), 0), 0L);
	/* O_TRUNC on open. */
	TS_EXPECT_EQ(SC(write, fd, "xyz", 3, 0), 3L);
	SC(close, fd, 0, 0, 0);
	fd = open_("t", O_RDWR | O_TRUNC);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 0L);
	SC(close, fd, 0, 0, 0);
}

TS_TEST(ramfs, large_file_pattern)
{
	const size_t size = 3 * 1024 * 1024 + 123;
	unsigned char *w = malloc(size), *r = malloc(size);
	long fd;

	TS_REQUIRE(w && r);
	fresh("/ramfs-tests/large");
	for (size_t i = 0; i < size; i++)
		w[i] = (unsigned char)(i * 7 + (i >> 12));
	fd = open_("big", O_RDWR | O_CREAT);
	/* Written in odd pieces that straddle pages. */
	for (size_t off = 0; off < size;) {
		size_t n = size - off < 10007 ? size - off : 10007;

		TS_REQUIRE_EQ(SC(write, fd, w + off, n, 0), (long)n);
		off += n;
	}
	TS_EXPECT_EQ(SC(pread64, fd, r, size, 0), (long)size);
	TS_EXPECT(!memcmp(w, r, size));
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, "big", 0, 0), 0L);
	free(w);
	free(r);
}

struct dirent_abi {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* The names getdents64 gives from fd's offset on, counted into seen[]
 * by their number ("f12" -> seen[12]). */
static int list(long fd, int *seen, int max, size_t bufsize)
{
	char buf[512];
	long n;
	int count = 0;

	while ((n = SC(getdents64, fd, buf, bufsize, 0)) > 0)
		for (long off = 0; off < n;) {
			struct dirent_abi *d = (struct dirent_abi *)(buf + off);

			if (d->name[0] == 'f') {
				int i = atoi(d->name + 1);

				if (i >= 0 && i < max)
					seen[i]++;
			}
			count++;
			off += d->reclen;
		}
	return n < 0 ? (int)n : count;
}

TS_TEST(ramfs, directory_listing_while_changing)
{
	char name[16];
	int seen[64] = { 0 };
	long fd;

	fresh("/ramfs-tests/dir");
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		SC(close, open_(name, O_WRONLY | O_CREAT), 0, 0, 0);
	}
	fd = open_(".", O_RDONLY | O_DIRECTORY);
	TS_REQUIRE(fd >= 0);
	/* Small buffers: many calls, each resuming at the offset. */
	TS_EXPECT_EQ(list(fd, seen, 64, 64), 42);
	for (int i = 0; i < 40; i++)
		TS_EXPECT_EQ(seen[i], 1);
	/* Where the listing is (telldir), and no end to seek to. */
	TS_EXPECT_GT(SC(lseek, fd, 0, SEEK_CUR, 0), 40L);
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_END, 0), E(EINVAL));
	/* Remove half, add some, list again from the start: no entry
	 * twice, none of the removed ones. */
	for (int i = 0; i < 40; i += 2) {
		snprintf(name, sizeof(name), "f%d", i);
		TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, name, 0, 0), 0L);
	}
	SC(close, open_("f50", O_WRONLY | O_CREAT), 0, 0, 0);
	memset(seen, 0, sizeof(seen));
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_SET, 0), 0L);
	TS_EXPECT_EQ(list(fd, seen, 64, sizeof(char[512])), 23);
	TS_EXPECT_EQ(seen[0], 0);
	TS_EXPECT_EQ(seen[1], 1);
	TS_EXPECT_EQ(seen[50], 1);
	/* Too small for one record. */
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_SET, 0), 0L);
	{
		char tiny[8];

		TS_EXPECT_EQ(SC(getdents64, fd, tiny, sizeof(tiny), 0),
			     E(EINVAL));
	}
	SC(close, fd, 0, 0, 0);
	fd = open_("f1", O_RDONLY);
	{
		char b[64];

		TS_EXPECT_EQ(SC(getdents64, fd, b, sizeof(b), 0), E(ENOTDIR));
	}
	SC(close, fd, 0, 0, 0);
}

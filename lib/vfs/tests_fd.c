/* The descriptor layer in an image (suite vfs): the console's
 * descriptors, dup/dup2/dup3 and fcntl on them, a file of our own with
 * offsets (pread/pwrite/lseek/readv/writev through a small in-memory
 * file), and the errno of every bad argument. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/vfs.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define BAD_HIGH 0x7ff000000000UL

/* A 64-byte file in memory with an offset: the smallest file with
 * positions, to test the layer without a file system. */
struct memfile {
	char data[64];
	int64_t size;
	int released;
};

static long mem_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	struct memfile *m = f->priv;
	size_t n;

	if (*pos >= m->size)
		return 0;
	n = (size_t)(m->size - *pos) < len ? (size_t)(m->size - *pos) : len;
	memcpy(buf, m->data + *pos, n);
	*pos += (int64_t)n;
	return (long)n;
}

static long mem_write(struct ts_file *f, const void *buf, size_t len,
		      int64_t *pos)
{
	struct memfile *m = f->priv;
	size_t n;

	if (*pos >= (int64_t)sizeof(m->data))
		return -ENOSPC;
	n = sizeof(m->data) - (size_t)*pos < len ?
		    sizeof(m->data) - (size_t)*pos : len;
	memcpy(m->data + *pos, buf, n);
	*pos += (int64_t)n;
	if (*pos > m->size)
		m->size = *pos;
	return (long)n;
}

static int64_t mem_seek(struct ts_file *f, int64_t off, int whence)
{
	struct memfile *m = f->priv;

	if (whence == SEEK_END) {
		if (m->size + off < 0)
			return -EINVAL;
		return f->pos = m->size + off;
	}
	return ts_file_seek_default(f, off, whence);
}

static void mem_release(struct ts_file *f)
{
	((struct memfile *)f->priv)->released++;
}

static const struct ts_file_ops mem_ops = {
	.read = mem_read, .write = mem_write, .seek = mem_seek,
	.release = mem_release, .kind = "memfile",
};

static int open_mem(struct memfile *m, unsigned int flags)
{
	struct ts_file *f = ts_file_new(&mem_ops, m, flags, "/test/memfile");
	int fd;

	if (!f)
		return -ENOMEM;
	fd = ts_fd_install(f, 0, 0);
	ts_file_put(f);
	return fd;
}

TS_TEST(vfs, console_descriptors)
{
	static const char line[] = "vfs-test: written through fd 1\n";
	struct stat st;
	unsigned short ws[4];

	TS_EXPECT_EQ(SC(write, 1, line, sizeof(line) - 1, 0),
		     (long)sizeof(line) - 1);
	TS_EXPECT_EQ(SC(fstat, 0, &st, 0, 0), 0L);
	TS_EXPECT(S_ISCHR(st.st_mode));
	TS_EXPECT_EQ(SC(ioctl, 2, TIOCGWINSZ, ws, 0), 0L);
	TS_EXPECT_EQ(ws[1], 80);
	TS_EXPECT_EQ(SC(lseek, 1, 0, SEEK_SET, 0), -(long)ESPIPE);
	TS_EXPECT_EQ(SC(fcntl, 0, F_GETFL, 0, 0) & O_ACCMODE, (long)O_RDWR);
}

TS_TEST(vfs, offsets_and_positional_io)
{
	struct memfile m = { .size = 0 };
	char buf[16];
	int fd = open_mem(&m, TS_O_RDWR);

	TS_REQUIRE(fd >= 3);
	TS_EXPECT_EQ(SC(write, fd, "hello world", 11, 0), 11L);
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_CUR, 0), 11L);
	TS_EXPECT_EQ(SC(pread64, fd, buf, 5, 6), 5L);
	TS_EXPECT(!memcmp(buf, "world", 5));
	/* pread leaves the offset where it was. */
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_CUR, 0), 11L);
	TS_EXPECT_EQ(SC(pwrite64, fd, "W", 1, 6), 1L);
	TS_EXPECT_EQ(SC(lseek, fd, -5, SEEK_END, 0), 6L);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 5L);
	TS_EXPECT(!memcmp(buf, "World", 5));
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 0L);
	TS_EXPECT_EQ(SC(lseek, fd, -1, SEEK_SET, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(lseek, fd, 0, 7, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(pread64, fd, buf, 1, -1), -(long)EINVAL);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(m.released, 1);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), -(long)EBADF);
}

TS_TEST(vfs, vectors)
{
	struct memfile m = { .size = 0 };
	char a[4], b[8];
	struct iovec out[3] = { { "abc", 3 }, { "", 0 }, { "defgh", 5 } };
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct iovec bad[2] = { { "x", 1 }, { (void *)BAD_HIGH, 4 } };
	int fd = open_mem(&m, TS_O_RDWR);

	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(writev, fd, out, 3, 0), 8L);
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_SET, 0), 0L);
	TS_EXPECT_EQ(SC(readv, fd, in, 2, 0), 8L);
	TS_EXPECT(!memcmp(a, "abcd", 4) && !memcmp(b, "efgh", 4));
	TS_EXPECT_EQ(SC(preadv, fd, in, 1, 5), 3L);
	TS_EXPECT(!memcmp(a, "fgh", 3));
	/* Every vector is checked before a byte moves. */
	TS_EXPECT_EQ(SC(writev, fd, bad, 2, 0), -(long)EFAULT);
	TS_EXPECT_EQ(m.size, 8);
	TS_EXPECT_EQ(SC(writev, fd, out, -1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(writev, fd, out, 1025, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(readv, fd, BAD_HIGH, 1, 0), -(long)EFAULT);
	SC(close, fd, 0, 0, 0);
}

TS_TEST(vfs, dup_family_and_fd_flags)
{
	struct memfile m = { .size = 0 };
	int fd = open_mem(&m, TS_O_RDWR), d1, d2;

	TS_REQUIRE(fd >= 0);
	d1 = (int)SC(dup, fd, 0, 0, 0);
	TS_REQUIRE(d1 > fd);
	/* dup'ed descriptors share the offset. */
	TS_EXPECT_EQ(SC(write, fd, "12345", 5, 0), 5L);
	TS_EXPECT_EQ(SC(lseek, d1, 0, SEEK_CUR, 0), 5L);
	TS_EXPECT_EQ(SC(dup3, fd, 100, O_CLOEXEC, 0), 100L);
	TS_EXPECT_EQ(SC(fcntl, 100, F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT_EQ(SC(fcntl, d1, F_GETFD, 0, 0), 0L);
	TS_EXPECT_EQ(SC(dup3, fd, fd, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(dup3, fd, 101, 1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(dup3, fd, -1, 0, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(dup3, fd, ts_fd_max(), 0, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(dup3, 999, 101, 0, 0), -(long)EBADF);
	d2 = (int)SC(fcntl, fd, F_DUPFD_CLOEXEC, 50, 0);
	TS_EXPECT_EQ(d2, 50);
	TS_EXPECT_EQ(SC(fcntl, d2, F_GETFD, 0, 0), (long)FD_CLOEXEC);
	TS_EXPECT_EQ(SC(fcntl, fd, F_DUPFD, -1, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(fcntl, fd, F_SETFD, FD_CLOEXEC, 0), 0L);
	TS_EXPECT_EQ(SC(ioctl, fd, FIONCLEX, 0, 0), 0L);
	TS_EXPECT_EQ(SC(fcntl, fd, F_GETFD, 0, 0), 0L);
	/* Status flags belong to the description: shared by dups. */
	TS_EXPECT_EQ(SC(fcntl, fd, F_SETFL, O_NONBLOCK | O_APPEND, 0), 0L);
	TS_EXPECT(SC(fcntl, d1, F_GETFL, 0, 0) & O_NONBLOCK);
	TS_EXPECT_EQ(SC(fcntl, fd, 9999, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(fcntl, 999, F_GETFD, 0, 0), -(long)EBADF);
	/* The description lives until its last descriptor closes. */
	SC(close, fd, 0, 0, 0);
	SC(close, d1, 0, 0, 0);
	SC(close, 100, 0, 0, 0);
	TS_EXPECT_EQ(m.released, 0);
	SC(close, d2, 0, 0, 0);
	TS_EXPECT_EQ(m.released, 1);
}

TS_TEST(vfs, access_modes_and_bad_arguments)
{
	struct memfile m = { .size = 0 };
	struct flock fl = { .l_type = F_WRLCK };
	char c;
	int ro = open_mem(&m, TS_O_RDONLY), wo = open_mem(&m, TS_O_WRONLY);

	TS_REQUIRE(ro >= 0 && wo >= 0);
	TS_EXPECT_EQ(SC(write, ro, "x", 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(read, wo, &c, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(read, ro, BAD_HIGH, 1, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(write, wo, 0, 1, 0), -(long)EFAULT);
	TS_EXPECT_EQ(SC(read, -1, &c, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(read, ts_fd_max(), &c, 1, 0), -(long)EBADF);
	TS_EXPECT_EQ(SC(getdents64, ro, &c, 1, 0), -(long)ENOTDIR);
	TS_EXPECT_EQ(SC(ftruncate, ro, 0, 0, 0), -(long)EINVAL);
	TS_EXPECT_EQ(SC(ioctl, ro, TIOCGWINSZ, &c, 0), -(long)ENOTTY);
	/* Advisory locks: always granted, F_GETLK finds the range free. */
	TS_EXPECT_EQ(SC(fcntl, ro, F_SETLK, &fl, 0), 0L);
	TS_EXPECT_EQ(SC(fcntl, ro, F_GETLK, &fl, 0), 0L);
	TS_EXPECT_EQ(fl.l_type, F_UNLCK);
	TS_EXPECT_EQ(SC(fcntl, ro, F_SETLK, BAD_HIGH, 0), -(long)EFAULT);
	SC(close, ro, 0, 0, 0);
	SC(close, wo, 0, 0, 0);
}

TS_TEST(vfs, table_full_is_emfile)
{
	struct memfile m = { .size = 0 };
	int fd = open_mem(&m, TS_O_RDWR), n = 0, last = -1, r;

	TS_REQUIRE(fd >= 0);
	while ((r = (int)SC(dup, fd, 0, 0, 0)) >= 0) {
		last = r;
		n++;
	}
	TS_EXPECT_EQ(r, -EMFILE);
	TS_EXPECT_EQ(last, ts_fd_max() - 1);
	for (int i = fd; i <= last; i++)
		SC(close, i, 0, 0, 0);
	TS_EXPECT_EQ(m.released, 1);
	(void)n;
}

/* The path layer of lib/vfs on a ramfs root (suite paths): lookup with
 * ".", "..", symlinks and mounts, the calls on paths through the system
 * call table as a program makes them, and Linux's errno for each bad
 * case. Each test works in a directory of its own under /paths-tests. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/vfs.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define SC5(name, a, b, c, d, e)                                            \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   (long)(e), 0)
#define E(x) (-(long)(x))
#define BAD_PTR 0x7ff000000000UL

static long open_(const char *p, int flags, int mode)
{
	return SC(openat, AT_FDCWD, p, flags, mode);
}

static long mkdir_(const char *p)
{
	return SC(mkdirat, AT_FDCWD, p, 0755, 0);
}

static long stat_(const char *p, struct stat *st, int flags)
{
	return SC(newfstatat, AT_FDCWD, p, st, flags);
}

static long unlink_(const char *p, int flags)
{
	return SC(unlinkat, AT_FDCWD, p, flags, 0);
}

static long symlink_(const char *t, const char *p)
{
	return SC(symlinkat, t, AT_FDCWD, p, 0);
}

static long put(const char *p, const char *text)
{
	long fd = open_(p, O_WRONLY | O_CREAT | O_TRUNC, 0644), r;

	if (fd < 0)
		return fd;
	r = SC(write, fd, text, strlen(text), 0);
	SC(close, fd, 0, 0, 0);
	return r;
}

/* The whole file at p as a string in buf, or minus an errno. */
static long get(const char *p, char *buf, size_t size)
{
	long fd = open_(p, O_RDONLY, 0), r;

	if (fd < 0)
		return fd;
	r = SC(read, fd, buf, size - 1, 0);
	SC(close, fd, 0, 0, 0);
	if (r >= 0)
		buf[r] = 0;
	return r;
}

/* A fresh directory for one test: /paths-tests/name. */
static void here(const char *name)
{
	char d[128];

	mkdir_("/paths-tests");
	snprintf(d, sizeof(d), "/paths-tests/%s", name);
	TS_REQUIRE_EQ(mkdir_(d), 0L);
	TS_REQUIRE_EQ(SC(chdir, d, 0, 0, 0), 0L);
}

TS_TEST(paths, root_is_ramfs_with_dev)
{
	struct stat root, dev;
	struct ts_file *f;

	TS_REQUIRE_EQ(stat_("/", &root, 0), 0L);
	TS_EXPECT(S_ISDIR(root.st_mode));
	TS_REQUIRE_EQ(stat_("/dev", &dev, 0), 0L);
	TS_EXPECT(S_ISDIR(dev.st_mode));
	/* Another mount: another device number. */
	TS_EXPECT_NE(root.st_dev, dev.st_dev);
	TS_EXPECT_EQ(ts_vfs_open("/", O_RDONLY | O_DIRECTORY, 0, &f), 0);
	ts_file_put(f);
}

TS_TEST(paths, create_write_read_stat)
{
	char buf[64];
	struct stat st;
	long fd;

	here("basic");
	fd = open_("a", O_RDWR | O_CREAT | O_EXCL, 0640);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(write, fd, "hello", 5, 0), 5L);
	TS_EXPECT_EQ(SC(lseek, fd, 0, SEEK_SET, 0), 0L);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 5L);
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_size, 5);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFREG | (0640 & ~022)));
	TS_EXPECT_EQ(st.st_nlink, 1u);
	TS_EXPECT_EQ(SC(close, fd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(open_("a", O_RDWR | O_CREAT | O_EXCL, 0640), E(EEXIST));
	TS_EXPECT_EQ(get("/paths-tests/basic/a", buf, sizeof(buf)), 5L);
	TS_EXPECT_STREQ(buf, "hello");
	TS_EXPECT_EQ(stat_("a", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_size, 5);
	/* O_TRUNC empties, O_APPEND writes at the end. */
	TS_EXPECT_EQ(put("a", "xy"), 2L);
	fd = open_("a", O_WRONLY | O_APPEND, 0);
	TS_EXPECT_EQ(SC(write, fd, "z", 1, 0), 1L);
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(get("a", buf, sizeof(buf)), 3L);
	TS_EXPECT_STREQ(buf, "xyz");
	TS_EXPECT_EQ(open_("missing", O_RDONLY, 0), E(ENOENT));
	TS_EXPECT_EQ(open_("", O_RDONLY, 0), E(ENOENT));
	TS_EXPECT_EQ(open_("a/b", O_RDONLY, 0), E(ENOTDIR));
	TS_EXPECT_EQ(open_("a/", O_RDONLY, 0), E(ENOTDIR));
	TS_EXPECT_EQ(open_("new/", O_RDWR | O_CREAT, 0644), E(EISDIR));
	TS_EXPECT_EQ(open_("a", O_RDONLY | O_DIRECTORY, 0), E(ENOTDIR));
	TS_EXPECT_EQ(open_(".", O_RDWR, 0), E(EISDIR));
	TS_EXPECT_EQ(open_(".", O_RDONLY | O_CREAT, 0644), E(EISDIR));
	TS_EXPECT_EQ(open_((const char *)BAD_PTR, O_RDONLY, 0), E(EFAULT));
}

TS_TEST(paths, mkdir_rmdir_unlink)
{
	struct stat st;

	here("dirs");
	TS_EXPECT_EQ(mkdir_("d"), 0L);
	TS_EXPECT_EQ(mkdir_("d"), E(EEXIST));
	TS_EXPECT_EQ(mkdir_("d/e/"), 0L);
	TS_EXPECT_EQ(mkdir_("x/y"), E(ENOENT));
	TS_EXPECT_EQ(mkdir_("."), E(EEXIST));
	TS_EXPECT_EQ(stat_("d", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_nlink, 3u);		/* ".", its name, e's ".." */
	TS_EXPECT_EQ(unlink_("d", AT_REMOVEDIR), E(ENOTEMPTY));
	TS_EXPECT_EQ(unlink_("d", 0), E(EISDIR));
	TS_EXPECT_EQ(put("f", "1"), 1L);
	TS_EXPECT_EQ(unlink_("f", AT_REMOVEDIR), E(ENOTDIR));
	TS_EXPECT_EQ(unlink_("f/", 0), E(ENOTDIR));
	TS_EXPECT_EQ(unlink_("f", 0), 0L);
	TS_EXPECT_EQ(unlink_("f", 0), E(ENOENT));
	TS_EXPECT_EQ(unlink_("d/e/.", AT_REMOVEDIR), E(EINVAL));
	TS_EXPECT_EQ(unlink_("d/e/..", AT_REMOVEDIR), E(ENOTEMPTY));
	TS_EXPECT_EQ(unlink_("d/e/", AT_REMOVEDIR), 0L);
	TS_EXPECT_EQ(unlink_("d", AT_REMOVEDIR), 0L);
	TS_EXPECT_EQ(stat_("d", &st, 0), E(ENOENT));
	TS_EXPECT_EQ(unlink_("/", AT_REMOVEDIR), E(EBUSY));
	TS_EXPECT_EQ(unlink_("/dev", AT_REMOVEDIR), E(EBUSY));
	TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, "x", 0x1, 0), E(EINVAL));
}

TS_TEST(paths, dot_dot_and_cwd)
{
	char buf[256];
	struct stat a, b;

	here("dots");
	TS_REQUIRE_EQ(mkdir_("a"), 0L);
	TS_REQUIRE_EQ(mkdir_("a/b"), 0L);
	TS_EXPECT_EQ(put("a/b/../f", "x"), 1L);
	TS_EXPECT_EQ(stat_("a/./f", &a, 0), 0L);
	TS_EXPECT_EQ(stat_("/paths-tests/dots/a/b/../../a/f", &b, 0), 0L);
	TS_EXPECT_EQ(a.st_ino, b.st_ino);
	TS_EXPECT_EQ(stat_("a//b///", &a, 0), 0L);
	TS_EXPECT(S_ISDIR(a.st_mode));
	/* ".." of the root is the root. */
	TS_EXPECT_EQ(stat_("/../../..", &a, 0), 0L);
	TS_EXPECT_EQ(stat_("/", &b, 0), 0L);
	TS_EXPECT_EQ(a.st_ino, b.st_ino);
	TS_EXPECT_EQ(SC(chdir, "a/b", 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(getcwd, buf, sizeof(buf), 0, 0),
		     (long)sizeof("/paths-tests/dots/a/b"));
	TS_EXPECT_STREQ(buf, "/paths-tests/dots/a/b");
	TS_EXPECT_EQ(SC(getcwd, buf, 5, 0, 0), E(ERANGE));
	TS_EXPECT_EQ(SC(chdir, "..", 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(getcwd, buf, sizeof(buf), 0, 0), 20L);
	TS_EXPECT_STREQ(buf, "/paths-tests/dots/a");
	TS_EXPECT_EQ(stat_("f", &a, 0), 0L);
	TS_EXPECT_EQ(SC(chdir, "f", 0, 0, 0), E(ENOTDIR));
	TS_EXPECT_EQ(SC(chdir, "nothing", 0, 0, 0), E(ENOENT));
}

TS_TEST(paths, symlinks)
{
	char buf[64];
	struct stat st;

	here("links");
	TS_REQUIRE_EQ(mkdir_("d"), 0L);
	TS_REQUIRE_EQ(put("d/f", "data"), 4L);
	TS_EXPECT_EQ(symlink_("d/f", "rel"), 0L);
	TS_EXPECT_EQ(symlink_("/paths-tests/links/d", "abs"), 0L);
	TS_EXPECT_EQ(symlink_("nowhere", "dangling"), 0L);
	TS_EXPECT_EQ(symlink_("loop2", "loop1"), 0L);
	TS_EXPECT_EQ(symlink_("loop1", "loop2"), 0L);
	TS_EXPECT_EQ(symlink_("x", "rel"), E(EEXIST));
	TS_EXPECT_EQ(symlink_("", "empty"), E(ENOENT));
	TS_EXPECT_EQ(get("rel", buf, sizeof(buf)), 4L);
	TS_EXPECT_STREQ(buf, "data");
	TS_EXPECT_EQ(get("abs/f", buf, sizeof(buf)), 4L);
	TS_EXPECT_EQ(get("abs/../d/f", buf, sizeof(buf)), 4L);
	TS_EXPECT_EQ(stat_("rel", &st, AT_SYMLINK_NOFOLLOW), 0L);
	TS_EXPECT(S_ISLNK(st.st_mode));
	TS_EXPECT_EQ(st.st_size, 3);
	TS_EXPECT_EQ(stat_("rel", &st, 0), 0L);
	TS_EXPECT(S_ISREG(st.st_mode));
	/* A trailing slash follows even with AT_SYMLINK_NOFOLLOW. */
	TS_EXPECT_EQ(stat_("abs/", &st, AT_SYMLINK_NOFOLLOW), 0L);
	TS_EXPECT(S_ISDIR(st.st_mode));
	TS_EXPECT_EQ(stat_("dangling", &st, 0), E(ENOENT));
	TS_EXPECT_EQ(stat_("loop1", &st, 0), E(ELOOP));
	TS_EXPECT_EQ(stat_("loop1", &st, AT_SYMLINK_NOFOLLOW), 0L);
	TS_EXPECT_EQ(open_("rel", O_RDONLY | O_NOFOLLOW, 0), E(ELOOP));
	TS_EXPECT_EQ(SC(readlinkat, AT_FDCWD, "abs", buf, sizeof(buf)), 20L);
	TS_EXPECT(!memcmp(buf, "/paths-tests/links/d", 20));
	TS_EXPECT_EQ(SC(readlinkat, AT_FDCWD, "abs", buf, 3), 3L);
	TS_EXPECT_EQ(SC(readlinkat, AT_FDCWD, "d", buf, sizeof(buf)),
		     E(EINVAL));
	TS_EXPECT_EQ(SC(readlinkat, AT_FDCWD, "abs", buf, 0), E(EINVAL));
	/* Unlinking a symlink removes the link, not its target. */
	TS_EXPECT_EQ(unlink_("rel", 0), 0L);
	TS_EXPECT_EQ(stat_("d/f", &st, 0), 0L);
}

/* 40 symlinks are followed, the 41st is ELOOP. */
TS_TEST(paths, symlink_limit_is_40)
{
	char name[16], target[16];
	struct stat st;

	here("chain");
	TS_REQUIRE_EQ(put("end", "x"), 1L);
	TS_REQUIRE_EQ(symlink_("end", "l0"), 0L);
	for (int i = 1; i <= 40; i++) {
		snprintf(name, sizeof(name), "l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		TS_REQUIRE_EQ(symlink_(target, name), 0L);
	}
	TS_EXPECT_EQ(stat_("l39", &st, 0), 0L);		/* 40 links */
	TS_EXPECT_EQ(stat_("l40", &st, 0), E(ELOOP));	/* 41 */
}

TS_TEST(paths, name_and_path_limits)
{
	static char p[4200];
	struct stat st;

	here("limits");
	memset(p, 'n', 255);
	p[255] = 0;
	TS_EXPECT_EQ(put(p, "x"), 1L);
	TS_EXPECT_EQ(stat_(p, &st, 0), 0L);
	p[255] = 'n';
	p[256] = 0;
	TS_EXPECT_EQ(stat_(p, &st, 0), E(ENAMETOOLONG));
	TS_EXPECT_EQ(mkdir_(p), E(ENAMETOOLONG));
	/* 4095 characters fit PATH_MAX with the NUL, 4096 do not. */
	for (int i = 0; i < 4095; i++)
		p[i] = i % 2 ? '/' : '.';
	p[4095] = 0;
	TS_EXPECT_EQ(stat_(p, &st, 0), 0L);
	p[4095] = '.';
	p[4096] = 0;
	TS_EXPECT_EQ(stat_(p, &st, 0), E(ENAMETOOLONG));
	TS_EXPECT_EQ(open_(p, O_RDONLY, 0), E(ENAMETOOLONG));
	TS_EXPECT_EQ(ts_vfs_stat(p, &st), -ENAMETOOLONG);
}

TS_TEST(paths, dirfd_forms)
{
	char buf[64];
	struct stat st;
	long dfd, fd;

	here("dirfd");
	TS_REQUIRE_EQ(mkdir_("d"), 0L);
	dfd = open_("d", O_RDONLY | O_DIRECTORY, 0);
	TS_REQUIRE(dfd >= 0);
	fd = SC(openat, dfd, "f", O_WRONLY | O_CREAT, 0600);
	TS_EXPECT(fd >= 0);
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(stat_("d/f", &st, 0), 0L);
	TS_EXPECT_EQ(SC(mkdirat, dfd, "sub", 0700, 0), 0L);
	TS_EXPECT_EQ(SC(symlinkat, "f", dfd, "lnk", 0), 0L);
	TS_EXPECT_EQ(SC(readlinkat, dfd, "lnk", buf, sizeof(buf)), 1L);
	TS_EXPECT_EQ(SC(newfstatat, dfd, "..", &st, 0), 0L);
	TS_EXPECT_EQ(SC(newfstatat, dfd, "", &st, AT_EMPTY_PATH), 0L);
	TS_EXPECT(S_ISDIR(st.st_mode));
	TS_EXPECT_EQ(SC(newfstatat, dfd, "", &st, 0), E(ENOENT));
	TS_EXPECT_EQ(SC(unlinkat, dfd, "sub", AT_REMOVEDIR, 0), 0L);
	TS_EXPECT_EQ(SC(newfstatat, 999, "f", &st, 0), E(EBADF));
	/* A file as the dirfd: ENOTDIR for a relative path... */
	fd = open_("d/f", O_RDONLY, 0);
	TS_EXPECT_EQ(SC(newfstatat, fd, "x", &st, 0), E(ENOTDIR));
	/* ...which an absolute path ignores. */
	TS_EXPECT_EQ(SC(newfstatat, fd, "/", &st, 0), 0L);
	TS_EXPECT_EQ(SC(newfstatat, fd, "", &st, AT_EMPTY_PATH), 0L);
	TS_EXPECT(S_ISREG(st.st_mode));
	TS_EXPECT_EQ(SC(fchdir, dfd, 0, 0, 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(SC(fchdir, fd, 0, 0, 0), E(ENOTDIR));
	SC(close, fd, 0, 0, 0);
	SC(close, dfd, 0, 0, 0);
}

TS_TEST(paths, o_path_and_cloexec)
{
	char c;
	struct stat st;
	long fd;

	here("opath");
	TS_REQUIRE_EQ(put("f", "x"), 1L);
	fd = open_("f", O_PATH, 0);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(read, fd, &c, 1, 0), E(EBADF));
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_size, 1);
	SC(close, fd, 0, 0, 0);
	TS_REQUIRE_EQ(symlink_("f", "l"), 0L);
	fd = open_("l", O_PATH | O_NOFOLLOW, 0);
	TS_EXPECT(fd >= 0);
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT(S_ISLNK(st.st_mode));
	SC(close, fd, 0, 0, 0);
	fd = open_("f", O_RDONLY | O_CLOEXEC, 0);
	TS_EXPECT_EQ(SC(fcntl, fd, F_GETFD, 0, 0), (long)FD_CLOEXEC);
	SC(close, fd, 0, 0, 0);
	/* Unknown flags are ignored by open, as Linux does. */
	fd = open_("f", O_RDONLY | 0x40000000, 0);
	TS_EXPECT(fd >= 0);
	SC(close, fd, 0, 0, 0);
}

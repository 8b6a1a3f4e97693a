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
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>
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
	struct statfs fs;
	struct ts_file *f;

	TS_REQUIRE_EQ(SC(statfs, "/", &fs, 0, 0), 0L);
	TS_EXPECT_EQ(fs.f_type, 0x858458f6);		/* RAMFS_MAGIC */
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
	/* O_CREAT through a dangling symlink makes its target (not with
	 * O_EXCL: the name exists), relative to the link's directory. */
	TS_EXPECT_EQ(symlink_("made", "d/tomake"), 0L);
	TS_EXPECT_EQ(open_("d/tomake", O_WRONLY | O_CREAT | O_EXCL, 0644),
		     E(EEXIST));
	{
		long fd = open_("d/tomake", O_WRONLY | O_CREAT, 0644);

		TS_EXPECT(fd >= 0);
		SC(close, fd, 0, 0, 0);
	}
	TS_EXPECT_EQ(stat_("d/made", &st, 0), 0L);
	TS_EXPECT(S_ISREG(st.st_mode));
	TS_EXPECT_EQ(open_("loop1", O_WRONLY | O_CREAT, 0644), E(ELOOP));
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

TS_TEST(paths, rename_rules)
{
	char buf[16];
	struct stat a, b;

	here("rename");
	TS_REQUIRE_EQ(put("f", "one"), 3L);
	TS_REQUIRE_EQ(put("g", "two"), 3L);
	TS_REQUIRE_EQ(mkdir_("d"), 0L);
	TS_REQUIRE_EQ(mkdir_("d/sub"), 0L);
	TS_REQUIRE_EQ(mkdir_("e"), 0L);
	TS_REQUIRE_EQ(mkdir_("full"), 0L);
	TS_REQUIRE_EQ(put("full/x", "x"), 1L);
	TS_EXPECT_EQ(stat_("f", &a, 0), 0L);
	/* Over an existing file: it is replaced. */
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "f", AT_FDCWD, "g"), 0L);
	TS_EXPECT_EQ(stat_("f", &b, 0), E(ENOENT));
	TS_EXPECT_EQ(stat_("g", &b, 0), 0L);
	TS_EXPECT_EQ(a.st_ino, b.st_ino);
	TS_EXPECT_EQ(get("g", buf, sizeof(buf)), 3L);
	TS_EXPECT_STREQ(buf, "one");
	TS_EXPECT_EQ(SC5(renameat2, AT_FDCWD, "g", AT_FDCWD, "g", 0), 0L);
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "nothing", AT_FDCWD, "x"),
		     E(ENOENT));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "d", AT_FDCWD, "g"), E(ENOTDIR));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "g", AT_FDCWD, "d"), E(EISDIR));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "d", AT_FDCWD, "d/sub/in"),
		     E(EINVAL));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "d", AT_FDCWD, "d/in"), E(EINVAL));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "e", AT_FDCWD, "full"),
		     E(ENOTEMPTY));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "g/", AT_FDCWD, "h"), E(ENOTDIR));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, ".", AT_FDCWD, "h"), E(EBUSY));
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "g", AT_FDCWD, "/dev/g"),
		     E(EXDEV));
	TS_EXPECT_EQ(SC5(renameat2, AT_FDCWD, "g", AT_FDCWD, "full/x", 1),
		     E(EEXIST));			/* RENAME_NOREPLACE */
	TS_EXPECT_EQ(SC5(renameat2, AT_FDCWD, "g", AT_FDCWD, "k", 8),
		     E(EINVAL));
	/* A directory over an empty one, and ".." follows the move. */
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "d", AT_FDCWD, "e"), 0L);
	TS_EXPECT_EQ(stat_("e/sub", &a, 0), 0L);
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "e/sub", AT_FDCWD, "full/sub"),
		     0L);
	TS_EXPECT_EQ(stat_("full/sub/../x", &a, 0), 0L);
	TS_EXPECT_EQ(stat_("e", &a, 0), 0L);
	TS_EXPECT_EQ(a.st_nlink, 2u);
	TS_EXPECT_EQ(stat_("full", &a, 0), 0L);
	TS_EXPECT_EQ(a.st_nlink, 3u);
}

TS_TEST(paths, hard_links)
{
	char buf[16];
	struct stat st;
	long fd;

	here("link");
	TS_REQUIRE_EQ(put("f", "abc"), 3L);
	TS_REQUIRE_EQ(mkdir_("d"), 0L);
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "f", AT_FDCWD, "g", 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_nlink, 2u);
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "f", AT_FDCWD, "g", 0), E(EEXIST));
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "d", AT_FDCWD, "d2", 0), E(EPERM));
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "f", AT_FDCWD, "/dev/f", 0),
		     E(EXDEV));
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "none", AT_FDCWD, "n", 0),
		     E(ENOENT));
	/* An unlinked file lives on while it is open. */
	fd = open_("f", O_RDONLY, 0);
	TS_EXPECT_EQ(unlink_("f", 0), 0L);
	TS_EXPECT_EQ(unlink_("g", 0), 0L);
	TS_EXPECT_EQ(SC(fstat, fd, &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_nlink, 0u);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 3L);
	SC(close, fd, 0, 0, 0);
	/* AT_SYMLINK_FOLLOW links the target, without it the link. */
	TS_REQUIRE_EQ(put("t", "x"), 1L);
	TS_REQUIRE_EQ(symlink_("t", "s"), 0L);
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "s", AT_FDCWD, "s2", 0), 0L);
	TS_EXPECT_EQ(stat_("s2", &st, AT_SYMLINK_NOFOLLOW), 0L);
	TS_EXPECT(S_ISLNK(st.st_mode));
	TS_EXPECT_EQ(SC5(linkat, AT_FDCWD, "s", AT_FDCWD, "t2",
			 AT_SYMLINK_FOLLOW), 0L);
	TS_EXPECT_EQ(stat_("t2", &st, AT_SYMLINK_NOFOLLOW), 0L);
	TS_EXPECT(S_ISREG(st.st_mode));
	TS_EXPECT_EQ(st.st_nlink, 2u);
}

/* A ramfs mounted at run time: its own st_dev, ".." out of it back to
 * the covering tree, EBUSY while used, gone after umount2. */
TS_TEST(paths, mount_and_umount)
{
	struct stat a, b, c;
	long fd;

	here("mnt");
	TS_REQUIRE_EQ(mkdir_("m"), 0L);
	TS_REQUIRE_EQ(put("m/under", "u"), 1L);
	TS_EXPECT_EQ(SC5(mount, "none", "m", "ramfs", 0, 0), 0L);
	TS_EXPECT_EQ(stat_("m/under", &a, 0), E(ENOENT));
	TS_EXPECT_EQ(put("m/over", "o"), 1L);
	TS_EXPECT_EQ(stat_("m", &a, 0), 0L);
	TS_EXPECT_EQ(stat_(".", &b, 0), 0L);
	TS_EXPECT_NE(a.st_dev, b.st_dev);
	TS_EXPECT_EQ(stat_("m/..", &c, 0), 0L);
	TS_EXPECT_EQ(c.st_ino, b.st_ino);
	TS_EXPECT_EQ(c.st_dev, b.st_dev);
	TS_EXPECT_EQ(SC(renameat, AT_FDCWD, "m/over", AT_FDCWD, "over"),
		     E(EXDEV));
	TS_EXPECT_EQ(SC5(mount, "none", "m", "nosuchfs", 0, 0), E(ENODEV));
	TS_EXPECT_EQ(SC5(mount, "none", "m/over", "ramfs", 0, 0), E(ENOTDIR));
	/* Read-only remount. */
	TS_EXPECT_EQ(SC5(mount, "none", "m", 0, MS_REMOUNT | MS_RDONLY, 0),
		     0L);
	TS_EXPECT_EQ(put("m/ro", "x"), E(EROFS));
	TS_EXPECT_EQ(mkdir_("m/rod"), E(EROFS));
	fd = open_("m/over", O_RDONLY, 0);
	TS_EXPECT(fd >= 0);
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(open_("m/over", O_WRONLY, 0), E(EROFS));
	TS_EXPECT_EQ(SC5(mount, "none", "m", 0, MS_REMOUNT, 0), 0L);
	fd = open_("m/over", O_RDONLY, 0);
	TS_EXPECT_EQ(SC(umount2, "m", 0, 0, 0), E(EBUSY));
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(SC(chdir, "m", 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(umount2, "/paths-tests/mnt/m", 0, 0, 0), E(EBUSY));
	TS_EXPECT_EQ(SC(chdir, "..", 0, 0, 0), 0L);
	TS_EXPECT_EQ(unlink_("m", AT_REMOVEDIR), E(EBUSY));
	TS_EXPECT_EQ(SC(umount2, "m", 0, 0, 0), 0L);
	TS_EXPECT_EQ(stat_("m/under", &a, 0), 0L);
	TS_EXPECT_EQ(SC(umount2, "m", 0, 0, 0), E(EINVAL));
	TS_EXPECT_EQ(SC(umount2, "/", 0, 0, 0), E(EBUSY));
	TS_EXPECT_EQ(SC(umount2, "m", 0x100, 0, 0), E(EINVAL));
}

TS_TEST(paths, attributes)
{
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 7 } };
	struct stat st;
	long fd, old;

	here("attr");
	TS_REQUIRE_EQ(put("f", "12345"), 5L);
	TS_EXPECT_EQ(SC(fchmodat, AT_FDCWD, "f", 04751, 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFREG | 04751));
	TS_EXPECT_EQ(SC5(fchownat, AT_FDCWD, "f", 12, 34, 0), 0L);
	TS_EXPECT_EQ(SC5(fchownat, AT_FDCWD, "f", -1, 56, 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_uid, 12u);
	TS_EXPECT_EQ(st.st_gid, 56u);
	TS_EXPECT_EQ(SC(utimensat, AT_FDCWD, "f", ts, 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_atim.tv_sec, 1000);
	TS_EXPECT_EQ(st.st_mtim.tv_nsec, 7);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	TS_EXPECT_EQ(SC(utimensat, AT_FDCWD, "f", ts, 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_atim.tv_sec, 1000);
	TS_EXPECT_NE(st.st_mtim.tv_sec, 2000);
	ts[1].tv_nsec = 1000000000;
	TS_EXPECT_EQ(SC(utimensat, AT_FDCWD, "f", ts, 0), E(EINVAL));
	/* umask applies to new files and directories. */
	old = SC(umask, 077, 0, 0, 0);
	TS_EXPECT_EQ(old, 022L);
	TS_EXPECT_EQ(put("private", "p"), 1L);
	TS_EXPECT_EQ(stat_("private", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_mode & 0777, 0600u);
	TS_EXPECT_EQ(mkdir_("pdir"), 0L);
	TS_EXPECT_EQ(stat_("pdir", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_mode & 0777, 0700u);
	TS_EXPECT_EQ(SC(umask, old, 0, 0, 0), 077L);
	/* truncate, both ways. */
	TS_EXPECT_EQ(SC(truncate, "f", 2, 0, 0), 0L);
	TS_EXPECT_EQ(stat_("f", &st, 0), 0L);
	TS_EXPECT_EQ(st.st_size, 2);
	TS_EXPECT_EQ(SC(truncate, "f", -1, 0, 0), E(EINVAL));
	TS_EXPECT_EQ(SC(truncate, ".", 0, 0, 0), E(EISDIR));
	fd = open_("f", O_RDONLY, 0);
	TS_EXPECT_EQ(SC(ftruncate, fd, 0, 0, 0), E(EINVAL));
	SC(close, fd, 0, 0, 0);
	/* access: root may read and write anything, run what has an x. */
	TS_EXPECT_EQ(SC(faccessat, AT_FDCWD, "f", R_OK | W_OK | X_OK, 0), 0L);
	TS_EXPECT_EQ(SC(faccessat, AT_FDCWD, "private", X_OK, 0), E(EACCES));
	TS_EXPECT_EQ(SC(faccessat, AT_FDCWD, "private", R_OK | W_OK, 0), 0L);
	TS_EXPECT_EQ(SC(faccessat, AT_FDCWD, "none", F_OK, 0), E(ENOENT));
	TS_EXPECT_EQ(SC(faccessat, AT_FDCWD, "f", 8, 0), E(EINVAL));
	TS_EXPECT_EQ(SC(faccessat2, AT_FDCWD, "f", R_OK, AT_EACCESS), 0L);
}

/* Linux's struct statx, written out from the kernel's uapi here as a
 * check of lib/vfs's own copy (musl of this version has none). */
struct statx_check {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, pad1;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct { int64_t sec; uint32_t nsec; int32_t pad; } t[4];
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};

TS_TEST(paths, statx_and_statfs)
{
	struct statx_check x;
	struct statfs fs;
	struct stat st;

	TS_REQUIRE_EQ(stat_("/dev/zero", &st, 0), 0L);
	TS_EXPECT_EQ(SC5(statx, AT_FDCWD, "/dev/zero", 0, 0x7ff, &x), 0L);
	TS_EXPECT_EQ(x.stx_ino, st.st_ino);
	TS_EXPECT_EQ(x.stx_mode, st.st_mode);
	TS_EXPECT_EQ(x.stx_rdev_major, 1u);
	TS_EXPECT_EQ(x.stx_rdev_minor, 5u);
	TS_EXPECT_EQ(x.stx_dev_minor, (unsigned)minor(st.st_dev));
	TS_EXPECT_EQ(SC5(statx, AT_FDCWD, "/none", 0, 0x7ff, &x), E(ENOENT));
	TS_EXPECT_EQ(SC5(statx, AT_FDCWD, "/", 0, 0x7ff, BAD_PTR), E(EFAULT));
	TS_EXPECT_EQ(SC5(statx, AT_FDCWD, "/", 0, 0x80000000, &x), E(EINVAL));
	TS_EXPECT_EQ(SC(statfs, "/", &fs, 0, 0), 0L);
	TS_EXPECT_EQ(fs.f_namelen, 255);
	TS_EXPECT_EQ(fs.f_type, 0x858458f6);		/* RAMFS_MAGIC */
	TS_EXPECT_EQ(SC(statfs, "/dev", &fs, 0, 0), 0L);
	TS_EXPECT_EQ(fs.f_type, 0x01021994);		/* TMPFS_MAGIC */
	TS_EXPECT_EQ(SC(statfs, "/none", &fs, 0, 0), E(ENOENT));
	TS_EXPECT_EQ(SC(fstatfs, 1, &fs, 0, 0), 0L);
	TS_EXPECT_EQ(SC(fstatfs, 99, &fs, 0, 0), E(EBADF));
	TS_EXPECT_EQ(SC(sync, 0, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(syncfs, 1, 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(syncfs, 99, 0, 0, 0), E(EBADF));
}

TS_TEST(paths, fadvise)
{
	long fd;

	here("fadvise");
	fd = open_("f", O_RDWR | O_CREAT, 0644);
	TS_EXPECT_EQ(SC(fadvise64, fd, 0, 100, 4), 0L);	/* DONTNEED */
	TS_EXPECT_EQ(SC(fadvise64, fd, 0, 100, 9), E(EINVAL));
	TS_EXPECT_EQ(SC(fadvise64, fd, 0, -1, 0), E(EINVAL));
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(SC(fadvise64, fd, 0, 0, 0), E(EBADF));
}

/* The kernel's own path calls (the initrd's and 9pfs's). */
TS_TEST(paths, kernel_api)
{
	struct ts_file *f;
	struct stat st;
	char buf[8];

	TS_EXPECT_EQ(ts_vfs_mkdir("/paths-tests", 0755) == 0 ||
		     ts_vfs_mkdir("/paths-tests", 0755) == -EEXIST, 1);
	TS_EXPECT_EQ(ts_vfs_mkdir("/paths-tests/k", 0777), 0);
	TS_EXPECT_EQ(ts_vfs_stat("/paths-tests/k", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFDIR | 0777));	/* no umask */
	TS_EXPECT_EQ(ts_vfs_write_file("/paths-tests/k/f", "kernel", 6, 0666),
		     0);
	TS_EXPECT_EQ(ts_vfs_stat("/paths-tests/k/f", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFREG | 0666));
	TS_EXPECT_EQ(ts_vfs_symlink("f", "/paths-tests/k/l"), 0);
	TS_EXPECT_EQ(ts_vfs_stat("/paths-tests/k/l", &st), 0);
	TS_EXPECT_EQ(st.st_size, 6);
	TS_REQUIRE_EQ(ts_vfs_open("/paths-tests/k/l", O_RDONLY, 0, &f), 0);
	TS_EXPECT_EQ(ts_vfs_read(f, buf, sizeof(buf)), 6L);
	TS_EXPECT_STREQ(f->path, "/paths-tests/k/f");
	ts_file_put(f);
	TS_EXPECT_EQ(ts_vfs_unlink("/paths-tests/k/l"), 0);
	TS_EXPECT_EQ(ts_vfs_unlink("/paths-tests/k/l"), -ENOENT);
	TS_EXPECT_EQ(ts_vfs_mount("none", "/paths-tests/k", "ramfs", 0, NULL),
		     0);
	TS_EXPECT_EQ(ts_vfs_stat("/paths-tests/k/f", &st), -ENOENT);
	TS_EXPECT_EQ(ts_vfs_umount("/paths-tests/k"), 0);
	TS_EXPECT_EQ(ts_vfs_stat("/paths-tests/k/f", &st), 0);
}

/* vfs.mount on the command line (the case boots with
 * vfs.mount=ramfs:cmdline:/mnt/cmd): a mount of its own there. */
TS_TEST(paths, command_line_mount)
{
	struct stat a, b;

	if (ts_vfs_stat("/mnt/cmd", &a))
		TS_SKIP("booted without vfs.mount=ramfs:cmdline:/mnt/cmd");
	TS_REQUIRE_EQ(ts_vfs_stat("/mnt", &b), 0);
	TS_EXPECT_NE(a.st_dev, b.st_dev);
	TS_EXPECT_EQ(ts_vfs_write_file("/mnt/cmd/f", "x", 1, 0644), 0);
}

#ifdef TS_SYSCALL_LEGACY_CALLS
/* x86_64's calls without a dirfd, which musl uses there. */
TS_TEST(paths, legacy_calls)
{
	char buf[32];
	struct stat st;
	long fd;

	here("legacy");
	fd = SC(creat, "f", 0644, 0, 0);
	TS_REQUIRE(fd >= 0);
	TS_EXPECT_EQ(SC(write, fd, "abc", 3, 0), 3L);
	SC(close, fd, 0, 0, 0);
	fd = SC(open, "f", O_RDONLY, 0, 0);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf), 0), 3L);
	SC(close, fd, 0, 0, 0);
	TS_EXPECT_EQ(SC(stat, "f", &st, 0, 0), 0L);
	TS_EXPECT_EQ(st.st_size, 3);
	TS_EXPECT_EQ(SC(mkdir, "d", 0755, 0, 0), 0L);
	TS_EXPECT_EQ(SC(symlink, "f", "l", 0, 0), 0L);
	TS_EXPECT_EQ(SC(lstat, "l", &st, 0, 0), 0L);
	TS_EXPECT(S_ISLNK(st.st_mode));
	TS_EXPECT_EQ(SC(readlink, "l", buf, sizeof(buf), 0), 1L);
	TS_EXPECT_EQ(SC(access, "f", R_OK, 0, 0), 0L);
	TS_EXPECT_EQ(SC(chmod, "f", 0600, 0, 0), 0L);
	TS_EXPECT_EQ(SC(chown, "f", 1, 2, 0), 0L);
	TS_EXPECT_EQ(SC(lchown, "l", 3, 4, 0), 0L);
	TS_EXPECT_EQ(SC(link, "f", "g", 0, 0), 0L);
	TS_EXPECT_EQ(SC(rename, "g", "d/g", 0, 0), 0L);
	TS_EXPECT_EQ(SC(unlink, "d/g", 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(rmdir, "d", 0, 0, 0), 0L);
	TS_EXPECT_EQ(SC(rmdir, "f", 0, 0, 0), E(ENOTDIR));
	TS_EXPECT_EQ(SC(stat, "d", &st, 0, 0), E(ENOENT));
}
#endif

/* The initrd unpacked (suite initrd, with LIB_INITRD_UNPACK): what
 * tests/image/cases_initrd.py packs and hands over (etc/hello.txt,
 * etc/link -> hello.txt, etc/deep 0750 holding er/data.bin), read back
 * through the system calls a program uses: contents, sizes, permission
 * bits, the symlink and its target. Skipped in an image booted without
 * an initrd. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/plat/initrd.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)

static const char HELLO[] = "hello from the initrd\n";

static void need_initrd(void)
{
	struct ts_plat_initrd rd;

	if (ts_plat_initrd(&rd))
		TS_SKIP("booted without an initrd");
}

/* The whole file at path into buf (at most max bytes): its length. */
static long slurp(const char *path, void *buf, size_t max)
{
	long fd = SC(openat, AT_FDCWD, path, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return fd;
	while ((n = SC(read, fd, (char *)buf + got, max - (size_t)got, 0)) > 0)
		got += n;
	SC(close, fd, 0, 0, 0);
	return n < 0 ? n : got;
}

static int lstat_of(const char *path, struct stat *st)
{
	return (int)SC(newfstatat, AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

TS_TEST(initrd, file_contents_and_mode)
{
	char buf[64];
	struct stat st;

	need_initrd();
	TS_EXPECT_EQ(slurp("/etc/hello.txt", buf, sizeof(buf)),
		     (long)strlen(HELLO));
	TS_EXPECT(!memcmp(buf, HELLO, strlen(HELLO)));
	TS_REQUIRE_EQ(lstat_of("/etc/hello.txt", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFREG | 0640));
	TS_EXPECT_EQ(st.st_size, (long)strlen(HELLO));
}

TS_TEST(initrd, nested_file_of_several_pages)
{
	static uint8_t buf[8192];
	struct stat st;
	int bad = -1;

	need_initrd();
	TS_REQUIRE_EQ(slurp("/etc/deep/er/data.bin", buf, sizeof(buf)), 5000);
	for (int i = 0; i < 5000 && bad < 0; i++)
		if (buf[i] != (uint8_t)((i * 7 + 1) % 251 + 1))
			bad = i;
	TS_EXPECT_EQ(bad, -1);
	/* 0664: the group's write bit, which the umask (022) would have
	 * taken away. */
	TS_REQUIRE_EQ(lstat_of("/etc/deep/er/data.bin", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFREG | 0664));
}

TS_TEST(initrd, directories_keep_their_modes)
{
	struct stat st;

	need_initrd();
	TS_REQUIRE_EQ(lstat_of("/etc", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFDIR | 0755));
	TS_REQUIRE_EQ(lstat_of("/etc/deep", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFDIR | 0750));
	TS_REQUIRE_EQ(lstat_of("/etc/deep/er", &st), 0);
	TS_EXPECT_EQ(st.st_mode, (unsigned)(S_IFDIR | 0755));
}

TS_TEST(initrd, symlink_and_its_target)
{
	char buf[64];
	struct stat st;
	long n;

	need_initrd();
	TS_REQUIRE_EQ(lstat_of("/etc/link", &st), 0);
	TS_EXPECT(S_ISLNK(st.st_mode));
	n = SC(readlinkat, AT_FDCWD, "/etc/link", buf, sizeof(buf));
	TS_REQUIRE_EQ(n, 9);
	TS_EXPECT(!memcmp(buf, "hello.txt", 9));
	/* Followed, it is the file. */
	TS_EXPECT_EQ(slurp("/etc/link", buf, sizeof(buf)), (long)strlen(HELLO));
	TS_EXPECT(!memcmp(buf, HELLO, strlen(HELLO)));
}

TS_TEST(initrd, nothing_else_at_the_top)
{
	struct stat st;

	need_initrd();
	/* The corrupt archive's third entry never arrives; the good
	 * archive has no such file either. */
	TS_EXPECT_EQ(lstat_of("/etc/lost", &st), -ENOENT);
}

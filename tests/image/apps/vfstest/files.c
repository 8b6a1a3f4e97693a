/* A C program's view of files (suite files): musl's stdio, dirent and
 * unistd functions on ramfs and /dev, the whole way from the C library
 * through the system calls to the file system. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ts/test.h>

/* The suite's folder, whichever test runs first. */
static void base(void)
{
	TS_REQUIRE(mkdir("/files-tests", 0755) == 0 || errno == EEXIST);
}

TS_TEST(files, stdio_write_then_read)
{
	char line[64];
	FILE *f;

	base();
	f = fopen("/files-tests/config.txt", "w");
	TS_REQUIRE(f != NULL);
	for (int i = 0; i < 100; i++)
		TS_EXPECT(fprintf(f, "key%d = %d\n", i, i * i) > 0);
	TS_EXPECT_EQ(fclose(f), 0);
	f = fopen("/files-tests/config.txt", "r");
	TS_REQUIRE(f != NULL);
	for (int i = 0; i < 100; i++) {
		int k, v;

		TS_REQUIRE(fgets(line, sizeof(line), f) != NULL);
		TS_EXPECT_EQ(sscanf(line, "key%d = %d", &k, &v), 2);
		TS_EXPECT_EQ(v, i * i);
	}
	TS_EXPECT(fgets(line, sizeof(line), f) == NULL);
	TS_EXPECT(feof(f));
	TS_EXPECT_EQ(fclose(f), 0);
	f = fopen("/files-tests/config.txt", "a+");
	TS_EXPECT_EQ(fputs("last\n", f) >= 0, 1);
	TS_EXPECT_EQ(fseek(f, -5, SEEK_END), 0);
	TS_EXPECT(fgets(line, sizeof(line), f) != NULL);
	TS_EXPECT_STREQ(line, "last\n");
	fclose(f);
	errno = 0;
	TS_EXPECT(fopen("/files-tests/none/x", "r") == NULL);
	TS_EXPECT_EQ(errno, ENOENT);
}

TS_TEST(files, directories)
{
	char cwd[PATH_MAX], real[PATH_MAX];
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int n = 0, seen_a = 0, seen_sub = 0;

	base();
	TS_REQUIRE_EQ(mkdir("/files-tests/dir", 0755), 0);
	TS_REQUIRE_EQ(chdir("/files-tests/dir"), 0);
	TS_EXPECT(getcwd(cwd, sizeof(cwd)) != NULL);
	TS_EXPECT_STREQ(cwd, "/files-tests/dir");
	TS_EXPECT_EQ(mkdir("sub", 0700), 0);
	fclose(fopen("a", "w"));
	TS_EXPECT_EQ(symlink("sub", "lnk"), 0);
	TS_EXPECT(realpath("lnk/../a", real) != NULL);
	TS_EXPECT_STREQ(real, "/files-tests/dir/a");
	dir = opendir(".");
	TS_REQUIRE(dir != NULL);
	while ((d = readdir(dir))) {
		n++;
		if (!strcmp(d->d_name, "a"))
			seen_a = d->d_type == DT_REG;
		if (!strcmp(d->d_name, "sub"))
			seen_sub = d->d_type == DT_DIR;
	}
	TS_EXPECT_EQ(closedir(dir), 0);
	TS_EXPECT_EQ(n, 5);		/* ., .., sub, a, lnk */
	TS_EXPECT(seen_a && seen_sub);
	TS_EXPECT_EQ(stat("sub", &st), 0);
	TS_EXPECT(S_ISDIR(st.st_mode));
	TS_EXPECT_EQ(st.st_mode & 0777, 0700u);
	TS_EXPECT_EQ(lstat("lnk", &st), 0);
	TS_EXPECT(S_ISLNK(st.st_mode));
	TS_EXPECT_EQ(rename("a", "sub/b"), 0);
	TS_EXPECT_EQ(access("sub/b", F_OK), 0);
	TS_EXPECT_EQ(rmdir("sub"), -1);
	TS_EXPECT_EQ(errno, ENOTEMPTY);
	TS_EXPECT_EQ(unlink("sub/b"), 0);
	TS_EXPECT_EQ(rmdir("sub"), 0);
	TS_EXPECT_EQ(remove("lnk"), 0);
	TS_EXPECT_EQ(chdir("/"), 0);
}

TS_TEST(files, devices_and_descriptors)
{
	unsigned char buf[16] = { 1 };
	FILE *f = fopen("/dev/urandom", "rb");
	int fd;

	base();
	TS_REQUIRE(f != NULL);
	TS_EXPECT_EQ(fread(buf, 1, sizeof(buf), f), sizeof(buf));
	fclose(f);
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	TS_EXPECT(fd >= 3);
	TS_EXPECT_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	TS_EXPECT_EQ(close(fd), 0);
	fd = open("/files-tests/ftr", O_RDWR | O_CREAT | O_EXCL, 0600);
	TS_EXPECT_EQ(ftruncate(fd, 10000), 0);
	TS_EXPECT_EQ(lseek(fd, 0, SEEK_END), 10000);
	close(fd);
	TS_EXPECT_EQ(truncate("/files-tests/ftr", 10), 0);
	TS_EXPECT_EQ(umask(022), 022u);
	f = fopen("/dev/console", "w");
	TS_REQUIRE(f != NULL);
	fprintf(f, "files-test: %s through musl's stdio\n", "/dev/console");
	fclose(f);
}

/* What debugging shows of descriptors (suite vfsdebug): the line
 * `monitor fds` prints for a file (fdinfo.c), and a run that leaves two
 * descriptors of one file open at vfs_debug_checkpoint(), where
 * tests/gdb/test_stub.py stops to compare GDB's `ts fds` with the
 * stub's `monitor fds`; the same run with trace.on=vfs_* records the
 * tracepoints that tests/image/cases_vfs.py decodes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/vfs.h>
#include <ts/vfs_trace.h>
#include "fdinfo.h"

#define SC(name, a, b, c)                                                   \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* Longer than a trace record holds (32 characters): the record keeps
 * "..." and the tail. */
#define LONG_PATH "/vfsdebug/a-file-with-a-rather-long-name.txt"

static char data[16];
static int64_t size;

static long dbg_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	size_t n = *pos >= size ? 0 : (size_t)(size - *pos);

	(void)f;
	n = n < len ? n : len;
	memcpy(buf, data + *pos, n);
	*pos += (int64_t)n;
	return (long)n;
}

static long dbg_write(struct ts_file *f, const void *buf, size_t len,
		      int64_t *pos)
{
	(void)f;
	if (*pos + (int64_t)len > (int64_t)sizeof(data))
		return -ENOSPC;
	memcpy(data + *pos, buf, len);
	*pos += (int64_t)len;
	size = *pos > size ? *pos : size;
	return (long)len;
}

static const struct ts_file_ops dbg_fops = {
	.read = dbg_read,
	.write = dbg_write,
	.seek = ts_file_seek_default,
};

/* Where GDB stops with the descriptors open (noinline: a breakpoint
 * needs the function). */
__attribute__((noinline)) void vfs_debug_checkpoint(int fd, int dup)
{
	__asm__ volatile("" : : "r"(fd), "r"(dup) : "memory");
}

TS_TEST(vfsdebug, fds_shown_and_traced)
{
	struct ts_file *f = ts_file_new(&dbg_fops, NULL, TS_O_RDWR, LONG_PATH);
	char buf[8], line[128];
	int fd, dup;

	TS_EXPECT_NE(f, NULL);
	if (!f)
		return;
	/* What openat does: a descriptor for the file, then the record. */
	fd = ts_fd_install(f, 10, TS_FD_CLOEXEC);
	ts_file_put(f);
	TS_EXPECT_EQ(fd, 10);
	ts_vfs_trace_open(LONG_PATH, O_RDWR | O_CREAT | O_CLOEXEC, fd);
	ts_vfs_trace_open("/vfsdebug/missing", O_RDONLY, -ENOENT);

	TS_EXPECT_EQ(SC(write, fd, "hello", 5), 5);
	TS_EXPECT_EQ(SC(read, fd, buf, sizeof(buf)), 0);	/* at the end */
	TS_EXPECT_EQ(SC(lseek, fd, 1, SEEK_SET), 1);
	TS_EXPECT_EQ(SC(read, fd, buf, 3), 3);
	dup = (int)SC(fcntl, fd, F_DUPFD, 20);
	TS_EXPECT_EQ(dup, 20);
	TS_EXPECT_EQ(SC(fcntl, dup, F_SETFL, O_APPEND | O_NONBLOCK), 0);
	TS_EXPECT_EQ(SC(read, 99, buf, 1), -EBADF);

	f = ts_fd_get(fd);
	TS_EXPECT_NE(f, NULL);
	if (f) {
		/* Two descriptors and this reference share the file. */
		vfs_fdinfo_line(line, sizeof(line), fd, f, TS_FD_CLOEXEC);
		TS_EXPECT_STREQ(line, "  10 cloexec  rw              4    3 "
				"-        append,nonblock  ");
		f->flags |= 0x40000000;	/* no name: shown in octal */
		vfs_fdinfo_line(line, sizeof(line), dup, f, 0);
		TS_EXPECT_STREQ(line, "  20 -        rw              4    3 "
				"-        append,nonblock,010000000000 ");
		f->flags &= ~0x40000000u;
		ts_file_put(f);
	}
	f = ts_fd_get(1);
	TS_EXPECT_NE(f, NULL);
	if (f) {
		vfs_fdinfo_line(line, sizeof(line), 1, f, 0);
		TS_EXPECT(!strncmp(line, "   1 -        rw              0 ",
				   32));
		TS_EXPECT(strstr(line, " console  -  ") != NULL);
		ts_file_put(f);
	}

	vfs_debug_checkpoint(fd, dup);
	TS_EXPECT_EQ(SC(close, dup, 0, 0), 0);
	TS_EXPECT_EQ(SC(close, fd, 0, 0), 0);
	TS_EXPECT_EQ(SC(close, fd, 0, 0), -EBADF);
}

/* What debugging shows of descriptors (suite vfsdebug): the line
 * `monitor fds` prints for a file (fdinfo.c), and a run that leaves two
 * descriptors of one file open at vfs_debug_checkpoint(), where
 * tests/gdb/test_stub.py stops to compare GDB's `ts fds` with the
 * stub's `monitor fds`; the same run with trace.on=vfs_* records the
 * tracepoints that tests/image/cases_vfs.py decodes; and the calls on
 * pipes and epoll that syscall.trace=1 decodes there (with lib/events
 * in the image: the structures pollfd, epoll_event, stat, the pipe's
 * descriptors). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <time.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/vfs.h>
#include "fdinfo.h"

#define SC(name, a, b, c)                                                   \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC6(name, a, b, c, d, e, f)                                         \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e), (long)(f))

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
	/* A file of our own at a descriptor of our choosing (openat takes
	 * the lowest), as openat would install it. */
	fd = ts_fd_install(f, 10, TS_FD_CLOEXEC);
	ts_file_put(f);
	TS_EXPECT_EQ(fd, 10);

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
#ifdef CONFIG_LIB_RAMFS
	/* The open calls' record (vfs_open): a path that is not there,
	 * and a file created on the root (ramfs), written and removed. */
	TS_EXPECT_EQ(SC6(openat, AT_FDCWD, "/vfsdebug-missing/x", O_RDONLY, 0,
			 0, 0), -ENOENT);
	TS_EXPECT_EQ(SC(mkdirat, AT_FDCWD, "/vfsdebug", 0755), 0);
	fd = (int)SC6(openat, AT_FDCWD, LONG_PATH,
		      O_RDWR | O_CREAT | O_CLOEXEC, 0644, 0, 0);
	TS_EXPECT_GE(fd, 0);
	TS_EXPECT_EQ(SC(write, fd, "hi", 2), 2);
	TS_EXPECT_EQ(SC(close, fd, 0, 0), 0);
	TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, LONG_PATH, 0), 0);
	TS_EXPECT_EQ(SC(unlinkat, AT_FDCWD, "/vfsdebug", AT_REMOVEDIR), 0);
#endif
}

/* For syscall.trace=1's decoding (the lines tests/image/cases_vfs.py
 * expects): a pipe with a byte in it, polled and waited on. */
TS_TEST(vfsdebug, pipe_poll_epoll_calls)
{
#ifdef CONFIG_LIB_EVENTS
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET,
				  .data.u64 = 0x1234 }, out[4];
	struct timespec zero = { 0, 0 };
	struct pollfd pf;
	struct stat st;
	int p[2], ep;

	TS_EXPECT_EQ(SC(pipe2, p, O_CLOEXEC, 0), 0);
	TS_EXPECT_EQ(SC(write, p[1], "x", 1), 1);
	ep = (int)SC(epoll_create1, EPOLL_CLOEXEC, 0, 0);
	TS_EXPECT_GE(ep, 0);
	TS_EXPECT_EQ(SC6(epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev, 0, 0), 0);
	TS_EXPECT_EQ(SC6(epoll_pwait, ep, out, 4, 0, NULL, 8), 1);
	pf.fd = p[0], pf.events = POLLIN, pf.revents = 0;
	TS_EXPECT_EQ(SC6(ppoll, &pf, 1, &zero, NULL, 8, 0), 1);
	TS_EXPECT_EQ(SC(fstat, p[0], &st, 0), 0);
	TS_EXPECT(S_ISFIFO(st.st_mode));
	TS_EXPECT_EQ(SC(close, ep, 0, 0), 0);
	TS_EXPECT_EQ(SC(close, p[0], 0, 0), 0);
	TS_EXPECT_EQ(SC(close, p[1], 0, 0), 0);
#endif
}

/* write and writev on the console's descriptors, 1 and 2, until a VFS
 * gives descriptors files. The app's buffers are read through the
 * architecture's fault-safe copy: a bad pointer is -EFAULT, as on
 * Linux, not a crash of the kernel. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/debug.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>

/* Linux's limit: a count that fits a signed size. */
#define SSIZE_LIMIT ((size_t)INTPTR_MAX)

static int console_fd(long fd)
{
	return fd == 1 || fd == 2;
}

/* Copy len bytes from the app to the console, a chunk at a time. The
 * bytes written, or -EFAULT when the first byte cannot be read (Linux's
 * rule: a partial write counts what it wrote). */
static long console_put(unsigned long addr, size_t len)
{
	char chunk[128];
	size_t done = 0;

	while (done < len) {
		size_t n = len - done < sizeof(chunk) ? len - done :
							sizeof(chunk);
		long got = ts_arch_mem_read_safe(addr + done, chunk, n);

		if (got <= 0)
			return done ? (long)done : -EFAULT;
		ts_plat_console_write(chunk, (size_t)got);
		done += (size_t)got;
		if ((size_t)got < n)
			break;
	}
	return (long)done;
}

static long sys_write(long fd, long buf, long len, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	if (!console_fd(fd))
		return -EBADF;
	if ((size_t)len > SSIZE_LIMIT)
		return -EINVAL;
	return console_put((unsigned long)buf, (size_t)len);
}
TS_SYSCALL(write, sys_write);

struct iovec_abi {
	unsigned long base;
	size_t len;
};

static long sys_writev(long fd, long iov, long cnt, long d, long e, long f)
{
	struct iovec_abi v;
	long done = 0, r;

	(void)d, (void)e, (void)f;
	if (!console_fd(fd))
		return -EBADF;
	/* Linux checks every vector before it writes any; the buffers are
	 * read safely as they are written. */
	if ((r = ts_syscall_user_iov((unsigned long)iov, cnt, 0)))
		return r;
	for (long i = 0; i < cnt; i++) {
		ts_arch_mem_read_safe((unsigned long)iov + i * sizeof(v), &v,
				      sizeof(v));
		if (!v.len)
			continue;
		r = console_put(v.base, v.len);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < v.len)
			break;
	}
	return done;
}
TS_SYSCALL(writev, sys_writev);

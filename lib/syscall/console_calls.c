/* read and ioctl on the console's descriptors without lib/vfs (with it,
 * the descriptors are files of /dev/console and lib/vfs serves these
 * calls): read on 0, ioctl on 0-2; every other descriptor is -EBADF.
 * The program's buffer is checked before the terminal fills it. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/syscall.h>

#define SSIZE_LIMIT	((size_t)INTPTR_MAX)

static long sys_read(long fd, long buf, long len, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	if (fd != 0)
		return -EBADF;
	if ((size_t)len > SSIZE_LIMIT)
		return -EINVAL;
	if (ts_syscall_user_ok((unsigned long)buf, (size_t)len))
		return -EFAULT;
	return ts_syscall_console_read((char *)buf, (size_t)len);
}
TS_SYSCALL(read, sys_read);

static long sys_ioctl(long fd, long req, long arg, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	if (fd < 0 || fd > 2)
		return -EBADF;
	return ts_syscall_console_ioctl((unsigned long)req, (unsigned long)arg);
}
TS_SYSCALL(ioctl, sys_ioctl);

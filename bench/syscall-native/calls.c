/* Tree side of bench/syscall-native: getpid and write registered with
 * TS_SYSCALL() as lib/syscall's identity.c and console.c register
 * theirs, which a host build leaves out (they copy through the
 * architecture's fault-safe access). Stand-ins of the same shape:
 * getpid returns the one pid, write checks the descriptor and the
 * length as console.c does and, for the zero bytes the loops write,
 * returns before any copy. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/syscall.h>

static long sys_getpid(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	return 1;
}
TS_SYSCALL(getpid, sys_getpid);

static long sys_write(long fd, long buf, long len, long d, long e, long f)
{
	(void)buf, (void)d, (void)e, (void)f;
	if (fd != 1 && fd != 2)
		return -EBADF;
	if ((size_t)len > (size_t)INTPTR_MAX)
		return -EINVAL;
	if (len)
		return -ENOSPC;	/* the loops write no byte */
	return 0;
}
TS_SYSCALL(write, sys_write);

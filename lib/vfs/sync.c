/* Calls that ask for nothing a file system in memory has to do, with
 * Linux's checks of their arguments: sync, syncfs, fadvise64. A file
 * system with a backing store flushes through its files' fsync. */
#include <errno.h>
#include <ts/syscall.h>
#include "path.h"

static long sys_sync(long a, long b, long c, long d, long e, long f)
{
	(void)a, (void)b, (void)c, (void)d, (void)e, (void)f;
	return 0;
}
TS_SYSCALL(sync, sys_sync);

static long sys_syncfs(long fd, long b, long c, long d, long e, long f)
{
	struct ts_file *fl = ts_fd_get((int)fd);
	long r;

	(void)b, (void)c, (void)d, (void)e, (void)f;
	if (!fl)
		return -EBADF;
	r = fl->ops->fsync && fl->node ? fl->ops->fsync(fl) : 0;
	ts_file_put(fl);
	return r;
}
TS_SYSCALL(syncfs, sys_syncfs);

/* Advice 0-5 (POSIX_FADV_NORMAL ... NOREUSE); ESPIPE on a pipe. */
static long sys_fadvise64(long fd, long off, long len, long advice, long e,
			  long f)
{
	struct ts_file *fl = ts_fd_get((int)fd);
	long r = 0;

	(void)off, (void)e, (void)f;
	if (!fl)
		return -EBADF;
	if (!fl->node)
		r = -ESPIPE;
	else if (advice < 0 || advice > 5 || len < 0)
		r = -EINVAL;
	ts_file_put(fl);
	return r;
}
TS_SYSCALL(fadvise64, sys_fadvise64);

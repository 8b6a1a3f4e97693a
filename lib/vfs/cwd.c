/* The current directory (one process: one for the image), chdir,
 * fchdir, getcwd; and what every path call shares: copying the
 * program's path, the clock for timestamps. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/time.h>
#include "path.h"

static struct ts_vnode *cwd;
static char cwd_path[VFS_PATH_MAX] = "/";

struct ts_vnode *vfs_cwd(char *path)
{
	struct ts_vnode *n = cwd;

	if (n)
		ts_vnode_get(n);
	if (path)
		strcpy(path, cwd_path);
	return n;
}

void vfs_set_cwd(struct ts_vnode *n, const char *path)
{
	struct ts_vnode *old = cwd;

	ts_vnode_get(n);
	cwd = n;
	strncpy(cwd_path, path, sizeof(cwd_path) - 1);
	if (old)
		ts_vnode_put(old);
}

int64_t vfs_now_ns(void)
{
	return (int64_t)ts_time_wall_ns();
}

long vfs_user_path(char *buf, long uaddr)
{
	long r = ts_syscall_user_string(buf, (unsigned long)uaddr,
					VFS_PATH_MAX);

	return r < 0 ? r : 0;
}

static long chdir_to(int dirfd, const char *path, unsigned int flags)
{
	char where[VFS_PATH_MAX];
	struct vfs_walk w = { .path = where };
	long r;

	if ((r = vfs_walk(dirfd, path, WALK_FOLLOW | flags, &w)))
		return r;
	if (!S_ISDIR(w.node->mode))
		r = -ENOTDIR;
	else
		vfs_set_cwd(w.node, where);
	vfs_walk_done(&w);
	return r;
}

static long sys_chdir(long path, long b, long c, long d, long e, long f)
{
	char p[VFS_PATH_MAX];
	long r;

	(void)b, (void)c, (void)d, (void)e, (void)f;
	if ((r = vfs_user_path(p, path)))
		return r;
	return chdir_to(VFS_AT_FDCWD, p, 0);
}
TS_SYSCALL(chdir, sys_chdir);

static long sys_fchdir(long fd, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return chdir_to((int)fd, "", WALK_EMPTY);
}
TS_SYSCALL(fchdir, sys_fchdir);

/* Linux's getcwd returns the length with the NUL; ERANGE when it does
 * not fit. */
static long sys_getcwd(long buf, long size, long c, long d, long e, long f)
{
	size_t len = strlen(cwd_path) + 1;

	(void)c, (void)d, (void)e, (void)f;
	if (!cwd)
		return -ENOENT;
	if ((size_t)size < len)
		return -ERANGE;
	if (ts_arch_mem_write_safe((unsigned long)buf, cwd_path, len))
		return -EFAULT;
	return (long)len;
}
TS_SYSCALL(getcwd, sys_getcwd);

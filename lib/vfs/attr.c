/* Attributes by path or descriptor: truncate, faccessat(2), fchmod,
 * fchmodat, fchown, fchownat, utimensat, umask, and x86_64's access,
 * chmod, chown, lchown. The image runs as root, which Linux lets read
 * and write anything: permission bits are stored and reported, not
 * enforced, except that executing needs some x bit, as for root. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include "path.h"

extern uint32_t vfs_umask;

static int setattr(struct ts_vnode *n, struct ts_vattr *va)
{
	if (vfs_rdonly(n))
		return -EROFS;
	if (!n->ops->setattr)
		return -EPERM;
	return n->ops->setattr(n, va);
}

/* The node of (dirfd, path) with AT_* flags, or of an fd alone. */
static int node_at(int dirfd, long upath, int flags, struct vfs_walk *w)
{
	char p[VFS_PATH_MAX];
	long r;

	if ((r = vfs_user_path(p, upath)))
		return (int)r;
	return vfs_walk(dirfd, p,
			(flags & AT_SYMLINK_NOFOLLOW ? 0 : WALK_FOLLOW) |
			(flags & AT_EMPTY_PATH ? WALK_EMPTY : 0), w);
}

static int truncate_node(struct ts_vnode *n, long len)
{
	struct ts_vattr va = { .valid = TS_VA_SIZE | TS_VA_MTIME, .size = len,
			       .mtime_ns = vfs_now_ns() };

	if (len < 0)
		return -EINVAL;
	if (S_ISDIR(n->mode))
		return -EISDIR;
	if (!S_ISREG(n->mode))
		return -EINVAL;
	return setattr(n, &va);
}

static long sys_truncate(long path, long len, long c, long d, long e, long f)
{
	struct vfs_walk w = { 0 };
	long r;

	(void)c, (void)d, (void)e, (void)f;
	if ((r = node_at(VFS_AT_FDCWD, path, 0, &w)))
		return r;
	r = truncate_node(w.node, len);
	vfs_walk_done(&w);
	return r;
}
TS_SYSCALL(truncate, sys_truncate);

static long access_at(long dirfd, long path, long mode, long flags)
{
	struct vfs_walk w = { 0 };
	long r;

	if (mode & ~(long)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(long)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((r = node_at((int)dirfd, path, (int)flags, &w)))
		return r;
	if ((mode & W_OK) && vfs_rdonly(w.node) && !S_ISCHR(w.node->mode) &&
	    !S_ISBLK(w.node->mode) && !S_ISFIFO(w.node->mode))
		r = -EROFS;
	else if ((mode & X_OK) && !S_ISDIR(w.node->mode) &&
		 !(w.node->mode & 0111))
		r = -EACCES;
	vfs_walk_done(&w);
	return r;
}

static long sys_faccessat(long dirfd, long path, long mode, long d, long e,
			  long f)
{
	(void)d, (void)e, (void)f;
	return access_at(dirfd, path, mode, 0);
}
TS_SYSCALL(faccessat, sys_faccessat);

static long sys_faccessat2(long dirfd, long path, long mode, long flags,
			   long e, long f)
{
	(void)e, (void)f;
	return access_at(dirfd, path, mode, flags);
}
TS_SYSCALL(faccessat2, sys_faccessat2);

static int chmod_node(struct ts_vnode *n, long mode)
{
	struct ts_vattr va = { .valid = TS_VA_MODE,
			       .mode = (uint32_t)mode & 07777 };

	return setattr(n, &va);
}

static long sys_fchmodat(long dirfd, long path, long mode, long d, long e,
			 long f)
{
	struct vfs_walk w = { 0 };
	long r;

	(void)d, (void)e, (void)f;
	if ((r = node_at((int)dirfd, path, 0, &w)))
		return r;
	r = chmod_node(w.node, mode);
	vfs_walk_done(&w);
	return r;
}
TS_SYSCALL(fchmodat, sys_fchmodat);

static long sys_fchmod(long fd, long mode, long c, long d, long e, long f)
{
	struct ts_file *fl = ts_fd_get((int)fd);
	long r;

	(void)c, (void)d, (void)e, (void)f;
	if (!fl)
		return -EBADF;
	r = fl->node ? chmod_node(fl->node, mode) : -EINVAL;
	ts_file_put(fl);
	return r;
}
TS_SYSCALL(fchmod, sys_fchmod);

/* chown: -1 leaves the id as it is. */
static int chown_node(struct ts_vnode *n, long uid, long gid)
{
	struct ts_vattr va = { 0 };

	if ((uint32_t)uid != (uint32_t)-1) {
		va.valid |= TS_VA_UID;
		va.uid = (uint32_t)uid;
	}
	if ((uint32_t)gid != (uint32_t)-1) {
		va.valid |= TS_VA_GID;
		va.gid = (uint32_t)gid;
	}
	return va.valid ? setattr(n, &va) : 0;
}

static long chown_at(long dirfd, long path, long uid, long gid, long flags)
{
	struct vfs_walk w = { 0 };
	long r;

	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((r = node_at((int)dirfd, path, (int)flags, &w)))
		return r;
	r = chown_node(w.node, uid, gid);
	vfs_walk_done(&w);
	return r;
}

static long sys_fchownat(long dirfd, long path, long uid, long gid,
			 long flags, long f)
{
	(void)f;
	return chown_at(dirfd, path, uid, gid, flags);
}
TS_SYSCALL(fchownat, sys_fchownat);

static long sys_fchown(long fd, long uid, long gid, long d, long e, long f)
{
	struct ts_file *fl = ts_fd_get((int)fd);
	long r;

	(void)d, (void)e, (void)f;
	if (!fl)
		return -EBADF;
	r = fl->node ? chown_node(fl->node, uid, gid) : -EINVAL;
	ts_file_put(fl);
	return r;
}
TS_SYSCALL(fchown, sys_fchown);

/* utimensat: times NULL means now for both; UTIME_NOW, UTIME_OMIT per
 * entry; a NULL path means the descriptor itself (futimens). */
static long sys_utimensat(long dirfd, long path, long times, long flags,
			  long e, long f)
{
	struct timespec ts[2];
	struct ts_vattr va = { .valid = TS_VA_ATIME | TS_VA_MTIME };
	int64_t now = vfs_now_ns(), *dst[2] = { &va.atime_ns, &va.mtime_ns };
	struct vfs_walk w = { 0 };
	long r;

	(void)e, (void)f;
	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (times) {
		if (ts_arch_mem_read_safe((unsigned long)times, ts,
					  sizeof(ts)) != sizeof(ts))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (ts[i].tv_nsec == UTIME_OMIT) {
				va.valid &= ~(unsigned int)(i ? TS_VA_MTIME :
								TS_VA_ATIME);
			} else if (ts[i].tv_nsec == UTIME_NOW) {
				*dst[i] = now;
			} else if (ts[i].tv_nsec < 0 ||
				   ts[i].tv_nsec >= 1000000000L) {
				return -EINVAL;
			} else {
				*dst[i] = (int64_t)ts[i].tv_sec * 1000000000LL +
					  ts[i].tv_nsec;
			}
		}
	} else {
		va.atime_ns = va.mtime_ns = now;
	}
	if (!path) {
		struct ts_file *fl;

		if (dirfd == VFS_AT_FDCWD)
			return -EFAULT;
		if (!(fl = ts_fd_get((int)dirfd)))
			return -EBADF;
		r = !fl->node ? -EINVAL : !va.valid ? 0 : setattr(fl->node, &va);
		ts_file_put(fl);
		return r;
	}
	if ((r = node_at((int)dirfd, path, (int)flags, &w)))
		return r;
	r = va.valid ? setattr(w.node, &va) : 0;
	vfs_walk_done(&w);
	return r;
}
TS_SYSCALL(utimensat, sys_utimensat);

static long sys_umask(long mask, long b, long c, long d, long e, long f)
{
	uint32_t old = vfs_umask;

	(void)b, (void)c, (void)d, (void)e, (void)f;
	vfs_umask = (uint32_t)mask & 0777;
	return old;
}
TS_SYSCALL(umask, sys_umask);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_access(long path, long mode, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	return access_at(VFS_AT_FDCWD, path, mode, 0);
}
TS_SYSCALL(access, sys_access);

static long sys_chmod(long path, long mode, long c, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	return sys_fchmodat(VFS_AT_FDCWD, path, mode, c, 0, 0);
}
TS_SYSCALL(chmod, sys_chmod);

static long sys_chown(long path, long uid, long gid, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	return chown_at(VFS_AT_FDCWD, path, uid, gid, 0);
}
TS_SYSCALL(chown, sys_chown);

static long sys_lchown(long path, long uid, long gid, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	return chown_at(VFS_AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}
TS_SYSCALL(lchown, sys_lchown);
#endif

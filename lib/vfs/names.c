/* Calls that add, remove or move names: mkdirat, unlinkat (and rmdir),
 * renameat2, linkat, symlinkat, readlinkat, with x86_64's mkdir, rmdir,
 * unlink, rename, link, symlink, readlink; the kernel's ts_vfs_mkdir,
 * ts_vfs_symlink, ts_vfs_unlink. The checks that do not depend on the
 * file system are here, in Linux's order and with its errno: "." and
 * ".." as the last name, a trailing '/' on a non-directory, kinds of
 * node (EISDIR, ENOTDIR, EPERM for a hard link to a directory), mount
 * points (EBUSY), other mounts (EXDEV), read-only mounts (EROFS), a
 * directory moved into itself (EINVAL). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include "path.h"

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4

uint32_t vfs_umask = 022;

static int is_dot(const struct vfs_walk *w)
{
	return w->len == 1 && w->name[0] == '.';
}

static int is_dotdot(const struct vfs_walk *w)
{
	return w->len == 2 && w->name[0] == '.' && w->name[1] == '.';
}

static int lookup(struct vfs_walk *w, struct ts_vnode **out)
{
	if (!w->dir->ops->lookup)
		return -ENOTDIR;
	return w->dir->ops->lookup(w->dir, w->name, w->len, out);
}

static void set_parent(struct ts_vnode *n, struct ts_vnode *dir)
{
	struct ts_vnode *old = n->parent;

	if (!S_ISDIR(n->mode) || old == dir)
		return;
	ts_vnode_get(dir);
	n->parent = dir;
	if (old)
		ts_vnode_put(old);
}

static int do_mkdir(int dirfd, const char *path, uint32_t mode)
{
	struct vfs_walk w = { 0 };
	struct ts_vnode *n;
	int r;

	if ((r = vfs_walk(dirfd, path, WALK_PARENT, &w)))
		return r;
	if (!w.len || is_dot(&w) || is_dotdot(&w))
		r = -EEXIST;
	else if (lookup(&w, &n) == 0) {
		ts_vnode_put(n);
		r = -EEXIST;
	} else if (vfs_rdonly(w.dir))
		r = -EROFS;
	else if (!w.dir->ops->create)
		r = -EPERM;
	else if (!(r = w.dir->ops->create(w.dir, w.name, w.len,
					  S_IFDIR | (mode & 07777),
					  0, &n))) {
		set_parent(n, w.dir);
		ts_vnode_put(n);
	}
	vfs_walk_done(&w);
	return r;
}

int ts_vfs_mkdir(const char *path, uint32_t mode)
{
	return do_mkdir(VFS_AT_FDCWD, path, mode);
}

/* unlink (dir 0) or rmdir (dir 1). */
static int do_remove(int dirfd, const char *path, int dir)
{
	struct vfs_walk w = { 0 };
	struct ts_vnode *n;
	int r;

	if ((r = vfs_walk(dirfd, path, WALK_PARENT, &w)))
		return r;
	if (!w.len)
		r = dir ? -EBUSY : -EISDIR;		/* "/" */
	else if (is_dot(&w))
		r = dir ? -EINVAL : -EISDIR;
	else if (is_dotdot(&w))
		r = dir ? -ENOTEMPTY : -EISDIR;
	else if ((r = lookup(&w, &n)))
		;
	else {
		if (dir && !S_ISDIR(n->mode))
			r = -ENOTDIR;
		else if (!dir && S_ISDIR(n->mode))
			r = -EISDIR;
		else if (!dir && w.slash)
			r = -ENOTDIR;
		else if (n->covered_by)
			r = -EBUSY;
		else if (vfs_rdonly(w.dir))
			r = -EROFS;
		else if (dir)
			r = w.dir->ops->rmdir ?
				w.dir->ops->rmdir(w.dir, w.name, w.len) : -EPERM;
		else
			r = w.dir->ops->unlink ?
				w.dir->ops->unlink(w.dir, w.name, w.len) : -EPERM;
		ts_vnode_put(n);
	}
	vfs_walk_done(&w);
	return r;
}

int ts_vfs_unlink(const char *path)
{
	return do_remove(VFS_AT_FDCWD, path, 0);
}

static int do_symlink(const char *target, int dirfd, const char *path)
{
	struct vfs_walk w = { 0 };
	struct ts_vnode *n;
	int r;

	if (!target[0])
		return -ENOENT;
	if ((r = vfs_walk(dirfd, path, WALK_PARENT, &w)))
		return r;
	if (!w.len || is_dot(&w) || is_dotdot(&w))
		r = -EEXIST;
	else if (lookup(&w, &n) == 0) {
		ts_vnode_put(n);
		r = -EEXIST;
	} else if (w.slash)
		r = -ENOENT;
	else if (vfs_rdonly(w.dir))
		r = -EROFS;
	else if (!w.dir->ops->symlink)
		r = -EPERM;
	else if (!(r = w.dir->ops->symlink(w.dir, w.name, w.len, target,
					   &n)))
		ts_vnode_put(n);
	vfs_walk_done(&w);
	return r;
}

int ts_vfs_symlink(const char *target, const char *path)
{
	return do_symlink(target, VFS_AT_FDCWD, path);
}

/* Is a (a directory) d or above d? Then moving a under d would cut it
 * off from the tree. */
static int is_ancestor(struct ts_vnode *a, struct ts_vnode *d)
{
	for (struct ts_vnode *n = d; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

static int do_rename(int ofd, const char *opath, int nfd, const char *npath,
		     unsigned int flags)
{
	struct vfs_walk o = { 0 }, n = { 0 };
	struct ts_vnode *src = NULL, *dst = NULL;
	int r;

	if (flags & ~(unsigned int)(RENAME_NOREPLACE | RENAME_EXCHANGE |
				    RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) &&
	    (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;		/* not supported by our file systems */
	if ((r = vfs_walk(ofd, opath, WALK_PARENT, &o)))
		return r;
	if ((r = vfs_walk(nfd, npath, WALK_PARENT, &n))) {
		vfs_walk_done(&o);
		return r;
	}
	if (!o.len || !n.len || is_dot(&o) || is_dotdot(&o) || is_dot(&n) ||
	    is_dotdot(&n)) {
		r = -EBUSY;
		goto out;
	}
	if ((r = lookup(&o, &src)))
		goto out;
	if ((o.slash || n.slash) && !S_ISDIR(src->mode)) {
		r = -ENOTDIR;
		goto out;
	}
	if (o.dir->mnt != n.dir->mnt) {
		r = -EXDEV;
		goto out;
	}
	r = lookup(&n, &dst);
	if (r && r != -ENOENT)
		goto out;
	r = 0;
	if (dst) {
		if (dst == src)
			goto out;	/* the same node: nothing to do */
		if (flags & RENAME_NOREPLACE)
			r = -EEXIST;
		else if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
			r = -ENOTDIR;
		else if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
			r = -EISDIR;
		else if (dst->covered_by)
			r = -EBUSY;
		if (r)
			goto out;
	}
	if (src->covered_by)
		r = -EBUSY;
	else if (S_ISDIR(src->mode) && is_ancestor(src, n.dir))
		r = -EINVAL;
	else if (vfs_rdonly(o.dir))
		r = -EROFS;
	else if (!o.dir->ops->rename)
		r = -EPERM;
	else
		r = o.dir->ops->rename(o.dir, o.name, o.len, n.dir, n.name,
				       n.len);
	if (!r)
		set_parent(src, n.dir);
out:
	if (src)
		ts_vnode_put(src);
	if (dst)
		ts_vnode_put(dst);
	vfs_walk_done(&o);
	vfs_walk_done(&n);
	return r;
}

static int do_link(int ofd, const char *opath, int nfd, const char *npath,
		   int flags)
{
	struct vfs_walk o = { 0 }, n = { 0 };
	struct ts_vnode *dst;
	int r;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((r = vfs_walk(ofd, opath,
			  (flags & AT_SYMLINK_FOLLOW ? WALK_FOLLOW : 0) |
			  (flags & AT_EMPTY_PATH ? WALK_EMPTY : 0), &o)))
		return r;
	if (S_ISDIR(o.node->mode)) {
		vfs_walk_done(&o);
		return -EPERM;
	}
	if ((r = vfs_walk(nfd, npath, WALK_PARENT, &n))) {
		vfs_walk_done(&o);
		return r;
	}
	if (!n.len || is_dot(&n) || is_dotdot(&n))
		r = -EEXIST;
	else if (lookup(&n, &dst) == 0) {
		ts_vnode_put(dst);
		r = -EEXIST;
	} else if (n.slash)
		r = -ENOENT;
	else if (o.node->mnt != n.dir->mnt)
		r = -EXDEV;
	else if (vfs_rdonly(n.dir))
		r = -EROFS;
	else if (!n.dir->ops->link)
		r = -EPERM;
	else
		r = n.dir->ops->link(n.dir, n.name, n.len, o.node);
	vfs_walk_done(&o);
	vfs_walk_done(&n);
	return r;
}

static long do_readlink(int dirfd, const char *path, long buf, long size)
{
	struct vfs_walk w = { 0 };
	char target[VFS_PATH_MAX];
	long r;

	if (size <= 0)
		return -EINVAL;
	if ((r = vfs_walk(dirfd, path, WALK_EMPTY, &w)))
		return r;
	if (!S_ISLNK(w.node->mode) || !w.node->ops->readlink)
		r = -EINVAL;
	else
		r = w.node->ops->readlink(w.node, target, sizeof(target));
	vfs_walk_done(&w);
	if (r < 0)
		return r;
	if (r > size)
		r = size;	/* truncated, as Linux does, no NUL */
	if (ts_arch_mem_write_safe((unsigned long)buf, target, (size_t)r))
		return -EFAULT;
	return r;
}

/* The system calls: copy the paths, then the functions above. */
#define PATH1(p, a)                                                         \
	char p[VFS_PATH_MAX];                                               \
	long r_##p;                                                         \
	if ((r_##p = vfs_user_path(p, a)))                                  \
		return r_##p

static long sys_mkdirat(long dirfd, long path, long mode, long d, long e,
			long f)
{
	(void)d, (void)e, (void)f;
	PATH1(p, path);
	return do_mkdir((int)dirfd, p, (uint32_t)mode & ~vfs_umask);
}
TS_SYSCALL(mkdirat, sys_mkdirat);

static long sys_unlinkat(long dirfd, long path, long flags, long d, long e,
			 long f)
{
	(void)d, (void)e, (void)f;
	PATH1(p, path);
	if (flags & ~(long)AT_REMOVEDIR)
		return -EINVAL;
	return do_remove((int)dirfd, p, !!(flags & AT_REMOVEDIR));
}
TS_SYSCALL(unlinkat, sys_unlinkat);

static long sys_symlinkat(long target, long dirfd, long path, long d,
			  long e, long f)
{
	(void)d, (void)e, (void)f;
	PATH1(t, target);
	PATH1(p, path);
	return do_symlink(t, (int)dirfd, p);
}
TS_SYSCALL(symlinkat, sys_symlinkat);

static long sys_readlinkat(long dirfd, long path, long buf, long size,
			   long e, long f)
{
	(void)e, (void)f;
	PATH1(p, path);
	return do_readlink((int)dirfd, p, buf, size);
}
TS_SYSCALL(readlinkat, sys_readlinkat);

static long sys_renameat2(long ofd, long opath, long nfd, long npath,
			  long flags, long f)
{
	(void)f;
	PATH1(o, opath);
	PATH1(n, npath);
	return do_rename((int)ofd, o, (int)nfd, n, (unsigned int)flags);
}
TS_SYSCALL(renameat2, sys_renameat2);

static long sys_linkat(long ofd, long opath, long nfd, long npath,
		       long flags, long f)
{
	(void)f;
	PATH1(o, opath);
	PATH1(n, npath);
	return do_link((int)ofd, o, (int)nfd, n, (int)flags);
}
TS_SYSCALL(linkat, sys_linkat);

static long sys_renameat(long ofd, long opath, long nfd, long npath,
			 long e, long f)
{
	(void)e, (void)f;
	PATH1(o, opath);
	PATH1(n, npath);
	return do_rename((int)ofd, o, (int)nfd, n, 0);
}
TS_SYSCALL(renameat, sys_renameat);

#ifdef TS_SYSCALL_LEGACY_CALLS

static long sys_mkdir(long path, long mode, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	PATH1(p, path);
	return do_mkdir(VFS_AT_FDCWD, p, (uint32_t)mode & ~vfs_umask);
}
TS_SYSCALL(mkdir, sys_mkdir);

static long sys_rmdir(long path, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	PATH1(p, path);
	return do_remove(VFS_AT_FDCWD, p, 1);
}
TS_SYSCALL(rmdir, sys_rmdir);

static long sys_unlink(long path, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	PATH1(p, path);
	return do_remove(VFS_AT_FDCWD, p, 0);
}
TS_SYSCALL(unlink, sys_unlink);

static long sys_symlink(long target, long path, long c, long d, long e,
			long f)
{
	(void)c, (void)d, (void)e, (void)f;
	PATH1(t, target);
	PATH1(p, path);
	return do_symlink(t, VFS_AT_FDCWD, p);
}
TS_SYSCALL(symlink, sys_symlink);

static long sys_readlink(long path, long buf, long size, long d, long e,
			 long f)
{
	(void)d, (void)e, (void)f;
	PATH1(p, path);
	return do_readlink(VFS_AT_FDCWD, p, buf, size);
}
TS_SYSCALL(readlink, sys_readlink);

static long sys_rename(long opath, long npath, long c, long d, long e,
		       long f)
{
	(void)c, (void)d, (void)e, (void)f;
	PATH1(o, opath);
	PATH1(n, npath);
	return do_rename(VFS_AT_FDCWD, o, VFS_AT_FDCWD, n, 0);
}
TS_SYSCALL(rename, sys_rename);

static long sys_link(long opath, long npath, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	PATH1(o, opath);
	PATH1(n, npath);
	return do_link(VFS_AT_FDCWD, o, VFS_AT_FDCWD, n, 0);
}
TS_SYSCALL(link, sys_link);
#endif

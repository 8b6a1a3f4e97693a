/* open: openat (and x86_64's open and creat), the kernel's
 * ts_vfs_open() and ts_vfs_write_file(). The walk finds the node (or its
 * directory, for O_CREAT), then the checks Linux makes in its order:
 * O_EXCL, a directory opened for writing (EISDIR), O_DIRECTORY on a
 * non-directory (ENOTDIR), O_NOFOLLOW on a symlink (ELOOP), a read-only
 * mount (EROFS); O_TRUNC empties a regular file. O_PATH files name a
 * node and do nothing else (EBADF for reading or writing). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/syscall.h>
#include <ts/vfs_trace.h>
#include "path.h"

/* What open keeps in f->flags: the access mode and status flags. */
#define OPEN_KEEP (~(unsigned int)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
				   O_CLOEXEC))
#define OPEN_KNOWN (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC |     \
		    O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT |  \
		    O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME |    \
		    O_CLOEXEC | O_SYNC | O_PATH | O_TMPFILE)

static long path_rw(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return -EBADF;
}

static long path_getdents(struct ts_file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EBADF;
}

static int64_t path_seek(struct ts_file *f, int64_t off, int whence)
{
	(void)f, (void)off, (void)whence;
	return -EBADF;
}

static long path_ioctl(struct ts_file *f, unsigned long req,
		       unsigned long arg)
{
	(void)f, (void)req, (void)arg;
	return -EBADF;
}

static const struct ts_file_ops path_fops = {
	.read = path_rw,
	.write = (long (*)(struct ts_file *, const void *, size_t,
			   int64_t *))path_rw,
	.seek = path_seek,
	.ioctl = path_ioctl,
	.getdents = path_getdents,
	.kind = "path",
};

/* A new node name in dir: the mode with the umask applied. */
static int create_in(struct ts_vnode *dir, const char *name, size_t len,
		     uint32_t mode, struct ts_vnode **out)
{
	int r;

	if (vfs_rdonly(dir))
		return -EROFS;
	if (!dir->ops->create)
		return -EPERM;
	r = dir->ops->create(dir, name, len, mode, 0, out);
	if (!r && S_ISDIR((*out)->mode) && !(*out)->parent) {
		ts_vnode_get(dir);
		(*out)->parent = dir;
	}
	return r;
}

extern uint32_t vfs_umask;

static int find(int dirfd, const char *path, int flags, uint32_t mode,
		char *where, struct ts_vnode **out, int links);

/* O_CREAT met a symlink as the last name: open or create its target,
 * as Linux does (a dangling symlink makes the file it names). The
 * target is taken from dir (whose absolute path is where) and looked up
 * as a path of its own, counting towards the 40 links. */
static int follow_create(struct ts_vnode *link, const char *where,
			 int flags, uint32_t mode, char *out_where,
			 struct ts_vnode **out, int links)
{
	char *p = malloc(VFS_PATH_MAX);
	size_t wl = strlen(where);
	long n;
	int r;

	if (!p)
		return -ENOMEM;
	if (++links > VFS_MAXSYMLINKS) {
		r = -ELOOP;
		goto out;
	}
	n = link->ops->readlink ? link->ops->readlink(link, p, VFS_PATH_MAX - 1) :
				  -EINVAL;
	if (n <= 0) {
		r = n ? (int)n : -ENOENT;
		goto out;
	}
	p[n] = 0;
	if (p[0] != '/') {
		/* Relative: from the symlink's directory. */
		if (wl + 1 + (size_t)n + 1 > VFS_PATH_MAX) {
			r = -ENAMETOOLONG;
			goto out;
		}
		memmove(p + wl + 1, p, (size_t)n + 1);
		memcpy(p, where, wl);
		p[wl] = '/';
	}
	r = find(VFS_AT_FDCWD, p, flags, mode, out_where, out, links);
out:
	free(p);
	return r;
}

/* The node to open: found, or created under O_CREAT. */
static int find(int dirfd, const char *path, int flags, uint32_t mode,
		char *where, struct ts_vnode **out, int links)
{
	struct vfs_walk w = { .path = where };
	int follow = flags & O_NOFOLLOW ? 0 : WALK_FOLLOW;
	struct ts_vnode *n;
	int r;

	if (!(flags & O_CREAT)) {
		if ((r = vfs_walk(dirfd, path, follow, &w)))
			return r;
		*out = w.node;
		w.node = NULL;
		vfs_walk_done(&w);
		return 0;
	}
	if ((r = vfs_walk(dirfd, path, WALK_PARENT, &w)))
		return r;
	if (!w.len || (w.len == 1 && w.name[0] == '.') ||
	    (w.len == 2 && w.name[0] == '.' && w.name[1] == '.')) {
		r = -EISDIR;		/* "/", "dir/.", "..": directories */
		goto out;
	}
	r = w.dir->ops->lookup ? w.dir->ops->lookup(w.dir, w.name, w.len, &n) :
				 -ENOTDIR;
	if (r == -ENOENT) {
		if (w.slash) {
			r = -EISDIR;
			goto out;
		}
		r = create_in(w.dir, w.name, w.len,
			      S_IFREG | (mode & 07777), &n);
		if (r)
			goto out;
		if (where) {
			size_t l = strlen(where);

			if (l + 1 + w.len + 1 <= VFS_PATH_MAX) {
				if (l > 1)
					where[l++] = '/';
				memcpy(where + l, w.name, w.len);
				where[l + w.len] = 0;
			}
		}
		*out = n;
		goto out;
	}
	if (r)
		goto out;
	if (flags & O_EXCL) {
		ts_vnode_put(n);
		r = -EEXIST;
		goto out;
	}
	if (S_ISLNK(n->mode) && !(flags & O_NOFOLLOW) && !w.slash) {
		/* where is the symlink's directory's path: follow_create
		 * reads it before the lookup of the target writes it. */
		vfs_walk_done(&w);
		r = follow_create(n, where, flags, mode, where, out, links);
		ts_vnode_put(n);
		return r;
	}
	if (n->covered_by || S_ISLNK(n->mode) || w.slash) {
		/* A symlink or a mount point: the whole walk again, now
		 * following (or refusing, with O_NOFOLLOW). */
		ts_vnode_put(n);
		vfs_walk_done(&w);
		w = (struct vfs_walk){ .path = where };
		if ((r = vfs_walk(dirfd, path, follow, &w)))
			return r;
		*out = w.node;
		w.node = NULL;
		vfs_walk_done(&w);
		return 0;
	}
	if (where) {
		size_t l = strlen(where);

		if (l + 1 + w.len + 1 <= VFS_PATH_MAX) {
			if (l > 1)
				where[l++] = '/';
			memcpy(where + l, w.name, w.len);
			where[l + w.len] = 0;
		}
	}
	*out = n;
out:
	vfs_walk_done(&w);
	return r;
}

int vfs_open(int dirfd, const char *path, int flags, uint32_t mode,
	     struct ts_file **out)
{
	char where[VFS_PATH_MAX];
	struct ts_vnode *n;
	struct ts_file *f;
	int acc = flags & O_ACCMODE, r;

	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if ((r = find(dirfd, path, flags, mode, where, &n, 0)))
		return r;
	if (flags & O_PATH)
		goto open;
	r = 0;
	if (S_ISLNK(n->mode))
		r = -ELOOP;		/* O_NOFOLLOW met a symlink */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(n->mode))
		r = -ENOTDIR;
	else if (S_ISDIR(n->mode) && (acc != O_RDONLY || (flags & O_CREAT)))
		r = -EISDIR;
	else if ((acc != O_RDONLY || (flags & O_TRUNC)) && vfs_rdonly(n) &&
		 !S_ISCHR(n->mode) && !S_ISBLK(n->mode) && !S_ISFIFO(n->mode))
		r = -EROFS;
	else if ((flags & O_TRUNC) && S_ISREG(n->mode) && n->size) {
		struct ts_vattr va = { .valid = TS_VA_SIZE | TS_VA_MTIME,
				       .size = 0, .mtime_ns = vfs_now_ns() };

		r = n->ops->setattr ? n->ops->setattr(n, &va) : -EPERM;
	}
	if (r)
		goto fail;
open:
	f = ts_file_new(flags & O_PATH ? &path_fops : n->fops, NULL,
			(unsigned int)flags & OPEN_KEEP, where);
	if (!f) {
		r = -ENOMEM;
		goto fail;
	}
	f->node = n;		/* the file holds the walk's reference */
	if (!(flags & O_PATH)) {
		if (n->ops->open)
			r = n->ops->open(n, f);
		else if (!n->fops)
			r = -ENXIO;	/* a device or fifo nobody serves */
		if (r) {
			ts_file_put(f);
			return r;
		}
	}
	*out = f;
	return 0;
fail:
	ts_vnode_put(n);
	return r;
}

int ts_vfs_open(const char *path, int flags, uint32_t mode,
		struct ts_file **out)
{
	return vfs_open(VFS_AT_FDCWD, path, flags, mode, out);
}

int ts_vfs_write_file(const char *path, const void *buf, size_t len,
		      uint32_t mode)
{
	struct ts_file *f;
	size_t done = 0;
	int r = ts_vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, mode, &f);

	if (r)
		return r;
	while (done < len) {
		long n = ts_vfs_write(f, (const char *)buf + done, len - done);

		if (n <= 0) {
			r = n < 0 ? (int)n : -EIO;
			break;
		}
		done += (size_t)n;
	}
	ts_file_put(f);
	return r;
}

static long do_openat(long dirfd, long path, long flags, long mode)
{
	char p[VFS_PATH_MAX];
	struct ts_file *f;
	long r;

	/* Linux's open ignores flags it does not know. */
	flags &= OPEN_KNOWN;
	if ((r = vfs_user_path(p, path)))
		return r;
	/* The program's mode loses the umask's bits; the kernel's own
	 * calls (ts_vfs_open) give theirs as they want them. */
	if (!(r = vfs_open((int)dirfd, p, (int)flags,
			   (uint32_t)mode & ~vfs_umask, &f))) {
		r = ts_fd_install(f, 0, flags & O_CLOEXEC ? TS_FD_CLOEXEC : 0);
		ts_file_put(f);
	}
	ts_vfs_trace_open(p, (int)flags, r);
	return r;
}

static long sys_openat(long dirfd, long path, long flags, long mode, long e,
		       long f)
{
	(void)e, (void)f;
	return do_openat(dirfd, path, flags, mode);
}
TS_SYSCALL(openat, sys_openat);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_open(long path, long flags, long mode, long d, long e, long f)
{
	(void)d, (void)e, (void)f;
	return do_openat(VFS_AT_FDCWD, path, flags, mode);
}
TS_SYSCALL(open, sys_open);

static long sys_creat(long path, long mode, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	return do_openat(VFS_AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC,
			 mode);
}
TS_SYSCALL(creat, sys_creat);
#endif

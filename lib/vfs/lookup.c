/* Path lookup: a path, absolute or relative to a directory, to a node.
 * Component by component from the start: "." stays, ".." goes to the
 * directory a directory was reached through (and from a mount's root to
 * the directory it covers), a mounted-on directory is replaced by the
 * mount's root, a symlink's target is put in front of what is left of
 * the path (at most 40 of them per walk: ELOOP). Names longer than
 * NAME_MAX are ENAMETOOLONG, a component under a non-directory ENOTDIR,
 * a missing one ENOENT; a trailing '/' asks for a directory.
 *
 * Along the way the walk keeps the absolute path it has reached, when
 * the caller asks for it (open's path, chdir's directory). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "path.h"

/* The path so far: append a name, or go up one. */
static int path_push(char *p, const char *name, size_t len)
{
	size_t n = strlen(p);

	if (n + (n > 1) + len + 1 > VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (n > 1)
		p[n++] = '/';
	memcpy(p + n, name, len);
	p[n + len] = 0;
	return 0;
}

static void path_pop(char *p)
{
	char *s = strrchr(p, '/');

	if (s == p)
		p[1] = 0;
	else if (s)
		*s = 0;
}

struct ts_vnode *vfs_dotdot(struct ts_vnode *n)
{
	struct ts_vnode *up;

	/* From a mount's root to the directory it is mounted on, as many
	 * times as mounts are stacked there. */
	while (n->mnt && n == n->mnt->root && n->mnt->mountpoint)
		n = n->mnt->mountpoint;
	up = n->parent ? n->parent : n;
	ts_vnode_get(up);
	return up;
}

/* The walk's start: the root, the current directory or dirfd's. */
static int start(int dirfd, const char *path, struct vfs_walk *w,
		 struct ts_vnode **out)
{
	struct ts_file *f;

	if (path[0] == '/') {
		if (!(*out = vfs_root()))
			return -ENOENT;
		if (w->path)
			strcpy(w->path, "/");
		return 0;
	}
	if (dirfd == VFS_AT_FDCWD) {
		*out = vfs_cwd(w->path);
		return *out ? 0 : -ENOENT;
	}
	if (!(f = ts_fd_get(dirfd)))
		return -EBADF;
	if (!f->node) {
		ts_file_put(f);
		return -ENOTDIR;
	}
	*out = f->node;
	ts_vnode_get(*out);
	if (w->path) {
		const char *p = f->path && f->path[0] == '/' ? f->path : "/";

		strncpy(w->path, p, VFS_PATH_MAX - 1);
		w->path[VFS_PATH_MAX - 1] = 0;
	}
	ts_file_put(f);
	return 0;
}

/* target + rest into the walk's other buffer: the path to go on with. */
static int splice(struct vfs_walk *w, struct ts_vnode *link,
		  const char *rest, const char **out, int *in)
{
	int i = *in == 0 ? 1 : 0;	/* the buffer rest is not in */
	char *b;
	long n;
	size_t rl = strlen(rest);

	if (!link->ops->readlink)
		return -EINVAL;
	if (!w->buf[i] && !(w->buf[i] = malloc(VFS_PATH_MAX)))
		return -ENOMEM;
	b = w->buf[i];
	n = link->ops->readlink(link, b, VFS_PATH_MAX);
	if (n < 0)
		return (int)n;
	if (n == 0)
		return -ENOENT;
	if ((size_t)n + rl + 1 > VFS_PATH_MAX)
		return -ENAMETOOLONG;
	memmove(b + n, rest, rl + 1);
	*out = b;
	*in = i;
	return 0;
}

int vfs_walk(int dirfd, const char *path, unsigned int flags,
	     struct vfs_walk *w)
{
	struct ts_vnode *cur, *next;
	int links = 0, in = -1, r;

	w->dir = w->node = NULL;
	w->name = NULL;
	w->len = 0;
	w->slash = 0;
	w->buf[0] = w->buf[1] = NULL;
	if (strnlen(path, VFS_PATH_MAX) >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (!path[0] && !(flags & WALK_EMPTY))
		return -ENOENT;
	if ((r = start(dirfd, path, w, &cur)))
		return r;
	if (!path[0]) {
		if (flags & WALK_PARENT) {
			ts_vnode_put(cur);
			return -ENOENT;
		}
		w->node = cur;
		return 0;
	}
	for (;;) {
		const char *s, *e;
		size_t len;
		int last, dot;

		while (*path == '/')
			path++;
		if (!*path) {
			/* "/", or a path that ended in '/' after a symlink
			 * to a directory: the directory itself. */
			w->slash = 1;
			if (flags & WALK_PARENT)
				w->dir = cur;
			else
				w->node = cur;
			return 0;
		}
		s = path;
		for (e = s; *e && *e != '/'; e++)
			;
		len = (size_t)(e - s);
		if (len > VFS_NAME_MAX) {
			r = -ENAMETOOLONG;
			goto fail;
		}
		for (path = e; *path == '/'; path++)
			;
		last = !*path;
		if (!S_ISDIR(cur->mode)) {
			r = -ENOTDIR;
			goto fail;
		}
		if (last && (flags & WALK_PARENT)) {
			w->dir = cur;
			w->name = s;
			w->len = len;
			w->slash = *e == '/';
			return 0;
		}
		dot = len == 1 && s[0] == '.' ? 1 :
		      len == 2 && s[0] == '.' && s[1] == '.' ? 2 : 0;
		if (dot == 1) {
			next = cur;
			ts_vnode_get(next);
		} else if (dot == 2) {
			next = vfs_dotdot(cur);
			if (w->path)
				path_pop(w->path);
		} else {
			if (!cur->ops || !cur->ops->lookup) {
				r = -ENOTDIR;
				goto fail;
			}
			if ((r = cur->ops->lookup(cur, s, len, &next)))
				goto fail;
			if (S_ISDIR(next->mode) && !next->parent &&
			    next != cur) {
				ts_vnode_get(cur);
				next->parent = cur;
			}
			while (next->covered_by) {
				struct ts_vnode *root = next->covered_by->root;

				ts_vnode_get(root);
				ts_vnode_put(next);
				next = root;
			}
			if (S_ISLNK(next->mode) &&
			    (!last || *e == '/' || (flags & WALK_FOLLOW))) {
				/* Go on with target + the rest, from cur (or
				 * the root for an absolute target). */
				if (++links > VFS_MAXSYMLINKS)
					r = -ELOOP;
				else
					r = splice(w, next, e, &path, &in);
				ts_vnode_put(next);
				if (r)
					goto fail;
				if (path[0] == '/') {
					ts_vnode_put(cur);
					if (!(cur = vfs_root())) {
						r = -ENOENT;
						goto out;
					}
					if (w->path)
						strcpy(w->path, "/");
				}
				continue;
			}
			if (w->path && (r = path_push(w->path, s, len))) {
				ts_vnode_put(next);
				goto fail;
			}
		}
		ts_vnode_put(cur);
		cur = next;
		if (last) {
			if (*e == '/' && !S_ISDIR(cur->mode)) {
				r = -ENOTDIR;
				goto fail;
			}
			w->slash = *e == '/';
			w->node = cur;
			return 0;
		}
	}
fail:
	ts_vnode_put(cur);
out:
	vfs_walk_done(w);
	return r;
}

void vfs_walk_done(struct vfs_walk *w)
{
	if (w->node)
		ts_vnode_put(w->node);
	if (w->dir)
		ts_vnode_put(w->dir);
	w->node = w->dir = NULL;
	free(w->buf[0]);
	free(w->buf[1]);
	w->buf[0] = w->buf[1] = NULL;
}

/* The path layer's own declarations (lib/vfs, not public): the walk
 * that turns a path into a node, the root and the current directory,
 * the mount table. */
#ifndef TS_VFS_PATH_H
#define TS_VFS_PATH_H

#include <stddef.h>
#include <stdint.h>
#include <ts/vfs.h>

#define VFS_PATH_MAX	4096	/* PATH_MAX, with the NUL */
#define VFS_NAME_MAX	255	/* NAME_MAX */
#define VFS_MAXSYMLINKS	40	/* Linux's limit, then ELOOP */
#define VFS_AT_FDCWD	(-100)

/* What vfs_walk() is asked to do. */
#define WALK_FOLLOW	1	/* follow a symlink in the last component */
#define WALK_PARENT	2	/* stop at the last component's directory */
#define WALK_EMPTY	4	/* "" names the start itself (AT_EMPTY_PATH) */

struct vfs_walk {
	/* WALK_PARENT: the directory that holds the last component and
	 * its name (in the walk's buffers; len 0 when the path is "/",
	 * and the name may be "." or ".."), node NULL. Otherwise node. */
	struct ts_vnode *dir;
	struct ts_vnode *node;
	const char *name;
	size_t len;
	int slash;		/* the path ends with '/' */
	/* Optional, set by the caller: a VFS_PATH_MAX buffer that gets
	 * the absolute path of the result, without ".", "..", symlinks
	 * (for WALK_PARENT: of dir). */
	char *path;
	char *buf[2];		/* symlink expansions, freed by walk_done */
};

/* dirfd is a descriptor, or VFS_AT_FDCWD; path a kernel string. 0 with
 * references in w (vfs_walk_done() drops them), or minus an errno:
 * ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EBADF. */
int vfs_walk(int dirfd, const char *path, unsigned int flags,
	     struct vfs_walk *w);
void vfs_walk_done(struct vfs_walk *w);

/* The root and the current directory, with a reference; NULL before
 * the root is mounted. */
struct ts_vnode *vfs_root(void);
struct ts_vnode *vfs_cwd(char *path);	/* path: VFS_PATH_MAX, or NULL */
void vfs_set_cwd(struct ts_vnode *n, const char *path);

/* Node's own ".." in the tree of mounts, with a reference. */
struct ts_vnode *vfs_dotdot(struct ts_vnode *n);

/* The mount holding n is read-only. */
int vfs_rdonly(const struct ts_vnode *n);

/* stat of a node: the one function that fills struct stat (fstat,
 * stat, statx). */
int vfs_stat_node(struct ts_vnode *n, struct stat *st);

/* Now, for timestamps. */
int64_t vfs_now_ns(void);

/* A program's path into buf (VFS_PATH_MAX): 0, -EFAULT, -ENAMETOOLONG. */
long vfs_user_path(char *buf, long uaddr);

/* Open path (flags and mode as openat's) to a file with a reference. */
int vfs_open(int dirfd, const char *path, int flags, uint32_t mode,
	     struct ts_file **out);

#endif

/* Mounts: the root file system, mounted before the libraries' init
 * functions that need files (vfs.root, ramfs by default), the mounts
 * the command line asks for (vfs.mount), mount and umount2 at run time.
 * A mount covers a directory: the walk that reaches the directory goes
 * on at the mount's root, and ".." from that root goes back to the
 * covered directory's parent. Each mount gets a device number for its
 * nodes' st_dev, as Linux numbers anonymous devices (major 0). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/syscall.h>
#include "path.h"

static struct ts_mount *mounts;		/* in mount order, root first */
static uint32_t next_dev = 1;

static const char *root_param = "ramfs";
TS_PARAM_STR(vfs, root, root_param,
	     "root file system: fstype[:source[:options]] (ramfs)");
static const char *mount_param;
TS_PARAM_STR(vfs, mount, mount_param,
	     "mounts at boot: fstype:source:/path[:options], several "
	     "separated by ';' (mount points are created)");

struct ts_vnode *vfs_root(void)
{
	struct ts_vnode *r = mounts ? mounts->root : NULL;

	if (r)
		ts_vnode_get(r);
	return r;
}

int vfs_rdonly(const struct ts_vnode *n)
{
	return n->mnt && (n->mnt->flags & MS_RDONLY);
}

/* A mount of type on covered (NULL: the root). */
static int do_mount(const char *source, struct ts_vnode *covered,
		    const char *where, const char *fstype,
		    unsigned long flags, const char *opts)
{
	const struct ts_fs_type *t = ts_fs_type_find(fstype);
	struct ts_mount *m, **tail;
	struct ts_vnode *root;
	int r;

	if (!t)
		return -ENODEV;
	if (covered && covered->covered_by)
		return -EBUSY;
	if (!(m = calloc(1, sizeof(*m))))
		return -ENOMEM;
	m->type = t;
	m->flags = flags & MS_RDONLY;
	m->dev = next_dev++;
	m->path = strdup(where);
	m->source = strdup(source ? source : "none");
	if (!m->path || !m->source) {
		r = -ENOMEM;
		goto fail;
	}
	if ((r = t->mount(m, m->source, opts, &root)))
		goto fail;
	m->root = root;
	if (covered) {
		ts_vnode_get(covered);
		m->mountpoint = covered;
		covered->covered_by = m;
	}
	for (tail = &mounts; *tail; tail = &(*tail)->next)
		;
	*tail = m;
	return 0;
fail:
	free(m->path);
	free(m->source);
	free(m);
	return r;
}

int ts_vfs_mount(const char *source, const char *target,
		 const char *fstype, unsigned long flags, const char *opts)
{
	char where[VFS_PATH_MAX];
	struct vfs_walk w = { .path = where };
	int r;

	if (!fstype)
		return -EINVAL;
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL;		/* not supported: one kind of mount */
	if ((r = vfs_walk(VFS_AT_FDCWD, target, WALK_FOLLOW, &w)))
		return r;
	if (flags & MS_REMOUNT) {
		struct ts_vnode *n = w.node;

		if (!n->mnt || n != n->mnt->root)
			r = -EINVAL;
		else
			n->mnt->flags = (n->mnt->flags & ~(unsigned long)MS_RDONLY) |
					(flags & MS_RDONLY);
	} else if (!S_ISDIR(w.node->mode)) {
		r = -ENOTDIR;
	} else {
		r = do_mount(source, w.node, where, fstype, flags, opts);
	}
	vfs_walk_done(&w);
	return r;
}

/* Is something of m in use: a descriptor, the current directory, a
 * mount on one of its directories? */
struct busy {
	struct ts_mount *m;
	int busy;
};

static void fd_busy(int fd, struct ts_file *f, unsigned int fl, void *arg)
{
	struct busy *b = arg;

	(void)fd, (void)fl;
	if (f->node && f->node->mnt == b->m)
		b->busy = 1;
}

static int mount_busy(struct ts_mount *m)
{
	struct busy b = { m, 0 };
	struct ts_vnode *cwd = vfs_cwd(NULL);

	if (cwd) {
		b.busy = cwd->mnt == m;
		ts_vnode_put(cwd);
	}
	for (struct ts_mount *o = mounts; o; o = o->next)
		if (o->mountpoint && o->mountpoint->mnt == m)
			b.busy = 1;
	ts_fd_foreach(fd_busy, &b);
	return b.busy;
}

static int do_umount(const char *target, int flags)
{
	struct vfs_walk w = { 0 };
	struct ts_mount *m, **p;
	int r;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((r = vfs_walk(VFS_AT_FDCWD, target,
			  flags & UMOUNT_NOFOLLOW ? 0 : WALK_FOLLOW, &w)))
		return r;
	m = w.node->mnt;
	if (!m || w.node != m->root)
		r = -EINVAL;			/* not a mount point */
	else if (!m->mountpoint)
		r = -EBUSY;			/* the root */
	vfs_walk_done(&w);
	if (r)
		return r;
	/* MNT_DETACH is not lazy here: nodes of a mount in use would
	 * outlive it. A busy mount stays, whatever the flags. */
	if (mount_busy(m))
		return -EBUSY;
	for (p = &mounts; *p != m; p = &(*p)->next)
		;
	*p = m->next;
	m->mountpoint->covered_by = NULL;
	ts_vnode_put(m->mountpoint);
	if (m->type->unmount)
		m->type->unmount(m);
	ts_vnode_put(m->root);
	free(m->path);
	free(m->source);
	free(m);
	return 0;
}

int ts_vfs_umount(const char *target)
{
	return do_umount(target, 0);
}

void ts_vfs_foreach_mount(void (*fn)(const struct ts_mount *m, void *arg),
			  void *arg)
{
	for (struct ts_mount *m = mounts; m; m = m->next)
		fn(m, arg);
}

static long sys_mount(long src, long tgt, long type, long flags, long data,
		      long f)
{
	char source[VFS_PATH_MAX], target[VFS_PATH_MAX], fstype[64];
	char opts[VFS_PATH_MAX];
	long r;

	(void)f;
	if ((r = vfs_user_path(target, tgt)))
		return r;
	/* Linux ignores source and type for a remount. */
	if (flags & MS_REMOUNT)
		return ts_vfs_mount(NULL, target, "", (unsigned long)flags,
				    NULL);
	if (!src)
		strcpy(source, "none");
	else if ((r = ts_syscall_user_string(source, (unsigned long)src,
					     sizeof(source))) < 0)
		return r;
	if ((r = ts_syscall_user_string(fstype, (unsigned long)type,
					sizeof(fstype))) < 0)
		return r == -ENAMETOOLONG ? -ENODEV : r;
	if (data && (r = ts_syscall_user_string(opts, (unsigned long)data,
						sizeof(opts))) < 0)
		return r;
	return ts_vfs_mount(source, target, fstype, (unsigned long)flags,
			    data ? opts : NULL);
}
TS_SYSCALL(mount, sys_mount);

static long sys_umount2(long tgt, long flags, long c, long d, long e, long f)
{
	char target[VFS_PATH_MAX];
	long r;

	(void)c, (void)d, (void)e, (void)f;
	if ((r = vfs_user_path(target, tgt)))
		return r;
	return do_umount(target, (int)flags);
}
TS_SYSCALL(umount2, sys_umount2);

/* The errno names a mount at boot can end with: musl's strerror needs
 * a thread pointer, which the boot thread has not on every target. */
static const char *errname(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ ENOENT, "ENOENT (no such directory)" },
		{ ENOTDIR, "ENOTDIR (not a directory)" },
		{ ENODEV, "ENODEV (no such file-system type in the image)" },
		{ EBUSY, "EBUSY (already a mount point)" },
		{ ENOMEM, "ENOMEM" }, { EINVAL, "EINVAL" }, { EIO, "EIO" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ELOOP, "ELOOP" },
		{ EEXIST, "EEXIST" }, { EROFS, "EROFS" }, { EPERM, "EPERM" },
		{ EACCES, "EACCES" }, { ENXIO, "ENXIO" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	return "an error";
}

/* "fstype[:source[:options]]" into its fields, in place. */
static void split(char *s, char **f, int nf)
{
	for (int i = 0; i < nf; i++) {
		f[i] = s;
		if (s && i < nf - 1 && (s = strchr(s, ':')))
			*s++ = 0;
		else
			s = NULL;
	}
}

/* mkdir -p for a mount point named on the command line. */
static int make_dirs(const char *path)
{
	char p[VFS_PATH_MAX];
	int r = 0;

	if (strlen(path) >= sizeof(p))
		return -ENAMETOOLONG;
	strcpy(p, path);
	for (char *s = p + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = 0;
			r = ts_vfs_mkdir(p, 0755);
			if (r == -EEXIST)
				r = 0;
			*s = c;
			if (r || !c)
				break;
		}
	}
	return r;
}

static int mount_root(void)
{
	char spec[256], *f[3];
	int r;

	if (strlen(root_param) >= sizeof(spec)) {
		ts_log_err("vfs.root '%s' is too long", root_param);
		return -ENAMETOOLONG;
	}
	strcpy(spec, root_param);
	split(spec, f, 3);
	r = do_mount(f[1] ? f[1] : "none", NULL, "/", f[0], 0, f[2]);
	if (r == -ENODEV && strcmp(f[0], "ramfs")) {
		ts_log_err("vfs.root: no file system '%s' in the image: "
			   "trying ramfs", f[0]);
		r = do_mount("none", NULL, "/", "ramfs", 0, NULL);
	}
	if (r == -ENODEV) {
		/* An image with lib/vfs and no file system: descriptors
		 * only, every path is ENOENT. */
		ts_log_info("no file system in the image: no root");
		return 0;
	}
	if (r) {
		ts_log_err("cannot mount the root (%s): %s", root_param,
			   errname(-r));
		return 0;
	}
	vfs_set_cwd(mounts->root, "/");
	return 0;
}
TS_INIT(mount_root, TS_INIT_LIB);

/* vfs.mount: after the file systems and their devices came up. A mount
 * that fails says why; the boot goes on. */
static int mount_cmdline(void)
{
	char spec[1024], *s, *next, *f[4];

	if (!mount_param || !*mount_param)
		return 0;
	if (strlen(mount_param) >= sizeof(spec)) {
		ts_log_err("vfs.mount is too long (%zu bytes, at most %zu)",
			   strlen(mount_param), sizeof(spec) - 1);
		return 0;
	}
	strcpy(spec, mount_param);
	for (s = spec; s; s = next) {
		int r;

		if ((next = strchr(s, ';')))
			*next++ = 0;
		if (!*s)
			continue;
		split(s, f, 4);
		if (!f[1] || !f[2] || f[2][0] != '/') {
			ts_log_err("vfs.mount: '%s' is not "
				   "fstype:source:/path[:options]", s);
			continue;
		}
		r = make_dirs(f[2]);
		if (!r)
			r = ts_vfs_mount(f[1], f[2], f[0], 0, f[3]);
		if (r)
			ts_log_err("vfs.mount: %s on %s (%s): %s", f[1], f[2],
				   f[0], errname(-r));
		else
			ts_log_info("mounted %s on %s (%s)", f[1], f[2],
				    f[0]);
	}
	return 0;
}
TS_INIT(mount_cmdline, TS_INIT_LATE);

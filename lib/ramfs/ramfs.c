/* ramfs: a file system in the heap, and the default root. Every node is
 * a struct ts_vnode that lives as long as a name or an open file holds
 * it: a directory entry holds one reference, and the node's data goes
 * with the last one (an unlinked file stays readable while open).
 *
 * Threads see each operation whole: no operation blocks (it copies
 * memory and allocates), so on the one CPU an image runs on, keeping
 * the scheduler from preempting the thread for its length is the lock,
 * as lib/alloc's is. A mutex did the same at three times the cost of a
 * lookup (measured under QEMU's TCG: 2.6-3.6 us a lookup with it). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/time.h>
#include <ts/vfs.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sched.h>
#endif
#include "ramfs.h"

struct ramfs_mount {
	uint64_t next_ino;
};

void ramfs_lock(struct ts_mount *m)
{
	(void)m;
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_disable();
#endif
}

void ramfs_unlock(struct ts_mount *m)
{
	(void)m;
#ifdef CONFIG_LIB_SCHED
	ts_sched_preempt_enable();
#endif
}

static int64_t now(void)
{
	return (int64_t)ts_time_wall_ns();
}

static struct ts_vnode *node_new(struct ts_mount *m, uint32_t mode,
				 uint32_t rdev)
{
	struct ramfs_mount *rm = m->priv;
	struct ts_vnode *n = ts_vnode_new(m, &ramfs_vnode_ops, mode);

	if (!n)
		return NULL;
	if (!(n->priv = calloc(1, sizeof(struct ramfs_node)))) {
		ts_vnode_put(n);
		return NULL;
	}
	n->ino = rm->next_ino++;
	n->rdev = rdev;
	n->atime_ns = n->mtime_ns = n->ctime_ns = now();
	if (S_ISDIR(mode)) {
		n->nlink = 2;
		n->size = 0;
		((struct ramfs_node *)n->priv)->dir.next_cookie = 3;
		n->fops = &ramfs_dir_fops;
	} else if (S_ISREG(mode)) {
		n->fops = &ramfs_file_fops;
	}
	return n;
}

static void touch(struct ts_vnode *dir)
{
	dir->mtime_ns = dir->ctime_ns = now();
}

static int ramfs_lookup(struct ts_vnode *dir, const char *name, size_t len,
			struct ts_vnode **out)
{
	struct ramfs_dirent *e;

	ramfs_lock(dir->mnt);
	e = ramfs_dir_find(dir, name, len);
	if (e) {
		ts_vnode_get(e->node);
		*out = e->node;
	}
	ramfs_unlock(dir->mnt);
	return e ? 0 : -ENOENT;
}

/* Add n under name in dir (taking over the caller's reference as the
 * entry's) and hand the caller one of its own. */
static int add(struct ts_vnode *dir, const char *name, size_t len,
	       struct ts_vnode *n, struct ts_vnode **out)
{
	int r;

	if (ramfs_dir_find(dir, name, len))
		r = -EEXIST;
	else
		r = ramfs_dir_add(dir, name, len, n);
	if (r) {
		ts_vnode_put(n);
		return r;
	}
	if (S_ISDIR(n->mode))
		dir->nlink++;
	touch(dir);
	if (out) {
		ts_vnode_get(n);
		*out = n;
	}
	return 0;
}

static int ramfs_create(struct ts_vnode *dir, const char *name, size_t len,
			uint32_t mode, uint32_t rdev, struct ts_vnode **out)
{
	struct ts_vnode *n;
	int r;

	if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISFIFO(mode) &&
	    !S_ISCHR(mode) && !S_ISBLK(mode) && !S_ISSOCK(mode))
		return -EINVAL;
	ramfs_lock(dir->mnt);
	if (!(n = node_new(dir->mnt, mode, rdev)))
		r = -ENOMEM;
	else
		r = add(dir, name, len, n, out);
	ramfs_unlock(dir->mnt);
	return r;
}

static int ramfs_symlink(struct ts_vnode *dir, const char *name, size_t len,
			 const char *target, struct ts_vnode **out)
{
	struct ts_vnode *n;
	int r = -ENOMEM;

	ramfs_lock(dir->mnt);
	if ((n = node_new(dir->mnt, S_IFLNK | 0777, 0))) {
		struct ramfs_node *rn = n->priv;

		if (!(rn->target = strdup(target))) {
			ts_vnode_put(n);
		} else {
			n->size = (int64_t)strlen(target);
			r = add(dir, name, len, n, out);
		}
	}
	ramfs_unlock(dir->mnt);
	return r;
}

static int ramfs_link(struct ts_vnode *dir, const char *name, size_t len,
		      struct ts_vnode *target)
{
	int r;

	ramfs_lock(dir->mnt);
	ts_vnode_get(target);
	r = add(dir, name, len, target, NULL);
	if (!r) {
		target->nlink++;
		target->ctime_ns = now();
	}
	ramfs_unlock(dir->mnt);
	return r;
}

/* Drop entry e of dir: the name goes, the node loses a link. */
static void drop(struct ts_vnode *dir, struct ramfs_dirent *e)
{
	struct ts_vnode *n = e->node;

	if (S_ISDIR(n->mode)) {
		dir->nlink--;
		n->nlink = 0;
	} else {
		n->nlink--;
	}
	n->ctime_ns = now();
	touch(dir);
	ramfs_dir_remove(dir, e);
}

static int ramfs_unlink(struct ts_vnode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *e;
	int r = 0;

	ramfs_lock(dir->mnt);
	if (!(e = ramfs_dir_find(dir, name, len)))
		r = -ENOENT;
	else if (S_ISDIR(e->node->mode))
		r = -EISDIR;
	else
		drop(dir, e);
	ramfs_unlock(dir->mnt);
	return r;
}

static int ramfs_rmdir(struct ts_vnode *dir, const char *name, size_t len)
{
	struct ramfs_dirent *e;
	int r = 0;

	ramfs_lock(dir->mnt);
	if (!(e = ramfs_dir_find(dir, name, len)))
		r = -ENOENT;
	else if (!S_ISDIR(e->node->mode))
		r = -ENOTDIR;
	else if (((struct ramfs_node *)e->node->priv)->dir.head)
		r = -ENOTEMPTY;
	else
		drop(dir, e);
	ramfs_unlock(dir->mnt);
	return r;
}

/* The path layer checked kinds, mounts and loops; here: a directory
 * replaced must be empty. */
static int ramfs_rename(struct ts_vnode *odir, const char *oname,
			size_t olen, struct ts_vnode *ndir, const char *nname,
			size_t nlen)
{
	struct ramfs_dirent *o, *n;
	struct ts_vnode *node;
	int r = 0;

	ramfs_lock(odir->mnt);
	if (!(o = ramfs_dir_find(odir, oname, olen))) {
		r = -ENOENT;
		goto out;
	}
	node = o->node;
	n = ramfs_dir_find(ndir, nname, nlen);
	if (n && n->node == node)
		goto out;
	if (n && S_ISDIR(n->node->mode) &&
	    ((struct ramfs_node *)n->node->priv)->dir.head) {
		r = -ENOTEMPTY;
		goto out;
	}
	ts_vnode_get(node);
	if (n)
		drop(ndir, n);
	if ((r = ramfs_dir_add(ndir, nname, nlen, node))) {
		ts_vnode_put(node);
		goto out;
	}
	/* The old entry's reference goes, the new one holds its own. */
	if (S_ISDIR(node->mode)) {
		ndir->nlink++;
		odir->nlink--;
	}
	ramfs_dir_remove(odir, o);
	touch(odir);
	touch(ndir);
	node->ctime_ns = now();
out:
	ramfs_unlock(odir->mnt);
	return r;
}

static long ramfs_readlink(struct ts_vnode *n, char *buf, size_t len)
{
	const char *t = ((struct ramfs_node *)n->priv)->target;
	size_t l = strlen(t);

	if (l > len)
		l = len;
	memcpy(buf, t, l);
	return (long)l;
}

static int ramfs_setattr(struct ts_vnode *n, const struct ts_vattr *va)
{
	int r = 0;

	ramfs_lock(n->mnt);
	if (va->valid & TS_VA_SIZE) {
		if (!S_ISREG(n->mode))
			r = S_ISDIR(n->mode) ? -EISDIR : -EINVAL;
		else
			r = ramfs_resize(n, va->size);
	}
	if (!r) {
		ts_vattr_apply(n, va);
		n->ctime_ns = now();
	}
	ramfs_unlock(n->mnt);
	return r;
}

static void ramfs_release(struct ts_vnode *n)
{
	struct ramfs_node *rn = n->priv;

	if (!rn)
		return;
	if (S_ISDIR(n->mode))
		ramfs_dir_clear(n);
	else if (S_ISREG(n->mode))
		ramfs_free_data(n);
	else if (S_ISLNK(n->mode))
		free(rn->target);
	free(rn);
}

const struct ts_vnode_ops ramfs_vnode_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readlink = ramfs_readlink,
	.setattr = ramfs_setattr,
	.release = ramfs_release,
};

static int ramfs_mount(struct ts_mount *m, const char *source,
		       const char *opts, struct ts_vnode **root)
{
	struct ramfs_mount *rm = calloc(1, sizeof(*rm));
	struct ts_vnode *n;

	(void)source, (void)opts;
	if (!rm)
		return -ENOMEM;
	rm->next_ino = 1;
	m->priv = rm;
	if (!(n = node_new(m, S_IFDIR | 0755, 0))) {
		free(rm);
		m->priv = NULL;
		return -ENOMEM;
	}
	*root = n;
	return 0;
}

/* Empty every directory, deepest first: directories hold their
 * entries and each subdirectory holds its parent (".."), so the tree
 * is freed only once it is cut apart. */
static void empty_tree(struct ts_vnode *dir)
{
	struct ramfs_node *rn = dir->priv;

	for (struct ramfs_dirent *e = rn->dir.head; e; e = e->next)
		if (S_ISDIR(e->node->mode))
			empty_tree(e->node);
	ramfs_dir_clear(dir);
}

static void ramfs_unmount(struct ts_mount *m)
{
	empty_tree(m->root);
	free(m->priv);
	m->priv = NULL;
}

TS_FS_TYPE_UNMOUNT(ramfs, "ramfs", ramfs_mount, ramfs_unmount);

/* Nodes (<ts/vfs.h>): counted; the file system frees its part with the
 * last reference. */
#include <stdlib.h>
#include <sys/stat.h>
#include <ts/vfs.h>

struct ts_vnode *ts_vnode_new(struct ts_mount *mnt,
			      const struct ts_vnode_ops *ops, uint32_t mode)
{
	struct ts_vnode *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->mnt = mnt;
	n->ops = ops;
	n->mode = mode;
	n->nlink = 1;
	n->refs = 1;
	return n;
}

void ts_vnode_get(struct ts_vnode *n)
{
	__atomic_add_fetch(&n->refs, 1, __ATOMIC_RELAXED);
}

/* A node holds its parent directory (".."): freeing it drops that
 * reference too, in a loop rather than by recursion, so that a deep
 * tree going away does not take a stack frame per level. */
void ts_vnode_put(struct ts_vnode *n)
{
	while (n && !__atomic_sub_fetch(&n->refs, 1, __ATOMIC_ACQ_REL)) {
		struct ts_vnode *up = n->parent;

		if (n->ops && n->ops->release)
			n->ops->release(n);
		free(n);
		n = up;
	}
}

void ts_vattr_apply(struct ts_vnode *n, const struct ts_vattr *va)
{
	if (va->valid & TS_VA_MODE)
		n->mode = (n->mode & S_IFMT) | (va->mode & 07777);
	if (va->valid & TS_VA_UID)
		n->uid = va->uid;
	if (va->valid & TS_VA_GID)
		n->gid = va->gid;
	if (va->valid & TS_VA_ATIME)
		n->atime_ns = va->atime_ns;
	if (va->valid & TS_VA_MTIME)
		n->mtime_ns = va->mtime_ns;
}

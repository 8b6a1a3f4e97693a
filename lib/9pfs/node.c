/* Nodes of a 9p mount: each holds a fid walked to its file on the host
 * (clunked with the node's last reference). Attributes come from
 * Tgetattr; names, creation and removal go to the host as they are. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "9pfs.h"

#define NSEC 1000000000LL

/* Linux's names are not NUL-terminated here: 255 bytes at most. */
static int cname(char *buf, const char *name, size_t len)
{
	if (len > 255)
		return -ENAMETOOLONG;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return 0;
}

void p9fs_node_fill(struct ts_vnode *n, const struct ts_9p_attr *a)
{
	n->mode = a->mode;
	n->uid = a->uid;
	n->gid = a->gid;
	n->nlink = (uint32_t)a->nlink;
	n->rdev = (uint32_t)a->rdev;
	n->ino = a->qid.path;
	n->size = (int64_t)a->size;
	n->atime_ns = (int64_t)(a->atime_sec * NSEC + a->atime_nsec);
	n->mtime_ns = (int64_t)(a->mtime_sec * NSEC + a->mtime_nsec);
	n->ctime_ns = (int64_t)(a->ctime_sec * NSEC + a->ctime_nsec);
}

/* With the lock held. */
int p9fs_node_new(struct ts_mount *m, uint32_t fid, struct ts_vnode **out)
{
	struct p9fs *fs = m->priv;
	struct ts_9p_attr a;
	struct p9fs_node *pn;
	struct ts_vnode *n;
	int rc;

	rc = ts_9p_getattr(&fs->c, fid, TS_9P_GETATTR_BASIC, &a);
	if (rc)
		goto fail;
	rc = -ENOMEM;
	pn = malloc(sizeof(*pn));
	if (!pn)
		goto fail;
	n = ts_vnode_new(m, &p9fs_vnode_ops, a.mode);
	if (!n) {
		free(pn);
		goto fail;
	}
	pn->fid = fid;
	n->priv = pn;
	n->fops = &p9fs_file_ops;
	p9fs_node_fill(n, &a);
	*out = n;
	return 0;
fail:
	ts_9p_clunk(&fs->c, fid);
	return rc;
}

/* The node of name in dir, walked: with the lock held. */
static int walk_new(struct ts_vnode *dir, const char *name,
		    struct ts_vnode **out)
{
	struct p9fs *fs = p9fs_of(dir);
	uint32_t fid;
	int rc;

	rc = ts_9p_walk(&fs->c, p9fs_fid(dir), &name, 1, &fid, NULL);
	return rc ? rc : p9fs_node_new(dir->mnt, fid, out);
}

static int p9fs_lookup(struct ts_vnode *dir, const char *name, size_t len,
		       struct ts_vnode **out)
{
	struct p9fs *fs = p9fs_of(dir);
	char nm[256];
	int rc = cname(nm, name, len);

	if (rc)
		return rc;
	p9fs_lock(fs);
	rc = walk_new(dir, nm, out);
	p9fs_unlock(fs);
	return rc;
}

static int p9fs_create(struct ts_vnode *dir, const char *name, size_t len,
		       uint32_t mode, uint32_t rdev, struct ts_vnode **out)
{
	struct p9fs *fs = p9fs_of(dir);
	char nm[256];
	uint32_t fid;
	int rc = cname(nm, name, len);

	(void)rdev;
	if (rc)
		return rc;
	if (!S_ISDIR(mode) && !S_ISREG(mode))
		return -EPERM;	/* no fifos, devices or sockets on the host */
	p9fs_lock(fs);
	if (S_ISDIR(mode)) {
		rc = ts_9p_mkdir(&fs->c, p9fs_fid(dir), nm, mode & 07777,
				 dir->gid, NULL);
	} else {
		/* Tlcreate turns the fid it is given into the open new
		 * file: a clone of the directory's, closed again. The node
		 * gets a fid of its own, walked. */
		rc = ts_9p_walk(&fs->c, p9fs_fid(dir), NULL, 0, &fid, NULL);
		if (!rc) {
			rc = ts_9p_lcreate(&fs->c, fid, nm, TS_9P_O_RDWR |
					   TS_9P_O_CREAT | TS_9P_O_EXCL,
					   mode & 07777, dir->gid, NULL, NULL);
			ts_9p_clunk(&fs->c, fid);
		}
	}
	if (!rc)
		rc = walk_new(dir, nm, out);
	p9fs_unlock(fs);
	return rc;
}

static int remove_name(struct ts_vnode *dir, const char *name, size_t len,
		       uint32_t flags)
{
	struct p9fs *fs = p9fs_of(dir);
	char nm[256];
	int rc = cname(nm, name, len);

	if (rc)
		return rc;
	p9fs_lock(fs);
	rc = ts_9p_unlinkat(&fs->c, p9fs_fid(dir), nm, flags);
	p9fs_unlock(fs);
	return rc;
}

static int p9fs_unlink(struct ts_vnode *dir, const char *name, size_t len)
{
	return remove_name(dir, name, len, 0);
}

static int p9fs_rmdir(struct ts_vnode *dir, const char *name, size_t len)
{
	return remove_name(dir, name, len, TS_9P_AT_REMOVEDIR);
}

static int p9fs_rename(struct ts_vnode *odir, const char *oname, size_t olen,
		       struct ts_vnode *ndir, const char *nname, size_t nlen)
{
	struct p9fs *fs = p9fs_of(odir);
	char o[256], n[256];
	int rc = cname(o, oname, olen);

	if (!rc)
		rc = cname(n, nname, nlen);
	if (rc)
		return rc;
	p9fs_lock(fs);
	rc = ts_9p_renameat(&fs->c, p9fs_fid(odir), o, p9fs_fid(ndir), n);
	p9fs_unlock(fs);
	return rc;
}

static int p9fs_getattr(struct ts_vnode *n)
{
	struct p9fs *fs = p9fs_of(n);
	struct ts_9p_attr a;
	int rc;

	p9fs_lock(fs);
	rc = ts_9p_getattr(&fs->c, p9fs_fid(n), TS_9P_GETATTR_BASIC, &a);
	p9fs_unlock(fs);
	if (!rc)
		p9fs_node_fill(n, &a);
	return rc;
}

static int p9fs_setattr(struct ts_vnode *n, const struct ts_vattr *va)
{
	struct p9fs *fs = p9fs_of(n);
	struct ts_9p_setattr sa;
	int rc;

	memset(&sa, 0, sizeof(sa));
	if (va->valid & (TS_VA_UID | TS_VA_GID))
		return -EPERM;	/* the host's owners are the host's */
	if (va->valid & TS_VA_MODE) {
		sa.valid |= TS_9P_SETATTR_MODE;
		sa.mode = va->mode & 07777;
	}
	if (va->valid & TS_VA_SIZE) {
		if (va->size < 0)
			return -EINVAL;
		sa.valid |= TS_9P_SETATTR_SIZE;
		sa.size = (uint64_t)va->size;
	}
	if (va->valid & TS_VA_ATIME) {
		sa.valid |= TS_9P_SETATTR_ATIME | TS_9P_SETATTR_ATIME_SET;
		sa.atime_sec = (uint64_t)(va->atime_ns / NSEC);
		sa.atime_nsec = (uint64_t)(va->atime_ns % NSEC);
	}
	if (va->valid & TS_VA_MTIME) {
		sa.valid |= TS_9P_SETATTR_MTIME | TS_9P_SETATTR_MTIME_SET;
		sa.mtime_sec = (uint64_t)(va->mtime_ns / NSEC);
		sa.mtime_nsec = (uint64_t)(va->mtime_ns % NSEC);
	}
	p9fs_lock(fs);
	rc = ts_9p_setattr(&fs->c, p9fs_fid(n), &sa);
	p9fs_unlock(fs);
	return rc ? rc : p9fs_getattr(n);
}

static void p9fs_release(struct ts_vnode *n)
{
	struct p9fs *fs = n->mnt ? n->mnt->priv : NULL;

	if (fs && n->priv) {
		p9fs_lock(fs);
		ts_9p_clunk(&fs->c, p9fs_fid(n));
		p9fs_unlock(fs);
	}
	free(n->priv);
	n->priv = NULL;
}

const struct ts_vnode_ops p9fs_vnode_ops = {
	.lookup = p9fs_lookup,
	.create = p9fs_create,
	.unlink = p9fs_unlink,
	.rmdir = p9fs_rmdir,
	.rename = p9fs_rename,
	.setattr = p9fs_setattr,
	.getattr = p9fs_getattr,
	.open = p9fs_open,
	.release = p9fs_release,
};

/* Shared by lib/9pfs's files. */
#ifndef LIB_9PFS_H
#define LIB_9PFS_H

#include <stdint.h>
#include <ts/9p.h>
#include <ts/vfs.h>
#ifdef CONFIG_LIB_SCHED
#include <ts/sync.h>
#endif

/* One mount: the 9P session, its buffers, the lock that makes one
 * request at a time of every thread's calls. */
struct p9fs {
	struct ts_9p_client c;
	uint8_t *buf;		/* tx then rx, msize bytes each */
#ifdef CONFIG_LIB_SCHED
	struct ts_mutex lock;
#endif
};

/* A node: the fid walked to it, never opened (opens clone it). */
struct p9fs_node {
	uint32_t fid;
};

/* An open file: its own opened fid. A directory's f->pos is the host's
 * offset cookie of the last entry handed out; dir_end: the host said
 * there is no more. */
struct p9fs_file {
	uint32_t fid;
	int dir_end;
};

void p9fs_lock(struct p9fs *fs);
void p9fs_unlock(struct p9fs *fs);

static inline struct p9fs *p9fs_of(const struct ts_vnode *n)
{
	return n->mnt->priv;
}

static inline uint32_t p9fs_fid(const struct ts_vnode *n)
{
	return ((struct p9fs_node *)n->priv)->fid;
}

/* node.c: a node for fid (taken over: clunked with the node), with its
 * attributes read from the host; minus an errno (fid clunked). */
int p9fs_node_new(struct ts_mount *m, uint32_t fid, struct ts_vnode **out);
void p9fs_node_fill(struct ts_vnode *n, const struct ts_9p_attr *a);
extern const struct ts_vnode_ops p9fs_vnode_ops;
/* file.c */
extern const struct ts_file_ops p9fs_file_ops;
int p9fs_open(struct ts_vnode *n, struct ts_file *f);

#endif

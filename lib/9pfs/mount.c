/* The file-system type "9p": a mount's source is the mount tag of a 9P
 * transport (a virtio-9p device; "" or "any": the first one). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "9pfs.h"

void p9fs_lock(struct p9fs *fs)
{
#ifdef CONFIG_LIB_SCHED
	ts_mutex_lock(&fs->lock);
#else
	(void)fs;
#endif
}

void p9fs_unlock(struct p9fs *fs)
{
#ifdef CONFIG_LIB_SCHED
	ts_mutex_unlock(&fs->lock);
#else
	(void)fs;
#endif
}

static int p9fs_mount(struct ts_mount *m, const char *source,
		      const char *opts, struct ts_vnode **root)
{
	const char *tag = source && *source && strcmp(source, "any") ?
			  source : NULL;
	struct ts_9p_transport *t = ts_9p_transport_find(tag);
	uint32_t msize = CONFIG_LIB_9PFS_MSIZE;
	struct p9fs *fs;
	int rc;

	(void)opts;
	if (!t)
		return -ENODEV;	/* no such tag: Linux's answer too */
	fs = calloc(1, sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->buf = malloc(2 * (size_t)msize);
	if (!fs->buf) {
		free(fs);
		return -ENOMEM;
	}
#ifdef CONFIG_LIB_SCHED
	ts_mutex_init(&fs->lock, 0);
#endif
	rc = ts_9p_connect(&fs->c, t, fs->buf, fs->buf + msize, msize,
			   "root", "", 0);
	if (rc)
		goto fail;
	m->priv = fs;
	/* The root node gets a clone: the session keeps its own fid. */
	{
		uint32_t fid;

		rc = ts_9p_walk(&fs->c, fs->c.root, NULL, 0, &fid, NULL);
		if (!rc)
			rc = p9fs_node_new(m, fid, root);
	}
	if (!rc)
		return 0;
	ts_9p_disconnect(&fs->c);
	m->priv = NULL;
fail:
	free(fs->buf);
	free(fs);
	return rc;
}

static void p9fs_unmount(struct ts_mount *m)
{
	struct p9fs *fs = m->priv;

	if (!fs)
		return;
	ts_9p_disconnect(&fs->c);
	free(fs->buf);
	free(fs);
	m->priv = NULL;
}

TS_FS_TYPE_UNMOUNT(p9fs, "9p", p9fs_mount, p9fs_unmount);

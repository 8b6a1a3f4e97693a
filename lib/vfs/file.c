/* Open file descriptions (<ts/vfs.h>): counted, shared by dup'ed
 * descriptors, freed with the last reference. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/vfs.h>

struct ts_file *ts_file_new(const struct ts_file_ops *ops, void *priv,
			    unsigned int flags, const char *path)
{
	struct ts_file *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	if (path && !(f->path = strdup(path))) {
		free(f);
		return NULL;
	}
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	f->refs = 1;
	return f;
}

void ts_file_get(struct ts_file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void ts_file_put(struct ts_file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	if (f->node)
		ts_vnode_put(f->node);
	free(f->path);
	free(f);
}

int64_t ts_file_seek_default(struct ts_file *f, int64_t off, int whence)
{
	int64_t base;

	switch (whence) {
	case 0:		/* SEEK_SET */
		base = 0;
		break;
	case 1:		/* SEEK_CUR */
		base = f->pos;
		break;
	case 2:		/* SEEK_END */
		if (!f->node)
			return -EINVAL;
		if (f->node->ops && f->node->ops->getattr) {
			int r = f->node->ops->getattr(f->node);

			if (r)
				return r;
		}
		base = f->node->size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

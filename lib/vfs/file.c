/* Open file descriptions (<ts/vfs.h>): counted, shared by dup'ed
 * descriptors, freed with the last reference. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/arch/irq_save.h>
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

void ts_file_watch(struct ts_file *f, struct ts_file_watch *w)
{
	int on = ts_arch_irq_save();

	w->prev = NULL;
	w->next = f->watch;
	if (f->watch)
		f->watch->prev = w;
	f->watch = w;
	ts_arch_irq_restore(on);
}

void ts_file_unwatch(struct ts_file *f, struct ts_file_watch *w)
{
	int on = ts_arch_irq_save();

	/* Off the list already when prev is NULL and f->watch is not w. */
	if (w->prev || f->watch == w) {
		if (w->prev)
			w->prev->next = w->next;
		else
			f->watch = w->next;
		if (w->next)
			w->next->prev = w->prev;
		w->next = w->prev = NULL;
	}
	ts_arch_irq_restore(on);
}

int ts_file_tryget(struct ts_file *f)
{
	int on = ts_arch_irq_save();
	int ok = f->refs != 0;

	if (ok)
		ts_file_get(f);
	ts_arch_irq_restore(on);
	return ok;
}

void ts_file_put(struct ts_file *f)
{
	struct ts_file_watch *w;
	int on;

	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	/* Watchers first, while the file is whole (epoll items on it). */
	on = ts_arch_irq_save();
	while ((w = f->watch)) {
		f->watch = w->next;
		if (w->next)
			w->next->prev = NULL;
		w->next = w->prev = NULL;
		w->gone(w, f);
	}
	ts_arch_irq_restore(on);
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

int64_t ts_file_seek_dir(struct ts_file *f, int64_t off, int whence)
{
	int64_t to = whence == 0 ? off : whence == 1 ? f->pos + off : -1;

	if ((whence != 0 && whence != 1) || to < 0)
		return -EINVAL;
	f->pos = to;
	return to;
}

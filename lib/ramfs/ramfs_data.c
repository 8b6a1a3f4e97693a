/* ramfs file data: an array of 4 KiB pages, allocated when first
 * written. A page never written is a hole: it reads as zeros and costs
 * a pointer (its slot), so a file grown by seeking far and writing (or by
 * ftruncate) stays as small as its data. The array doubles as the file
 * grows; truncation frees the pages past the end and zeroes the tail
 * of the last one, so that growing again reads zeros. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/time.h>
#include <ts/vfs.h>
#include "ramfs.h"

/* Linux's limit for a file's size on a 64-bit machine (MAX_LFS_FILESIZE). */
#define MAX_SIZE INT64_MAX

static struct ramfs_node *rn(struct ts_vnode *n)
{
	return n->priv;
}

/* Room in the page array for npages. */
static int slots(struct ramfs_node *r, size_t npages)
{
	size_t want = r->file.npages ? r->file.npages : 4;
	char **p;

	if (npages <= r->file.npages)
		return 0;
	while (want < npages)
		want *= 2;
	if (want > SIZE_MAX / sizeof(*p))
		return -EFBIG;
	if (!(p = realloc(r->file.pages, want * sizeof(*p))))
		return -ENOSPC;
	memset(p + r->file.npages, 0, (want - r->file.npages) * sizeof(*p));
	r->file.pages = p;
	r->file.npages = want;
	return 0;
}

int ramfs_resize(struct ts_vnode *n, int64_t size)
{
	struct ramfs_node *r = rn(n);
	size_t keep = (size_t)((size + RAMFS_PAGE - 1) / RAMFS_PAGE);

	if (size < 0)
		return -EINVAL;
	if (size < n->size) {
		for (size_t i = keep; i < r->file.npages; i++) {
			free(r->file.pages[i]);
			r->file.pages[i] = NULL;
		}
		if (size % RAMFS_PAGE && keep <= r->file.npages &&
		    r->file.pages[keep - 1])
			memset(r->file.pages[keep - 1] + size % RAMFS_PAGE, 0,
			       RAMFS_PAGE - size % RAMFS_PAGE);
	}
	/* Growing leaves a hole: nothing to allocate but the array's
	 * slots, and those only when written. */
	n->size = size;
	return 0;
}

void ramfs_free_data(struct ts_vnode *n)
{
	struct ramfs_node *r = rn(n);

	for (size_t i = 0; i < r->file.npages; i++)
		free(r->file.pages[i]);
	free(r->file.pages);
	r->file.pages = NULL;
	r->file.npages = 0;
}

static long file_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	struct ts_vnode *n = f->node;
	struct ramfs_node *r = rn(n);
	size_t done = 0;
	int64_t p = *pos;

	ramfs_lock(n->mnt);
	if (p < n->size && len > (size_t)(n->size - p))
		len = (size_t)(n->size - p);
	while (p < n->size && done < len) {
		size_t pg = (size_t)(p / RAMFS_PAGE), off = (size_t)(p % RAMFS_PAGE);
		size_t k = RAMFS_PAGE - off < len - done ? RAMFS_PAGE - off :
							     len - done;

		if (pg < r->file.npages && r->file.pages[pg])
			memcpy((char *)buf + done, r->file.pages[pg] + off, k);
		else
			memset((char *)buf + done, 0, k);
		done += k;
		p += (int64_t)k;
	}
	*pos = p;
	ramfs_unlock(n->mnt);
	return (long)done;
}

static long file_write(struct ts_file *f, const void *buf, size_t len,
		       int64_t *pos)
{
	struct ts_vnode *n = f->node;
	struct ramfs_node *r = rn(n);
	size_t done = 0;
	int64_t p = *pos;
	long ret;

	if (!len)
		return 0;
	if (p > MAX_SIZE - (int64_t)len)
		return -EFBIG;
	ramfs_lock(n->mnt);
	ret = slots(r, (size_t)((p + (int64_t)len + RAMFS_PAGE - 1) /
				RAMFS_PAGE));
	while (!ret && done < len) {
		size_t pg = (size_t)(p / RAMFS_PAGE), off = (size_t)(p % RAMFS_PAGE);
		size_t k = RAMFS_PAGE - off < len - done ? RAMFS_PAGE - off :
							     len - done;

		if (!r->file.pages[pg]) {
			if (!(r->file.pages[pg] = malloc(RAMFS_PAGE))) {
				ret = -ENOSPC;
				break;
			}
			/* Only the parts this write does not cover. */
			if (off)
				memset(r->file.pages[pg], 0, off);
			if (off + k < RAMFS_PAGE)
				memset(r->file.pages[pg] + off + k, 0,
				       RAMFS_PAGE - off - k);
		}
		memcpy(r->file.pages[pg] + off, (const char *)buf + done, k);
		done += k;
		p += (int64_t)k;
	}
	if (done) {
		*pos = p;
		if (p > n->size)
			n->size = p;
		n->mtime_ns = n->ctime_ns = (int64_t)ts_time_wall_ns();
		ret = (long)done;
	}
	ramfs_unlock(n->mnt);
	return ret;
}

const struct ts_file_ops ramfs_file_fops = {
	.read = file_read,
	.write = file_write,
	.seek = ts_file_seek_default,
	.kind = "ramfs file",
};

/* ramfs directories: a list of entries in creation order, and
 * getdents64 over it. A directory file's offset is the cookie of the
 * last entry returned ("." is 1, ".." 2, entries from 3 up, never
 * reused), so entries added or removed while a program reads the
 * directory neither repeat nor hide the others. Lookups walk the list:
 * fine for the directories of a unikernel, linear in their size. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/vfs.h>
#include "ramfs.h"

static struct ramfs_node *rn(struct ts_vnode *n)
{
	return n->priv;
}

struct ramfs_dirent *ramfs_dir_find(struct ts_vnode *dir, const char *name,
				    size_t len)
{
	for (struct ramfs_dirent *e = rn(dir)->dir.head; e; e = e->next)
		if (e->len == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

/* The entry takes over the caller's reference to n. */
int ramfs_dir_add(struct ts_vnode *dir, const char *name, size_t len,
		  struct ts_vnode *n)
{
	struct ramfs_node *d = rn(dir);
	struct ramfs_dirent *e = malloc(sizeof(*e) + len + 1);

	if (!e)
		return -ENOMEM;
	e->next = NULL;
	e->node = n;
	e->cookie = d->dir.next_cookie++;
	e->len = (uint16_t)len;
	memcpy(e->name, name, len);
	e->name[len] = 0;
	if (d->dir.tail)
		d->dir.tail->next = e;
	else
		d->dir.head = e;
	d->dir.tail = e;
	return 0;
}

void ramfs_dir_remove(struct ts_vnode *dir, struct ramfs_dirent *e)
{
	struct ramfs_node *d = rn(dir);
	struct ramfs_dirent **p, *prev = NULL;

	for (p = &d->dir.head; *p != e; p = &(*p)->next)
		prev = *p;
	*p = e->next;
	if (d->dir.tail == e)
		d->dir.tail = prev;
	ts_vnode_put(e->node);
	free(e);
}

void ramfs_dir_clear(struct ts_vnode *dir)
{
	struct ramfs_node *d = rn(dir);
	struct ramfs_dirent *e = d->dir.head, *next;

	d->dir.head = d->dir.tail = NULL;
	for (; e; e = next) {
		next = e->next;
		ts_vnode_put(e->node);
		free(e);
	}
}

/* Linux's struct linux_dirent64. */
struct dirent64_abi {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static unsigned char dtype(uint32_t mode)
{
	return (unsigned char)((mode & S_IFMT) >> 12);	/* DT_* */
}

/* One record into buf at *used, if it fits. */
static int put(char *buf, size_t len, size_t *used, uint64_t ino,
	       int64_t off, unsigned char type, const char *name,
	       size_t nlen)
{
	size_t rec = (offsetof(struct dirent64_abi, d_name) + nlen + 1 + 7) &
		     ~(size_t)7;
	struct dirent64_abi *d = (struct dirent64_abi *)(buf + *used);

	if (*used + rec > len)
		return 0;
	d->d_ino = ino;
	d->d_off = off;
	d->d_reclen = (unsigned short)rec;
	d->d_type = type;
	memcpy(d->d_name, name, nlen);
	memset(d->d_name + nlen, 0, rec - offsetof(struct dirent64_abi,
						    d_name) - nlen);
	*used += rec;
	return 1;
}

static long dir_getdents(struct ts_file *f, void *buf, size_t len)
{
	struct ts_vnode *dir = f->node;
	size_t used = 0;
	long r = 0;

	ramfs_lock(dir->mnt);
	if (f->pos < 1) {
		if (!put(buf, len, &used, dir->ino, 1, dtype(dir->mode), ".", 1))
			goto full;
		f->pos = 1;
	}
	if (f->pos < 2) {
		struct ts_vnode *up = dir->parent ? dir->parent : dir;

		if (!put(buf, len, &used, up->ino, 2, dtype(S_IFDIR), "..", 2))
			goto full;
		f->pos = 2;
	}
	for (struct ramfs_dirent *e = rn(dir)->dir.head; e; e = e->next) {
		if ((int64_t)e->cookie <= f->pos)
			continue;
		if (!put(buf, len, &used, e->node->ino, (int64_t)e->cookie,
			 dtype(e->node->mode), e->name, e->len))
			goto full;
		f->pos = (int64_t)e->cookie;
	}
	goto out;
full:
	/* Not even one record fitted: Linux says EINVAL. */
	if (!used)
		r = -EINVAL;
out:
	ramfs_unlock(dir->mnt);
	return r ? r : (long)used;
}

const struct ts_file_ops ramfs_dir_fops = {
	.getdents = dir_getdents,
	.seek = ts_file_seek_dir,
	.kind = "ramfs directory",
};

/* devfs: a fixed directory of device nodes, mounted on /dev at boot
 * (TS_INIT_FS, after the root). Each node is a character device with
 * Linux's numbers, so that stat tells a program what it opened, and
 * file operations of its own: null (reads end, writes vanish), zero
 * (zeros), full (zeros, writes ENOSPC), random and urandom (getrandom's
 * bytes through lib/syscall), console (lib/vfs's console file). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/syscall.h>
#include <ts/vfs.h>

static long null_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return 0;
}

static long null_write(struct ts_file *f, const void *buf, size_t len,
		       int64_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return (long)len;
}

static long zero_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	(void)f, (void)pos;
	memset(buf, 0, len);
	return (long)len;
}

static long full_write(struct ts_file *f, const void *buf, size_t len,
		       int64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return -ENOSPC;
}

static long random_read(struct ts_file *f, void *buf, size_t len,
			int64_t *pos)
{
	(void)f, (void)pos;
	return ts_syscall(TS_NR_getrandom, (long)buf, (long)len, 0, 0, 0, 0);
}

/* Seeking a device succeeds and means nothing, as on Linux. */
static int64_t dev_seek(struct ts_file *f, int64_t off, int whence)
{
	(void)off, (void)whence;
	f->pos = 0;
	return 0;
}

static const struct ts_file_ops null_fops = {
	.read = null_read, .write = null_write, .seek = dev_seek,
	.kind = "null",
};
static const struct ts_file_ops zero_fops = {
	.read = zero_read, .write = null_write, .seek = dev_seek,
	.kind = "zero",
};
static const struct ts_file_ops full_fops = {
	.read = zero_read, .write = full_write, .seek = dev_seek,
	.kind = "full",
};
static const struct ts_file_ops random_fops = {
	.read = random_read, .write = null_write, .seek = dev_seek,
	.kind = "random",
};

static const struct dev {
	const char *name;
	uint32_t mode;
	unsigned int major, minor;
	const struct ts_file_ops *fops;
	const char *target;		/* symlinks */
} devs[] = {
	{ "console", S_IFCHR | 0600, 5, 1, &ts_console_fops, NULL },
	{ "full", S_IFCHR | 0666, 1, 7, &full_fops, NULL },
	{ "null", S_IFCHR | 0666, 1, 3, &null_fops, NULL },
	{ "random", S_IFCHR | 0666, 1, 8, &random_fops, NULL },
	{ "stderr", S_IFLNK | 0777, 0, 0, NULL, "console" },
	{ "stdin", S_IFLNK | 0777, 0, 0, NULL, "console" },
	{ "stdout", S_IFLNK | 0777, 0, 0, NULL, "console" },
	{ "urandom", S_IFCHR | 0666, 1, 9, &random_fops, NULL },
	{ "zero", S_IFCHR | 0666, 1, 5, &zero_fops, NULL },
};
#define NDEVS (sizeof(devs) / sizeof(devs[0]))

/* The mount's nodes: the root, then one per entry of devs. */
struct devfs {
	struct ts_vnode *root;
	struct ts_vnode *nodes[NDEVS];
};

static int devfs_lookup(struct ts_vnode *dir, const char *name, size_t len,
			struct ts_vnode **out)
{
	struct devfs *d = dir->mnt->priv;

	for (size_t i = 0; i < NDEVS; i++)
		if (strlen(devs[i].name) == len &&
		    !memcmp(devs[i].name, name, len)) {
			ts_vnode_get(d->nodes[i]);
			*out = d->nodes[i];
			return 0;
		}
	return -ENOENT;
}

static long devfs_readlink(struct ts_vnode *n, char *buf, size_t len)
{
	const struct dev *dv = n->priv;
	size_t l = strlen(dv->target);

	if (l > len)
		l = len;
	memcpy(buf, dv->target, l);
	return (long)l;
}

/* Owners, modes and times may change (chmod on /dev/null), the set of
 * nodes may not. */
static int devfs_setattr(struct ts_vnode *n, const struct ts_vattr *va)
{
	if (va->valid & TS_VA_SIZE)
		return S_ISDIR(n->mode) ? -EISDIR : 0;
	ts_vattr_apply(n, va);
	return 0;
}

static const struct ts_vnode_ops devfs_dir_ops = {
	.lookup = devfs_lookup,
	.setattr = devfs_setattr,
};
static const struct ts_vnode_ops devfs_node_ops = {
	.readlink = devfs_readlink,
	.setattr = devfs_setattr,
};

struct dirent64_abi {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* The offset is the index of the next entry: ".", "..", then devs. */
static long devfs_getdents(struct ts_file *f, void *buf, size_t len)
{
	struct devfs *d = f->node->mnt->priv;
	size_t used = 0;

	for (; f->pos < (int64_t)NDEVS + 2; f->pos++) {
		int64_t i = f->pos;
		const char *name = i == 0 ? "." : i == 1 ? ".." :
				   devs[i - 2].name;
		struct ts_vnode *n = i < 2 ? d->root : d->nodes[i - 2];
		size_t nl = strlen(name);
		size_t rec = (offsetof(struct dirent64_abi, d_name) + nl + 1 +
			      7) & ~(size_t)7;
		struct dirent64_abi *e = (struct dirent64_abi *)((char *)buf +
								  used);

		if (used + rec > len)
			break;
		e->d_ino = n->ino;
		e->d_off = i + 1;
		e->d_reclen = (unsigned short)rec;
		e->d_type = (unsigned char)((n->mode & S_IFMT) >> 12);
		memset(e->d_name, 0, rec - offsetof(struct dirent64_abi,
						     d_name));
		memcpy(e->d_name, name, nl);
		used += rec;
	}
	if (!used && f->pos < (int64_t)NDEVS + 2)
		return -EINVAL;
	return (long)used;
}

static const struct ts_file_ops devfs_dir_fops = {
	.getdents = devfs_getdents,
	.seek = ts_file_seek_dir,
	.kind = "devfs directory",
};

static int devfs_mount(struct ts_mount *m, const char *source,
		       const char *opts, struct ts_vnode **root)
{
	struct devfs *d;

	(void)source, (void)opts;
	if (!(d = calloc(1, sizeof(*d))))
		return -ENOMEM;
	if (!(d->root = ts_vnode_new(m, &devfs_dir_ops, S_IFDIR | 0755)))
		goto nomem;
	d->root->ino = 1;
	d->root->nlink = 2;
	d->root->fops = &devfs_dir_fops;
	for (size_t i = 0; i < NDEVS; i++) {
		struct ts_vnode *n = ts_vnode_new(m, &devfs_node_ops,
						  devs[i].mode);

		if (!n)
			goto nomem;
		n->ino = i + 2;
		n->rdev = makedev(devs[i].major, devs[i].minor);
		n->fops = devs[i].fops;
		n->size = devs[i].target ? (int64_t)strlen(devs[i].target) : 0;
		n->priv = (void *)&devs[i];
		d->nodes[i] = n;
	}
	m->priv = d;
	ts_vnode_get(d->root);
	*root = d->root;
	return 0;
nomem:
	for (size_t i = 0; i < NDEVS; i++)
		if (d->nodes[i])
			ts_vnode_put(d->nodes[i]);
	if (d->root)
		ts_vnode_put(d->root);
	free(d);
	return -ENOMEM;
}

static void devfs_unmount(struct ts_mount *m)
{
	struct devfs *d = m->priv;

	for (size_t i = 0; i < NDEVS; i++)
		ts_vnode_put(d->nodes[i]);
	ts_vnode_put(d->root);
	free(d);
}

TS_FS_TYPE_UNMOUNT(devfs, "devfs", devfs_mount, devfs_unmount);

/* /dev on the root, when there is a root: created if missing. */
static int devfs_mount_dev(void)
{
	struct stat st;
	int r;

	if (ts_vfs_stat("/", &st))
		return 0;
	r = ts_vfs_mkdir("/dev", 0755);
	if (r && r != -EEXIST) {
		ts_log_err("cannot make /dev: error %d", r);
		return 0;
	}
	if ((r = ts_vfs_mount("devfs", "/dev", "devfs", 0, NULL)))
		ts_log_err("cannot mount devfs on /dev: error %d", r);
	return 0;
}
TS_INIT(devfs_mount_dev, TS_INIT_FS);

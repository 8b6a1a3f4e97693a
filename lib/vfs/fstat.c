/* fstat: what a node says of itself, or what a file without a node
 * (pipe, eventfd, socket) fills in. Block size and count are ours to
 * choose: 4 KiB blocks, sizes rounded up to 512-byte units as st_blocks
 * counts them. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/vfs.h>
#include "path.h"

#define NSEC 1000000000LL

static void ts_time(struct timespec *ts, int64_t ns)
{
	ts->tv_sec = ns / NSEC;
	ts->tv_nsec = ns % NSEC;
}

int ts_vfs_fstat(struct ts_file *f, struct stat *st)
{
	if (f->node)
		return vfs_stat_node(f->node, st);
	memset(st, 0, sizeof(*st));
	st->st_blksize = 4096;
	return f->ops->stat ? f->ops->stat(f, st) : 0;
}

/* The one place struct stat is filled from a node: fstat, fstatat,
 * stat, lstat, statx. */
int vfs_stat_node(struct ts_vnode *n, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_blksize = 4096;
	if (n->ops && n->ops->getattr) {
		int r = n->ops->getattr(n);

		if (r)
			return r;
	}
	st->st_dev = n->mnt ? n->mnt->dev : 0;
	st->st_ino = n->ino;
	st->st_mode = n->mode;
	st->st_nlink = n->nlink;
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_rdev = n->rdev;
	st->st_size = n->size;
	st->st_blocks = (n->size + 511) / 512;
	ts_time(&st->st_atim, n->atime_ns);
	ts_time(&st->st_mtim, n->mtime_ns);
	ts_time(&st->st_ctim, n->ctime_ns);
	return 0;
}

static long sys_fstat(long fd, long buf, long c, long d, long e, long g)
{
	struct ts_file *f = ts_fd_get((int)fd);
	struct stat st;
	long r;

	(void)c, (void)d, (void)e, (void)g;
	if (!f)
		return -EBADF;
	r = ts_vfs_fstat(f, &st);
	ts_file_put(f);
	if (!r && ts_arch_mem_write_safe((unsigned long)buf, &st, sizeof(st)))
		r = -EFAULT;
	return r;
}
TS_SYSCALL(fstat, sys_fstat);

/* stat by path: newfstatat (fstatat), statx, and x86_64's stat and
 * lstat; statfs and fstatfs. All fill struct stat through
 * vfs_stat_node(), statx converts from it. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include "path.h"

static int stat_at(int dirfd, const char *path, int flags, struct stat *st)
{
	struct vfs_walk w = { 0 };
	int r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	r = vfs_walk(dirfd, path,
		     (flags & AT_SYMLINK_NOFOLLOW ? 0 : WALK_FOLLOW) |
		     (flags & AT_EMPTY_PATH ? WALK_EMPTY : 0), &w);
	if (r)
		return r;
	r = vfs_stat_node(w.node, st);
	vfs_walk_done(&w);
	return r;
}

int ts_vfs_stat(const char *path, struct stat *st)
{
	return stat_at(VFS_AT_FDCWD, path, 0, st);
}

/* fstatat with AT_EMPTY_PATH on a descriptor without a node (a pipe)
 * is the descriptor's fstat. */
static long user_stat(long dirfd, long path, long buf, int flags)
{
	char p[VFS_PATH_MAX];
	struct stat st;
	long r;

	if ((r = vfs_user_path(p, path)))
		return r;
	if (!p[0] && (flags & AT_EMPTY_PATH) && dirfd != VFS_AT_FDCWD) {
		struct ts_file *f = ts_fd_get((int)dirfd);

		if (!f)
			return -EBADF;
		r = ts_vfs_fstat(f, &st);
		ts_file_put(f);
	} else {
		r = stat_at((int)dirfd, p, flags, &st);
	}
	if (!r && ts_arch_mem_write_safe((unsigned long)buf, &st, sizeof(st)))
		r = -EFAULT;
	return r;
}

static long sys_newfstatat(long dirfd, long path, long buf, long flags,
			   long e, long f)
{
	(void)e, (void)f;
	return user_stat(dirfd, path, buf, (int)flags);
}
TS_SYSCALL(newfstatat, sys_newfstatat);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_stat(long path, long buf, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	return user_stat(VFS_AT_FDCWD, path, buf, 0);
}
TS_SYSCALL(stat, sys_stat);

static long sys_lstat(long path, long buf, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	return user_stat(VFS_AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}
TS_SYSCALL(lstat, sys_lstat);
#endif

/* Linux's struct statx (the same on every architecture). */
struct statx_ts_abi {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t pad;
};

struct statx_abi {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, pad1;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_ts_abi stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t spare[14];
};

#define STATX_BASIC_STATS	0x7ffU
#define STATX__RESERVED		0x80000000U

static void statx_time(struct statx_ts_abi *t, const struct timespec *ts)
{
	t->tv_sec = ts->tv_sec;
	t->tv_nsec = (uint32_t)ts->tv_nsec;
}

static long sys_statx(long dirfd, long path, long flags, long mask, long buf,
		      long f)
{
	struct statx_abi x;
	struct stat st;
	long r;

	(void)f;
	if ((unsigned long)mask & STATX__RESERVED)
		return -EINVAL;
	/* Check the buffer first: statx with a bad buffer is EFAULT even
	 * when the path does not exist. */
	if (ts_syscall_user_ok((unsigned long)buf, sizeof(x)))
		return -EFAULT;
	{
		char p[VFS_PATH_MAX];

		if ((r = vfs_user_path(p, path)))
			return r;
		if (!p[0] && (flags & AT_EMPTY_PATH) &&
		    dirfd != VFS_AT_FDCWD) {
			struct ts_file *fl = ts_fd_get((int)dirfd);

			if (!fl)
				return -EBADF;
			r = ts_vfs_fstat(fl, &st);
			ts_file_put(fl);
		} else {
			r = stat_at((int)dirfd, p, (int)flags, &st);
		}
	}
	if (r)
		return r;
	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS;
	x.stx_blksize = (uint32_t)st.st_blksize;
	x.stx_nlink = (uint32_t)st.st_nlink;
	x.stx_uid = st.st_uid;
	x.stx_gid = st.st_gid;
	x.stx_mode = (uint16_t)st.st_mode;
	x.stx_ino = st.st_ino;
	x.stx_size = (uint64_t)st.st_size;
	x.stx_blocks = (uint64_t)st.st_blocks;
	statx_time(&x.stx_atime, &st.st_atim);
	statx_time(&x.stx_mtime, &st.st_mtim);
	statx_time(&x.stx_ctime, &st.st_ctim);
	x.stx_rdev_major = major(st.st_rdev);
	x.stx_rdev_minor = minor(st.st_rdev);
	x.stx_dev_major = major(st.st_dev);
	x.stx_dev_minor = minor(st.st_dev);
	if (ts_arch_mem_write_safe((unsigned long)buf, &x, sizeof(x)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(statx, sys_statx);

/* statfs: what we know of a mount. Sizes are the heap's business, not
 * the file system's: ramfs reports 0 blocks as Linux's ramfs does. The
 * type is Linux's magic number for the same kind of file system. */
#define ST_RDONLY_FLAG	1

static long magic(const struct ts_vnode *n)
{
	static const struct { const char *name; long magic; } types[] = {
		{ "ramfs", 0x858458f6 },	/* RAMFS_MAGIC */
		{ "devfs", 0x01021994 },	/* TMPFS_MAGIC, as devtmpfs */
		{ "9p", 0x01021997 },		/* V9FS_MAGIC */
		{ "9pfs", 0x01021997 },
	};

	for (size_t i = 0; n->mnt && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(n->mnt->type->name, types[i].name))
			return types[i].magic;
	return 0;
}

static void fill_statfs(struct ts_vnode *n, struct statfs *s)
{
	memset(s, 0, sizeof(*s));
	s->f_type = magic(n);
	s->f_bsize = 4096;
	s->f_frsize = 4096;
	s->f_namelen = VFS_NAME_MAX;
	s->f_fsid.__val[0] = n->mnt ? (int)n->mnt->dev : 0;
	s->f_flags = vfs_rdonly(n) ? ST_RDONLY_FLAG : 0;
}

static long sys_statfs(long path, long buf, long c, long d, long e, long f)
{
	char p[VFS_PATH_MAX];
	struct vfs_walk w = { 0 };
	struct statfs s;
	long r;

	(void)c, (void)d, (void)e, (void)f;
	if ((r = vfs_user_path(p, path)))
		return r;
	if ((r = vfs_walk(VFS_AT_FDCWD, p, WALK_FOLLOW, &w)))
		return r;
	fill_statfs(w.node, &s);
	vfs_walk_done(&w);
	if (ts_arch_mem_write_safe((unsigned long)buf, &s, sizeof(s)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(statfs, sys_statfs);

static long sys_fstatfs(long fd, long buf, long c, long d, long e, long f)
{
	struct ts_file *fl = ts_fd_get((int)fd);
	struct statfs s;

	(void)c, (void)d, (void)e, (void)f;
	if (!fl)
		return -EBADF;
	if (fl->node) {
		fill_statfs(fl->node, &s);
	} else {
		memset(&s, 0, sizeof(s));
		s.f_type = 0x50495045;	/* PIPEFS_MAGIC: files without a node */
		s.f_bsize = 4096;
		s.f_namelen = VFS_NAME_MAX;
	}
	ts_file_put(fl);
	if (ts_arch_mem_write_safe((unsigned long)buf, &s, sizeof(s)))
		return -EFAULT;
	return 0;
}
TS_SYSCALL(fstatfs, sys_fstatfs);

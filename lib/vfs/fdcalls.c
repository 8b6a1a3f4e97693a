/* The calls on descriptors themselves: close, dup, dup2 (x86_64's ABI
 * has it), dup3, fcntl, ioctl, fsync, fdatasync, ftruncate, getdents64,
 * with Linux's errno in each case it has one. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <ts/arch/debug.h>
#include <ts/syscall.h>
#include <ts/vfs.h>
#include "trace.h"

/* The status flags F_SETFL may change; the access mode and creation
 * flags stay as open set them. */
#define SETFL_MASK (TS_O_APPEND | TS_O_NONBLOCK | O_DIRECT | O_NOATIME | O_ASYNC)

static long sys_close(long fd, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return vfs_close_fd((int)fd);
}
TS_SYSCALL(close, sys_close);

static long dup_from(long fd, int min, unsigned int fdflags)
{
	struct ts_file *f = ts_fd_get((int)fd);
	long r;

	if (!f)
		return -EBADF;
	r = ts_fd_install(f, min, fdflags);
	ts_file_put(f);
	return r;
}

static long sys_dup(long fd, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return dup_from(fd, 0, 0);
}
TS_SYSCALL(dup, sys_dup);

static long dup_to(long oldfd, long newfd, unsigned int fdflags)
{
	struct ts_file *f = ts_fd_get((int)oldfd);
	long r;

	if (!f)
		return -EBADF;
	r = newfd < 0 || newfd >= ts_fd_max() ? -EBADF :
		ts_fd_install_at(f, (int)newfd, fdflags);
	ts_file_put(f);
	return r;
}

static long sys_dup3(long oldfd, long newfd, long flags, long d, long e,
		     long f)
{
	(void)d, (void)e, (void)f;
	if (flags & ~(long)O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return dup_to(oldfd, newfd, flags & O_CLOEXEC ? TS_FD_CLOEXEC : 0);
}
TS_SYSCALL(dup3, sys_dup3);

#ifdef TS_SYSCALL_LEGACY_CALLS
static long sys_dup2(long oldfd, long newfd, long c, long d, long e, long f)
{
	(void)c, (void)d, (void)e, (void)f;
	/* dup2 onto itself checks the descriptor and does nothing. */
	if (oldfd == newfd)
		return ts_fd_flags((int)oldfd) < 0 ? -EBADF : newfd;
	return dup_to(oldfd, newfd, 0);
}
TS_SYSCALL(dup2, sys_dup2);
#endif

/* Advisory locks: one process holds every lock it asks for, so a lock
 * is always granted and F_GETLK always finds the range free. The
 * structure is still read (and written back) so that a bad pointer is
 * -EFAULT and a bad type -EINVAL, as on Linux. */
static long lock(int cmd, unsigned long arg)
{
	struct flock fl;

	if (ts_arch_mem_read_safe(arg, &fl, sizeof(fl)) != sizeof(fl))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK &&
	    fl.l_type != F_UNLCK)
		return -EINVAL;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		fl.l_type = F_UNLCK;
		if (ts_arch_mem_write_safe(arg, &fl, sizeof(fl)))
			return -EFAULT;
	}
	return 0;
}

static long sys_fcntl(long fd, long cmd, long arg, long d, long e, long g)
{
	struct ts_file *f = ts_fd_get((int)fd);
	long r;

	(void)d, (void)e, (void)g;
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		r = arg < 0 || arg >= ts_fd_max() ? -EINVAL :
			ts_fd_install(f, (int)arg,
				      cmd == F_DUPFD ? 0 : TS_FD_CLOEXEC);
		break;
	case F_GETFD:
		r = ts_fd_flags((int)fd) & TS_FD_CLOEXEC ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		r = ts_fd_set_flags((int)fd,
				    arg & FD_CLOEXEC ? TS_FD_CLOEXEC : 0);
		break;
	case F_GETFL:
		/* Linux reports O_LARGEFILE on 64-bit. */
		r = (long)(f->flags | O_LARGEFILE);
		break;
	case F_SETFL:
		f->flags = (f->flags & ~(unsigned int)SETFL_MASK) |
			   ((unsigned int)arg & SETFL_MASK);
		r = 0;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		r = lock((int)cmd, (unsigned long)arg);
		break;
	default:
		/* The file's own commands (a pipe's F_GETPIPE_SZ). */
		r = f->ops->fcntl ? f->ops->fcntl(f, (int)cmd,
						  (unsigned long)arg) :
				    -EINVAL;
	}
	ts_file_put(f);
	return r;
}
TS_SYSCALL(fcntl, sys_fcntl);

static long sys_ioctl(long fd, long req, long arg, long d, long e, long g)
{
	struct ts_file *f = ts_fd_get((int)fd);
	int on;
	long r;

	(void)d, (void)e, (void)g;
	if (!f)
		return -EBADF;
	switch ((unsigned long)req) {
	/* The requests every file answers, as in Linux's do_vfs_ioctl. */
	case FIOCLEX:
	case FIONCLEX:
		r = ts_fd_set_flags((int)fd,
				    req == FIOCLEX ? TS_FD_CLOEXEC : 0);
		break;
	case FIONBIO:
		if (ts_arch_mem_read_safe((unsigned long)arg, &on,
					  sizeof(on)) != sizeof(on)) {
			r = -EFAULT;
			break;
		}
		if (on)
			f->flags |= TS_O_NONBLOCK;
		else
			f->flags &= ~(unsigned int)TS_O_NONBLOCK;
		r = 0;
		break;
	default:
		r = f->ops->ioctl ? f->ops->ioctl(f, (unsigned long)req,
						  (unsigned long)arg) :
				    -ENOTTY;
	}
	ts_file_put(f);
	return r;
}
TS_SYSCALL(ioctl, sys_ioctl);

static long do_fsync(long fd)
{
	struct ts_file *f = ts_fd_get((int)fd);
	long r;

	if (!f)
		return -EBADF;
	/* Files with nothing to flush (ramfs, pipes) succeed; Linux gives
	 * EINVAL only for special files that cannot sync, which we do not
	 * tell apart. */
	r = f->ops->fsync ? f->ops->fsync(f) : 0;
	ts_file_put(f);
	return r;
}

static long sys_fsync(long fd, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return do_fsync(fd);
}
TS_SYSCALL(fsync, sys_fsync);

static long sys_fdatasync(long fd, long b, long c, long d, long e, long f)
{
	(void)b, (void)c, (void)d, (void)e, (void)f;
	return do_fsync(fd);
}
TS_SYSCALL(fdatasync, sys_fdatasync);

static long sys_ftruncate(long fd, long len, long c, long d, long e, long g)
{
	struct ts_file *f = ts_fd_get((int)fd);
	struct ts_vattr va = { .valid = TS_VA_SIZE, .size = len };
	long r;

	(void)c, (void)d, (void)e, (void)g;
	if (!f)
		return -EBADF;
	if (len < 0)
		r = -EINVAL;
	else if (!f->node || !S_ISREG(f->node->mode))
		r = -EINVAL;
	else if ((f->flags & TS_O_ACCMODE) == TS_O_RDONLY)
		r = -EINVAL;	/* Linux: not open for writing */
	else if (!f->node->ops->setattr)
		r = -EPERM;
	else
		r = f->node->ops->setattr(f->node, &va);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(ftruncate, sys_ftruncate);

static long sys_getdents64(long fd, long buf, long len, long d, long e,
			   long g)
{
	struct ts_file *f = ts_fd_get((int)fd);
	long r;

	(void)d, (void)e, (void)g;
	if (!f)
		return -EBADF;
	if (!f->ops->getdents)
		r = -ENOTDIR;
	else if ((r = ts_syscall_user_ok((unsigned long)buf, (size_t)len)))
		;
	else
		r = f->ops->getdents(f, (void *)buf, (size_t)len);
	ts_file_put(f);
	return r;
}
TS_SYSCALL(getdents64, sys_getdents64);

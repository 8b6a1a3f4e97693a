/* Reading and writing through descriptors: read, write, readv, writev,
 * pread64, pwrite64, preadv, pwritev, lseek. The program's buffers are
 * checked here (-EFAULT), then handed to the file's operations as they
 * are, without a copy. Counts are capped as Linux caps them
 * (MAX_RW_COUNT): a larger request moves at most that much. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <ts/syscall.h>
#include <ts/vfs.h>
#include "trace.h"

#define MAX_RW_COUNT	0x7ffff000L

static long cap(size_t len)
{
	return len > (size_t)MAX_RW_COUNT ? MAX_RW_COUNT : (long)len;
}

static int readable(const struct ts_file *f)
{
	return (f->flags & TS_O_ACCMODE) != TS_O_WRONLY;
}

static int writable(const struct ts_file *f)
{
	return (f->flags & TS_O_ACCMODE) != TS_O_RDONLY;
}

static long io_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	if (!readable(f))
		return -EBADF;
	if (!f->ops->read)
		return f->node && S_ISDIR(f->node->mode) ? -EISDIR : -EINVAL;
	return f->ops->read(f, buf, (size_t)cap(len), pos);
}

static long io_write(struct ts_file *f, const void *buf, size_t len,
		     int64_t *pos)
{
	if (!writable(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	/* O_APPEND: every write goes to the end as it is now. */
	if ((f->flags & TS_O_APPEND) && f->node && pos == &f->pos) {
		if (f->node->ops && f->node->ops->getattr) {
			int r = f->node->ops->getattr(f->node);

			if (r)
				return r;
		}
		f->pos = f->node->size;
	}
	return f->ops->write(f, buf, (size_t)cap(len), pos);
}

long ts_vfs_read(struct ts_file *f, void *buf, size_t len)
{
	return io_read(f, buf, len, &f->pos);
}

long ts_vfs_write(struct ts_file *f, const void *buf, size_t len)
{
	return io_write(f, buf, len, &f->pos);
}

struct iovec_abi {
	unsigned long base;
	size_t len;
};

/* Every read and write of the program: cnt checked vectors, at the
 * file's offset (at NULL) or at *at (pread and friends: not on files
 * without positions). Stops at the first short transfer, and a read
 * before a vector that would block; an error after some bytes moved
 * counts the bytes, as Linux does. */
static long vio(long fd, const struct iovec_abi *v, long cnt,
		const int64_t *at, int write)
{
	struct ts_file *f = ts_fd_get((int)fd);
	int64_t p = 0, *pos;
	long r = 0, done = 0;
	size_t asked = 0;

	if (!f)
		return -EBADF;
	if (at) {
		r = !f->ops->seek ? -ESPIPE : *at < 0 ? -EINVAL : 0;
		p = *at;
	}
	pos = at ? &p : &f->pos;
	for (long i = 0; i < cnt; i++)
		asked += v[i].len;	/* for the trace */
	for (long i = 0; i < cnt && !r; i++) {
		size_t len = v[i].len;

		if (!len)
			continue;
		if ((size_t)done + len > (size_t)MAX_RW_COUNT)
			len = (size_t)(MAX_RW_COUNT - done);
		/* A read takes what is there: with bytes already read from
		 * a file that can be waited on (a pipe, a socket), stop
		 * rather than block on the next vector. musl's stdio reads
		 * with readv into the caller's buffer and its own. */
		if (!write && done && f->ops->poll &&
		    !(f->ops->poll(f, NULL) &
		      (TS_POLLIN | TS_POLLHUP | TS_POLLERR)))
			break;
		r = write ? io_write(f, (const void *)v[i].base, len, pos) :
			    io_read(f, (void *)v[i].base, len, pos);
		if (r < 0)
			break;
		done += r;
		r = (size_t)r < len || done == MAX_RW_COUNT;
	}
	r = r < 0 && !done ? r : done;
	vfs_trace_rw(write, (int)fd, f, asked, r);
	ts_file_put(f);
	return r;
}

/* A bad buffer found before the file was looked at: -EBADF still wins
 * for a bad descriptor, as on Linux. */
static long bad_buffer(long fd, long err)
{
	struct ts_file *f = ts_fd_get((int)fd);

	if (!f)
		return -EBADF;
	ts_file_put(f);
	return err;
}

/* read/write/pread/pwrite: one vector. */
static long rw(long fd, long buf, long len, const int64_t *at, int write)
{
	struct iovec_abi v = { (unsigned long)buf, (size_t)cap((size_t)len) };

	if (ts_syscall_user_ok(v.base, v.len))
		return bad_buffer(fd, -EFAULT);
	return vio(fd, &v, 1, at, write);
}

/* readv/writev/preadv/pwritev. */
static long rwv(long fd, long iov, long cnt, const int64_t *at, int write)
{
	long r = ts_syscall_user_iov((unsigned long)iov, cnt, 1);

	if (r)
		return bad_buffer(fd, r);
	return vio(fd, (const struct iovec_abi *)iov, cnt, at, write);
}

static long sys_read(long fd, long buf, long len, long d, long e, long g)
{
	(void)d, (void)e, (void)g;
	return rw(fd, buf, len, NULL, 0);
}
TS_SYSCALL(read, sys_read);

static long sys_write(long fd, long buf, long len, long d, long e, long g)
{
	(void)d, (void)e, (void)g;
	return rw(fd, buf, len, NULL, 1);
}
TS_SYSCALL(write, sys_write);

static long sys_pread64(long fd, long buf, long len, long off, long e,
			long g)
{
	int64_t at = off;

	(void)e, (void)g;
	return rw(fd, buf, len, &at, 0);
}
TS_SYSCALL(pread64, sys_pread64);

static long sys_pwrite64(long fd, long buf, long len, long off, long e,
			 long g)
{
	int64_t at = off;

	(void)e, (void)g;
	return rw(fd, buf, len, &at, 1);
}
TS_SYSCALL(pwrite64, sys_pwrite64);

static long sys_readv(long fd, long iov, long cnt, long d, long e, long g)
{
	(void)d, (void)e, (void)g;
	return rwv(fd, iov, cnt, NULL, 0);
}
TS_SYSCALL(readv, sys_readv);

static long sys_writev(long fd, long iov, long cnt, long d, long e, long g)
{
	(void)d, (void)e, (void)g;
	return rwv(fd, iov, cnt, NULL, 1);
}
TS_SYSCALL(writev, sys_writev);

/* preadv/pwritev: the offset comes in two halves (low, high), which on
 * a 64-bit ABI means low is the whole offset. */
static long sys_preadv(long fd, long iov, long cnt, long lo, long hi, long g)
{
	int64_t at = lo;

	(void)hi, (void)g;
	return rwv(fd, iov, cnt, &at, 0);
}
TS_SYSCALL(preadv, sys_preadv);

static long sys_pwritev(long fd, long iov, long cnt, long lo, long hi,
			long g)
{
	int64_t at = lo;

	(void)hi, (void)g;
	return rwv(fd, iov, cnt, &at, 1);
}
TS_SYSCALL(pwritev, sys_pwritev);

static long sys_lseek(long fd, long off, long whence, long d, long e, long g)
{
	struct ts_file *f = ts_fd_get((int)fd);
	long r;

	(void)d, (void)e, (void)g;
	if (!f)
		return -EBADF;
	r = f->ops->seek ? (long)f->ops->seek(f, off, (int)whence) : -ESPIPE;
	ts_file_put(f);
	return r;
}
TS_SYSCALL(lseek, sys_lseek);

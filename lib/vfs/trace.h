/* lib/vfs's own calls into its tracepoints (trace.c); nothing at all
 * without CONFIG_LIB_TRACE. */
#ifndef VFS_TRACE_H
#define VFS_TRACE_H

#include <stddef.h>
#include <ts/vfs.h>
#include <ts/vfs_trace.h>

#ifdef CONFIG_LIB_TRACE
/* After a read or write through fd (pread, pwrite, the vector forms
 * too): the bytes asked for (the vectors' sum) and the result. */
void vfs_trace_rw(int write, int fd, const struct ts_file *f, size_t len,
		  long result);
/* close(fd), recorded with the path the descriptor had. */
int vfs_close_fd(int fd);
#else
static inline void vfs_trace_rw(int write, int fd, const struct ts_file *f,
				size_t len, long result)
{
	(void)write, (void)fd, (void)f, (void)len, (void)result;
}

static inline int vfs_close_fd(int fd)
{
	return ts_fd_close(fd);
}
#endif

#endif

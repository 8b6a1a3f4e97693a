/* Tracepoints of the file layer (lib/vfs/trace.c): vfs_open, vfs_close,
 * vfs_read and vfs_write, each with the descriptor and the file's path
 * (its last characters when long: "..." then the tail, which names the
 * file), so that a trace shows which file a program used, not only a
 * number. Read, write and close are traced by lib/vfs itself; the open
 * calls (openat, open, creat) report through ts_vfs_trace_open().
 *
 * With CONFIG_LIB_TRACE off these compile to nothing. */
#ifndef TS_VFS_TRACE_H
#define TS_VFS_TRACE_H

#ifdef CONFIG_LIB_TRACE
/* An open call's outcome: path as the program gave it, its open flags,
 * and the new descriptor or minus an errno. On success the record
 * carries the file's absolute path (the descriptor's) instead. */
void ts_vfs_trace_open(const char *path, int flags, long result);
#else
static inline void ts_vfs_trace_open(const char *path, int flags,
				     long result)
{
	(void)path, (void)flags, (void)result;
}
#endif

#endif

/* The descriptor table as text (fdinfo.c), for `monitor fds`; GDB's
 * `ts fds` (support/gdb/tessera/fds.py) prints the same columns from
 * memory. */
#ifndef VFS_FDINFO_H
#define VFS_FDINFO_H

#include <stddef.h>
#include <ts/vfs.h>

/* The column titles (ending in '\n'), and one descriptor's columns but
 * the last, the path, which may be long: the caller prints f->path (or
 * "-") and '\n' after them. */
extern const char vfs_fdinfo_header[];
void vfs_fdinfo_line(char *buf, size_t len, int fd, const struct ts_file *f,
		     unsigned int fdflags);

#endif

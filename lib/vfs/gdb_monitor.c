/* `monitor fds` for the in-image GDB stub: the descriptor table, one
 * line per open descriptor (fdinfo.c). Registered from here, so that
 * the stub knows nothing of files: without lib/vfs the stub answers
 * "fds: not available in this image". Runs while the image is stopped. */
#include <ts/gdbstub.h>
#include "fdinfo.h"

static void fd_line(int fd, struct ts_file *f, unsigned int fdflags,
		    void *arg)
{
	char line[128];

	vfs_fdinfo_line(line, sizeof(line), fd, f, fdflags);
	ts_gdb_monitor_print(arg, line);
	ts_gdb_monitor_print(arg, f->path ? f->path : "-");
	ts_gdb_monitor_print(arg, "\n");
}

static int mon_fds(struct ts_gdb *g, const char *args)
{
	if (*args) {
		ts_gdb_monitor_print(g, "fds: takes no arguments\n");
		return 1;
	}
	ts_gdb_monitor_print(g, vfs_fdinfo_header);
	ts_fd_foreach(fd_line, g);
	return 0;
}
TS_GDB_MONITOR(fds, "fds", "open file descriptors with their paths and offsets",
	       mon_fds);

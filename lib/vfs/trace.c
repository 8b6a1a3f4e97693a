/* The file layer's tracepoints (<ts/vfs_trace.h>). A record has six
 * 8-byte slots: the path takes what the numbers leave (three or four
 * slots, 24 or 32 characters), and a longer path keeps its tail behind
 * "...", the part that names the file. The path is copied into the
 * record, not pointed to: the file may be gone when the trace is read. */
#include <string.h>
#include <ts/trace.h>
#include "trace.h"

TS_TRACEPOINT(vfs_open, "%s%s%s%s flags %#x = %ld", ts_trace_str8,
	      ts_trace_str8, ts_trace_str8, ts_trace_str8, int, long);
TS_TRACEPOINT(vfs_close, "fd %d %s%s%s%s = %d", int, ts_trace_str8,
	      ts_trace_str8, ts_trace_str8, ts_trace_str8, int);
TS_TRACEPOINT(vfs_read, "fd %d %s%s%s %lu bytes = %ld", int, ts_trace_str8,
	      ts_trace_str8, ts_trace_str8, size_t, long);
TS_TRACEPOINT(vfs_write, "fd %d %s%s%s %lu bytes = %ld", int,
	      ts_trace_str8, ts_trace_str8, ts_trace_str8, size_t, long);

/* What names a file in a record: its path, else its kind ("pipe"). */
static const char *name_of(const struct ts_file *f)
{
	if (f->path)
		return f->path;
	return f->ops && f->ops->kind ? f->ops->kind : "?";
}

/* name in n slots: whole, or "..." and its last 8n-3 characters. */
static void slots(const char *name, ts_trace_str8 *s, unsigned int n)
{
	char buf[32];
	size_t len = strlen(name), room = 8 * n;

	memset(buf, 0, sizeof(buf));
	if (len <= room) {
		memcpy(buf, name, len);
	} else {
		memcpy(buf, "...", 3);
		memcpy(buf + 3, name + len - (room - 3), room - 3);
	}
	for (unsigned int i = 0; i < n; i++)
		s[i] = ts_trace_str(buf + 8 * i);
}

void ts_vfs_trace_open(const char *path, int flags, long result)
{
	ts_trace_str8 s[4];
	struct ts_file *f = NULL;

	if (!TS_TRACEPOINT_ENABLED(vfs_open))
		return;
	if (result >= 0)
		f = ts_fd_get((int)result);
	slots(f && f->path ? f->path : path ? path : "?", s, 4);
	if (f)
		ts_file_put(f);
	trace_vfs_open(s[0], s[1], s[2], s[3], flags, result);
}

void vfs_trace_rw(int write, int fd, const struct ts_file *f, size_t len,
		  long result)
{
	ts_trace_str8 s[3];

	if (write ? !TS_TRACEPOINT_ENABLED(vfs_write) :
		    !TS_TRACEPOINT_ENABLED(vfs_read))
		return;
	slots(name_of(f), s, 3);
	if (write)
		trace_vfs_write(fd, s[0], s[1], s[2], len, result);
	else
		trace_vfs_read(fd, s[0], s[1], s[2], len, result);
}

int vfs_close_fd(int fd)
{
	ts_trace_str8 s[4] = { 0, 0, 0, 0 };
	struct ts_file *f;
	int r;

	if (!TS_TRACEPOINT_ENABLED(vfs_close))
		return ts_fd_close(fd);
	f = ts_fd_get(fd);
	if (f)
		slots(name_of(f), s, 4);
	r = ts_fd_close(fd);
	if (f)
		ts_file_put(f);
	trace_vfs_close(fd, s[0], s[1], s[2], s[3], r);
	return r;
}

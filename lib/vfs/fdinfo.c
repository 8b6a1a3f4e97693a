/* One descriptor as a line of text: what `ls -l /proc/self/fd` and
 * /proc/self/fdinfo tell on Linux, in one table. Columns: the
 * descriptor, its own flags (cloexec), the access mode, the offset, how
 * many descriptors share the open file (dup), what kind of file it is
 * (the file's ops->kind, else the node's type), the status flags by
 * name, the path. Used while the image is stopped in the GDB stub, so
 * nothing here locks or allocates. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "fdinfo.h"

const char vfs_fdinfo_header[] =
	"  fd fd-flags mode          pos refs kind     flags            path\n";

/* Status flags by name, in Linux's bit order; O_SYNC includes
 * O_DSYNC's bit, so it comes first. */
static const struct {
	unsigned int bits;
	const char *name;
} status_names[] = {
	{ O_CREAT, "creat" }, { O_EXCL, "excl" }, { O_NOCTTY, "noctty" },
	{ O_TRUNC, "trunc" }, { O_APPEND, "append" },
	{ O_NONBLOCK, "nonblock" }, { O_SYNC, "sync" }, { O_DSYNC, "dsync" },
	{ O_ASYNC, "async" }, { O_DIRECT, "direct" },
	{ O_LARGEFILE, "largefile" }, { O_DIRECTORY, "directory" },
	{ O_NOFOLLOW, "nofollow" }, { O_NOATIME, "noatime" },
	{ O_PATH, "path" },
};

static void status_text(char *buf, size_t len, unsigned int flags)
{
	size_t at = 0;

	flags &= ~(unsigned int)(TS_O_ACCMODE | O_CLOEXEC);
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(status_names) / sizeof(status_names[0]);
	     i++) {
		unsigned int b = status_names[i].bits;

		if ((flags & b) != b)
			continue;
		flags &= ~b;
		at += (size_t)snprintf(buf + at, at < len ? len - at : 0,
				       "%s%s", at ? "," : "",
				       status_names[i].name);
	}
	if (flags)	/* bits without a name: shown, not hidden */
		at += (size_t)snprintf(buf + at, at < len ? len - at : 0,
				       "%s%#o", at ? "," : "", flags);
	if (!at)
		snprintf(buf, len, "-");
}

static const char *node_kind(const struct ts_vnode *n)
{
	switch (n->mode & S_IFMT) {
	case S_IFREG: return "file";
	case S_IFDIR: return "dir";
	case S_IFCHR: return "chr";
	case S_IFBLK: return "blk";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "sock";
	case S_IFLNK: return "link";
	}
	return "?";
}

void vfs_fdinfo_line(char *buf, size_t len, int fd, const struct ts_file *f,
		     unsigned int fdflags)
{
	static const char *const modes[] = { "r", "w", "rw", "?" };
	char status[96];
	const char *kind = f->ops && f->ops->kind ? f->ops->kind :
			   f->node ? node_kind(f->node) : "-";

	status_text(status, sizeof(status), f->flags);
	snprintf(buf, len, "%4d %-8s %-4s %12lld %4u %-8s %-16s ", fd,
		 fdflags & TS_FD_CLOEXEC ? "cloexec" : "-",
		 modes[f->flags & TS_O_ACCMODE], (long long)f->pos, f->refs,
		 kind, status);
}

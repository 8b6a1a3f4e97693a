/* /dev/console: the platform's console as a terminal file. Descriptors
 * 0, 1 and 2 are opened on it before main, read-write as a Linux
 * console's are; devfs's /dev/console node opens files with these same
 * operations. Reading is the terminal's canonical mode and the modes
 * ioctls (lib/syscall's console_read.c and console_ioctl.c, shared with
 * images without lib/vfs). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ts/init.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include <ts/vfs.h>

static long console_read(struct ts_file *f, void *buf, size_t len,
			 int64_t *pos)
{
	(void)f, (void)pos;
	return ts_syscall_console_read(buf, len);
}

static long console_write(struct ts_file *f, const void *buf, size_t len,
			  int64_t *pos)
{
	(void)f, (void)pos;
	ts_plat_console_write(buf, len);
	return (long)len;
}

static long console_ioctl(struct ts_file *f, unsigned long req,
			  unsigned long arg)
{
	(void)f;
	return ts_syscall_console_ioctl(req, arg);
}

/* For descriptors opened at boot, before (or without) devfs: Linux's
 * /dev/console is character device 5:1. */
static int console_stat(struct ts_file *f, struct stat *st)
{
	(void)f;
	st->st_mode = S_IFCHR | 0600;
	st->st_rdev = makedev(5, 1);
	st->st_nlink = 1;
	return 0;
}

const struct ts_file_ops ts_console_fops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
	.stat = console_stat,
	.kind = "console",
};

static int console_fds(void)
{
	struct ts_file *f = ts_file_new(&ts_console_fops, NULL, TS_O_RDWR,
					"/dev/console");
	int r = 0;

	if (!f)
		return -ENOMEM;
	for (int fd = 0; fd < 3 && r >= 0; fd++)
		r = ts_fd_install_at(f, fd, 0);
	ts_file_put(f);
	return r < 0 ? r : 0;
}
TS_INIT(console_fds, TS_INIT_LIB);

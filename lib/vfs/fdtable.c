/* The descriptor table (<ts/vfs.h>): one per image, as there is one
 * process. A slot holds a file reference and the descriptor's own flags
 * (FD_CLOEXEC). Changes and lookups run with interrupts off, which is
 * what keeps a preemptive scheduler's threads from interleaving in the
 * middle of one; a file's last reference is dropped outside, because
 * releasing a file may block (a 9p clunk, a socket's close). */
#include <errno.h>
#include <stddef.h>
#include <ts/arch/irq_save.h>
#include <ts/vfs.h>

struct fd_slot {
	struct ts_file *file;
	unsigned int flags;
};

static struct fd_slot table[CONFIG_LIB_VFS_MAX_FDS];

int ts_fd_max(void)
{
	return CONFIG_LIB_VFS_MAX_FDS;
}

int ts_fd_install(struct ts_file *f, int min, unsigned int fdflags)
{
	int on, fd;

	if (min < 0)
		return -EINVAL;
	on = ts_arch_irq_save();
	for (fd = min; fd < CONFIG_LIB_VFS_MAX_FDS; fd++)
		if (!table[fd].file) {
			ts_file_get(f);
			table[fd].file = f;
			table[fd].flags = fdflags;
			ts_arch_irq_restore(on);
			return fd;
		}
	ts_arch_irq_restore(on);
	/* Linux: EMFILE for open/dup, EINVAL for F_DUPFD beyond the
	 * limit; the caller knows which it is. */
	return -EMFILE;
}

int ts_fd_install_at(struct ts_file *f, int fd, unsigned int fdflags)
{
	struct ts_file *old;
	int on;

	if (fd < 0 || fd >= CONFIG_LIB_VFS_MAX_FDS)
		return -EBADF;
	ts_file_get(f);
	on = ts_arch_irq_save();
	old = table[fd].file;
	table[fd].file = f;
	table[fd].flags = fdflags;
	ts_arch_irq_restore(on);
	if (old)
		ts_file_put(old);
	return fd;
}

struct ts_file *ts_fd_get(int fd)
{
	struct ts_file *f = NULL;
	int on;

	if (fd < 0 || fd >= CONFIG_LIB_VFS_MAX_FDS)
		return NULL;
	on = ts_arch_irq_save();
	if ((f = table[fd].file))
		ts_file_get(f);
	ts_arch_irq_restore(on);
	return f;
}

int ts_fd_close(int fd)
{
	struct ts_file *f;
	int on;

	if (fd < 0 || fd >= CONFIG_LIB_VFS_MAX_FDS)
		return -EBADF;
	on = ts_arch_irq_save();
	f = table[fd].file;
	table[fd].file = NULL;
	table[fd].flags = 0;
	ts_arch_irq_restore(on);
	if (!f)
		return -EBADF;
	ts_file_put(f);
	return 0;
}

int ts_fd_flags(int fd)
{
	if (fd < 0 || fd >= CONFIG_LIB_VFS_MAX_FDS || !table[fd].file)
		return -EBADF;
	return (int)table[fd].flags;
}

int ts_fd_set_flags(int fd, unsigned int fdflags)
{
	if (fd < 0 || fd >= CONFIG_LIB_VFS_MAX_FDS || !table[fd].file)
		return -EBADF;
	table[fd].flags = fdflags;
	return 0;
}

void ts_fd_foreach(void (*fn)(int fd, struct ts_file *f,
			      unsigned int fdflags, void *arg), void *arg)
{
	for (int fd = 0; fd < CONFIG_LIB_VFS_MAX_FDS; fd++)
		if (table[fd].file)
			fn(fd, table[fd].file, table[fd].flags, arg);
}

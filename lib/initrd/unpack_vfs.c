/* Unpacking into the root file system (LIB_INITRD_UNPACK, with lib/vfs):
 * each entry the parser passes on becomes a directory, a file or a
 * symlink through the kernel's path calls of <ts/vfs.h>, with its
 * permission bits exactly (those calls take modes as given: the umask
 * is the program's, for its own calls). Parents an archive does not list are made (0755), as
 * `cpio -i -d` makes them; a directory that exists already (the root's
 * mount points) is kept; a file that exists is replaced. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <ts/cpio.h>
#include <ts/vfs.h>
#include "initrd.h"

#define MODE_BITS	07777
#define PATH_BYTES	4096	/* PATH_MAX */

static char path_buf[PATH_BYTES];

/* mkdir that accepts a directory that is there already. */
static int make_dir(const char *path, uint32_t mode)
{
	struct stat st;
	int rc = ts_vfs_mkdir(path, mode);

	if (rc != -EEXIST)
		return rc;
	rc = ts_vfs_stat(path, &st);
	if (rc)
		return rc;
	return S_ISDIR(st.st_mode) ? 0 : -EEXIST;
}

/* Every directory above path, from the top. */
static int make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		int rc;

		*p = '\0';
		rc = make_dir(path, 0755);
		*p = '/';
		if (rc)
			return rc;
	}
	return 0;
}

static int create(const struct ts_cpio_entry *e, const char *path)
{
	uint32_t mode = e->mode & MODE_BITS;

	switch (e->mode & TS_CPIO_TYPE_MASK) {
	case TS_CPIO_DIR:
		return make_dir(path, mode);
	case TS_CPIO_REG:
		return ts_vfs_write_file(path, e->data, e->size, mode);
	case TS_CPIO_SYMLINK: {
		/* The target is the data, without a NUL: copied after the
		 * path in the same buffer. */
		size_t n = strlen(path) + 1;

		if (e->size == 0 || e->size >= PATH_BYTES - n)
			return -ENAMETOOLONG;
		memcpy(path_buf + n, e->data, e->size);
		path_buf[n + e->size] = '\0';
		if (memchr(e->data, '\0', e->size))
			return -EINVAL;
		return ts_vfs_symlink(path_buf + n, path);
	}
	default:
		return -EOPNOTSUPP;
	}
}

int initrd_unpack_entry(const struct ts_cpio_entry *e, const char *rel)
{
	size_t n = strlen(rel);
	int rc;

	if (n + 2 > PATH_BYTES)
		return -ENAMETOOLONG;
	path_buf[0] = '/';
	memcpy(path_buf + 1, rel, n + 1);
	rc = create(e, path_buf);
	if (rc == -ENOENT) {
		rc = make_parents(path_buf);
		if (!rc)
			rc = create(e, path_buf);
	}
	return rc;
}

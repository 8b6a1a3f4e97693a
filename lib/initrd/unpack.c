/* The image side of lib/initrd: the archive the platform found
 * (<ts/plat/initrd.h>), walked with the parser of cpio.c at boot and,
 * with LIB_INITRD_UNPACK, unpacked into the root file system
 * (unpack_vfs.c).
 *
 * A corrupt archive is one line naming the byte and the problem, and the
 * boot goes on with what came before it; initrd.strict=1 makes it a
 * panic instead, for images that cannot do without their files. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <ts/cpio.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/plat/initrd.h>
#include "initrd.h"

static bool strict;
static bool list;

TS_PARAM_BOOL(initrd, strict, strict,
	      "a corrupt initrd stops the boot (panic) instead of being cut");
TS_PARAM_BOOL(initrd, list, list,
	      "list the initrd's entries as they are unpacked");

struct counts {
	unsigned int entries, files, dirs, symlinks, skipped, failed;
	size_t bytes;
	/* The first entry that could not be unpacked, and why. */
	char failed_path[64];
	int failed_rc;
};

static char type_char(uint32_t mode)
{
	switch (mode & TS_CPIO_TYPE_MASK) {
	case TS_CPIO_DIR:
		return 'd';
	case TS_CPIO_REG:
		return '-';
	case TS_CPIO_SYMLINK:
		return 'l';
	default:
		return '?';
	}
}

/* "drwxr-xr-x" and the like, as ls and cpio -tv print them. */
static void mode_string(uint32_t mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	out[0] = type_char(mode);
	for (int i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	out[10] = '\0';
}

static void show(const struct ts_cpio_entry *e, const char *path)
{
	char m[11];

	mode_string(e->mode, m);
	if ((e->mode & TS_CPIO_TYPE_MASK) == TS_CPIO_SYMLINK)
		ts_printk("initrd: %s %8zu %s -> %.*s\n", m, e->size, path,
			  (int)e->size, (const char *)e->data);
	else
		ts_printk("initrd: %s %8zu %s\n", m, e->size, path);
}

/* The path below the root: "./etc/x", "/etc/x" and "etc/x" are all
 * "etc/x" (find . | cpio -o writes the first kind), "." and "./" are
 * the root itself (""). NULL for a name with a ".." component, which
 * could only mean a place outside the archive's tree. */
static const char *relative(const char *name)
{
	const char *p;

	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else if (name[0] == '.' && name[1] == '\0')
			name++;
		else
			break;
	}
	for (p = name; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return NULL;
		p += n + (slash != NULL);
	}
	return name;
}

static int entry(const struct ts_cpio_entry *e, void *arg)
{
	struct counts *c = arg;
	const char *path = relative(e->name);

	if (!path) {
		ts_log_warn("\"%s\" (at byte %zu of the initrd) leads out of "
			    "its tree (\"..\"); skipped", e->name, e->offset);
		c->skipped++;
		return 0;
	}
	if (!*path)
		return 0;	/* the root: there already */
	c->entries++;
	if (list)
		show(e, path);
#ifdef CONFIG_LIB_INITRD_UNPACK
	switch (e->mode & TS_CPIO_TYPE_MASK) {
	case TS_CPIO_DIR:
	case TS_CPIO_REG:
	case TS_CPIO_SYMLINK: {
		int rc = initrd_unpack_entry(e, path);

		if (rc && !c->failed++) {
			strncpy(c->failed_path, path,
				sizeof(c->failed_path) - 1);
			c->failed_rc = rc;
		}
		if (rc)
			return 0;
		break;
	}
	default:
		break;
	}
#endif
	switch (e->mode & TS_CPIO_TYPE_MASK) {
	case TS_CPIO_DIR:
		c->dirs++;
		break;
	case TS_CPIO_REG:
		c->files++;
		c->bytes += e->size;
		break;
	case TS_CPIO_SYMLINK:
		c->symlinks++;
		break;
	default:
		c->skipped++;
		break;
	}
	return 0;
}

#ifdef CONFIG_LIB_INITRD_UNPACK
#define UNPACKED ""
#else
/* Without lib/vfs there is nowhere to put them. */
#define UNPACKED "; checked only (unpacking needs lib/vfs and " \
		 "LIB_INITRD_UNPACK)"
#endif

static int initrd_init(void)
{
	struct ts_plat_initrd rd;
	struct ts_cpio_error err;
	struct counts c = { 0 };
	int rc;

	if (ts_plat_initrd(&rd))
		return 0;
	rc = ts_cpio_walk((const void *)rd.base, rd.len, entry, &c, &err);
	if (rc == TS_CPIO_CORRUPT) {
		if (strict)
			ts_panic("corrupt initrd (%s, %zu bytes): at byte %zu: "
				 "%s", rd.source, rd.len, err.offset, err.what);
		ts_log_err("corrupt initrd (%s, %zu bytes): at byte %zu: %s; "
			   "kept the %u entries before it, ignored the rest "
			   "(initrd.strict=1 would stop the boot)", rd.source,
			   rd.len, err.offset, err.what, c.entries);
		return 0;
	}
	if (c.failed)
		ts_log_err("%u entries of the initrd could not be unpacked; "
			   "the first, \"%s\": error %d", c.failed,
			   c.failed_path, -c.failed_rc);
	ts_log_info("%u entries from the %s (%zu bytes): %u files (%zu "
		    "bytes), %u directories, %u symlinks%s%s", c.entries,
		    rd.source, rd.len, c.files, c.bytes, c.dirs, c.symlinks,
		    c.skipped ? ", others skipped" : "", UNPACKED);
	return 0;
}
TS_INIT(initrd_init, TS_INIT_FS);

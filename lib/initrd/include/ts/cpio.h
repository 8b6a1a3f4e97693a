/* cpio "newc" archives, the format of Linux's initramfs, read in place.
 *
 * A pure parser: no allocation, no file system, no console. It checks
 * every header and calls back once per entry, so that the same code
 * unpacks an initrd in an image (lib/initrd) and runs on the host under
 * the unit tests and the fuzzer (tests/unit/test_cpio.c,
 * tests/fuzz/fuzz_cpio.c).
 *
 * The format: a sequence of entries, each a 110-byte ASCII header
 * ("070701", or "070702" with a checksum, then thirteen 8-digit
 * hexadecimal fields), the name (namesize bytes with its NUL), padding to
 * a multiple of 4 from the archive's start, the file's data (filesize
 * bytes; a symlink's data is its target), padding again. The entry named
 * "TRAILER!!!" ends the archive. */
#ifndef TS_CPIO_H
#define TS_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define TS_CPIO_HEADER_SIZE	110
#define TS_CPIO_TRAILER		"TRAILER!!!"

/* File types in mode (st_mode's). */
#define TS_CPIO_TYPE_MASK	0170000
#define TS_CPIO_DIR		0040000
#define TS_CPIO_REG		0100000
#define TS_CPIO_SYMLINK		0120000

struct ts_cpio_entry {
	const char *name;	/* NUL-terminated, inside the archive */
	size_t name_len;	/* without the NUL */
	uint32_t mode;		/* file type and permission bits */
	uint32_t ino, uid, gid, nlink, mtime;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	const void *data;	/* filesize bytes, inside the archive */
	size_t size;
	size_t offset;		/* of this entry's header in the archive */
};

/* Why an archive was refused: what, at which byte of the archive (the
 * start of the header or field at fault). */
struct ts_cpio_error {
	size_t offset;
	char what[112];
};

#define TS_CPIO_CORRUPT	(-1)

/* Walks the archive buf[0..len), calling fn for each entry before the
 * trailer, in order. Every header is checked whole before its entry is
 * passed on: the magic, the hexadecimal fields, the name (at least one
 * byte before its NUL, NUL-terminated at namesize, no NUL inside, within
 * the archive), the padding after name and data (NUL bytes), the data
 * within the archive, and for "070702" the checksum (the sum of the
 * data's bytes). Returns 0 at the trailer; TS_CPIO_CORRUPT with *err
 * filled at the first problem (entries before it were passed on); or the
 * first non-zero value fn returned, which stops the walk. Bytes after the
 * trailer are not read. */
int ts_cpio_walk(const void *buf, size_t len,
		 int (*fn)(const struct ts_cpio_entry *e, void *arg),
		 void *arg, struct ts_cpio_error *err);

#endif

/* Shared by lib/initrd's own files. */
#ifndef INITRD_INITRD_H
#define INITRD_INITRD_H

struct ts_cpio_entry;

/* Make the entry at rel (a path below the root, not empty) in the root
 * file system (unpack_vfs.c, LIB_INITRD_UNPACK): 0 or -errno. */
int initrd_unpack_entry(const struct ts_cpio_entry *e, const char *rel);

#endif

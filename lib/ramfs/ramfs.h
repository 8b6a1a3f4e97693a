/* ramfs's own declarations: nodes are struct ts_vnode with a struct
 * ramfs_node as priv. */
#ifndef RAMFS_H
#define RAMFS_H

#include <stddef.h>
#include <stdint.h>
#include <ts/vfs.h>

/* A directory entry: the name and a reference to its node. cookie is
 * the entry's place for getdents (only grows; "." is 1, ".." 2). */
struct ramfs_dirent {
	struct ramfs_dirent *next;
	struct ts_vnode *node;
	uint64_t cookie;
	uint16_t len;
	char name[];
};

struct ramfs_node {
	union {
		struct {	/* directory */
			struct ramfs_dirent *head, *tail;
			uint64_t next_cookie;
		} dir;
		struct {	/* regular file: pages, NULL for a hole */
			char **pages;
			size_t npages;		/* slots in pages */
		} file;
		char *target;	/* symlink */
	};
};

struct ramfs_fs {
	uint64_t next_ino;
};

#define RAMFS_PAGE 4096

extern const struct ts_vnode_ops ramfs_vnode_ops;
extern const struct ts_file_ops ramfs_file_fops, ramfs_dir_fops;

void ramfs_lock(struct ts_mount *m);
void ramfs_unlock(struct ts_mount *m);

/* ramfs_dir.c */
struct ramfs_dirent *ramfs_dir_find(struct ts_vnode *dir, const char *name,
				    size_t len);
int ramfs_dir_add(struct ts_vnode *dir, const char *name, size_t len,
		  struct ts_vnode *n);
void ramfs_dir_remove(struct ts_vnode *dir, struct ramfs_dirent *e);
void ramfs_dir_clear(struct ts_vnode *dir);

/* ramfs_data.c */
int ramfs_resize(struct ts_vnode *n, int64_t size);
void ramfs_free_data(struct ts_vnode *n);

#endif

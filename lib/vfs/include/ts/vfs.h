/* The file layer (lib/vfs): everything a program reads or writes through
 * a descriptor is a struct ts_file with one set of operations: files of
 * a file system (ramfs, devfs, 9pfs), the console, pipes, eventfds,
 * epoll instances, sockets.
 *
 * Three layers, each usable alone:
 * - files and descriptors: struct ts_file, struct ts_file_ops, the
 *   image's one descriptor table (ts_fd_*), and poll heads through
 *   which a file wakes poll/select/epoll waiters;
 * - nodes and file systems: struct ts_vnode with struct ts_vnode_ops,
 *   file-system types registered with TS_FS_TYPE() next to their code,
 *   mounts;
 * - the kernel's own path calls (ts_vfs_*), which the system calls and
 *   in-kernel users (the initrd, tests) share.
 *
 * Conventions: functions return 0 or a value, or minus an errno, as
 * system calls do. Buffers handed to file operations have been checked
 * by the caller (the system call layer checks a program's pointers with
 * ts_syscall_user_*() of <ts/syscall.h>), so an operation may use them
 * directly. Offsets are int64_t (Linux's loff_t). */
#ifndef TS_VFS_H
#define TS_VFS_H

#include <stddef.h>
#include <stdint.h>

struct ts_file;
struct ts_vnode;
struct ts_mount;
struct ts_poll_entry;
struct stat;

/* ---------------------------------------------------------------- */
/* Poll heads: how a file tells waiters its state changed.            */

/* Linux's event bits (the same values on every architecture). */
#define TS_POLLIN	0x001
#define TS_POLLPRI	0x002
#define TS_POLLOUT	0x004
#define TS_POLLERR	0x008
#define TS_POLLHUP	0x010
#define TS_POLLNVAL	0x020
#define TS_POLLRDNORM	0x040
#define TS_POLLWRNORM	0x100
#define TS_POLLRDHUP	0x2000

/* A waiter on one file: poll() or select() of a thread, an epoll item.
 * wake() runs when the file signals events (possibly with interrupts
 * off, from an interrupt handler of a driver): it must not block; it
 * wakes a thread or marks an item ready. */
struct ts_poll_entry {
	struct ts_poll_entry *next, *prev;
	struct ts_poll_head *head;	/* where it is queued, or NULL */
	void (*wake)(struct ts_poll_entry *e, unsigned int events);
	void *owner;
};

struct ts_poll_head {
	struct ts_poll_entry list;	/* circular; list.wake unused */
};

void ts_poll_head_init(struct ts_poll_head *h);
/* Queue e on h (a file's poll operation does this when asked). */
void ts_poll_add(struct ts_poll_head *h, struct ts_poll_entry *e);
/* Take e off its head, if it is on one. */
void ts_poll_del(struct ts_poll_entry *e);
/* Call every waiter's wake() with events (what became true: TS_POLLIN
 * when data arrived, TS_POLLOUT when room appeared, TS_POLLHUP...).
 * Safe with interrupts off and from interrupt handlers. */
void ts_poll_notify(struct ts_poll_head *h, unsigned int events);

/* ---------------------------------------------------------------- */
/* Files.                                                              */

struct ts_file_ops {
	/* read/write at *pos (the file's offset, or pread's position;
	 * files without positions ignore it). The bytes moved, or minus
	 * an errno (-EAGAIN when TS_O_NONBLOCK is set and it would block). */
	long (*read)(struct ts_file *f, void *buf, size_t len, int64_t *pos);
	long (*write)(struct ts_file *f, const void *buf, size_t len,
		      int64_t *pos);
	/* lseek: NULL means -ESPIPE; ts_file_seek_default() serves files
	 * with a size (f->node). */
	int64_t (*seek)(struct ts_file *f, int64_t off, int whence);
	/* ioctl: NULL means -ENOTTY. arg is the program's (unchecked). */
	long (*ioctl)(struct ts_file *f, unsigned long req, unsigned long arg);
	/* The events true now (TS_POLL*); when e is not NULL, also queue e
	 * on the file's poll head so that it hears of changes: queue it
	 * before looking at the state, so that a change in between is not
	 * lost. The head must live as long as the file (waiters hold a
	 * reference to the file while e is queued). NULL means always
	 * readable and writable (regular files) for poll and select;
	 * epoll_ctl refuses such files with -EPERM, as Linux does. */
	unsigned int (*poll)(struct ts_file *f, struct ts_poll_entry *e);
	/* getdents64 into buf (struct linux_dirent64 records); NULL means
	 * -ENOTDIR. */
	long (*getdents)(struct ts_file *f, void *buf, size_t len);
	int (*fsync)(struct ts_file *f);
	/* fstat of a file without a node (pipes, eventfds, sockets): fill
	 * what it knows; NULL for node files (the node answers). */
	int (*stat)(struct ts_file *f, struct stat *st);
	/* The last reference is gone: free what the file holds (not f). */
	void (*release)(struct ts_file *f);
	/* fcntl commands the layer does not answer itself (F_GETPIPE_SZ,
	 * F_SETPIPE_SZ); NULL means -EINVAL. arg is the program's. */
	long (*fcntl)(struct ts_file *f, int cmd, unsigned long arg);
	/* What `ts fds` shows for a file without a path ("pipe:[3]"). */
	const char *kind;
};

/* Open-file status flags kept in f->flags: Linux's O_* values (the same
 * on x86_64 and arm64 for these). */
#define TS_O_ACCMODE	0003
#define TS_O_RDONLY	00
#define TS_O_WRONLY	01
#define TS_O_RDWR	02
#define TS_O_CREAT	0100
#define TS_O_EXCL	0200
#define TS_O_NOCTTY	0400
#define TS_O_TRUNC	01000
#define TS_O_APPEND	02000
#define TS_O_NONBLOCK	04000
#define TS_O_CLOEXEC	02000000
/* arm64 and x86_64 differ: use the libc's O_DIRECTORY, O_NOFOLLOW,
 * O_DIRECT, O_LARGEFILE through <fcntl.h> where needed. */

/* An open file description: shared by dup'ed descriptors. */
struct ts_file {
	const struct ts_file_ops *ops;
	unsigned int refs;
	unsigned int flags;		/* TS_O_* status flags and access mode */
	int64_t pos;
	struct ts_vnode *node;		/* NULL for pipes, eventfds, sockets */
	char *path;			/* as opened, absolute; NULL if none */
	void *priv;			/* the operations' own */
	struct ts_file_watch *watch;	/* told of the last reference */
};

/* Someone who must hear when a file's last reference goes, while the
 * file is still whole: an epoll instance drops its item on the file
 * (Linux's eventpoll_release), as a file in an epoll set does not stay
 * open for it. gone() runs in ts_file_put() with interrupts off, before
 * ops->release, once per watch, which is off the list by then: it must
 * not block. */
struct ts_file_watch {
	struct ts_file_watch *next, *prev;
	void (*gone)(struct ts_file_watch *w, struct ts_file *f);
};

void ts_file_watch(struct ts_file *f, struct ts_file_watch *w);
/* Take w off f's list (nothing if gone() was called for it). */
void ts_file_unwatch(struct ts_file *f, struct ts_file_watch *w);
/* A reference to f unless its last one is being dropped (refs is 0):
 * for holders of a pointer without a reference of their own (an epoll
 * item), with interrupts off so that gone() cannot run meanwhile. 1 if
 * taken. */
int ts_file_tryget(struct ts_file *f);

/* A new file with one reference; path is copied (may be NULL). NULL
 * when memory is short. */
struct ts_file *ts_file_new(const struct ts_file_ops *ops, void *priv,
			    unsigned int flags, const char *path);
void ts_file_get(struct ts_file *f);
/* Drop a reference; the last one calls ops->release, drops the node. */
void ts_file_put(struct ts_file *f);
int64_t ts_file_seek_default(struct ts_file *f, int64_t off, int whence);
/* lseek on a directory listed by getdents with cookies as offsets:
 * SEEK_SET to 0 or to a cookie getdents gave, SEEK_CUR to ask where it
 * is (telldir); SEEK_END means nothing for a list (-EINVAL). */
int64_t ts_file_seek_dir(struct ts_file *f, int64_t off, int whence);

/* ---------------------------------------------------------------- */
/* The descriptor table (one per image: one process).                 */

#define TS_FD_CLOEXEC 1			/* FD_CLOEXEC, per descriptor */

/* The lowest free descriptor >= min for f (taking a reference of its
 * own), with fd flags TS_FD_*: the descriptor, or -EMFILE. */
int ts_fd_install(struct ts_file *f, int min, unsigned int fdflags);
/* Put f at exactly fd, closing what was there: fd, or -EBADF. */
int ts_fd_install_at(struct ts_file *f, int fd, unsigned int fdflags);
/* The file at fd with a reference the caller drops with ts_file_put(),
 * or NULL (-EBADF). */
struct ts_file *ts_fd_get(int fd);
int ts_fd_close(int fd);
int ts_fd_flags(int fd);			/* TS_FD_* or -EBADF */
int ts_fd_set_flags(int fd, unsigned int fdflags);
/* Size of the table (RLIMIT_NOFILE's value). */
int ts_fd_max(void);
/* Call fn for every open descriptor, in order (ts fds, monitor fds).
 * fn must not open or close descriptors. */
void ts_fd_foreach(void (*fn)(int fd, struct ts_file *f,
			      unsigned int fdflags, void *arg), void *arg);

/* ---------------------------------------------------------------- */
/* Nodes and file systems.                                            */

/* Attribute changes for setattr: which fields are valid. */
#define TS_VA_MODE	1
#define TS_VA_SIZE	2
#define TS_VA_ATIME	4
#define TS_VA_MTIME	8
#define TS_VA_UID	16
#define TS_VA_GID	32

struct ts_vattr {
	unsigned int valid;		/* TS_VA_* */
	uint32_t mode;			/* permission bits only */
	int64_t size;
	int64_t atime_ns, mtime_ns;
	uint32_t uid, gid;
};

/* Operations on a node. A directory has lookup; NULL entries are
 * answered with Linux's errno for the operation on that kind of node
 * (-ENOTDIR, -EPERM, -EINVAL...). Names are not NUL-terminated: name
 * and len; never "." or "..", never longer than NAME_MAX (the path
 * layer answers those). Every node returned through out carries a
 * reference for the caller. */
struct ts_vnode_ops {
	int (*lookup)(struct ts_vnode *dir, const char *name, size_t len,
		      struct ts_vnode **out);
	/* A new node in dir: a regular file, directory, fifo, device or
	 * socket by mode's S_IFMT bits (with its permission bits after
	 * umask). -EEXIST if the name is taken. */
	int (*create)(struct ts_vnode *dir, const char *name, size_t len,
		      uint32_t mode, uint32_t rdev, struct ts_vnode **out);
	int (*symlink)(struct ts_vnode *dir, const char *name, size_t len,
		       const char *target, struct ts_vnode **out);
	int (*link)(struct ts_vnode *dir, const char *name, size_t len,
		    struct ts_vnode *target);
	/* Remove a name: unlink for non-directories, rmdir (empty:
	 * -ENOTEMPTY otherwise) for directories; the path layer has
	 * checked the kind. */
	int (*unlink)(struct ts_vnode *dir, const char *name, size_t len);
	int (*rmdir)(struct ts_vnode *dir, const char *name, size_t len);
	/* Rename within one file system (the path layer answers -EXDEV
	 * across mounts and checks directory/non-directory rules). */
	int (*rename)(struct ts_vnode *odir, const char *oname, size_t olen,
		      struct ts_vnode *ndir, const char *nname, size_t nlen);
	long (*readlink)(struct ts_vnode *n, char *buf, size_t len);
	int (*setattr)(struct ts_vnode *n, const struct ts_vattr *va);
	/* Refresh the node's fields (size, times) from the backing store
	 * before a stat; NULL when the node is always current (ramfs). */
	int (*getattr)(struct ts_vnode *n);
	/* Prepare f for this node (set f->ops, f->priv): called by open
	 * after permission checks. NULL: f->ops = n->fops. */
	int (*open)(struct ts_vnode *n, struct ts_file *f);
	/* The last reference is gone: free the node's own data. */
	void (*release)(struct ts_vnode *n);
};

struct ts_vnode {
	const struct ts_vnode_ops *ops;
	const struct ts_file_ops *fops;	/* for files opened on it */
	struct ts_mount *mnt;		/* the file system it belongs to */
	struct ts_mount *covered_by;	/* a mount on this directory */
	/* The directory a directory was reached through (the path layer
	 * sets it, with a reference): how ".." goes up. NULL for roots. */
	struct ts_vnode *parent;
	unsigned int refs;
	uint32_t mode;			/* S_IFMT | permission bits */
	uint32_t nlink, uid, gid, rdev;
	uint64_t ino;
	int64_t size;
	int64_t atime_ns, mtime_ns, ctime_ns;
	void *priv;			/* the file system's own */
};

/* A node with one reference, zeroed but for ops, mode and mnt; the file
 * system fills in the rest. NULL when memory is short. */
struct ts_vnode *ts_vnode_new(struct ts_mount *mnt,
			      const struct ts_vnode_ops *ops, uint32_t mode);
/* Copy the owner, permission bits and times va sets into n (not the
 * size, not ctime: the file system's own business). */
void ts_vattr_apply(struct ts_vnode *n, const struct ts_vattr *va);
void ts_vnode_get(struct ts_vnode *n);
void ts_vnode_put(struct ts_vnode *n);

/* A type of file system, registered next to its code:
 *   TS_FS_TYPE(ramfs, "ramfs", ramfs_mount);
 * mount() gets the source ("none", a 9p mount tag...) and options
 * string (may be NULL) and returns the root node (with a reference) or
 * minus an errno. */
struct ts_fs_type {
	const char *name;
	int (*mount)(struct ts_mount *m, const char *source,
		     const char *opts, struct ts_vnode **root);
	/* NULL: nothing to do. */
	void (*unmount)(struct ts_mount *m);
};

#define TS_FS_TYPE(id, fsname, mountfn)                                     \
	static const struct ts_fs_type __ts_fs_type_##id                    \
	    __attribute__((used, aligned(8), section("ts_fs_types"))) = {   \
		fsname, mountfn, NULL                                       \
	}
#define TS_FS_TYPE_UNMOUNT(id, fsname, mountfn, unmountfn)                  \
	static const struct ts_fs_type __ts_fs_type_##id                    \
	    __attribute__((used, aligned(8), section("ts_fs_types"))) = {   \
		fsname, mountfn, unmountfn                                  \
	}

const struct ts_fs_type *ts_fs_type_find(const char *name);

struct ts_mount {
	const struct ts_fs_type *type;
	struct ts_vnode *root;		/* root of this file system */
	struct ts_vnode *mountpoint;	/* the node it covers; NULL for / */
	struct ts_mount *next;		/* all mounts, in mount order */
	unsigned long flags;		/* MS_RDONLY... */
	uint32_t dev;			/* st_dev of its nodes */
	char *path;			/* where, absolute, for ts fds/mounts */
	char *source;
	void *priv;			/* the file system's own */
};

/* The console's file operations (lib/vfs/console.c): descriptors 0-2
 * from boot, and devfs's /dev/console. */
extern const struct ts_file_ops ts_console_fops;

/* ---------------------------------------------------------------- */
/* The kernel's path calls: absolute paths or relative to the current
 * directory, AT_FDCWD semantics; kernel pointers (no fault checks).
 * Modes are used as given: the umask is the program's, for its calls. */

int ts_vfs_mount(const char *source, const char *target,
		 const char *fstype, unsigned long flags, const char *opts);
int ts_vfs_umount(const char *target);
/* Call fn for every mount, root first (ts mounts, tests). */
void ts_vfs_foreach_mount(void (*fn)(const struct ts_mount *m, void *arg),
			  void *arg);
/* open: the new file (a reference), not a descriptor. */
int ts_vfs_open(const char *path, int flags, uint32_t mode,
		struct ts_file **out);
int ts_vfs_mkdir(const char *path, uint32_t mode);
int ts_vfs_symlink(const char *target, const char *path);
int ts_vfs_unlink(const char *path);
int ts_vfs_stat(const char *path, struct stat *st);
/* Write len bytes of buf to a file at path, created or truncated with
 * mode: for the initrd and tests. */
int ts_vfs_write_file(const char *path, const void *buf, size_t len,
		      uint32_t mode);
/* read/write through a file (a file's ops, with its offset and flags
 * honoured: O_APPEND, TS_O_NONBLOCK). */
long ts_vfs_read(struct ts_file *f, void *buf, size_t len);
long ts_vfs_write(struct ts_file *f, const void *buf, size_t len);
/* stat of an open file (node or ops->stat). */
int ts_vfs_fstat(struct ts_file *f, struct stat *st);

#endif

/* A 9P2000.L client: the protocol QEMU's -virtfs (virtio-9p) and Linux's
 * v9fs speak, over any transport that carries one request and its reply
 * at a time (drivers/virtio's virtio-9p registers one per device).
 *
 * Every reply is checked against the request it answers before any of
 * it is used: its size, tag and type, and each field, string and count
 * against the bytes the host actually sent. A reply that does not fit
 * fails that call with -EIO and changes nothing else; an Rlerror gives
 * the host's errno, negated. Calls return 0 (or a byte count) or a
 * negative errno value.
 *
 * Not thread-safe: one request at a time per client (the caller
 * serialises; lib/9pfs does). */
#ifndef TS_9P_H
#define TS_9P_H

#include <stddef.h>
#include <stdint.h>

/* ---- transports ---------------------------------------------------- */

/* One channel to a 9P server, named by its mount tag. request() sends
 * req_len bytes of req and receives the reply into reply (room for
 * reply_max bytes); *reply_len is how many bytes the server wrote.
 * Returns 0, or a negative errno value when the transport failed (then
 * the client answers -EIO). */
struct ts_9p_transport {
	const char *tag;
	uint32_t max_msize;	/* the most the transport carries; 0: any */
	int (*request)(struct ts_9p_transport *t, const void *req,
		       size_t req_len, void *reply, size_t reply_max,
		       size_t *reply_len);
	void *priv;
	/* The client connected over it: fids belong to a channel, so one
	 * client at a time (ts_9p_connect() answers -EBUSY otherwise). */
	struct ts_9p_client *owner;
	struct ts_9p_transport *next;	/* the registry's */
};

/* Drivers register their channels (at init); 9pfs finds them by tag
 * (NULL: the first one no client has). */
void ts_9p_transport_register(struct ts_9p_transport *t);
struct ts_9p_transport *ts_9p_transport_find(const char *tag);

/* ---- protocol values ----------------------------------------------- */

#define TS_9P_NOFID	0xffffffffu
#define TS_9P_NOTAG	0xffffu
/* Header: size[4] type[1] tag[2]; Rread/Rreaddir add count[4]. */
#define TS_9P_HDR	7
#define TS_9P_IOHDR	(TS_9P_HDR + 4 + 8 + 4)	/* Twrite's fixed part */

/* Tlopen/Tlcreate flags (9P2000.L's own numbers: Linux x86's). */
#define TS_9P_O_RDONLY		00
#define TS_9P_O_WRONLY		01
#define TS_9P_O_RDWR		02
#define TS_9P_O_CREAT		0100
#define TS_9P_O_EXCL		0200
#define TS_9P_O_TRUNC		01000
#define TS_9P_O_APPEND		02000
#define TS_9P_O_DIRECTORY	0200000

/* Tunlinkat flags. */
#define TS_9P_AT_REMOVEDIR	0x200

/* Qid types. */
#define TS_9P_QTDIR	0x80
#define TS_9P_QTSYMLINK	0x02

/* Tgetattr request mask and Rgetattr valid bits. */
#define TS_9P_GETATTR_BASIC	0x000007ffULL

/* Tsetattr valid bits. */
#define TS_9P_SETATTR_MODE	0x001
#define TS_9P_SETATTR_SIZE	0x008
#define TS_9P_SETATTR_ATIME	0x010
#define TS_9P_SETATTR_MTIME	0x020
#define TS_9P_SETATTR_ATIME_SET	0x080
#define TS_9P_SETATTR_MTIME_SET	0x100

struct ts_9p_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

struct ts_9p_attr {
	uint64_t valid;
	struct ts_9p_qid qid;
	uint32_t mode, uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec;
	uint64_t ctime_sec, ctime_nsec;
};

struct ts_9p_setattr {
	uint32_t valid;		/* TS_9P_SETATTR_* */
	uint32_t mode, uid, gid;
	uint64_t size;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec;
};

/* One entry of an Rreaddir's data. name is not NUL-terminated. */
struct ts_9p_dirent {
	struct ts_9p_qid qid;
	uint64_t offset;	/* where the next Treaddir starts after it */
	uint8_t type;		/* DT_* */
	const char *name;
	uint16_t name_len;
};

/* ---- the client ---------------------------------------------------- */

#define TS_9P_MAX_FIDS	256

struct ts_9p_client {
	struct ts_9p_transport *t;
	uint8_t *tx, *rx;	/* msize bytes each, the caller's */
	uint32_t msize;
	uint16_t tag;
	uint32_t root;		/* the attached root's fid */
	uint32_t fids[TS_9P_MAX_FIDS / 32];	/* bitmap of fids in use */
};

/* Negotiate the version (9P2000.L, msize at most buf_size and the
 * transport's maximum) and attach to aname as uname (uid n_uname) with
 * the root as fid c->root. tx and rx are buffers of buf_size bytes each
 * that the client keeps. -EBUSY when another client has the transport
 * (a new version message would end that client's session). */
int ts_9p_connect(struct ts_9p_client *c, struct ts_9p_transport *t,
		  void *tx, void *rx, uint32_t buf_size, const char *uname,
		  const char *aname, uint32_t n_uname);
/* Clunk the root and give the transport up. */
void ts_9p_disconnect(struct ts_9p_client *c);

/* A fid number that is free (marked used), or TS_9P_NOFID. Clunk gives
 * it back (also when the host refuses the clunk: the fid is gone
 * either way, as the protocol says). */
uint32_t ts_9p_fid_get(struct ts_9p_client *c);
void ts_9p_fid_put(struct ts_9p_client *c, uint32_t fid);

/* Walk from fid by n names (n 0: a clone) to a new fid; qid (may be
 * NULL) is the last one's. All or nothing: a partial walk is -ENOENT
 * and takes no fid. */
int ts_9p_walk(struct ts_9p_client *c, uint32_t fid, const char *const *names,
	       unsigned int n, uint32_t *newfid, struct ts_9p_qid *qid);
/* The same for a path of '/'-separated names relative to fid ("" or "."
 * parts are skipped, ".." is sent as is). -ENAMETOOLONG for a name over
 * 255 bytes. */
int ts_9p_walk_path(struct ts_9p_client *c, uint32_t fid, const char *path,
		    uint32_t *newfid, struct ts_9p_qid *qid);
int ts_9p_clunk(struct ts_9p_client *c, uint32_t fid);

int ts_9p_lopen(struct ts_9p_client *c, uint32_t fid, uint32_t flags,
		struct ts_9p_qid *qid, uint32_t *iounit);
/* fid (a directory) becomes the new file, open. */
int ts_9p_lcreate(struct ts_9p_client *c, uint32_t fid, const char *name,
		  uint32_t flags, uint32_t mode, uint32_t gid,
		  struct ts_9p_qid *qid, uint32_t *iounit);
/* Up to count bytes (split into messages of msize): bytes read (short at
 * the end of the file), or a negative errno value. */
long ts_9p_read(struct ts_9p_client *c, uint32_t fid, uint64_t offset,
		void *buf, size_t count);
long ts_9p_write(struct ts_9p_client *c, uint32_t fid, uint64_t offset,
		 const void *buf, size_t count);
int ts_9p_mkdir(struct ts_9p_client *c, uint32_t dfid, const char *name,
		uint32_t mode, uint32_t gid, struct ts_9p_qid *qid);
int ts_9p_unlinkat(struct ts_9p_client *c, uint32_t dfid, const char *name,
		   uint32_t flags);
int ts_9p_renameat(struct ts_9p_client *c, uint32_t olddfid,
		   const char *oldname, uint32_t newdfid, const char *newname);
int ts_9p_getattr(struct ts_9p_client *c, uint32_t fid, uint64_t mask,
		  struct ts_9p_attr *attr);
int ts_9p_setattr(struct ts_9p_client *c, uint32_t fid,
		  const struct ts_9p_setattr *sa);
int ts_9p_fsync(struct ts_9p_client *c, uint32_t fid, int datasync);
/* Directory entries from offset (0, or an entry's offset) into buf:
 * the bytes of entries read (0 at the end), each already checked;
 * ts_9p_dirent_next() takes them apart. */
long ts_9p_readdir(struct ts_9p_client *c, uint32_t fid, uint64_t offset,
		   void *buf, size_t count);
/* The entry at *pos of len bytes of Rreaddir data: 1 (and *pos moves
 * past it), 0 at the end, -EIO for a malformed entry. */
int ts_9p_dirent_next(const void *buf, size_t len, size_t *pos,
		      struct ts_9p_dirent *d);

/* ---- messages (the client's own; public for tests and the fuzzer) -- */

/* Check the header of a reply of len bytes to a request of type
 * t_type with tag: size field equal to len, the tag, type t_type + 1.
 * Returns 0 with the body's bounds in *body, *body_len; -errno for an
 * Rlerror carrying a valid errno; -EIO otherwise. */
int ts_9p_reply_check(const uint8_t *msg, size_t len, uint8_t t_type,
		      uint16_t tag, const uint8_t **body, size_t *body_len);

#endif

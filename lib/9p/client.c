/* The 9P2000.L calls: one request, one reply, each reply taken apart
 * with the checked readers of msg.c. A reply that is not exactly what
 * the request asked for is -EIO for that call and nothing else. */
#include <errno.h>
#include <string.h>
#include <ts/9p.h>
#include "msg.h"

/* Smallest msize worth using: room for a path name in a walk and a
 * useful amount of data per read. */
#define MIN_MSIZE	4096
#define MAX_NAME	255

static const char version[] = "9P2000.L";

/* Send the request in w, receive and check the reply's header: r is
 * its body. */
static int rpc(struct ts_9p_client *c, struct p9_w *w, struct p9_r *r)
{
	uint8_t type = w->buf[4];
	uint16_t tag = (uint16_t)(w->buf[5] | w->buf[6] << 8);
	size_t len = p9_w_end(w), got = 0;
	const uint8_t *body;
	size_t body_len;
	int rc;

	if (!len)
		return -EINVAL;	/* a request that does not fit */
	rc = c->t->request(c->t, c->tx, len, c->rx, c->msize, &got);
	if (rc || got > c->msize)
		return -EIO;
	rc = ts_9p_reply_check(c->rx, got, type, tag, &body, &body_len);
	if (rc)
		return rc;
	r->p = body;
	r->len = body_len;
	r->pos = 0;
	r->bad = 0;
	return 0;
}

static void start(struct ts_9p_client *c, struct p9_w *w, uint8_t type)
{
	/* Any tag but NOTAG (Tversion's own): one request at a time. */
	if (++c->tag == TS_9P_NOTAG)
		c->tag = 0;
	p9_w_start(w, c->tx, c->msize, type, c->tag);
}

/* ---- fids ----------------------------------------------------------- */

uint32_t ts_9p_fid_get(struct ts_9p_client *c)
{
	uint32_t i;

	for (i = 0; i < TS_9P_MAX_FIDS; i++)
		if (!(c->fids[i / 32] & (1u << (i % 32)))) {
			c->fids[i / 32] |= 1u << (i % 32);
			return i;
		}
	return TS_9P_NOFID;
}

void ts_9p_fid_put(struct ts_9p_client *c, uint32_t fid)
{
	if (fid < TS_9P_MAX_FIDS)
		c->fids[fid / 32] &= ~(1u << (fid % 32));
}

/* ---- session -------------------------------------------------------- */

int ts_9p_connect(struct ts_9p_client *c, struct ts_9p_transport *t,
		  void *tx, void *rx, uint32_t buf_size, const char *uname,
		  const char *aname, uint32_t n_uname)
{
	struct p9_w w;
	struct p9_r r;
	struct ts_9p_qid qid;
	uint32_t msize = buf_size;
	const char *v;
	uint16_t vlen;
	int rc;

	if (t->owner)
		return -EBUSY;
	memset(c, 0, sizeof(*c));
	if (t->max_msize && t->max_msize < msize)
		msize = t->max_msize;
	if (msize < MIN_MSIZE)
		return -EINVAL;
	c->t = t;
	c->tx = tx;
	c->rx = rx;
	c->msize = msize;

	p9_w_start(&w, c->tx, c->msize, P9_TVERSION, TS_9P_NOTAG);
	p9_w_u32(&w, msize);
	p9_w_str(&w, version);
	rc = rpc(c, &w, &r);
	if (rc)
		return rc;
	msize = p9_r_u32(&r);
	v = p9_r_str(&r, &vlen);
	if (p9_r_end(&r) || msize < MIN_MSIZE || msize > c->msize)
		return -EIO;
	if (vlen != sizeof(version) - 1 || memcmp(v, version, vlen))
		return -EPROTONOSUPPORT;	/* the server said "unknown" */
	c->msize = msize;

	c->root = ts_9p_fid_get(c);
	start(c, &w, P9_TATTACH);
	p9_w_u32(&w, c->root);
	p9_w_u32(&w, TS_9P_NOFID);
	p9_w_str(&w, uname);
	p9_w_str(&w, aname);
	p9_w_u32(&w, n_uname);
	rc = rpc(c, &w, &r);
	if (!rc) {
		p9_r_qid(&r, &qid);
		rc = p9_r_end(&r);
	}
	if (!rc)
		t->owner = c;
	return rc;
}

void ts_9p_disconnect(struct ts_9p_client *c)
{
	ts_9p_clunk(c, c->root);
	if (c->t && c->t->owner == c)
		c->t->owner = NULL;
}

/* ---- calls ---------------------------------------------------------- */

int ts_9p_clunk(struct ts_9p_client *c, uint32_t fid)
{
	struct p9_w w;
	struct p9_r r;
	int rc;

	start(c, &w, P9_TCLUNK);
	p9_w_u32(&w, fid);
	rc = rpc(c, &w, &r);
	/* The fid is gone whatever the answer (9P: clunk always frees). */
	ts_9p_fid_put(c, fid);
	return rc ? rc : p9_r_end(&r);
}

int ts_9p_walk(struct ts_9p_client *c, uint32_t fid, const char *const *names,
	       unsigned int n, uint32_t *newfid, struct ts_9p_qid *qid)
{
	struct p9_w w;
	struct p9_r r;
	struct ts_9p_qid q = { 0, 0, 0 };
	uint32_t nf;
	uint16_t nwqid, i;
	int rc;

	if (n > P9_MAXWELEM)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (strlen(names[i]) > MAX_NAME)
			return -ENAMETOOLONG;
	nf = ts_9p_fid_get(c);
	if (nf == TS_9P_NOFID)
		return -ENFILE;
	start(c, &w, P9_TWALK);
	p9_w_u32(&w, fid);
	p9_w_u32(&w, nf);
	p9_w_u16(&w, (uint16_t)n);
	for (i = 0; i < n; i++)
		p9_w_str(&w, names[i]);
	rc = rpc(c, &w, &r);
	if (rc)
		goto fail;
	nwqid = p9_r_u16(&r);
	if (nwqid > n) {
		rc = -EIO;
		goto fail;
	}
	for (i = 0; i < nwqid; i++)
		p9_r_qid(&r, &q);
	rc = p9_r_end(&r);
	if (rc)
		goto fail;
	if (nwqid < n) {
		/* A partial walk makes no new fid: the next name is not
		 * there. */
		rc = -ENOENT;
		goto fail;
	}
	*newfid = nf;
	if (qid)
		*qid = q;
	return 0;
fail:
	ts_9p_fid_put(c, nf);
	return rc;
}

int ts_9p_walk_path(struct ts_9p_client *c, uint32_t fid, const char *path,
		    uint32_t *newfid, struct ts_9p_qid *qid)
{
	char buf[P9_MAXWELEM][MAX_NAME + 1];
	const char *names[P9_MAXWELEM];
	uint32_t cur = fid, nf;
	int own = 0, rc;

	for (;;) {
		unsigned int n = 0;

		/* Up to P9_MAXWELEM names, "" and "." left out. */
		while (*path && n < P9_MAXWELEM) {
			const char *end = path;
			size_t len;

			while (*end && *end != '/')
				end++;
			len = (size_t)(end - path);
			if (len > MAX_NAME) {
				rc = -ENAMETOOLONG;
				goto fail;
			}
			if (len && !(len == 1 && path[0] == '.')) {
				memcpy(buf[n], path, len);
				buf[n][len] = '\0';
				names[n] = buf[n];
				n++;
			}
			path = *end ? end + 1 : end;
		}
		/* The first walk always happens (with no names: a clone). */
		if (!n && own)
			break;
		rc = ts_9p_walk(c, cur, names, n, &nf, qid);
		if (own)
			ts_9p_clunk(c, cur);
		if (rc)
			return rc;
		cur = nf;
		own = 1;
		if (!*path)
			break;
	}
	*newfid = cur;
	return 0;
fail:
	if (own)
		ts_9p_clunk(c, cur);
	return rc;
}

static int open_reply(struct p9_r *r, struct ts_9p_qid *qid, uint32_t *iounit)
{
	struct ts_9p_qid q;
	uint32_t io;

	p9_r_qid(r, &q);
	io = p9_r_u32(r);
	if (p9_r_end(r))
		return -EIO;
	if (qid)
		*qid = q;
	if (iounit)
		*iounit = io;
	return 0;
}

int ts_9p_lopen(struct ts_9p_client *c, uint32_t fid, uint32_t flags,
		struct ts_9p_qid *qid, uint32_t *iounit)
{
	struct p9_w w;
	struct p9_r r;
	int rc;

	start(c, &w, P9_TLOPEN);
	p9_w_u32(&w, fid);
	p9_w_u32(&w, flags);
	rc = rpc(c, &w, &r);
	return rc ? rc : open_reply(&r, qid, iounit);
}

int ts_9p_lcreate(struct ts_9p_client *c, uint32_t fid, const char *name,
		  uint32_t flags, uint32_t mode, uint32_t gid,
		  struct ts_9p_qid *qid, uint32_t *iounit)
{
	struct p9_w w;
	struct p9_r r;
	int rc;

	if (strlen(name) > MAX_NAME)
		return -ENAMETOOLONG;
	start(c, &w, P9_TLCREATE);
	p9_w_u32(&w, fid);
	p9_w_str(&w, name);
	p9_w_u32(&w, flags);
	p9_w_u32(&w, mode);
	p9_w_u32(&w, gid);
	rc = rpc(c, &w, &r);
	return rc ? rc : open_reply(&r, qid, iounit);
}

long ts_9p_read(struct ts_9p_client *c, uint32_t fid, uint64_t offset,
		void *buf, size_t count)
{
	size_t done = 0;

	while (done < count) {
		size_t want = count - done;
		struct p9_w w;
		struct p9_r r;
		const uint8_t *d;
		uint32_t n;
		int rc;

		if (want > c->msize - TS_9P_HDR - 4)
			want = c->msize - TS_9P_HDR - 4;
		start(c, &w, P9_TREAD);
		p9_w_u32(&w, fid);
		p9_w_u64(&w, offset + done);
		p9_w_u32(&w, (uint32_t)want);
		rc = rpc(c, &w, &r);
		if (rc)
			return done ? (long)done : rc;
		n = p9_r_u32(&r);
		d = n <= want ? p9_r_data(&r, n) : NULL;
		if (!d || p9_r_end(&r))
			return -EIO;
		memcpy((uint8_t *)buf + done, d, n);
		done += n;
		if (n < want)
			break;	/* the end of the file */
	}
	return (long)done;
}

long ts_9p_write(struct ts_9p_client *c, uint32_t fid, uint64_t offset,
		 const void *buf, size_t count)
{
	size_t done = 0;

	while (done < count) {
		size_t want = count - done;
		struct p9_w w;
		struct p9_r r;
		uint32_t n;
		int rc;

		if (want > c->msize - TS_9P_IOHDR)
			want = c->msize - TS_9P_IOHDR;
		start(c, &w, P9_TWRITE);
		p9_w_u32(&w, fid);
		p9_w_u64(&w, offset + done);
		p9_w_u32(&w, (uint32_t)want);
		p9_w_data(&w, (const uint8_t *)buf + done, want);
		rc = rpc(c, &w, &r);
		if (rc)
			return done ? (long)done : rc;
		n = p9_r_u32(&r);
		if (p9_r_end(&r) || n > want)
			return -EIO;
		done += n;
		if (n < want)
			break;	/* the host took less: a full disk */
	}
	return (long)done;
}

static int qid_reply(struct ts_9p_client *c, struct p9_w *w,
		     struct ts_9p_qid *qid)
{
	struct p9_r r;
	struct ts_9p_qid q;
	int rc = rpc(c, w, &r);

	if (rc)
		return rc;
	p9_r_qid(&r, &q);
	if (p9_r_end(&r))
		return -EIO;
	if (qid)
		*qid = q;
	return 0;
}

static int empty_reply(struct ts_9p_client *c, struct p9_w *w)
{
	struct p9_r r;
	int rc = rpc(c, w, &r);

	return rc ? rc : p9_r_end(&r);
}

int ts_9p_mkdir(struct ts_9p_client *c, uint32_t dfid, const char *name,
		uint32_t mode, uint32_t gid, struct ts_9p_qid *qid)
{
	struct p9_w w;

	if (strlen(name) > MAX_NAME)
		return -ENAMETOOLONG;
	start(c, &w, P9_TMKDIR);
	p9_w_u32(&w, dfid);
	p9_w_str(&w, name);
	p9_w_u32(&w, mode);
	p9_w_u32(&w, gid);
	return qid_reply(c, &w, qid);
}

int ts_9p_unlinkat(struct ts_9p_client *c, uint32_t dfid, const char *name,
		   uint32_t flags)
{
	struct p9_w w;

	if (strlen(name) > MAX_NAME)
		return -ENAMETOOLONG;
	start(c, &w, P9_TUNLINKAT);
	p9_w_u32(&w, dfid);
	p9_w_str(&w, name);
	p9_w_u32(&w, flags);
	return empty_reply(c, &w);
}

int ts_9p_renameat(struct ts_9p_client *c, uint32_t olddfid,
		   const char *oldname, uint32_t newdfid, const char *newname)
{
	struct p9_w w;

	if (strlen(oldname) > MAX_NAME || strlen(newname) > MAX_NAME)
		return -ENAMETOOLONG;
	start(c, &w, P9_TRENAMEAT);
	p9_w_u32(&w, olddfid);
	p9_w_str(&w, oldname);
	p9_w_u32(&w, newdfid);
	p9_w_str(&w, newname);
	return empty_reply(c, &w);
}

int ts_9p_getattr(struct ts_9p_client *c, uint32_t fid, uint64_t mask,
		  struct ts_9p_attr *a)
{
	struct p9_w w;
	struct p9_r r;
	struct ts_9p_attr t;
	int rc;

	start(c, &w, P9_TGETATTR);
	p9_w_u32(&w, fid);
	p9_w_u64(&w, mask);
	rc = rpc(c, &w, &r);
	if (rc)
		return rc;
	t.valid = p9_r_u64(&r);
	p9_r_qid(&r, &t.qid);
	t.mode = p9_r_u32(&r);
	t.uid = p9_r_u32(&r);
	t.gid = p9_r_u32(&r);
	t.nlink = p9_r_u64(&r);
	t.rdev = p9_r_u64(&r);
	t.size = p9_r_u64(&r);
	t.blksize = p9_r_u64(&r);
	t.blocks = p9_r_u64(&r);
	t.atime_sec = p9_r_u64(&r);
	t.atime_nsec = p9_r_u64(&r);
	t.mtime_sec = p9_r_u64(&r);
	t.mtime_nsec = p9_r_u64(&r);
	t.ctime_sec = p9_r_u64(&r);
	t.ctime_nsec = p9_r_u64(&r);
	p9_r_u64(&r);	/* btime */
	p9_r_u64(&r);
	p9_r_u64(&r);	/* gen */
	p9_r_u64(&r);	/* data_version */
	if (p9_r_end(&r))
		return -EIO;
	*a = t;
	return 0;
}

int ts_9p_setattr(struct ts_9p_client *c, uint32_t fid,
		  const struct ts_9p_setattr *sa)
{
	struct p9_w w;

	start(c, &w, P9_TSETATTR);
	p9_w_u32(&w, fid);
	p9_w_u32(&w, sa->valid);
	p9_w_u32(&w, sa->mode);
	p9_w_u32(&w, sa->uid);
	p9_w_u32(&w, sa->gid);
	p9_w_u64(&w, sa->size);
	p9_w_u64(&w, sa->atime_sec);
	p9_w_u64(&w, sa->atime_nsec);
	p9_w_u64(&w, sa->mtime_sec);
	p9_w_u64(&w, sa->mtime_nsec);
	return empty_reply(c, &w);
}

int ts_9p_fsync(struct ts_9p_client *c, uint32_t fid, int datasync)
{
	struct p9_w w;

	start(c, &w, P9_TFSYNC);
	p9_w_u32(&w, fid);
	p9_w_u32(&w, datasync ? 1 : 0);
	return empty_reply(c, &w);
}

int ts_9p_dirent_next(const void *buf, size_t len, size_t *pos,
		      struct ts_9p_dirent *d)
{
	struct p9_r r = { buf, len, *pos, 0 };
	struct ts_9p_dirent e;

	if (*pos >= len)
		return 0;
	p9_r_qid(&r, &e.qid);
	e.offset = p9_r_u64(&r);
	e.type = p9_r_u8(&r);
	e.name = p9_r_str(&r, &e.name_len);
	/* A name is one path component: not empty, no '/' or NUL in it. */
	if (r.bad || !e.name_len || memchr(e.name, '/', e.name_len) ||
	    memchr(e.name, '\0', e.name_len))
		return -EIO;
	*d = e;
	*pos = r.pos;
	return 1;
}

long ts_9p_readdir(struct ts_9p_client *c, uint32_t fid, uint64_t offset,
		   void *buf, size_t count)
{
	struct p9_w w;
	struct p9_r r;
	struct ts_9p_dirent d;
	const uint8_t *data;
	size_t pos = 0;
	uint32_t n;
	int rc;

	if (count > c->msize - TS_9P_HDR - 4)
		count = c->msize - TS_9P_HDR - 4;
	start(c, &w, P9_TREADDIR);
	p9_w_u32(&w, fid);
	p9_w_u64(&w, offset);
	p9_w_u32(&w, (uint32_t)count);
	rc = rpc(c, &w, &r);
	if (rc)
		return rc;
	n = p9_r_u32(&r);
	data = n <= count ? p9_r_data(&r, n) : NULL;
	if (!data || p9_r_end(&r))
		return -EIO;
	/* Every entry checked before the caller sees any of them. */
	while ((rc = ts_9p_dirent_next(data, n, &pos, &d)) > 0)
		;
	if (rc < 0)
		return -EIO;
	memcpy(buf, data, n);
	return (long)n;
}

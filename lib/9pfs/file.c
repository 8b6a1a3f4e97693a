/* Open files of a 9p mount: a fid of their own, opened on the host
 * (Tlopen); reads and writes at the file's offset, directories read
 * with Treaddir and handed out as getdents64 records. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "9pfs.h"

/* getdents64's record (Linux's struct linux_dirent64). */
struct dirent64_abi {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

static struct p9fs *fs_of_file(const struct ts_file *f)
{
	return p9fs_of(f->node);
}

static uint32_t open_fid(const struct ts_file *f)
{
	return ((struct p9fs_file *)f->priv)->fid;
}

int p9fs_open(struct ts_vnode *n, struct ts_file *f)
{
	struct p9fs *fs = p9fs_of(n);
	struct p9fs_file *pf = calloc(1, sizeof(*pf));
	uint32_t flags = f->flags & TS_O_ACCMODE, fid;
	int rc;

	if (!pf)
		return -ENOMEM;
	/* The host opens what it is told; the offset is ours (9P reads
	 * and writes name theirs), so no O_APPEND. A directory is read
	 * only. */
	if (S_ISDIR(n->mode))
		flags = TS_9P_O_RDONLY;
	else if ((f->flags & TS_O_TRUNC) && flags != TS_O_RDONLY)
		flags |= TS_9P_O_TRUNC;
	p9fs_lock(fs);
	rc = ts_9p_walk(&fs->c, p9fs_fid(n), NULL, 0, &fid, NULL);
	if (!rc) {
		rc = ts_9p_lopen(&fs->c, fid, flags, NULL, NULL);
		if (rc)
			ts_9p_clunk(&fs->c, fid);
	}
	p9fs_unlock(fs);
	if (rc) {
		free(pf);
		return rc;
	}
	if (flags & TS_9P_O_TRUNC)
		n->size = 0;
	pf->fid = fid;
	f->priv = pf;
	f->ops = &p9fs_file_ops;
	return 0;
}

static long p9fs_read(struct ts_file *f, void *buf, size_t len, int64_t *pos)
{
	struct p9fs *fs = fs_of_file(f);
	long n;

	if (S_ISDIR(f->node->mode))
		return -EISDIR;
	if (*pos < 0)
		return -EINVAL;
	p9fs_lock(fs);
	n = ts_9p_read(&fs->c, open_fid(f), (uint64_t)*pos, buf, len);
	p9fs_unlock(fs);
	if (n > 0)
		*pos += n;
	return n;
}

static long p9fs_write(struct ts_file *f, const void *buf, size_t len,
		       int64_t *pos)
{
	struct p9fs *fs = fs_of_file(f);
	long n;

	if (*pos < 0)
		return -EINVAL;
	p9fs_lock(fs);
	n = ts_9p_write(&fs->c, open_fid(f), (uint64_t)*pos, buf, len);
	p9fs_unlock(fs);
	if (n > 0) {
		*pos += n;
		if (*pos > f->node->size)
			f->node->size = *pos;
	}
	return n;
}

static int p9fs_fsync(struct ts_file *f)
{
	struct p9fs *fs = fs_of_file(f);
	int rc;

	p9fs_lock(fs);
	rc = ts_9p_fsync(&fs->c, open_fid(f), 0);
	p9fs_unlock(fs);
	return rc;
}

/* As many whole records as fit in len: the entries past them are read
 * again next time (from the last one handed out). */
static long p9fs_getdents(struct ts_file *f, void *buf, size_t len)
{
	struct p9fs *fs = fs_of_file(f);
	struct p9fs_file *pf = f->priv;
	/* A 9P entry is a few bytes longer or shorter than its record:
	 * asking for more than len keeps the host from answering "none
	 * fits" (0, which is the end) to a small len. */
	size_t want = len < 256 ? 512 : 2 * len;
	uint8_t *raw;
	long got, out = 0;
	size_t pos = 0;
	struct ts_9p_dirent d;
	int rc;

	if (want > fs->c.msize - 64)
		want = fs->c.msize - 64;
	if (pf->dir_end)
		return 0;
	raw = malloc(want);
	if (!raw)
		return -ENOMEM;
	p9fs_lock(fs);
	got = ts_9p_readdir(&fs->c, pf->fid, (uint64_t)f->pos, raw, want);
	p9fs_unlock(fs);
	if (got <= 0) {
		if (!got)
			pf->dir_end = 1;
		free(raw);
		return got;
	}
	while ((rc = ts_9p_dirent_next(raw, (size_t)got, &pos, &d)) > 0) {
		size_t reclen = (offsetof(struct dirent64_abi, d_name) +
				 d.name_len + 1 + 7) & ~(size_t)7;
		struct dirent64_abi *r = (void *)((uint8_t *)buf + out);

		if ((size_t)out + reclen > len)
			break;
		r->d_ino = d.qid.path;
		r->d_off = (int64_t)d.offset;
		r->d_reclen = (uint16_t)reclen;
		r->d_type = d.type;
		memcpy(r->d_name, d.name, d.name_len);
		memset(r->d_name + d.name_len, 0,
		       reclen - offsetof(struct dirent64_abi, d_name) -
		       d.name_len);
		out += (long)reclen;
		f->pos = (int64_t)d.offset;
	}
	free(raw);
	/* Not even one record fits: Linux says -EINVAL. */
	return out ? out : -EINVAL;
}

static int64_t p9fs_seek(struct ts_file *f, int64_t off, int whence)
{
	struct p9fs_file *pf = f->priv;

	if (S_ISDIR(f->node->mode)) {
		/* A directory's offset is the host's cookie of the last
		 * entry handed out: 0 (rewinddir) or one telldir gave. */
		if (whence == SEEK_CUR && off == 0)
			return f->pos;
		if (whence != SEEK_SET || off < 0)
			return -EINVAL;
		pf->dir_end = 0;
		f->pos = off;
		return off;
	}
	return ts_file_seek_default(f, off, whence);
}

static void p9fs_file_release(struct ts_file *f)
{
	struct p9fs_file *pf = f->priv;

	if (pf && f->node) {
		struct p9fs *fs = fs_of_file(f);

		p9fs_lock(fs);
		ts_9p_clunk(&fs->c, pf->fid);
		p9fs_unlock(fs);
	}
	free(pf);
	f->priv = NULL;
}

const struct ts_file_ops p9fs_file_ops = {
	.read = p9fs_read,
	.write = p9fs_write,
	.seek = p9fs_seek,
	.getdents = p9fs_getdents,
	.fsync = p9fs_fsync,
	.release = p9fs_file_release,
};

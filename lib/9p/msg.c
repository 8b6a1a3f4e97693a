/* 9P messages: little-endian fields, strings as a 2-byte length and
 * bytes. Replies come from outside the image (the host's server): every
 * read is checked against the body's length, and a reply counts only if
 * it is used up exactly. */
#include <errno.h>
#include <string.h>
#include "msg.h"

void p9_w_start(struct p9_w *w, uint8_t *buf, size_t cap, uint8_t type,
		uint16_t tag)
{
	w->buf = buf;
	w->cap = cap;
	w->pos = 0;
	w->err = 0;
	p9_w_u32(w, 0);		/* the size, set by p9_w_end() */
	p9_w_u8(w, type);
	p9_w_u16(w, tag);
}

static uint8_t *w_room(struct p9_w *w, size_t n)
{
	uint8_t *p;

	if (w->err || n > w->cap - w->pos) {
		w->err = 1;
		return NULL;
	}
	p = w->buf + w->pos;
	w->pos += n;
	return p;
}

static void w_le(struct p9_w *w, uint64_t v, int n)
{
	uint8_t *p = w_room(w, n);
	int i;

	if (p)
		for (i = 0; i < n; i++)
			p[i] = (uint8_t)(v >> (8 * i));
}

void p9_w_u8(struct p9_w *w, uint8_t v)
{
	w_le(w, v, 1);
}

void p9_w_u16(struct p9_w *w, uint16_t v)
{
	w_le(w, v, 2);
}

void p9_w_u32(struct p9_w *w, uint32_t v)
{
	w_le(w, v, 4);
}

void p9_w_u64(struct p9_w *w, uint64_t v)
{
	w_le(w, v, 8);
}

void p9_w_data(struct p9_w *w, const void *d, size_t n)
{
	uint8_t *p = w_room(w, n);

	if (p && n)
		memcpy(p, d, n);
}

void p9_w_str(struct p9_w *w, const char *s)
{
	size_t n = strlen(s);

	if (n > 0xffff) {
		w->err = 1;
		return;
	}
	p9_w_u16(w, (uint16_t)n);
	p9_w_data(w, s, n);
}

size_t p9_w_end(struct p9_w *w)
{
	size_t n = w->pos;

	if (w->err || n > 0xffffffffu)
		return 0;
	w->pos = 0;
	p9_w_u32(w, (uint32_t)n);
	w->pos = n;
	return n;
}

static const uint8_t *r_take(struct p9_r *r, size_t n)
{
	const uint8_t *p;

	if (r->bad || n > r->len - r->pos) {
		r->bad = 1;
		return NULL;
	}
	p = r->p + r->pos;
	r->pos += n;
	return p;
}

static uint64_t r_le(struct p9_r *r, int n)
{
	const uint8_t *p = r_take(r, n);
	uint64_t v = 0;
	int i;

	if (!p)
		return 0;
	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

uint8_t p9_r_u8(struct p9_r *r)
{
	return (uint8_t)r_le(r, 1);
}

uint16_t p9_r_u16(struct p9_r *r)
{
	return (uint16_t)r_le(r, 2);
}

uint32_t p9_r_u32(struct p9_r *r)
{
	return (uint32_t)r_le(r, 4);
}

uint64_t p9_r_u64(struct p9_r *r)
{
	return r_le(r, 8);
}

const uint8_t *p9_r_data(struct p9_r *r, size_t n)
{
	return r_take(r, n);
}

const char *p9_r_str(struct p9_r *r, uint16_t *len)
{
	uint16_t n = p9_r_u16(r);
	const uint8_t *p = r_take(r, n);

	*len = p ? n : 0;
	return (const char *)p;
}

void p9_r_qid(struct p9_r *r, struct ts_9p_qid *q)
{
	q->type = p9_r_u8(r);
	q->version = p9_r_u32(r);
	q->path = p9_r_u64(r);
}

int p9_r_end(const struct p9_r *r)
{
	return r->bad || r->pos != r->len ? -EIO : 0;
}

int ts_9p_reply_check(const uint8_t *msg, size_t len, uint8_t t_type,
		      uint16_t tag, const uint8_t **body, size_t *body_len)
{
	struct p9_r r = { msg, len, 0, 0 };
	uint32_t size = p9_r_u32(&r);
	uint8_t type = p9_r_u8(&r);
	uint16_t rtag = p9_r_u16(&r);

	/* The size field is the message's length: it must agree with what
	 * the transport says arrived. */
	if (r.bad || size != len || rtag != tag)
		return -EIO;
	*body = msg + TS_9P_HDR;
	*body_len = len - TS_9P_HDR;
	if (type == P9_RLERROR) {
		struct p9_r e = { *body, *body_len, 0, 0 };
		uint32_t ecode = p9_r_u32(&e);

		/* Linux's errno values end at 4095; 0 is no error at all. */
		if (p9_r_end(&e) || ecode == 0 || ecode > 4095)
			return -EIO;
		return -(int)ecode;
	}
	if (type != (uint8_t)(t_type + 1))
		return -EIO;
	return 0;
}

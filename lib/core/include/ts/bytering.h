/* A ring of bytes over a caller's buffer: the one copy loop that pipes
 * (lib/events) and AF_UNIX socket pairs (lib/socket) both need. The
 * caller owns the buffer and the locking and checks room before a put;
 * these only move bytes, wrapping at the end. Inline, in lib/core,
 * because both users are otherwise unrelated libraries. */
#ifndef TS_BYTERING_H
#define TS_BYTERING_H

#include <stddef.h>
#include <string.h>

struct ts_bytering {
	char *buf;
	size_t size;		/* bytes in buf */
	size_t head;		/* the oldest byte */
	size_t used;
};

static inline size_t ts_bytering_room(const struct ts_bytering *r)
{
	return r->size - r->used;
}

/* Append n bytes; n must be <= ts_bytering_room(). */
static inline void ts_bytering_put(struct ts_bytering *r, const void *src,
				   size_t n)
{
	const char *c = src;

	while (n) {
		size_t tail = (r->head + r->used) % r->size;
		size_t chunk = r->size - tail;

		if (chunk > n)
			chunk = n;
		memcpy(r->buf + tail, c, chunk);
		r->used += chunk;
		c += chunk;
		n -= chunk;
	}
}

/* Copy n bytes starting `at` bytes past the oldest into dst, or skip
 * them when dst is NULL; at + n must be <= used. Nothing is removed. */
static inline void ts_bytering_peek(const struct ts_bytering *r, size_t at,
				    void *dst, size_t n)
{
	char *d = dst;

	while (n) {
		size_t from = (r->head + at) % r->size;
		size_t chunk = r->size - from;

		if (chunk > n)
			chunk = n;
		if (d) {
			memcpy(d, r->buf + from, chunk);
			d += chunk;
		}
		at += chunk;
		n -= chunk;
	}
}

/* Remove the n oldest bytes (n <= used). An emptied ring starts again
 * at the buffer's start, so later puts stay in one piece longer. */
static inline void ts_bytering_drop(struct ts_bytering *r, size_t n)
{
	r->head = (r->head + n) % r->size;
	r->used -= n;
	if (!r->used)
		r->head = 0;
}

/* Take up to n of the oldest bytes into dst; returns how many. */
static inline size_t ts_bytering_get(struct ts_bytering *r, void *dst,
				     size_t n)
{
	if (n > r->used)
		n = r->used;
	ts_bytering_peek(r, 0, dst, n);
	ts_bytering_drop(r, n);
	return n;
}

#endif

/* Building requests and reading replies, bounds-checked (lib/9p only). */
#ifndef LIB_9P_MSG_H
#define LIB_9P_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <ts/9p.h>

/* Message types (9P2000.L and the 9P2000 ones it keeps); R = T + 1. */
enum {
	P9_RLERROR = 7,
	P9_TLOPEN = 12,
	P9_TLCREATE = 14,
	P9_TGETATTR = 24,
	P9_TSETATTR = 26,
	P9_TREADDIR = 40,
	P9_TFSYNC = 50,
	P9_TMKDIR = 72,
	P9_TRENAMEAT = 74,
	P9_TUNLINKAT = 76,
	P9_TVERSION = 100,
	P9_TATTACH = 104,
	P9_TWALK = 110,
	P9_TREAD = 116,
	P9_TWRITE = 118,
	P9_TCLUNK = 120,
};

#define P9_MAXWELEM	16
#define P9_QID_SIZE	13

/* A request under construction: a field that does not fit sets err. */
struct p9_w {
	uint8_t *buf;
	size_t cap, pos;
	int err;
};

/* A reply's body being read: a field past the end sets bad. */
struct p9_r {
	const uint8_t *p;
	size_t len, pos;
	int bad;
};

void p9_w_start(struct p9_w *w, uint8_t *buf, size_t cap, uint8_t type,
		uint16_t tag);
void p9_w_u8(struct p9_w *w, uint8_t v);
void p9_w_u16(struct p9_w *w, uint16_t v);
void p9_w_u32(struct p9_w *w, uint32_t v);
void p9_w_u64(struct p9_w *w, uint64_t v);
void p9_w_str(struct p9_w *w, const char *s);
void p9_w_data(struct p9_w *w, const void *d, size_t n);
/* Write the size field; returns the length, or 0 when something did not
 * fit (or a string was longer than 65535 bytes). */
size_t p9_w_end(struct p9_w *w);

uint8_t p9_r_u8(struct p9_r *r);
uint16_t p9_r_u16(struct p9_r *r);
uint32_t p9_r_u32(struct p9_r *r);
uint64_t p9_r_u64(struct p9_r *r);
/* A string: its bytes in the message (not NUL-terminated), or NULL
 * (bad set) when it runs past the end. */
const char *p9_r_str(struct p9_r *r, uint16_t *len);
/* n bytes in place, or NULL (bad set). */
const uint8_t *p9_r_data(struct p9_r *r, size_t n);
void p9_r_qid(struct p9_r *r, struct ts_9p_qid *q);
/* 0 when every field was there and the body is used up exactly; -EIO
 * otherwise. */
int p9_r_end(const struct p9_r *r);

#endif

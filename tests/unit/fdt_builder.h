/* A small device-tree blob builder for the host unit tests (test_fdt.c,
 * test_devtree_initrd.c): nodes, properties, the strings block, the
 * header. No bounds checks: the tests build small trees. */
#ifndef TESTS_UNIT_FDT_BUILDER_H
#define TESTS_UNIT_FDT_BUILDER_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

struct builder {
	uint8_t st[4096];
	size_t sn;
	char str[1024];
	size_t strn;
};

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline void tok(struct builder *b, uint32_t t)
{
	put32(b->st + b->sn, t);
	b->sn += 4;
}

static inline void begin(struct builder *b, const char *name)
{
	size_t n = strlen(name) + 1;

	tok(b, 1);
	memcpy(b->st + b->sn, name, n);
	b->sn += (n + 3) & ~3UL;
}

static inline void end(struct builder *b)
{
	tok(b, 2);
}

static inline uint32_t string_off(struct builder *b, const char *name)
{
	size_t i = 0;

	while (i < b->strn) {
		if (!strcmp(b->str + i, name))
			return (uint32_t)i;
		i += strlen(b->str + i) + 1;
	}
	strcpy(b->str + b->strn, name);
	b->strn += strlen(name) + 1;
	return (uint32_t)i;
}

static inline void prop(struct builder *b, const char *name, const void *v,
		 size_t len)
{
	tok(b, 3);
	tok(b, (uint32_t)len);
	tok(b, string_off(b, name));
	memcpy(b->st + b->sn, v, len);
	b->sn += (len + 3) & ~3UL;
}

static inline void prop_str(struct builder *b, const char *name, const char *s)
{
	prop(b, name, s, strlen(s) + 1);
}

/* n big-endian cells */
static inline void prop_cells(struct builder *b, const char *name, int n, ...)
{
	uint8_t v[64];
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		put32(v + 4 * i, va_arg(ap, uint32_t));
	va_end(ap);
	prop(b, name, v, 4 * (size_t)n);
}

/* Header, a reservation map with [rsv, rsv + rsv_size) (none when
 * rsv_size is 0), structure, strings. Returns the size. */
static inline size_t finish_rsv(struct builder *b, uint8_t *out, uint32_t rsv_at,
			 uint32_t rsv_size)
{
	size_t rsv = 40, st = rsv + 32, strs, total;

	tok(b, 9);
	strs = st + b->sn;
	total = strs + b->strn;
	memset(out, 0, total);
	put32(out + 0, 0xd00dfeed);
	put32(out + 4, (uint32_t)total);
	put32(out + 8, (uint32_t)st);
	put32(out + 12, (uint32_t)strs);
	put32(out + 16, (uint32_t)rsv);
	put32(out + 20, 17);
	put32(out + 24, 16);
	put32(out + 32, (uint32_t)b->strn);
	put32(out + 36, (uint32_t)b->sn);
	if (rsv_size) {
		put32(out + rsv + 4, rsv_at);
		put32(out + rsv + 12, rsv_size);
	}
	memcpy(out + st, b->st, b->sn);
	memcpy(out + strs, b->str, b->strn);
	return total;
}

#endif

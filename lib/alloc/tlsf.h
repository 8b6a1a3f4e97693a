/* Inside the TLSF backend: the block layout, the size classes, and the
 * cache of freed blocks (CONFIG_LIB_ALLOC_TLSF_CACHE), whose two paths
 * are inline here so that malloc() and free() themselves take a cached
 * block without calling into tlsf.c. Only backend.h and tlsf.c include
 * this; tlsf.c's comment says how it all works. */
#ifndef LIB_ALLOC_TLSF_H
#define LIB_ALLOC_TLSF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/alloc.h>

#define SL_BITS		5
#define SL_COUNT	(1U << SL_BITS)
#define SMALL_LIMIT	((size_t)SL_COUNT * TS_ALLOC_ALIGN)
#define FL_SHIFT	9		/* log2(SMALL_LIMIT) */
#define FL_COUNT	31
#define BLOCK_LIMIT	((size_t)1 << (FL_SHIFT + FL_COUNT - 1))

#define HEADER		16	/* from a block to its payload */
#define MIN_BLOCK	32	/* header and the two free-list links */
#define F_FREE		1UL
#define F_PREV_FREE	2UL
#define F_FIRST		4UL	/* the first block of its pool */
#define F_MASK		15UL

/* The paths of malloc and free are inlined into them; the rare ones
 * (growing, giving pools back) stay out of line. */
#define HOT inline __attribute__((always_inline))
#define COLD __attribute__((noinline, cold))

struct block {
	struct block *prev_phys;	/* valid if F_PREV_FREE */
	size_t head;			/* size | flags */
	struct block *next_free;	/* free blocks only */
	struct block *prev_free;
};

#ifdef CONFIG_LIB_ALLOC_TLSF_CACHE
#define CACHE		1
#else
#define CACHE		0
#endif
#define CACHE_LIMIT	(64 * 1024 + 16)	/* malloc(64 KiB)'s block */
/* mapping(CACHE_LIMIT) + 1 lists, or one unused when there is no cache. */
#define CACHE_SIZES	(CACHE ? 257 : 1)
#define CACHE_DEPTH	8
#define CACHE_BYTES	(256 * 1024)

/* One LIFO per list of the lists' own mapping (exact below 512 bytes). */
struct tlsf_cache {
	struct block *head[CACHE_SIZES];
	uint8_t count[CACHE_SIZES];
	size_t bytes;
};
extern struct tlsf_cache tlsf_cache;

static HOT size_t size_of(const struct block *b)
{
	return b->head & ~F_MASK;
}

static HOT struct block *block_of(const void *p)
{
	return (struct block *)((char *)p - HEADER);
}

static HOT unsigned int log2_floor(size_t s)
{
	return 63 - (unsigned int)__builtin_clzl(s);
}

/* A size's list, fl * SL_COUNT + sl. Below SMALL_LIMIT, fl is 0 and sl
 * the size in 16-byte steps; above, fl counts powers of two and sl the
 * step within. Or-ing in SMALL_LIMIT makes one formula serve both. */
static HOT unsigned int mapping(size_t s)
{
	unsigned int f = log2_floor(s | SMALL_LIMIT);

	return ((f - FL_SHIFT) << SL_BITS) + (unsigned int)(s >> (f - SL_BITS));
}

/* A request's block size: payload plus the 8 header bytes the payload
 * cannot overlap, in 16-byte steps. n is at most ALLOC_REQUEST_MAX. */
static HOT size_t block_size_for(size_t n)
{
	size_t s = (n + 8 + TS_ALLOC_ALIGN - 1) & ~(TS_ALLOC_ALIGN - 1);

	return s < MIN_BLOCK ? MIN_BLOCK : s;
}

/* A cached block for malloc(n), or NULL. Above 512 bytes a list spans
 * sizes, so the block must be big enough (a malloc/free pair of one size
 * always hits). */
static HOT void *tlsf_cache_get(size_t n, size_t *usable)
{
	size_t s = block_size_for(n);
	struct block *b;

	if (!CACHE || n > CACHE_LIMIT || s > CACHE_LIMIT)
		return NULL;
	b = tlsf_cache.head[mapping(s)];
	if (!b || size_of(b) < s)
		return NULL;
	tlsf_cache.head[mapping(s)] = b->next_free;
	tlsf_cache.count[mapping(s)]--;
	tlsf_cache.bytes -= size_of(b);
	*usable = size_of(b) - 8;
	return (char *)b + HEADER;
}

/* Keep p's block in the cache if there is room; *usable gets its usable
 * size either way. */
static HOT bool tlsf_cache_put(void *p, size_t *usable)
{
	struct block *b = block_of(p);
	size_t s = size_of(b);

	*usable = s - 8;
	if (!CACHE || s > CACHE_LIMIT ||
	    tlsf_cache.count[mapping(s)] >= CACHE_DEPTH ||
	    tlsf_cache.bytes + s > CACHE_BYTES)
		return false;
	b->next_free = tlsf_cache.head[mapping(s)];
	tlsf_cache.head[mapping(s)] = b;
	tlsf_cache.count[mapping(s)]++;
	tlsf_cache.bytes += s;
	return true;
}

#endif

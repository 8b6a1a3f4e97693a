/* TLSF-style backend: two-level segregated fit (Masmano, Ripoll, Crespo
 * and Real, ECRTS 2004), the malloc family in constant time.
 *
 * Free blocks sit in lists by size class: the first level is the power of
 * two, the second splits it into 32 equal steps (below 512 bytes, one list
 * per 16 bytes). Two levels of bitmaps say which lists are non-empty, so
 * finding a fitting block is two bit scans, with no search along a list:
 * the request is rounded up to the next class, whose every block fits.
 * Each block starts with a 16-byte header: the boundary tag (the previous
 * block's address, valid while that block is free) and the size with
 * flags. Freeing merges with free neighbours at once, so no two free
 * blocks are ever adjacent.
 *
 * Memory comes in pools taken from the page allocator (at least
 * CONFIG_LIB_ALLOC_TLSF_POOL_KIB at a time). A pool that becomes entirely
 * free goes back to the page allocator, except the last one left.
 *
 * Block layout (addresses grow to the right; the header is 16-aligned):
 *
 *   | prev_phys | size|flags | payload ... | next block's prev_phys ...
 *   ^ block                  ^ pointer handed out
 *
 * A used block's payload runs over the next block's prev_phys word, which
 * only matters while the block is free, so the usable size of a block of
 * size S is S - 8: malloc(24) takes 32 bytes, as in glibc.
 *
 * With CONFIG_LIB_ALLOC_TLSF_CACHE, freed blocks of up to CACHE_LIMIT
 * bytes first go to a small LIFO per list (CACHE_DEPTH deep, CACHE_BYTES
 * in all), still used as far as the lists know, and malloc takes from it
 * first: a malloc/free pair then skips the split and the merge, as with
 * glibc's tcache. When no block fits, or the page allocator runs out, the
 * cache is emptied into the lists (merging) before anyone gives up.
 */
#include <string.h>
#include "backend.h"
#include "tlsf.h"

#ifndef CONFIG_LIB_ALLOC_TLSF_POOL_KIB
#define CONFIG_LIB_ALLOC_TLSF_POOL_KIB 256
#endif
#define POOL_MIN	((size_t)CONFIG_LIB_ALLOC_TLSF_POOL_KIB * 1024)

/* At the start of each pool; the pool's first block follows, and a
 * zero-sized used block (the sentinel) ends it. */
struct pool {
	struct pool *next, *prev;
	size_t len;
	size_t unused;
};
#define POOL_OVERHEAD	(sizeof(struct pool) + HEADER)

static struct {
	uint32_t fl_map;
	uint32_t sl_map[FL_COUNT];
	struct block *heads[FL_COUNT * SL_COUNT];
	struct pool *pools;
	unsigned long npools;
	size_t pool_bytes;	/* pools' lengths */
	size_t used_bytes;	/* sizes of used blocks */
} tlsf;

struct tlsf_cache tlsf_cache;

const char ts_alloc_backend[] = "tlsf";

_Static_assert(sizeof(struct block) == MIN_BLOCK, "block header layout");
_Static_assert(sizeof(struct pool) % TS_ALLOC_ALIGN == 0, "pool header");

static HOT struct block *after(const struct block *b)
{
	return (struct block *)((char *)b + size_of(b));
}

/* The smallest size whose list holds only blocks of at least s bytes
 * (s is a multiple of 16, so below SMALL_LIMIT this changes no list). */
static HOT size_t round_to_class(size_t s)
{
	return s + ((size_t)1 << (log2_floor(s | SMALL_LIMIT) - SL_BITS)) - 1;
}

static HOT void link_block(struct block *b, unsigned int i)
{
	struct block *h = tlsf.heads[i];

	b->next_free = h;
	b->prev_free = NULL;
	if (h)
		h->prev_free = b;
	tlsf.heads[i] = b;
	tlsf.sl_map[i / SL_COUNT] |= 1U << (i % SL_COUNT);
	tlsf.fl_map |= 1U << (i / SL_COUNT);
}

static HOT void unlink_block(struct block *b, unsigned int i)
{
	struct block *n = b->next_free, *p = b->prev_free;

	if (n)
		n->prev_free = p;
	if (p) {
		p->next_free = n;
	} else {
		tlsf.heads[i] = n;
		if (!n) {
			tlsf.sl_map[i / SL_COUNT] &= ~(1U << (i % SL_COUNT));
			if (!tlsf.sl_map[i / SL_COUNT])
				tlsf.fl_map &= ~(1U << (i / SL_COUNT));
		}
	}
}

/* nb takes ob's place in list i: cheaper than unlink and link when a
 * split or merge leaves the list unchanged, which is the common case for
 * the big free block at the end of a pool. */
static HOT void replace_block(struct block *ob, struct block *nb,
			      unsigned int i)
{
	struct block *n = ob->next_free, *p = ob->prev_free;

	nb->next_free = n;
	nb->prev_free = p;
	if (n)
		n->prev_free = nb;
	if (p)
		p->next_free = nb;
	else
		tlsf.heads[i] = nb;
}

static HOT void link_free(struct block *b)
{
	link_block(b, mapping(size_of(b)));
}

static HOT void unlink_free(struct block *b)
{
	unlink_block(b, mapping(size_of(b)));
}

/* The first block of the first non-empty list at or above r's (r is
 * rounded up already, so any block there fits); its list in *i. */
static HOT struct block *find_fit(size_t r, unsigned int *i)
{
	unsigned int fl = mapping(r) / SL_COUNT, sl = mapping(r) % SL_COUNT;
	uint32_t m = tlsf.sl_map[fl] & (~0U << sl);

	if (!m) {
		uint32_t f = tlsf.fl_map & (~0U << (fl + 1));

		if (!f)
			return NULL;
		fl = (unsigned int)__builtin_ctz(f);
		m = tlsf.sl_map[fl];
	}
	*i = fl * SL_COUNT + (unsigned int)__builtin_ctz(m);
	return tlsf.heads[*i];
}

static void add_pool(void *mem, size_t len)
{
	struct pool *pool = mem;
	struct block *b = (struct block *)(pool + 1);
	size_t s = len - POOL_OVERHEAD;
	struct block *end = (struct block *)((char *)b + s);

	pool->len = len;
	pool->prev = NULL;
	pool->next = tlsf.pools;
	if (pool->next)
		pool->next->prev = pool;
	tlsf.pools = pool;
	tlsf.npools++;
	tlsf.pool_bytes += len;
	b->head = s | F_FREE | F_FIRST;
	end->prev_phys = b;
	end->head = F_PREV_FREE;
	link_free(b);
}

/* No block fits r: add a pool big enough; its one free block fits. */
static COLD struct block *grow(size_t r)
{
	size_t need = (r + POOL_OVERHEAD + TS_PAGE_SIZE - 1) &
		      ~(TS_PAGE_SIZE - 1);
	size_t len = need < POOL_MIN ? POOL_MIN : need;
	void *mem = pages_get(len / TS_PAGE_SIZE);

	if (!mem && len > need)
		mem = pages_get((len = need) / TS_PAGE_SIZE);
	if (!mem)
		return NULL;
	add_pool(mem, len);
	return (struct block *)((struct pool *)mem + 1);
}

/* b is free, first in its pool and reaches the sentinel: the pool is
 * empty. Keep one pool so that a steady malloc/free does not cycle. */
static COLD void release_pool(struct block *b)
{
	struct pool *pool = (struct pool *)b - 1;

	unlink_free(b);
	if (pool->next)
		pool->next->prev = pool->prev;
	if (pool->prev)
		pool->prev->next = pool->next;
	else
		tlsf.pools = pool->next;
	tlsf.npools--;
	tlsf.pool_bytes -= pool->len;
	pages_put(pool, pool->len / TS_PAGE_SIZE);
}

/* Take a used block of size s out of the free lists. */
static HOT struct block *take(size_t s)
{
	size_t r = round_to_class(s), bs;
	unsigned int i = 0, ri; /* set by find_fit(); -Og cannot see it */
	struct block *b, *rest, *next;

	if (r >= BLOCK_LIMIT)
		return NULL;
	b = find_fit(r, &i);
	if (__builtin_expect(!b, 0)) {
		if (!(b = grow(r)))
			return NULL;
		i = mapping(size_of(b));
	}
	bs = size_of(b);
	next = after(b);
	tlsf.used_bytes += s;
	if (bs - s < MIN_BLOCK) {
		unlink_block(b, i);
		b->head &= ~F_FREE;
		next->head &= ~F_PREV_FREE;
		tlsf.used_bytes += bs - s;
		return b;
	}
	/* Split: the rest stays free (its previous block, b, is used now;
	 * a free block never follows a free one, so b's own previous block
	 * was used too). */
	rest = (struct block *)((char *)b + s);
	rest->head = (bs - s) | F_FREE;
	next->prev_phys = rest;
	ri = mapping(bs - s);
	if (ri == i) {
		replace_block(b, rest, i);
	} else {
		unlink_block(b, i);
		link_block(rest, ri);
	}
	b->head = s | (b->head & F_FIRST);
	return b;
}

/* Free a used block, merging it with free neighbours. */
static HOT void release(struct block *b)
{
	size_t s = size_of(b);
	struct block *next = after(b);

	tlsf.used_bytes -= s;
	if (next->head & F_FREE) {
		size_t ns = size_of(next);
		unsigned int ni = mapping(ns), i;

		s += ns;
		if (!(b->head & F_PREV_FREE)) {
			/* Only the next block merges: b takes its place. */
			b->head = s | F_FREE | (b->head & F_FIRST);
			after(b)->prev_phys = b;
			i = mapping(s);
			if (i == ni) {
				replace_block(next, b, i);
			} else {
				unlink_block(next, ni);
				link_block(b, i);
			}
			goto merged;
		}
		unlink_block(next, ni);
	}
	if (b->head & F_PREV_FREE) {
		struct block *prev = b->prev_phys;

		unlink_free(prev);
		s += size_of(prev);
		b = prev;
	}
	b->head = s | F_FREE | (b->head & F_FIRST);
	next = after(b);
	next->prev_phys = b;
	next->head |= F_PREV_FREE;
	link_free(b);
merged:
	if ((b->head & F_FIRST) && tlsf.npools > 1 && !size_of(after(b)))
		release_pool(b);
}

/* The same, out of line, for the paths that are not free()'s own. */
static COLD void release_block(struct block *b)
{
	release(b);
}

/* Cut used block b down to s bytes, freeing the tail if it can stand as
 * a block of its own. */
static void trim(struct block *b, size_t s)
{
	size_t bs = size_of(b);
	struct block *tail;

	if (bs - s < MIN_BLOCK)
		return;
	tail = (struct block *)((char *)b + s);
	tail->head = bs - s;
	b->head = s | (b->head & F_MASK);
	release_block(tail);
}

/* Give every cached block back to the lists. */
void heap_flush(void)
{
	for (unsigned int c = 0; CACHE && c < CACHE_SIZES; c++) {
		while (tlsf_cache.head[c]) {
			struct block *b = tlsf_cache.head[c];

			tlsf_cache.head[c] = b->next_free;
			release_block(b);
		}
		tlsf_cache.count[c] = 0;
	}
	tlsf_cache.bytes = 0;
}

/* With the cache, malloc's own path is the cache: the lists' path is
 * kept out of it, so that a cache hit does not pay for saving the
 * registers the lists' path needs. */
#if CACHE
#define LISTS_PATH COLD
#else
#define LISTS_PATH HOT
#endif

static LISTS_PATH struct block *alloc_from_lists(size_t s)
{
	struct block *b = take(s);

	if (!b && CACHE && tlsf_cache.bytes) {
		heap_flush();
		b = take(s);
	}
	return b;
}

static LISTS_PATH void free_to_lists(struct block *b)
{
	release(b);
}

void *heap_alloc(size_t n, size_t *usable)
{
	struct block *b;
	void *p;

	if (n > ALLOC_REQUEST_MAX)
		return NULL;
	if ((p = tlsf_cache_get(n, usable)))
		return p;
	if (!(b = alloc_from_lists(block_size_for(n))))
		return NULL;
	*usable = size_of(b) - 8;
	return (char *)b + HEADER;
}

void *heap_alloc_aligned(size_t align, size_t n, size_t *usable)
{
	size_t s;
	struct block *b;
	uintptr_t p, ap;

	if (n > ALLOC_REQUEST_MAX || align > ALLOC_REQUEST_MAX)
		return NULL;
	s = block_size_for(n);
	/* Room to move the start up to an aligned address while leaving a
	 * whole free block in front. */
	b = alloc_from_lists(s + align + MIN_BLOCK);
	if (!b)
		return NULL;
	p = (uintptr_t)b + HEADER;
	ap = (p + align - 1) & ~(uintptr_t)(align - 1);
	if (ap != p) {
		size_t gap = ap - p, bs = size_of(b);
		struct block *ab;

		if (gap < MIN_BLOCK) {
			ap += align;
			gap += align;
		}
		ab = (struct block *)((char *)b + gap);
		ab->head = bs - gap;
		b->head = gap | (b->head & F_FIRST);
		/* The front part goes back on its own: the block before it
		 * is used (b was free, and free blocks are never adjacent),
		 * and so is ab after it. */
		release_block(b);
		b = ab;
	}
	trim(b, s);
	*usable = size_of(b) - 8;
	return (void *)ap;
}

size_t heap_free(void *p)
{
	size_t usable;

	if (!tlsf_cache_put(p, &usable))
		free_to_lists(block_of(p));
	return usable;
}

size_t heap_usable_size(const void *p)
{
	return size_of(block_of(p)) - 8;
}

bool heap_resize(void *p, size_t n)
{
	struct block *b = block_of(p), *next;
	size_t s, bs = size_of(b), ns;

	if (n > ALLOC_REQUEST_MAX)
		return false;
	s = block_size_for(n);
	if (s <= bs) {
		trim(b, s);
		return true;
	}
	next = after(b);
	if (!(next->head & F_FREE))
		return false;
	ns = size_of(next);
	if (bs + ns < s)
		return false;
	unlink_free(next);
	b->head = (bs + ns) | (b->head & F_MASK);
	after(b)->head &= ~F_PREV_FREE;
	tlsf.used_bytes += ns;
	trim(b, s);
	return true;
}

/* Cached blocks count as free: malloc hands them out first. */
size_t heap_free_bytes(void)
{
	return tlsf.pool_bytes - tlsf.npools * POOL_OVERHEAD -
	       tlsf.used_bytes + tlsf_cache.bytes;
}

void heap_reset(void)
{
	memset(&tlsf, 0, sizeof(tlsf));
	memset(&tlsf_cache, 0, sizeof(tlsf_cache));
}

static const char *check_cache(void)
{
	size_t bytes = 0;

	for (unsigned int c = 0; c < CACHE_SIZES; c++) {
		unsigned int n = 0;

		struct block *b;

		for (b = tlsf_cache.head[c]; b; b = b->next_free) {
			if ((b->head & F_FREE) || mapping(size_of(b)) != c)
				return "a cached block is free or misfiled";
			bytes += size_of(b);
			n++;
		}
		if (n != tlsf_cache.count[c] || n > CACHE_DEPTH)
			return "a cache count is wrong";
	}
	return bytes == tlsf_cache.bytes && bytes <= CACHE_BYTES ?
		       NULL : "cached bytes disagree with the cache";
}

static const char *check_lists(size_t *nfree)
{
	*nfree = 0;
	for (unsigned int fl = 0; fl < FL_COUNT; fl++) {
		if (!tlsf.sl_map[fl] != !(tlsf.fl_map >> fl & 1))
			return "first-level bitmap disagrees with the second";
		for (unsigned int sl = 0; sl < SL_COUNT; sl++) {
			unsigned int i = fl * SL_COUNT + sl;
			struct block *b = tlsf.heads[i];

			if (!b != !(tlsf.sl_map[fl] >> sl & 1))
				return "a bitmap bit disagrees with a list";
			for (; b; b = b->next_free) {
				if (!(b->head & F_FREE) ||
				    mapping(size_of(b)) != i)
					return "a listed block is used or in "
					       "the wrong list";
				if (b->next_free &&
				    b->next_free->prev_free != b)
					return "broken free-list links";
				++*nfree;
			}
		}
	}
	return NULL;
}

const char *heap_check(struct heap_report *r)
{
	size_t used = 0, listed;
	const char *err = check_lists(&listed);

	memset(r, 0, sizeof(*r));
	if (err || (err = check_cache()))
		return err;
	for (struct pool *pool = tlsf.pools; pool; pool = pool->next) {
		struct block *b = (struct block *)(pool + 1), *prev = NULL;
		char *end = (char *)pool + pool->len;

		r->pools++;
		if (!(b->head & F_FIRST))
			return "a pool's first block is not marked first";
		for (;;) {
			size_t s = size_of(b);
			bool was_free = prev && (prev->head & F_FREE);

			if (!!(b->head & F_PREV_FREE) != was_free)
				return "a block's prev-free flag is wrong";
			if (was_free && b->prev_phys != prev)
				return "a boundary tag points elsewhere";
			if (s == 0)
				break;
			if (s < MIN_BLOCK || s % TS_ALLOC_ALIGN)
				return "a block has an impossible size";
			if (prev && (b->head & F_FIRST))
				return "a block inside a pool is marked first";
			if ((char *)b + s + HEADER > end)
				return "a block runs past its pool";
			if (b->head & F_FREE) {
				if (was_free)
					return "two free blocks are adjacent";
				r->free_blocks++;
				if (s > r->largest_free)
					r->largest_free = s;
			} else {
				r->used_blocks++;
				used += s;
			}
			prev = b;
			b = after(b);
		}
		if ((char *)b + HEADER != end)
			return "a pool's sentinel is misplaced";
	}
	if (r->free_blocks != listed)
		return "free blocks are missing from the lists";
	if (used != tlsf.used_bytes)
		return "used bytes disagree with the blocks";
	if (r->pools != tlsf.npools)
		return "pool count disagrees with the pools";
	return NULL;
}

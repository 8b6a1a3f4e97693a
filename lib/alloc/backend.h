/* Inside lib/alloc: what the front ends (malloc.c, pages.c) need from the
 * page layer and the general allocator of the configured backend, and
 * the state they share. Nothing here is exported from the image
 * (exportsyms.uk); the host unit tests and benchmarks call it directly.
 *
 *   page layer    buddy.c (TLSF and buddy backends), region.c (region)
 *   heap layer    tlsf.c, buddy_heap.c, region.c
 *
 * None of these functions lock: the front ends call them with the lock
 * taken (init.c, ts_alloc_set_lock()).
 */
#ifndef LIB_ALLOC_BACKEND_H
#define LIB_ALLOC_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/alloc.h>

/* Requests above this fail at once, which keeps every size computation
 * below from overflowing (256 GiB: more than any target has). */
#define ALLOC_REQUEST_MAX	((size_t)1 << 38)

/* ---- page layer -------------------------------------------------------- */

/* Hand [base, base + len) over to the allocator. Returns 0, or -1 when
 * it cannot take more regions (the range is then unused). */
int pages_add_memory(uintptr_t base, size_t len);
void *pages_get(size_t npages);
void pages_put(void *p, size_t npages);
/* Whether p lies in memory the allocator manages (debug checks). */
bool pages_owns(const void *p);
/* Whether any of the npages pages from p is free (debug checks). */
bool pages_is_free(const void *p, size_t npages);
size_t pages_free_bytes(void);
size_t pages_total_bytes(void);
void pages_reset(void);

/* ---- heap layer (the malloc family's blocks) --------------------------- */

/* size may be 0; results are aligned to TS_ALLOC_ALIGN, and *usable
 * gets the block's usable size (the front end counts it without another
 * call). NULL when out of memory or size > ALLOC_REQUEST_MAX. */
void *heap_alloc(size_t size, size_t *usable);
/* align is a power of two larger than TS_ALLOC_ALIGN. */
void *heap_alloc_aligned(size_t align, size_t size, size_t *usable);
/* Returns the usable size the block had. */
size_t heap_free(void *p);
size_t heap_usable_size(const void *p);
/* Resize in place: true if p now holds at least size bytes (its usable
 * size may have changed), false if it stayed as it was. */
bool heap_resize(void *p, size_t size);
/* Free space inside the heap that pages_free_bytes() does not count. */
size_t heap_free_bytes(void);
void heap_reset(void);
/* Give blocks the backend keeps aside back to its free lists (TLSF's
 * cache); tests call it before looking at how blocks merged. */
void heap_flush(void);

/* Walk the heap and check its invariants (tests): NULL if they hold, else
 * what is wrong. The counts describe what the walk found. */
struct heap_report {
	size_t free_blocks, used_blocks, largest_free, pools;
};
const char *heap_check(struct heap_report *r);

/* ---- buddy engine (buddy.c), used by buddy_heap.c and the tests --------- */

/* Smallest block: a page, or 32 bytes when the buddy allocator also
 * serves the malloc family. Blocks of order k are aligned to 2^k. */
#ifdef CONFIG_LIB_ALLOC_BUDDY
#define BUDDY_MIN_ORDER	5
#else
#define BUDDY_MIN_ORDER	12
#endif
#define BUDDY_MAX_ORDER	38

void *buddy_alloc(unsigned int order);
void buddy_free(void *p, unsigned int order);
/* Change the order of the allocated block p in place: shrinking always
 * works, growing when the buddies above are free. */
bool buddy_resize(void *p, unsigned int order, unsigned int new_order);
/* Free blocks of an order, and a consistency check (tests). */
size_t buddy_count_free(unsigned int order);
const char *buddy_check(void);

/* ---- shared state (init.c, stats.c) ------------------------------------ */

struct alloc_counters {
	size_t in_use, peak;
	unsigned long allocs, frees, failed;
};
extern struct alloc_counters alloc_counters;

static inline void alloc_count_alloc(size_t bytes)
{
	alloc_counters.in_use += bytes;
	if (alloc_counters.in_use > alloc_counters.peak)
		alloc_counters.peak = alloc_counters.in_use;
	alloc_counters.allocs++;
}

static inline void alloc_count_free(size_t bytes)
{
	alloc_counters.in_use -= bytes;
	alloc_counters.frees++;
}

extern void (*alloc_lock_fn)(void);
extern void (*alloc_unlock_fn)(void);

static inline void alloc_lock(void)
{
	if (alloc_lock_fn)
		alloc_lock_fn();
}

static inline void alloc_unlock(void)
{
	if (alloc_unlock_fn)
		alloc_unlock_fn();
}

/* Forget all memory and counters, then hand the allocator a fresh range
 * (host tests and benchmarks; the image calls alloc_add_memory() for
 * each free region at boot). */
void alloc_reset(void);
int alloc_add_memory(uintptr_t base, size_t len);

/* ---- debug checks (debug.c, CONFIG_LIB_ALLOC_DEBUG) --------------------- */

void *debug_alloc(size_t align, size_t size, void *caller);
/* Checks a pointer given back to free(), realloc() or
 * malloc_usable_size(): true if it is a live block; otherwise reports
 * and crashes (or, under a test hook, returns false). */
bool debug_check(void *p, const char *fn, void *caller);
/* Returns the block's requested size. */
size_t debug_free(void *p);
size_t debug_usable_size(const void *p);
bool debug_check_pages(void *p, size_t npages, void *caller);

/* Tests replace the crash after a report with a call of this hook. */
extern void (*debug_report_hook)(const char *what);

static inline size_t ceil_log2(size_t n)
{
	return n <= 1 ? 0 : 64 - (size_t)__builtin_clzl(n - 1);
}

/* A backend may keep freed blocks aside and offer them to the front ends
 * inline (TLSF's cache); heap_cache_get() returns NULL and
 * heap_cache_put() false when it does not apply. */
#if defined(CONFIG_LIB_ALLOC_TLSF) && defined(CONFIG_LIB_ALLOC_TLSF_CACHE)
#include "tlsf.h"
#define heap_cache_get tlsf_cache_get
#define heap_cache_put tlsf_cache_put
#else
static inline void *heap_cache_get(size_t size, size_t *usable)
{
	(void)size;
	(void)usable;
	return NULL;
}

static inline bool heap_cache_put(void *p, size_t *usable)
{
	(void)p;
	(void)usable;
	return false;
}
#endif

#endif

/* Memory allocation: pages, the C malloc family, statistics.
 *
 * Layering (one backend is chosen in Kconfig, "General allocator"):
 *
 *   TLSF    malloc family -> TLSF pools -> page allocator (buddy) -> RAM
 *   buddy   malloc family and pages -> one buddy allocator -> RAM
 *   region  malloc family and pages -> bump regions -> RAM
 *
 * The page allocator hands out 4 KiB pages from every memory region the
 * platform marked TS_MEMR_FREE; the TLSF backend takes its pools from it
 * and gives a pool back when the pool is entirely free again. The malloc
 * family itself (malloc, free, calloc, realloc, reallocarray, memalign,
 * posix_memalign, aligned_alloc, malloc_usable_size) is declared in
 * <stdlib.h> and behaves as C11 and POSIX say:
 *
 *   - every result is aligned to 16 bytes (TS_ALLOC_ALIGN);
 *   - malloc(0) returns a unique pointer that free() accepts;
 *   - failures return NULL with errno ENOMEM (EINVAL for a bad alignment),
 *     and count as failed requests in the statistics;
 *   - realloc(NULL, n) is malloc(n); realloc(p, 0) frees p and returns
 *     NULL (glibc's choice: C17 leaves it to the implementation, C23 makes
 *     it undefined, so portable code should not rely on either);
 *   - realloc shrinks in place and grows in place when the memory after
 *     the block is free (TLSF, buddy) or the block is the last one
 *     (region); a failed realloc leaves the old block untouched;
 *   - posix_memalign wants a power of two multiple of sizeof(void *)
 *     (EINVAL otherwise); aligned_alloc and memalign any power of two.
 *
 * Thread safety: none by itself. The cooperative scheduler needs none
 * (nothing here blocks or yields). With preemption, or allocations from
 * interrupt handlers, the scheduler installs a lock with ts_alloc_set_lock()
 * (e.g. interrupts off/on, or a mutex); every entry point below and in
 * <stdlib.h> then runs inside it. The lock is not taken recursively.
 *
 * CONFIG_LIB_ALLOC_DEBUG adds guard bytes before and after each block,
 * fills new blocks with 0xa5 and freed ones with 0xdd, and checks every
 * pointer given back: a double free, a pointer the allocator never handed
 * out, or a guard that was overwritten is reported with the caller's
 * address and the block's allocator, then the image crashes.
 */
#ifndef TS_ALLOC_H
#define TS_ALLOC_H

#include <stddef.h>

#define TS_PAGE_SIZE	4096UL
#define TS_ALLOC_ALIGN	16

/* npages contiguous pages, aligned to at least TS_PAGE_SIZE, or NULL
 * (errno ENOMEM) when there is no such run or npages is 0. Not zeroed. */
void *ts_pages_alloc(size_t npages);

/* Give back npages pages from p. Any part of a run may be freed on its
 * own: ts_pages_free(p + 2 * TS_PAGE_SIZE, 1) frees the third page of a
 * run. NULL is ignored. With the region backend only the pages given out
 * last are reused. */
void ts_pages_free(void *p, size_t npages);

struct ts_alloc_stats {
	size_t in_use;		/* bytes in live blocks (usable size) and
				 * pages given out */
	size_t peak;		/* the highest in_use so far */
	size_t free;		/* bytes that could still be handed out
				 * (free pages and free space in pools) */
	size_t total;		/* bytes of RAM under management */
	unsigned long allocs;	/* successful allocations (blocks, page
				 * runs; a moving realloc counts one) */
	unsigned long frees;	/* blocks and page runs given back */
	unsigned long failed;	/* requests refused for lack of memory */
};

/* A consistent snapshot; allocs - frees is the number of live blocks
 * and page runs (a run freed in parts counts one free per part). */
void ts_alloc_stats_get(struct ts_alloc_stats *st);

/* Install (or, with NULLs, remove) the lock every allocator entry point
 * runs under. See "Thread safety" above. */
void ts_alloc_set_lock(void (*lock)(void), void (*unlock)(void));

/* The name of the configured backend ("tlsf", "buddy", "region"). */
extern const char ts_alloc_backend[];

#endif

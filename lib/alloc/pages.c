/* The page allocator's entry points: ts_pages_alloc() and ts_pages_free()
 * over the configured page layer, with locking, statistics and (with
 * CONFIG_LIB_ALLOC_DEBUG) checks of what is given back. */
#include <errno.h>
#include "backend.h"

void *ts_pages_alloc(size_t npages)
{
	void *p;

	if (!npages)
		return NULL;
	alloc_lock();
	p = pages_get(npages);
	if (!p) {
		/* Blocks the heap keeps aside may be all that holds a pool. */
		heap_flush();
		p = pages_get(npages);
	}
	if (p)
		alloc_count_alloc(npages * TS_PAGE_SIZE);
	else
		alloc_counters.failed++;
	alloc_unlock();
	if (!p)
		errno = ENOMEM;
	return p;
}

void ts_pages_free(void *p, size_t npages)
{
	if (!p || !npages)
		return;
	alloc_lock();
#ifdef CONFIG_LIB_ALLOC_DEBUG
	if (!debug_check_pages(p, npages, __builtin_return_address(0))) {
		alloc_unlock();
		return;
	}
#endif
	pages_put(p, npages);
	alloc_count_free(npages * TS_PAGE_SIZE);
	alloc_unlock();
}

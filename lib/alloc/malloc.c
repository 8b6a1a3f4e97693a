/* The C malloc family over the configured heap backend: the C11/POSIX
 * rules (zero sizes, overflow, alignment, errno), locking and statistics
 * live here once, so that backends only manage blocks. The rules chosen
 * where the standards leave a choice are listed in <ts/alloc.h>.
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <ts/trace.h>
#include "backend.h"

/* Every allocation of the malloc family goes through alloc_block. */
TS_TRACEPOINT(alloc_malloc, "%lu bytes -> %p (from %pS)", size_t, void *,
	      void *);
TS_TRACEPOINT(alloc_fail, "%lu bytes, alignment %lu (from %pS)", size_t,
	      size_t, void *);
TS_TRACEPOINT(alloc_free, "%p (from %pS)", void *, void *);
TS_TRACEPOINT(alloc_realloc, "%p to %lu bytes -> %p (from %pS)", void *,
	      size_t, void *, void *);

#ifdef CONFIG_LIB_ALLOC_DEBUG
#define DEBUG 1
#else
#define DEBUG 0
#endif

#define CALLER __builtin_return_address(0)

/* With debug checks every block carries a header and guards around it,
 * which debug.c adds and checks; its usable size is what was asked. */
static inline size_t usable(const void *p)
{
	return DEBUG ? debug_usable_size(p) : heap_usable_size(p);
}

/* Called with the lock held; align is a power of two. */
static inline __attribute__((always_inline)) void *
alloc_block(size_t align, size_t size, void *caller)
{
	size_t got = size;
	void *p;

	if (DEBUG)
		p = debug_alloc(align, size, caller);
	else if (align <= TS_ALLOC_ALIGN)
		p = heap_cache_get(size, &got) ?: heap_alloc(size, &got);
	else
		p = heap_alloc_aligned(align, size, &got);
	if (p) {
		alloc_count_alloc(got);
		trace_alloc_malloc(size, p, caller);
	} else {
		alloc_counters.failed++;
		trace_alloc_fail(size, align, caller);
	}
	return p;
}

/* Called with the lock held. False if the debug checks refused p (the
 * report is printed and, outside tests, the image has crashed). */
static inline bool check(void *p, const char *fn, void *caller)
{
	return !DEBUG || debug_check(p, fn, caller);
}

static inline __attribute__((always_inline)) void free_block(void *p)
{
	size_t n;

	if (DEBUG)
		n = debug_free(p);
	else if (!heap_cache_put(p, &n))
		n = heap_free(p);
	alloc_count_free(n);
}

static inline __attribute__((always_inline)) void *
alloc_errno(size_t align, size_t size, void *caller)
{
	void *p;

	alloc_lock();
	p = alloc_block(align, size, caller);
	alloc_unlock();
	if (!p)
		errno = ENOMEM;
	return p;
}

void *malloc(size_t size)
{
	return alloc_errno(TS_ALLOC_ALIGN, size, CALLER);
}

void free(void *p)
{
	if (!p)
		return;
	trace_alloc_free(p, CALLER);
	alloc_lock();
	if (check(p, "free", CALLER))
		free_block(p);
	alloc_unlock();
}

void *calloc(size_t nmemb, size_t size)
{
	size_t bytes;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &bytes)) {
		alloc_lock();
		alloc_counters.failed++;
		alloc_unlock();
		errno = ENOMEM;
		return NULL;
	}
	p = alloc_errno(TS_ALLOC_ALIGN, bytes, CALLER);
	if (p)
		memset(p, 0, bytes);
	return p;
}

static void *resize(void *p, size_t size, void *caller)
{
	size_t old;
	void *q;

	if (!p)
		return alloc_errno(TS_ALLOC_ALIGN, size, caller);
	alloc_lock();
	if (!check(p, "realloc", caller)) {
		alloc_unlock();
		return NULL;
	}
	if (size == 0) {
		free_block(p);
		alloc_unlock();
		return NULL;
	}
	old = usable(p);
	/* Debug builds always move, so that stale pointers to the old
	 * block meet poisoned memory. */
	if (!DEBUG && heap_resize(p, size)) {
		alloc_counters.in_use -= old;
		alloc_counters.in_use += usable(p);
		if (alloc_counters.in_use > alloc_counters.peak)
			alloc_counters.peak = alloc_counters.in_use;
		alloc_unlock();
		trace_alloc_realloc(p, size, p, caller);
		return p;
	}
	q = alloc_block(TS_ALLOC_ALIGN, size, caller);
	if (q) {
		memcpy(q, p, old < size ? old : size);
		free_block(p);
		trace_alloc_realloc(p, size, q, caller);
	}
	alloc_unlock();
	if (!q)
		errno = ENOMEM;
	return q;
}

void *realloc(void *p, size_t size)
{
	return resize(p, size, CALLER);
}

void *reallocarray(void *p, size_t nmemb, size_t size)
{
	size_t bytes;

	if (__builtin_mul_overflow(nmemb, size, &bytes)) {
		alloc_lock();
		alloc_counters.failed++;
		alloc_unlock();
		errno = ENOMEM;
		return NULL;
	}
	return resize(p, bytes, CALLER);
}

static inline bool power_of_two(size_t x)
{
	return x && !(x & (x - 1));
}

static void *aligned(size_t align, size_t size, void *caller)
{
	if (!power_of_two(align)) {
		errno = EINVAL;
		return NULL;
	}
	return alloc_errno(align, size, caller);
}

void *aligned_alloc(size_t align, size_t size)
{
	return aligned(align, size, CALLER);
}

void *memalign(size_t align, size_t size)
{
	return aligned(align, size, CALLER);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	void *p;

	if (!power_of_two(align) || align % sizeof(void *))
		return EINVAL;
	alloc_lock();
	p = alloc_block(align, size, CALLER);
	alloc_unlock();
	if (!p)
		return ENOMEM;
	*memptr = p;
	return 0;
}

size_t malloc_usable_size(void *p)
{
	size_t n = 0;

	if (!p)
		return 0;
	alloc_lock();
	if (check(p, "malloc_usable_size", CALLER))
		n = usable(p);
	alloc_unlock();
	return n;
}

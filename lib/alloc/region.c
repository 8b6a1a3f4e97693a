/* Region backend: the smallest allocator, for images that allocate at
 * start-up and rarely free. Each memory range is an arena; the malloc
 * family bumps up from its bottom, pages bump down from its top, so that
 * neither wastes memory aligning for the other. Freeing gives memory back
 * only when it is the block (or page run) handed out last; everything
 * else stays allocated until the image ends.
 */
#include <string.h>
#include "backend.h"

#define MAX_ARENAS	4

struct arena {
	uintptr_t lo, hi;	/* free space: [lo, hi) */
	uintptr_t base, end;
};

/* In front of each block: where the block started (alignment may have
 * skipped some bytes) and its size. */
struct header {
	uintptr_t start;
	size_t size;
};

static struct arena arenas[MAX_ARENAS];
static int narenas;

const char ts_alloc_backend[] = "region";

static struct header *header_of(const void *p)
{
	return (struct header *)p - 1;
}

static struct arena *arena_of(uintptr_t a)
{
	for (int i = 0; i < narenas; i++)
		if (a >= arenas[i].base && a < arenas[i].end)
			return &arenas[i];
	return NULL;
}

int pages_add_memory(uintptr_t base, size_t len)
{
	struct arena *r;

	if (narenas == MAX_ARENAS || len < TS_PAGE_SIZE)
		return -1;
	r = &arenas[narenas++];
	r->base = r->lo = (base + TS_ALLOC_ALIGN - 1) & ~(TS_ALLOC_ALIGN - 1);
	r->end = r->hi = (base + len) & ~(TS_ALLOC_ALIGN - 1);
	return 0;
}

void *heap_alloc_aligned(size_t align, size_t size, size_t *usable)
{
	if (size > ALLOC_REQUEST_MAX || align > ALLOC_REQUEST_MAX)
		return NULL;
	size = (size + TS_ALLOC_ALIGN - 1) & ~(TS_ALLOC_ALIGN - 1);
	for (int i = 0; i < narenas; i++) {
		struct arena *r = &arenas[i];
		uintptr_t p = (r->lo + sizeof(struct header) + align - 1) &
			      ~(uintptr_t)(align - 1);

		if (p <= r->hi && r->hi - p >= size) {
			header_of((void *)p)->start = r->lo;
			header_of((void *)p)->size = size;
			r->lo = p + size;
			*usable = size;
			return (void *)p;
		}
	}
	return NULL;
}

void *heap_alloc(size_t size, size_t *usable)
{
	return heap_alloc_aligned(TS_ALLOC_ALIGN, size, usable);
}

size_t heap_free(void *p)
{
	struct header *h = header_of(p);
	struct arena *r = arena_of((uintptr_t)p);

	if (r && (uintptr_t)p + h->size == r->lo)
		r->lo = h->start;
	return h->size;
}

size_t heap_usable_size(const void *p)
{
	return header_of(p)->size;
}

/* Shrinking keeps the block where it is; only the last block can grow,
 * and only it gives the bytes it no longer needs back. */
bool heap_resize(void *p, size_t size)
{
	struct header *h = header_of(p);
	struct arena *r = arena_of((uintptr_t)p);

	if (size > ALLOC_REQUEST_MAX)
		return false;
	size = (size + TS_ALLOC_ALIGN - 1) & ~(TS_ALLOC_ALIGN - 1);
	if (r && (uintptr_t)p + h->size == r->lo) {
		if (size > r->hi - (uintptr_t)p)
			return false;
		r->lo = (uintptr_t)p + size;
	} else if (size > h->size) {
		return false;
	}
	h->size = size;
	return true;
}

size_t heap_free_bytes(void)
{
	return 0;
}

void *pages_get(size_t npages)
{
	if (npages == 0 || npages > ALLOC_REQUEST_MAX / TS_PAGE_SIZE)
		return NULL;
	for (int i = 0; i < narenas; i++) {
		struct arena *r = &arenas[i];
		uintptr_t p = (r->hi - npages * TS_PAGE_SIZE) &
			      ~(TS_PAGE_SIZE - 1);

		if (r->hi - r->lo >= npages * TS_PAGE_SIZE && p >= r->lo) {
			r->hi = p;
			return (void *)p;
		}
	}
	return NULL;
}

void pages_put(void *p, size_t npages)
{
	struct arena *r = arena_of((uintptr_t)p);

	if (r && (uintptr_t)p == r->hi)
		r->hi += npages * TS_PAGE_SIZE;
}

bool pages_owns(const void *p)
{
	return arena_of((uintptr_t)p) != NULL;
}

/* Pages are handed out downwards from the top: below hi is free. */
bool pages_is_free(const void *p, size_t npages)
{
	struct arena *r = arena_of((uintptr_t)p);

	(void)npages;
	return !r || (uintptr_t)p < r->hi;
}

size_t pages_free_bytes(void)
{
	size_t n = 0;

	for (int i = 0; i < narenas; i++)
		n += arenas[i].hi - arenas[i].lo;
	return n;
}

size_t pages_total_bytes(void)
{
	size_t n = 0;

	for (int i = 0; i < narenas; i++)
		n += arenas[i].end - arenas[i].base;
	return n;
}

void pages_reset(void)
{
	narenas = 0;
}

void heap_reset(void)
{
}

void heap_flush(void)
{
}

const char *heap_check(struct heap_report *r)
{
	memset(r, 0, sizeof(*r));
	r->pools = (size_t)narenas;
	for (int i = 0; i < narenas; i++) {
		const struct arena *a = &arenas[i];

		if (a->base > a->lo || a->lo > a->hi || a->hi > a->end)
			return "an arena's bounds are out of order";
		if (a->hi - a->lo > r->largest_free)
			r->largest_free = a->hi - a->lo;
	}
	return NULL;
}

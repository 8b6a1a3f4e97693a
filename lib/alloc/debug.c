/* CONFIG_LIB_ALLOC_DEBUG: guards around every block, poisoned memory, and
 * a check of every pointer given back.
 *
 *   | block | links | size | caller | magic | offset | guard | data | guard |
 *           <---------------- struct dbg ----------------->  ^ pointer
 *
 * The header records the requested size and who allocated the block. Its
 * first field is left to the backend, which keeps a freed block's list
 * links at its start, so that the rest survives the free: the magic word
 * tells a live block from a freed one (double free) and from memory that
 * never was a block (invalid pointer), and still names the block's
 * allocator in a double-free report. Freed memory is filled with
 * FREE_POISON, new memory with NEW_POISON, so that reads of either stand
 * out in a debugger. A double free is caught as long as the block's
 * memory has not been handed out again.
 */
#include <string.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "backend.h"

#define GUARD		0xfd
#define NEW_POISON	0xa5
#define FREE_POISON	0xdd
#define TAIL		16
#define MAGIC_LIVE	0x4556494cU	/* "LIVE" */
#define MAGIC_FREED	0x44414544U	/* "DEAD" */

struct dbg {
	uint64_t backend[2];	/* a freed block's list links go here */
	size_t size;
	void *caller;
	uint32_t magic;
	uint32_t offset;	/* from the backend's block to the pointer */
	uint8_t guard[8];
};

_Static_assert(sizeof(struct dbg) == 48, "debug header layout");

void (*debug_report_hook)(const char *what);

static struct dbg *dbg_of(const void *p)
{
	return (struct dbg *)p - 1;
}

static bool all_bytes(const uint8_t *p, int c, size_t n, size_t *bad)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != c) {
			*bad = i;
			return false;
		}
	}
	return true;
}

/* Every report ends here: crash, unless a test asked to see it. */
static void fail(const char *what)
{
	if (debug_report_hook) {
		debug_report_hook(what);
		return;
	}
	ts_printk("alloc: stopping: heap corruption or misuse "
		  "(CONFIG_LIB_ALLOC_DEBUG)\n");
	ts_plat_crash();
}

void *debug_alloc(size_t align, size_t size, void *caller)
{
	size_t off, inner, usable;
	uint8_t *block, *p;
	struct dbg *d;

	if (size > ALLOC_REQUEST_MAX || align > ALLOC_REQUEST_MAX)
		return NULL;
	/* The header fits before the pointer, which stays aligned. */
	off = (sizeof(struct dbg) + align - 1) & ~(align - 1);
	inner = off + size + TAIL;
	block = align > TS_ALLOC_ALIGN ?
			heap_alloc_aligned(align, inner, &usable) :
			heap_alloc(inner, &usable);
	if (!block)
		return NULL;
	p = block + off;
	d = dbg_of(p);
	d->size = size;
	d->caller = caller;
	d->magic = MAGIC_LIVE;
	d->offset = (uint32_t)off;
	memset(d->guard, GUARD, sizeof(d->guard));
	memset(p, NEW_POISON, size);
	memset(p + size, GUARD, TAIL);
	return p;
}

bool debug_check(void *p, const char *fn, void *caller)
{
	const struct dbg *d = dbg_of(p);
	size_t bad;

	if (((uintptr_t)p & (TS_ALLOC_ALIGN - 1)) || !pages_owns(d)) {
		ts_printk("alloc: %s(%p) called from %p: invalid pointer "
			  "(not from this allocator)\n", fn, p, caller);
	} else if (d->magic == MAGIC_FREED) {
		ts_printk("alloc: %s(%p) called from %p: double free of a "
			  "%zu-byte block allocated by %p\n", fn, p, caller,
			  d->size, d->caller);
	} else if (d->magic != MAGIC_LIVE) {
		ts_printk("alloc: %s(%p) called from %p: invalid pointer (not "
			  "the start of a block, or the bytes before it were "
			  "overwritten)\n", fn, p, caller);
	} else if (!all_bytes(d->guard, GUARD, sizeof(d->guard), &bad)) {
		ts_printk("alloc: %s(%p) called from %p: buffer underrun: "
			  "byte %d before the %zu-byte block allocated by %p "
			  "was overwritten\n", fn, p, caller,
			  (int)(bad - sizeof(d->guard)), d->size, d->caller);
	} else if (!all_bytes((uint8_t *)p + d->size, GUARD, TAIL, &bad)) {
		ts_printk("alloc: %s(%p) called from %p: buffer overrun: "
			  "byte %zu of the %zu-byte block allocated by %p was "
			  "written\n", fn, p, caller, d->size + bad, d->size,
			  d->caller);
	} else {
		return true;
	}
	fail(fn);
	return false;
}

size_t debug_free(void *p)
{
	struct dbg *d = dbg_of(p);
	size_t size = d->size;

	memset(p, FREE_POISON, size);
	d->magic = MAGIC_FREED;
	heap_free((uint8_t *)p - d->offset);
	return size;
}

size_t debug_usable_size(const void *p)
{
	return dbg_of(p)->size;
}

bool debug_check_pages(void *p, size_t npages, void *caller)
{
	uintptr_t a = (uintptr_t)p;
	size_t bytes = npages * TS_PAGE_SIZE;

	if ((a & (TS_PAGE_SIZE - 1)) || npages > ALLOC_REQUEST_MAX /
	    TS_PAGE_SIZE || !pages_owns(p) || !pages_owns((char *)p +
							   bytes - 1)) {
		ts_printk("alloc: ts_pages_free(%p, %zu) called from %p: not "
			  "pages of this allocator\n", p, npages, caller);
	} else if (pages_is_free(p, npages)) {
		ts_printk("alloc: ts_pages_free(%p, %zu) called from %p: "
			  "double free (some of these pages are free)\n", p,
			  npages, caller);
	} else {
		return true;
	}
	fail("ts_pages_free");
	return false;
}

/* A thread's memory. Threads the scheduler gives a stack get one block
 * of pages from the page allocator, the struct and the TLS area at the
 * top, where an overflowing stack cannot reach them:
 *
 *   [guard page][stack ......... ][TLS area][struct ts_thread]
 *   ^mem        ^stack_lo        ^stack_hi               mem + pages^
 *
 * The guard page is unmapped while the thread lives, so an overflow
 * faults there and the report names the thread. One allocation per
 * thread also keeps create+join cheap. A thread on a stack of its
 * creator's gets only the struct and TLS area, from malloc. */
#include <stdlib.h>
#include <string.h>
#include <ts/alloc.h>
#include <ts/arch/mmu.h>
#include <ts/debug.h>
#include "internal.h"

#define PAGE		4096UL
#define META_SIZE	(((sizeof(struct ts_thread) + 63) & ~63UL) + \
			 TLS_AREA_SIZE)

static int guard_warned;

static void guard(struct ts_thread *t, void *page)
{
	int r = ts_arch_mmu_guard(page, 1);

	if (!r) {
		t->guard = (uintptr_t)page;
		return;
	}
	/* Threads still work, only an overflow goes unnoticed. */
	if (!guard_warned++)
		ts_log_warn("no guard page below thread stacks (error "
			    "%d from the MMU); stack overflows will not be "
			    "caught", r);
}

struct ts_thread *stack_alloc(size_t stack_size, void *stack)
{
	struct ts_thread *t;
	char *mem, *area;
	size_t pages;

	if (stack) {
		mem = aligned_alloc(64, META_SIZE);
		if (!mem)
			return NULL;
		t = (struct ts_thread *)(mem + TLS_AREA_SIZE);
		memset(t, 0, sizeof(*t));
		t->stack_lo = (uintptr_t)stack;
		t->stack_hi = ((uintptr_t)stack + stack_size) & ~15UL;
		area = mem;
	} else {
		pages = 1 + (stack_size + META_SIZE + PAGE - 1) / PAGE;
		mem = ts_pages_alloc(pages);
		if (!mem)
			return NULL;
		t = (struct ts_thread *)(mem + pages * PAGE -
					 ((sizeof(*t) + 63) & ~63UL));
		memset(t, 0, sizeof(*t));
		area = (char *)t - TLS_AREA_SIZE;
		t->flags = THREAD_OWN_MEM;
		t->mem_pages = pages;
		t->stack_lo = (uintptr_t)mem + PAGE;
		t->stack_hi = (uintptr_t)area;
		guard(t, mem);
	}
	t->mem = mem;
	t->tp = tls_setup(area, &t->tls);
	return t;
}

void stack_free(struct ts_thread *t)
{
	void *mem = t->mem;
	size_t pages = t->mem_pages;

	if (!(t->flags & THREAD_OWN_MEM)) {
		free(mem);
		return;
	}
	/* Mapped again before the allocator hands the page out. */
	if (t->guard)
		ts_arch_mmu_guard((void *)t->guard, 0);
	ts_pages_free(mem, pages);
}

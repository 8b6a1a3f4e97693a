/* What the report knows about memory: the stacks (the architecture's and
 * the running thread's, with their guard pages), the image's sections,
 * the platform's memory map; and "what lives at this address" in words,
 * the same on every architecture. */
#include <stdio.h>
#include <ts/arch/trap.h>
#include <ts/plat/memory.h>
#include "debug_internal.h"

#define MAX_STACKS 8

/* Weak: NULL in an image without lib/sched, which then names no
 * thread. */
extern int ts_sched_fault_thread(struct ts_fault_thread *t)
	__attribute__((weak));

static struct ts_fault_thread thread;
static int have_thread;
static char thread_stack_name[64];
static struct debug_stack stacks[MAX_STACKS];
static int n_stacks;
static char words[128];

void debug_load_context(void)
{
	const struct ts_arch_stack *a;
	int n = ts_arch_stacks(&a);

	n_stacks = 0;
	have_thread = ts_sched_fault_thread && !ts_sched_fault_thread(&thread);
	/* The thread first: its stack may be the boot stack (the boot
	 * context becomes a thread), and then it has the better name. */
	if (have_thread && thread.stack_hi > thread.stack_lo) {
		snprintf(thread_stack_name, sizeof(thread_stack_name),
			 "stack of thread %s", thread.name);
		stacks[n_stacks++] = (struct debug_stack){
			thread_stack_name,
			thread.guard_hi == thread.stack_lo ? thread.guard_lo :
							     thread.stack_lo,
			thread.stack_lo, thread.stack_hi };
	}
	for (int i = 0; i < n && n_stacks < MAX_STACKS; i++)
		stacks[n_stacks++] = (struct debug_stack){
			a[i].name, a[i].guard_lo, a[i].lo, a[i].hi };
}

const struct debug_stack *debug_thread(const char **name)
{
	if (!have_thread)
		return NULL;
	*name = thread.name;
	return thread.stack_hi > thread.stack_lo ? &stacks[0] : NULL;
}

const struct debug_stack *debug_guard_of(uint64_t a)
{
	for (int i = 0; i < n_stacks; i++)
		if (a >= stacks[i].guard_lo && a < stacks[i].lo)
			return &stacks[i];
	/* A thread's guard that is not right below its stack. */
	if (have_thread && a >= thread.guard_lo && a < thread.guard_hi)
		return &stacks[0];
	return NULL;
}

static int in(uint64_t a, const char *start, const char *end)
{
	return a >= (uint64_t)(uintptr_t)start && a < (uint64_t)(uintptr_t)end;
}

int debug_in_text(uint64_t a)
{
	return in(a, _ts_text_start, _ts_text_end);
}

int debug_in_ram(uint64_t a, uint64_t len)
{
	int i, n = ts_plat_memregion_count();

	if (a + len < a)
		return 0;
	if (n == 0) /* no map yet (a very early fault): trust the stacks */
		return 1;
	for (i = 0; i < n; i++) {
		const struct ts_memregion *m = ts_plat_memregion_get(i);

		if ((m->flags & (TS_MEMR_FREE | TS_MEMR_IMAGE)) &&
		    a >= m->base && a + len <= (uint64_t)m->base + m->len)
			return 1;
	}
	return 0;
}

const char *debug_where(uint64_t a)
{
	const struct debug_stack *s;
	const char *arch;
	int i;

	if (a < 4096)
		return "NULL pointer dereference (page 0 is never mapped)";
	s = debug_guard_of(a);
	if (s) {
		snprintf(words, sizeof(words), "in the guard page below the "
			 "%s: stack overflow", s->name);
		return words;
	}
	if (in(a, _ts_text_start, _ts_text_end))
		return "in the image's code (.text: read-only, executable)";
	if (in(a, _ts_rodata_start, _ts_rodata_end))
		return "in the image's constants (.rodata: read-only, "
		       "not executable)";
	if (in(a, _ts_data_start, _ts_data_end))
		return "in the image's data (.data: not executable)";
	for (i = 0; i < n_stacks; i++) {
		if (a >= stacks[i].lo && a < stacks[i].hi) {
			snprintf(words, sizeof(words), "on the %s (not "
				 "executable)", stacks[i].name);
			return words;
		}
	}
	if (in(a, _ts_bss_start, _ts_bss_end))
		return "in the image's .bss (not executable)";
	arch = ts_arch_addr_words(a);
	if (arch)
		return arch;
	for (i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *m = ts_plat_memregion_get(i);

		if (a < m->base || a - m->base >= m->len)
			continue;
		if (m->flags & TS_MEMR_DEVICE)
			snprintf(words, sizeof(words), "in device memory "
				 "(%s)", m->name);
		else if (m->flags & TS_MEMR_RESERVED)
			snprintf(words, sizeof(words), "in reserved memory "
				 "(%s)", m->name);
		else
			continue;
		return words;
	}
	return NULL;
}

int debug_in_stack(uint64_t a, uint64_t len)
{
	int i;

	if (debug_guard_of(a) || debug_guard_of(a + len - 1))
		return 0;
	for (i = 0; i < n_stacks; i++)
		if (a >= stacks[i].lo && a + len <= stacks[i].hi)
			return debug_in_ram(a, len);
	return 0;
}

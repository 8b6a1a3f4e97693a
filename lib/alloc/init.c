/* Setting the allocators up: the platform's free memory at boot, and the
 * lock the scheduler may install. */
#include <errno.h>
#include <string.h>
#include <ts/init.h>
#include <ts/plat/memory.h>
#include <ts/debug.h>
#include "backend.h"

/* Ranges this small are not worth a report when they cannot be used. */
#define QUIET_BELOW	(64 * 1024)

void (*alloc_lock_fn)(void);
void (*alloc_unlock_fn)(void);

void ts_alloc_set_lock(void (*lock)(void), void (*unlock)(void))
{
	alloc_lock_fn = lock;
	alloc_unlock_fn = unlock;
}

void alloc_reset(void)
{
	pages_reset();
	heap_reset();
	memset(&alloc_counters, 0, sizeof(alloc_counters));
}

static int alloc_init(void)
{
	int n = ts_plat_memregion_count();

	/* The free RAM is the allocator's from here on. */
	ts_plat_memregion_seal();
	for (int i = 0; i < n; i++) {
		const struct ts_memregion *m = ts_plat_memregion_get(i);

		if (!(m->flags & TS_MEMR_FREE))
			continue;
		if (pages_add_memory(m->base, m->len) < 0 &&
		    m->len >= QUIET_BELOW)
			ts_log_warn("too many memory regions; %#lx-%#lx "
				    "is not used", (unsigned long)m->base,
				    (unsigned long)(m->base + m->len));
	}
	if (!pages_total_bytes()) {
		ts_log_err("the platform reported no free memory");
		return -ENOMEM;
	}
	return 0;
}
TS_INIT(alloc_init, TS_INIT_MEM);

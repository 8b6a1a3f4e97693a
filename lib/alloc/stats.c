/* Allocation statistics: the front ends count, the backends report what
 * is left. */
#include "backend.h"

struct alloc_counters alloc_counters;

void ts_alloc_stats_get(struct ts_alloc_stats *st)
{
	alloc_lock();
	st->in_use = alloc_counters.in_use;
	st->peak = alloc_counters.peak;
	st->free = pages_free_bytes() + heap_free_bytes();
	st->total = pages_total_bytes();
	st->allocs = alloc_counters.allocs;
	st->frees = alloc_counters.frees;
	st->failed = alloc_counters.failed;
	alloc_unlock();
}

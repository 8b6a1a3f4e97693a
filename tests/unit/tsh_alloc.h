/* lib/alloc as the host tests see it: the prefixed public API and the
 * internals (lib/alloc/backend.h) the tests drive and inspect. */
#ifndef TESTS_UNIT_TSH_ALLOC_H
#define TESTS_UNIT_TSH_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/alloc.h>

void *tsh_malloc(size_t size);
void tsh_free(void *p);
void *tsh_calloc(size_t nmemb, size_t size);
void *tsh_realloc(void *p, size_t size);
void *tsh_reallocarray(void *p, size_t nmemb, size_t size);
void *tsh_aligned_alloc(size_t align, size_t size);
void *tsh_memalign(size_t align, size_t size);
int tsh_posix_memalign(void **memptr, size_t align, size_t size);
size_t tsh_malloc_usable_size(void *p);

void *tsh_ts_pages_alloc(size_t npages);
void tsh_ts_pages_free(void *p, size_t npages);
void tsh_ts_alloc_stats_get(struct ts_alloc_stats *st);
void tsh_ts_alloc_set_lock(void (*lock)(void), void (*unlock)(void));
extern const char tsh_ts_alloc_backend[];

/* lib/alloc/backend.h; struct heap_report must match it. */
struct heap_report {
	size_t free_blocks, used_blocks, largest_free, pools;
};
void tsh_alloc_reset(void);
int tsh_pages_add_memory(uintptr_t base, size_t len);
size_t tsh_pages_free_bytes(void);
const char *tsh_heap_check(struct heap_report *r);
void tsh_heap_flush(void);
size_t tsh_buddy_count_free(unsigned int order);
const char *tsh_buddy_check(void);
/* Only in programs built with lib/alloc/debug.c. */
extern void (*tsh_debug_report_hook)(const char *what) __attribute__((weak));

/* alloc_common.c: the tests every backend passes, and their set-up. */
struct Suite;
struct Suite *alloc_common_suite(void);

/* Memory handed to the allocator by alloc_setup(): ALLOC_ARENA bytes
 * aligned to their size, so that the buddy allocator's largest block is
 * well defined. */
#define ALLOC_ARENA_ORDER 23
#define ALLOC_ARENA ((size_t)1 << ALLOC_ARENA_ORDER)
extern unsigned char *alloc_arena;
void alloc_setup(void);
bool alloc_is(const char *backend);
extern bool alloc_debug; /* set by test_alloc_debug.c's main */

#endif

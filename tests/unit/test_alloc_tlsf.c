/* lib/alloc with the TLSF backend over the buddy page allocator: the
 * common tests, then what is particular to it (immediate coalescing,
 * in-place realloc, pools, fragmentation, the page allocator's buddies). */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"
#include "tsh_alloc.h"

static struct heap_report report(void)
{
	struct heap_report r;
	const char *err = tsh_heap_check(&r);

	ck_assert_msg(err == NULL, "heap check: %s", err);
	return r;
}

START_TEST(free_merges_with_both_neighbours)
{
	char *a = tsh_malloc(100), *b = tsh_malloc(100), *c = tsh_malloc(100);
	char *d = tsh_malloc(100);

	ck_assert((char *)(a) < (char *)(b));
	ck_assert_uint_eq(report().free_blocks, 1);
	tsh_free(a);
	tsh_free(c);
	ck_assert_uint_eq(report().free_blocks, 3);
	tsh_free(b);
	ck_assert_uint_eq(report().free_blocks, 2);
	/* The three merged blocks are one again: a request of their joint
	 * size lands exactly there. */
	ck_assert_ptr_eq(tsh_malloc(300), a);
	ck_assert_uint_eq(report().free_blocks, 1);
	tsh_free(d);
	ck_assert_uint_eq(report().free_blocks, 1);
}
END_TEST

START_TEST(realloc_grows_and_shrinks_in_place)
{
	char *p = tsh_malloc(100), *q = tsh_malloc(100), *r;

	strcpy(p, "kept");
	tsh_free(q);
	ck_assert_ptr_eq(tsh_realloc(p, 200), p);
	ck_assert_uint_ge(tsh_malloc_usable_size(p), 200);
	ck_assert_ptr_eq(tsh_realloc(p, 40), p);
	ck_assert_uint_lt(tsh_malloc_usable_size(p), 100);
	/* The tail freed by the shrink is the next block handed out. */
	r = tsh_malloc(100);
	ck_assert((char *)(r) > (char *)(p));
	ck_assert((char *)(r) < (char *)(p + 100));
	/* Now the block after p is used: growing must move. */
	q = tsh_realloc(p, 1000);
	ck_assert_ptr_ne(q, p);
	ck_assert_str_eq(q, "kept");
	tsh_free(q);
	tsh_free(r);
	ck_assert_uint_eq(report().free_blocks, 1);
}
END_TEST

START_TEST(block_sizes_and_usable_sizes)
{
	static const size_t req[] = { 0, 1, 24, 25, 40, 1000, 65536 };
	static const size_t usable[] = { 24, 24, 24, 40, 40, 1000, 65544 };

	for (size_t i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		void *p = tsh_malloc(req[i]);

		ck_assert_uint_eq(tsh_malloc_usable_size(p), usable[i]);
		tsh_free(p);
	}
}
END_TEST

START_TEST(empty_pools_go_back_to_the_page_allocator)
{
	size_t free0 = tsh_pages_free_bytes();
	char *small = tsh_malloc(16), *big;

	ck_assert_uint_eq(report().pools, 1);
	ck_assert_uint_eq(tsh_pages_free_bytes(), free0 - 256 * 1024);
	big = tsh_malloc(1 << 20);
	ck_assert_uint_eq(report().pools, 2);
	tsh_free(big);
	ck_assert_uint_eq(report().pools, 1);
	tsh_free(small);
	/* The last pool stays, so that malloc/free in a loop does not go
	 * to the page allocator each time. */
	ck_assert_uint_eq(report().pools, 1);
	ck_assert_uint_eq(tsh_pages_free_bytes(), free0 - 256 * 1024);
}
END_TEST

/* Free every other block of a full heap: plenty of free memory, but in
 * holes too small for a block twice the size. Freeing the rest merges
 * everything back. */
START_TEST(fragmentation_then_coalescing)
{
	static void *blocks[ALLOC_ARENA / 4000];
	struct ts_alloc_stats st;
	size_t n = 0;

	while ((blocks[n] = tsh_malloc(4000)))
		n++;
	for (size_t i = 0; i < n; i += 2)
		tsh_free(blocks[i]);
	tsh_ts_alloc_stats_get(&st);
	ck_assert_uint_gt(st.free, ALLOC_ARENA / 3);
	ck_assert_ptr_null(tsh_malloc(8000));
	ck_assert_uint_ge(report().free_blocks, n / 2);
	for (size_t i = 1; i < n; i += 2)
		tsh_free(blocks[i]);
	ck_assert_uint_eq(report().free_blocks, 1);
	ck_assert_uint_eq(report().pools, 1);
	ck_assert_ptr_nonnull(blocks[0] = tsh_malloc(ALLOC_ARENA / 4));
	tsh_free(blocks[0]);
	ck_assert_ptr_null(tsh_buddy_check());
}
END_TEST

static uint64_t rng = 88172645463325252ULL;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Runs of 1 to 37 pages until memory runs out, freed in random order:
 * the buddies merge back into exactly the blocks there were, among them
 * the upper half of the arena as one block of the largest order. */
START_TEST(buddy_coalesces_back_to_one_max_block)
{
	static struct { unsigned char *p; size_t n; } runs[ALLOC_ARENA / 4096];
	size_t before[40], n = 0, pages = 0;

	for (unsigned int k = 0; k < 40; k++)
		before[k] = tsh_buddy_count_free(k);
	ck_assert_uint_eq(before[ALLOC_ARENA_ORDER - 1], 1);
	for (;;) {
		size_t want = 1 + next_rand() % 37;

		runs[n].p = tsh_ts_pages_alloc(want);
		if (!runs[n].p && !(runs[n].p = tsh_ts_pages_alloc(want = 1)))
			break;
		runs[n].n = want;
		pages += want;
		memset(runs[n++].p, 0x77, want * 4096);
	}
	ck_assert_uint_ge(pages, ALLOC_ARENA / 4096 - 1);
	ck_assert_uint_eq(tsh_buddy_count_free(ALLOC_ARENA_ORDER - 1), 0);
	ck_assert_ptr_null(tsh_buddy_check());
	for (size_t i = n; i > 1; i--) {
		size_t j = next_rand() % i;
		typeof(runs[0]) t = runs[j];

		runs[j] = runs[i - 1];
		runs[i - 1] = t;
	}
	for (size_t i = 0; i < n; i++) {
		/* Free the odd runs page by page: parts of a run merge too. */
		if (i % 2)
			for (size_t k = 0; k < runs[i].n; k++)
				tsh_ts_pages_free(runs[i].p + k * 4096, 1);
		else
			tsh_ts_pages_free(runs[i].p, runs[i].n);
	}
	ck_assert_ptr_null(tsh_buddy_check());
	for (unsigned int k = 0; k < 40; k++)
		ck_assert_uint_eq(tsh_buddy_count_free(k), before[k]);
	ck_assert_uint_eq(tsh_buddy_count_free(ALLOC_ARENA_ORDER - 1), 1);
}
END_TEST

START_TEST(page_runs_are_exact_and_aligned)
{
	size_t free0 = tsh_pages_free_bytes();
	unsigned char *a = tsh_ts_pages_alloc(3), *b = tsh_ts_pages_alloc(4);

	ck_assert_uint_eq(tsh_pages_free_bytes(), free0 - 7 * 4096);
	/* A run of 2^k pages is aligned to its size. */
	ck_assert_uint_eq((uintptr_t)b % (4 * 4096), 0);
	tsh_ts_pages_free(a + 4096, 2);
	tsh_ts_pages_free(a, 1);
	tsh_ts_pages_free(b, 4);
	ck_assert_uint_eq(tsh_pages_free_bytes(), free0);
	ck_assert_ptr_null(tsh_buddy_check());
}
END_TEST

int main(void)
{
	Suite *s = alloc_common_suite();
	TCase *tc = tcase_create("tlsf");

	tcase_add_checked_fixture(tc, alloc_setup, NULL);
	tcase_add_test(tc, free_merges_with_both_neighbours);
	tcase_add_test(tc, realloc_grows_and_shrinks_in_place);
	tcase_add_test(tc, block_sizes_and_usable_sizes);
	tcase_add_test(tc, empty_pools_go_back_to_the_page_allocator);
	tcase_add_test(tc, fragmentation_then_coalescing);
	tcase_add_test(tc, buddy_coalesces_back_to_one_max_block);
	tcase_add_test(tc, page_runs_are_exact_and_aligned);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

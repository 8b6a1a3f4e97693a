/* lib/alloc with TLSF and its cache of small freed blocks (the default
 * configuration): the common tests, then the cache itself: LIFO reuse,
 * its limits, its blocks counted as free, and memory it holds coming
 * back when nothing else fits. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "tsh.h"
#include "tsh_alloc.h"

static struct ts_alloc_stats stats(void)
{
	struct ts_alloc_stats st;

	tsh_ts_alloc_stats_get(&st);
	return st;
}

static struct heap_report report(void)
{
	struct heap_report r;
	const char *err = tsh_heap_check(&r);

	ck_assert_msg(err == NULL, "heap check: %s", err);
	return r;
}

START_TEST(a_freed_small_block_is_the_next_one_handed_out)
{
	void *keep = tsh_malloc(16), *p = tsh_malloc(16);
	size_t free_before = stats().free;

	tsh_free(p);
	/* Cached, not merged: still one free block, but counted free. */
	ck_assert_uint_eq(report().free_blocks, 1);
	ck_assert_uint_eq(stats().free, free_before + 32);
	ck_assert_ptr_eq(tsh_malloc(16), p);
	ck_assert_uint_eq(stats().free, free_before);
	tsh_free(p);
	tsh_free(keep);
	tsh_heap_flush();
	ck_assert_uint_eq(report().free_blocks, 1);
	ck_assert_uint_eq(report().used_blocks, 0);
}
END_TEST

START_TEST(eight_per_size_newest_first)
{
	char *p[12];

	for (int i = 0; i < 12; i++)
		p[i] = tsh_malloc(100);
	for (int i = 0; i < 12; i++)
		tsh_free(p[i]);
	/* p[0..7] are cached; p[8..11] went back to the lists. */
	for (int i = 7; i >= 0; i--)
		ck_assert_ptr_eq(tsh_malloc(100), p[i]);
	ck_assert_uint_eq(report().free_blocks, 1);
	for (int i = 0; i < 8; i++)
		tsh_free(p[i]);
}
END_TEST

START_TEST(large_blocks_are_not_cached)
{
	void *p = tsh_malloc(100000);

	tsh_free(p);
	ck_assert_uint_eq(report().used_blocks, 0);
}
END_TEST

/* Memory full of 32-byte blocks; the last eight freed are cached, and
 * adjacent: a 64-byte request fits only once they are merged, which the
 * allocator does before it gives up. */
START_TEST(the_cache_is_emptied_when_nothing_fits)
{
	static void *blocks[ALLOC_ARENA / 32];
	unsigned long failed;
	size_t n = 0;

	while ((blocks[n] = tsh_malloc(16)))
		n++;
	for (size_t i = n - 8; i < n; i++)
		tsh_free(blocks[i]);
	ck_assert_uint_eq(report().used_blocks, n);
	failed = stats().failed;
	blocks[n] = tsh_malloc(64);
	ck_assert_ptr_nonnull(blocks[n]);
	ck_assert_uint_eq(stats().failed, failed);
	ck_assert_uint_eq(report().used_blocks, n - 8 + 1);
	tsh_free(blocks[n]);
	for (size_t i = 0; i < n - 8; i++)
		tsh_free(blocks[i]);
	tsh_heap_flush();
	ck_assert_uint_eq(report().free_blocks, 1);
	ck_assert_uint_eq(report().pools, 1);
}
END_TEST

int main(void)
{
	Suite *s = alloc_common_suite();
	TCase *tc = tcase_create("cache");

	tcase_add_checked_fixture(tc, alloc_setup, NULL);
	tcase_add_test(tc, a_freed_small_block_is_the_next_one_handed_out);
	tcase_add_test(tc, eight_per_size_newest_first);
	tcase_add_test(tc, large_blocks_are_not_cached);
	tcase_add_test(tc, the_cache_is_emptied_when_nothing_fits);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

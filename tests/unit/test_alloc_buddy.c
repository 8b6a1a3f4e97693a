/* lib/alloc with the buddy backend (one buddy allocator, 32-byte blocks
 * up, for both pages and the malloc family): the common tests, then its
 * power-of-two blocks, in-place realloc through buddies, fragmentation
 * and coalescing back to the largest block. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"
#include "tsh_alloc.h"

static uint64_t rng = 88172645463325252ULL;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

START_TEST(blocks_are_powers_of_two)
{
	static const size_t req[] = { 0, 16, 17, 100, 1000, 4080, 4081 };
	static const size_t usable[] = { 16, 16, 48, 112, 1008, 4080, 8176 };

	for (size_t i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		void *p = tsh_malloc(req[i]);

		ck_assert_uint_eq(tsh_malloc_usable_size(p), usable[i]);
		tsh_free(p);
	}
	ck_assert_ptr_null(tsh_buddy_check());
}
END_TEST

/* A fresh block is the lower half at every split, so its buddies above
 * are free: it grows in place, and shrinking frees the upper halves. */
START_TEST(realloc_grows_and_shrinks_through_buddies)
{
	char *p = tsh_malloc(100), *q;
	size_t order6 = tsh_buddy_count_free(6);

	strcpy(p, "kept");
	ck_assert_ptr_eq(tsh_realloc(p, 200), p);
	ck_assert_ptr_eq(tsh_realloc(p, 1000), p);
	ck_assert_uint_eq(tsh_malloc_usable_size(p), 1008);
	ck_assert_ptr_eq(tsh_realloc(p, 40), p);
	ck_assert_uint_eq(tsh_malloc_usable_size(p), 48);
	ck_assert_uint_eq(tsh_buddy_count_free(6), order6 + 1);
	ck_assert_ptr_null(tsh_buddy_check());
	/* With its buddy taken, p must move to grow. */
	q = tsh_malloc(40);
	ck_assert_ptr_eq(q, p + 64);
	p = tsh_realloc(p, 100);
	ck_assert_str_eq(p, "kept");
	tsh_free(p);
	tsh_free(q);
	ck_assert_ptr_null(tsh_buddy_check());
}
END_TEST

START_TEST(fragmentation_then_coalescing)
{
	static void *blocks[ALLOC_ARENA / 4096];
	size_t n = 0;

	while ((blocks[n] = tsh_malloc(4000)))
		n++;
	for (size_t i = 0; i < n; i += 2)
		tsh_free(blocks[i]);
	ck_assert_ptr_null(tsh_malloc(5000));
	ck_assert_uint_ge(tsh_buddy_count_free(12), n / 2);
	for (size_t i = 1; i < n; i += 2)
		tsh_free(blocks[i]);
	ck_assert_ptr_null(tsh_buddy_check());
	ck_assert_ptr_nonnull(blocks[0] = tsh_malloc(ALLOC_ARENA / 2 - 16));
	tsh_free(blocks[0]);
}
END_TEST

/* Random blocks until memory runs out, freed in random order: exactly
 * the blocks there were, among them the upper half of the arena as one
 * block of the largest order. */
START_TEST(buddy_coalesces_back_to_one_max_block)
{
	static void *blocks[ALLOC_ARENA / 32];
	size_t before[40], n = 0;

	for (unsigned int k = 0; k < 40; k++)
		before[k] = tsh_buddy_count_free(k);
	ck_assert_uint_eq(before[ALLOC_ARENA_ORDER - 1], 1);
	for (;;) {
		size_t size = next_rand() % 5000;

		if (!(blocks[n] = tsh_malloc(size)) &&
		    !(blocks[n] = tsh_malloc(size = 0)))
			break;
		memset(blocks[n++], 0x55, size);
	}
	ck_assert_uint_eq(tsh_buddy_count_free(ALLOC_ARENA_ORDER - 1), 0);
	for (size_t i = n; i > 1; i--) {
		size_t j = next_rand() % i;
		void *t = blocks[j];

		blocks[j] = blocks[i - 1];
		blocks[i - 1] = t;
	}
	for (size_t i = 0; i < n; i++)
		tsh_free(blocks[i]);
	ck_assert_ptr_null(tsh_buddy_check());
	for (unsigned int k = 0; k < 40; k++)
		ck_assert_uint_eq(tsh_buddy_count_free(k), before[k]);
}
END_TEST

START_TEST(pages_and_blocks_share_the_buddies)
{
	void *pg = tsh_ts_pages_alloc(2), *p = tsh_malloc(5000);

	ck_assert_uint_eq((uintptr_t)pg % 8192, 0);
	ck_assert_uint_eq(tsh_malloc_usable_size(p), 8192 - 16);
	tsh_ts_pages_free(pg, 2);
	tsh_free(p);
	ck_assert_ptr_null(tsh_buddy_check());
}
END_TEST

int main(void)
{
	Suite *s = alloc_common_suite();
	TCase *tc = tcase_create("buddy");

	tcase_add_checked_fixture(tc, alloc_setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, blocks_are_powers_of_two);
	tcase_add_test(tc, realloc_grows_and_shrinks_through_buddies);
	tcase_add_test(tc, fragmentation_then_coalescing);
	tcase_add_test(tc, buddy_coalesces_back_to_one_max_block);
	tcase_add_test(tc, pages_and_blocks_share_the_buddies);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

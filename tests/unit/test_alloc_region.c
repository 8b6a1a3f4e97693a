/* lib/alloc with the region backend: the common tests, then what makes
 * it small: blocks bump up, pages bump down, and only the last block (or
 * page run) handed out is reused. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "tsh.h"
#include "tsh_alloc.h"

static size_t free_bytes(void)
{
	struct ts_alloc_stats st;

	tsh_ts_alloc_stats_get(&st);
	return st.free;
}

START_TEST(only_the_last_block_is_reused)
{
	size_t f0 = free_bytes();
	char *a = tsh_malloc(100), *b = tsh_malloc(100), *c;
	size_t f2 = free_bytes();

	ck_assert_ptr_eq(a, alloc_arena + 16);
	ck_assert_ptr_eq(b, a + 112 + 16);
	tsh_free(a);
	ck_assert_uint_eq(free_bytes(), f2);
	tsh_free(b);
	ck_assert_uint_lt(f2, free_bytes());
	c = tsh_malloc(100);
	ck_assert_ptr_eq(c, b);
	tsh_free(c);
	ck_assert_uint_eq(free_bytes(), f0 - 128);
}
END_TEST

START_TEST(realloc_in_place_for_the_last_block)
{
	char *a = tsh_malloc(100), *b;

	strcpy(a, "kept");
	ck_assert_ptr_eq(tsh_realloc(a, 5000), a);
	ck_assert_ptr_eq(tsh_realloc(a, 50), a);
	ck_assert_uint_eq(tsh_malloc_usable_size(a), 64);
	b = tsh_malloc(10);
	/* No longer last: shrinking stays, growing moves. */
	ck_assert_ptr_eq(tsh_realloc(a, 20), a);
	a = tsh_realloc(a, 100);
	ck_assert((char *)(a) > (char *)(b));
	ck_assert_str_eq(a, "kept");
}
END_TEST

START_TEST(pages_come_from_the_top)
{
	unsigned char *p = tsh_ts_pages_alloc(2), *q;
	size_t f = free_bytes();

	ck_assert_ptr_eq(p, alloc_arena + ALLOC_ARENA - 2 * 4096);
	q = tsh_ts_pages_alloc(1);
	ck_assert_ptr_eq(q, p - 4096);
	tsh_ts_pages_free(p, 2);
	ck_assert_uint_eq(free_bytes(), f - 4096);
	/* p was not the last run when it was freed: it stays taken. */
	tsh_ts_pages_free(q, 1);
	ck_assert_uint_eq(free_bytes(), f);
}
END_TEST

int main(void)
{
	Suite *s = alloc_common_suite();
	TCase *tc = tcase_create("region");

	tcase_add_checked_fixture(tc, alloc_setup, NULL);
	tcase_add_test(tc, only_the_last_block_is_reused);
	tcase_add_test(tc, realloc_in_place_for_the_last_block);
	tcase_add_test(tc, pages_come_from_the_top);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

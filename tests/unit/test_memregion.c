/* plat/common/memregion.c: taking pages off the memory table before an
 * allocator reads it (the x86_64 page tables): the lowest free region
 * that has room gives them from its end, consecutive takes join one
 * region, and nothing is handed out twice. */
#include <check.h>
#include <stdint.h>

#include "tsh.h"

#define ts_plat_memregion_add tsh_ts_plat_memregion_add
#define ts_plat_memregion_count tsh_ts_plat_memregion_count
#define ts_plat_memregion_get tsh_ts_plat_memregion_get
#define ts_plat_memregion_take tsh_ts_plat_memregion_take
#include <ts/plat/memory.h>

static const char PT[] = "page tables";

/* The region at base with these flags (a used-up free region keeps its
 * base with length 0). */
static const struct ts_memregion *region(uintptr_t base, unsigned int flags)
{
	int i;

	for (i = 0; i < ts_plat_memregion_count(); i++)
		if (ts_plat_memregion_get(i)->base == base &&
		    ts_plat_memregion_get(i)->flags == flags)
			return ts_plat_memregion_get(i);
	return NULL;
}

START_TEST(lowest_region_from_its_end_joined)
{
	const struct ts_memregion *low, *pt;

	ck_assert_int_eq(ts_plat_memregion_add(0x100000, 0x7000000,
					       TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x1000, 0x9e000,
					       TS_MEMR_FREE, "ram"), 0);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x9e000);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x9d000);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x9c000);
	ck_assert_int_eq(ts_plat_memregion_count(), 3);
	low = region(0x1000, TS_MEMR_FREE);
	ck_assert_uint_eq(low->len, 0x9b000);
	pt = region(0x9c000, TS_MEMR_IMAGE);
	ck_assert_ptr_nonnull(pt);
	ck_assert_uint_eq(pt->len, 0x3000);
	ck_assert_str_eq(pt->name, PT);
	ck_assert_uint_eq(region(0x100000, TS_MEMR_FREE)->len, 0x7000000);
}
END_TEST

START_TEST(next_region_when_the_lowest_is_used_up)
{
	ck_assert_int_eq(ts_plat_memregion_add(0x1000, 0x2000, TS_MEMR_FREE,
					       "ram"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x3000, 0x1000,
					       TS_MEMR_RESERVED, "bios"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x100000, 0x2000,
					       TS_MEMR_FREE, "ram"), 0);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x2000);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x1000);
	/* Not adjacent to the first: a region of its own. */
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x101000);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0x100000);
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0);
	ck_assert_uint_eq(region(0x1000, TS_MEMR_IMAGE)->len, 0x2000);
	ck_assert_uint_eq(region(0x1000, TS_MEMR_FREE)->len, 0);
	ck_assert_uint_eq(region(0x100000, TS_MEMR_IMAGE)->len, 0x2000);
	ck_assert_uint_eq(region(0x100000, TS_MEMR_FREE)->len, 0);
}
END_TEST

START_TEST(too_big_or_no_free_region)
{
	ck_assert_uint_eq(ts_plat_memregion_take(4096, PT), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x1000, 0x1000, TS_MEMR_FREE,
					       "ram"), 0);
	ck_assert_uint_eq(ts_plat_memregion_take(8192, PT), 0);
	ck_assert_int_eq(ts_plat_memregion_count(), 1);
	ck_assert_uint_eq(region(0x1000, TS_MEMR_FREE)->len, 0x1000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("memregion");
	TCase *tc = tcase_create("take");

	/* Each test in its own process (CK_FORK): the table starts empty. */
	tcase_add_test(tc, lowest_region_from_its_end_joined);
	tcase_add_test(tc, next_region_when_the_lowest_is_used_up);
	tcase_add_test(tc, too_big_or_no_free_region);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

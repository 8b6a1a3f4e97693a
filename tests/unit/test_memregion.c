/* The platform memory table (plat/common/memregion.c).
 * - Taking pages off it before an allocator reads it (the x86_64 page
 *   tables): the lowest free region that has room gives them from its
 *   end, consecutive takes join one region, nothing is handed out twice.
 * - Free RAM that a loader or a device tree describes more than once
 *   (overlapping memory nodes, e820 entries) is listed once, so that no
 *   page is handed out twice (found by tests/fuzz/fuzz_fdt). */
#include <check.h>
#include <stdint.h>

#include "tsh.h"

#define ts_plat_memregion_add tsh_ts_plat_memregion_add
#define ts_plat_memregion_count tsh_ts_plat_memregion_count
#define ts_plat_memregion_get tsh_ts_plat_memregion_get
#define ts_plat_memregion_take tsh_ts_plat_memregion_take
#define ts_plat_memregion_clear tsh_ts_plat_memregion_clear
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

/* The free bytes of the table, and that no two free regions overlap. */
static uint64_t free_bytes(void)
{
	uint64_t sum = 0;

	for (int i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *a = ts_plat_memregion_get(i);

		if (!(a->flags & TS_MEMR_FREE))
			continue;
		sum += a->len;
		for (int j = 0; j < i; j++) {
			const struct ts_memregion *b =
				ts_plat_memregion_get(j);

			if (b->flags & TS_MEMR_FREE)
				ck_assert(a->base + a->len <= b->base ||
					  a->base >= b->base + b->len);
		}
	}
	return sum;
}

START_TEST(free_ram_listed_once)
{
	ts_plat_memregion_clear();
	ck_assert_int_eq(ts_plat_memregion_add(0x100000, 0x100000,
						   TS_MEMR_FREE, "ram"), 0);
	/* The same range again, one inside, one across each end. */
	ck_assert_int_eq(ts_plat_memregion_add(0x100000, 0x100000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x140000, 0x1000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x80000, 0x100000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x1f0000, 0x20000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_uint_eq(free_bytes(), 0x190000);
	/* Around a hole: both sides are added. */
	ck_assert_int_eq(ts_plat_memregion_add(0x400000, 0x1000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(ts_plat_memregion_add(0x3f0000, 0x20000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_uint_eq(free_bytes(), 0x190000 + 0x20000);
	/* Other kinds of region may overlap free RAM: they are what is cut
	 * out of it, by the platform. */
	ck_assert_int_eq(ts_plat_memregion_add(0x100000, 0x1000,
						   TS_MEMR_RESERVED, "fw"), 0);
	ck_assert_uint_eq(free_bytes(), 0x1b0000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("memregion");
	TCase *take = tcase_create("take"), *twice = tcase_create("twice");

	/* Each test in its own process (CK_FORK): the table starts empty. */
	tcase_add_test(take, lowest_region_from_its_end_joined);
	tcase_add_test(take, next_region_when_the_lowest_is_used_up);
	tcase_add_test(take, too_big_or_no_free_region);
	tcase_add_test(twice, free_ram_listed_once);
	suite_add_tcase(s, take);
	suite_add_tcase(s, twice);
	return host_run_suite(s);
}

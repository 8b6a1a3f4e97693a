/* The platform memory table (plat/common/memregion.c): free RAM that a
 * loader or a device tree describes more than once (overlapping memory
 * nodes, e820 entries) is listed once, so that no page is handed out
 * twice (found by tests/fuzz/fuzz_fdt). */
#include <check.h>
#include <stdint.h>

#include "tsh.h"
#include <ts/plat/memory.h>

int tsh_ts_plat_memregion_add(uintptr_t base, size_t len, unsigned int flags,
			      const char *name);
int tsh_ts_plat_memregion_count(void);
const struct ts_memregion *tsh_ts_plat_memregion_get(int i);
void tsh_ts_plat_memregion_clear(void);

/* The free bytes of the table, and that no two free regions overlap. */
static uint64_t free_bytes(void)
{
	uint64_t sum = 0;

	for (int i = 0; i < tsh_ts_plat_memregion_count(); i++) {
		const struct ts_memregion *a = tsh_ts_plat_memregion_get(i);

		if (!(a->flags & TS_MEMR_FREE))
			continue;
		sum += a->len;
		for (int j = 0; j < i; j++) {
			const struct ts_memregion *b =
				tsh_ts_plat_memregion_get(j);

			if (b->flags & TS_MEMR_FREE)
				ck_assert(a->base + a->len <= b->base ||
					  a->base >= b->base + b->len);
		}
	}
	return sum;
}

START_TEST(free_ram_listed_once)
{
	tsh_ts_plat_memregion_clear();
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x100000, 0x100000,
						   TS_MEMR_FREE, "ram"), 0);
	/* The same range again, one inside, one across each end. */
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x100000, 0x100000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x140000, 0x1000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x80000, 0x100000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x1f0000, 0x20000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_uint_eq(free_bytes(), 0x190000);
	/* Around a hole: both sides are added. */
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x400000, 0x1000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x3f0000, 0x20000,
						   TS_MEMR_FREE, "ram"), 0);
	ck_assert_uint_eq(free_bytes(), 0x190000 + 0x20000);
	/* Other kinds of region may overlap free RAM: they are what is cut
	 * out of it, by the platform. */
	ck_assert_int_eq(tsh_ts_plat_memregion_add(0x100000, 0x1000,
						   TS_MEMR_RESERVED, "fw"), 0);
	ck_assert_uint_eq(free_bytes(), 0x1b0000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("memregion");
	TCase *tc = tcase_create("memregion");

	tcase_add_test(tc, free_ram_listed_once);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

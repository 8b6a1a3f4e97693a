/* The initrd in a device tree (plat/common/devtree_memory.c): /chosen's
 * linux,initrd-start and -end, in one or two cells, give the initrd
 * (<ts/plat/initrd.h>), reserved as "initrd" and out of free RAM; a
 * malformed pair (one of the two, a length that is neither 4 nor 8, an
 * end before the start) or a range outside the tree's RAM is one line
 * on the console and no initrd, and nothing of it is listed. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fdt_builder.h"
#include "tsh.h"
#include <ts/fdt.h>
#include <ts/plat/initrd.h>
#include <ts/plat/memory.h>

/* The image's bounds, as the linker script gives them. */
__asm__(".pushsection .bss\n.balign 4096\n"
	".globl tsh__ts_image_start, tsh__ts_image_end\n"
	"tsh__ts_image_start:\n.skip 8192\n"
	"tsh__ts_image_end:\n.popsection");

int tsh_ts_plat_initrd(struct ts_plat_initrd *rd);
void tsh_ts_plat_initrd_set(uintptr_t base, size_t len, const char *source);
uint64_t tsh_ts_plat_devtree_memory(const struct ts_fdt *fdt);
int tsh_ts_plat_memregion_count(void);
const struct ts_memregion *tsh_ts_plat_memregion_get(int i);
void tsh_ts_plat_memregion_clear(void);

/* RAM at 0x40000000, 128 MiB (virt's); the initrd properties as given:
 * cells 1 or 2 each, 0 leaves one out, -1 makes it 3 bytes long. */
static int reservations;	/* /reserved-memory children to add */

static size_t tree(uint8_t *out, int start_cells, uint64_t start,
		   int end_cells, uint64_t stop)
{
	static struct builder b;
	uint8_t v[8];
	char name[32];

	memset(&b, 0, sizeof(b));
	begin(&b, "");
	prop_cells(&b, "#address-cells", 1, 2);
	prop_cells(&b, "#size-cells", 1, 2);
	begin(&b, "chosen");
	prop_str(&b, "bootargs", "x");
	if (start_cells == 1)
		prop_cells(&b, "linux,initrd-start", 1, (uint32_t)start);
	else if (start_cells == 2)
		prop_cells(&b, "linux,initrd-start", 2, (uint32_t)(start >> 32),
			   (uint32_t)start);
	else if (start_cells == -1)
		prop(&b, "linux,initrd-start", v, 3);
	if (end_cells == 1)
		prop_cells(&b, "linux,initrd-end", 1, (uint32_t)stop);
	else if (end_cells == 2)
		prop_cells(&b, "linux,initrd-end", 2, (uint32_t)(stop >> 32),
			   (uint32_t)stop);
	end(&b);
	if (reservations) {
		begin(&b, "reserved-memory");
		prop_cells(&b, "#address-cells", 1, 2);
		prop_cells(&b, "#size-cells", 1, 2);
		prop(&b, "ranges", v, 0);
		for (int i = 0; i < reservations; i++) {
			snprintf(name, sizeof(name), "r@%x", 0x41000000 + i * 0x10000);
			begin(&b, name);
			prop_cells(&b, "reg", 4, 0, 0x41000000 + i * 0x10000, 0,
				   0x1000);
			end(&b);
		}
		end(&b);
	}
	begin(&b, "memory@40000000");
	prop_str(&b, "device_type", "memory");
	prop_cells(&b, "reg", 4, 0, 0x40000000, 0, 0x8000000);
	end(&b);
	end(&b);
	return finish_rsv(&b, out, 0, 0);
}

static uint64_t blob_storage[1024];

/* Read the tree as a platform does; the initrd found, or len 0. */
static struct ts_plat_initrd boot_with(size_t (*make)(uint8_t *))
{
	struct ts_plat_initrd rd = { 0 };
	struct ts_fdt fdt;
	const char *why = NULL;
	size_t n = make((uint8_t *)blob_storage);

	ck_assert_int_eq(tsh_ts_fdt_open(&fdt, blob_storage, n, &why), 0);
	tsh_ts_plat_memregion_clear();
	tsh_ts_plat_initrd_set(0, 0, NULL);
	host_console_reset();
	tsh_ts_plat_devtree_memory(&fdt);
	if (tsh_ts_plat_initrd(&rd))
		rd.len = 0;
	return rd;
}

/* No free RAM overlaps [s, e); the region called "initrd" is there (and
 * covers it) or not. */
static void check_table(uint64_t s, uint64_t e, int listed)
{
	int found = 0;

	for (int i = 0; i < tsh_ts_plat_memregion_count(); i++) {
		const struct ts_memregion *r = tsh_ts_plat_memregion_get(i);
		uint64_t rs = r->base, re = r->base + r->len;

		if (r->name && !strcmp(r->name, "initrd")) {
			found = 1;
			ck_assert(r->flags & TS_MEMR_RESERVED);
			ck_assert(rs <= s && re >= e);
		}
		if (listed && (r->flags & TS_MEMR_FREE))
			ck_assert_msg(re <= s || rs >= e, "free %#lx-%#lx "
				      "overlaps the initrd",
				      (unsigned long)rs, (unsigned long)re);
	}
	ck_assert_int_eq(found, listed);
}

static size_t two_cells(uint8_t *o)
{
	return tree(o, 2, 0x44000000, 2, 0x44001708);
}

static size_t one_cell(uint8_t *o)
{
	return tree(o, 1, 0x44000000, 1, 0x44000200);
}

START_TEST(found_and_reserved)
{
	struct ts_plat_initrd rd = boot_with(two_cells);

	ck_assert_uint_eq(rd.base, 0x44000000);
	ck_assert_uint_eq(rd.len, 0x1708);
	ck_assert_str_eq(rd.source, "device tree");
	check_table(0x44000000, 0x44001708, 1);
	ck_assert_str_eq(host_console, "");

	rd = boot_with(one_cell);
	ck_assert_uint_eq(rd.base, 0x44000000);
	ck_assert_uint_eq(rd.len, 0x200);
	check_table(0x44000000, 0x44000200, 1);
}
END_TEST

/* So many reservations in the tree that the list of ranges kept out of
 * free RAM fills up: the initrd is kept out first. */
START_TEST(many_reservations)
{
	struct ts_plat_initrd rd;

	reservations = 20;
	rd = boot_with(two_cells);
	reservations = 0;
	ck_assert_uint_eq(rd.len, 0x1708);
	check_table(0x44000000, 0x44001708, 1);
}
END_TEST

static size_t none(uint8_t *o)
{
	return tree(o, 0, 0, 0, 0);
}

static size_t empty(uint8_t *o)
{
	return tree(o, 2, 0x44000000, 2, 0x44000000);
}

START_TEST(absent_or_empty)
{
	ck_assert_uint_eq(boot_with(none).len, 0);
	check_table(0, 0, 0);
	ck_assert_str_eq(host_console, "");
	ck_assert_uint_eq(boot_with(empty).len, 0);
	check_table(0, 0, 0);
	ck_assert_str_eq(host_console, "");
}
END_TEST

static size_t only_start(uint8_t *o)
{
	return tree(o, 2, 0x44000000, 0, 0);
}

static size_t short_start(uint8_t *o)
{
	return tree(o, -1, 0, 2, 0x44001000);
}

static size_t backwards(uint8_t *o)
{
	return tree(o, 2, 0x44001000, 2, 0x44000000);
}

static size_t outside_ram(uint8_t *o)
{
	return tree(o, 2, 0x50000000, 2, 0x50001000);
}

static size_t across_ram_end(uint8_t *o)
{
	return tree(o, 2, 0x47fff000, 2, 0x48001000);
}

static void refused(size_t (*make)(uint8_t *), const char *line)
{
	ck_assert_uint_eq(boot_with(make).len, 0);
	ck_assert_msg(strstr(host_console, line), "console \"%s\" lacks \"%s\"",
		      host_console, line);
	ck_assert_msg(strchr(host_console, '\n') ==
		      host_console + strlen(host_console) - 1,
		      "more than one line: \"%s\"", host_console);
	check_table(0, 0, 0);
}

START_TEST(malformed)
{
	refused(only_start, "plat: /chosen in the device tree has only one "
		"of linux,initrd-start and -end; no initrd");
	refused(short_start, "a linux,initrd-start or -end that is not 4 or "
		"8 bytes; no initrd");
	refused(backwards, "plat: the device tree's initrd ends (0x44000000) "
		"before it starts (0x44001000); no initrd");
	refused(outside_ram, "plat: the device tree's initrd "
		"0x50000000-0x50001000 is not in its RAM; ignored");
	refused(across_ram_end, "is not in its RAM; ignored");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("devtree_initrd");
	TCase *tc = tcase_create("devtree_initrd");

	tcase_add_test(tc, found_and_reserved);
	tcase_add_test(tc, absent_or_empty);
	tcase_add_test(tc, many_reservations);
	tcase_add_test(tc, malformed);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

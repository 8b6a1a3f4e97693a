/* An arm64 guest's device tree as plat/xen reads it (plat/common's
 * devtree_devices.c and devtree_memory.c): the tree Xen 4.17 gives a
 * dom0less domU (RAM at 1 GiB, GICv3, the armv8 timer, the vpl011 as an
 * "arm,sbsa-uart", PSCI over hvc) is read whole; malformed ones (bad
 * magic, a misplaced blob, memory nodes with zero-sized or overlapping
 * ranges or none, no UART, GIC or timer) are refused with a message
 * naming what is wrong, never a crash or a guess. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fdt_builder.h"
#include "tsh.h"
#include <ts/fdt.h>
#include <ts/plat/devtree_devices.h>
#include <ts/plat/memory.h>

__asm__(".pushsection .bss\n.balign 4096\n"
	".globl tsh__ts_image_start, tsh__ts_image_end\n"
	"tsh__ts_image_start:\n.skip 8192\n"
	"tsh__ts_image_end:\n.popsection");

const struct ts_fdt *tsh_ts_plat_devtree_open(struct ts_fdt *fdt, void *dtb,
					      uint64_t ram_lo, uint64_t ram_hi,
					      const char **problem);
void tsh_ts_plat_devtree_devices(const struct ts_fdt *fdt,
				 struct ts_plat_dt_devices *d);
const char *tsh_ts_plat_devtree_missing(const struct ts_plat_dt_devices *d);
uint64_t tsh_ts_plat_devtree_memory(const struct ts_fdt *fdt);
int tsh_ts_plat_memregion_count(void);
const struct ts_memregion *tsh_ts_plat_memregion_get(int i);
void tsh_ts_plat_memregion_clear(void);

/* What a tree leaves out or gets wrong. */
enum {
	NO_UART = 1, NO_GIC = 2, NO_TIMER = 4, NO_MEMORY = 8,
	MEM_ZERO = 16, MEM_OVERLAP = 32, UART_NO_REG = 64,
};

static uint64_t blob[2048];

/* Xen 4.17's dom0less domU tree (as seen under QEMU), less what is
 * left out. */
static size_t xen_tree(int flags)
{
	static struct builder b;

	memset(&b, 0, sizeof(b));
	begin(&b, "");
	prop_cells(&b, "#address-cells", 1, 2);
	prop_cells(&b, "#size-cells", 1, 2);
	prop_str(&b, "compatible", "xen,xenvm-4.17");
	begin(&b, "chosen");
	prop_str(&b, "bootargs", "console=ttyAMA0");
	end(&b);
	if (!(flags & NO_MEMORY)) {
		begin(&b, "memory@40000000");
		prop_str(&b, "device_type", "memory");
		if (flags & MEM_ZERO)
			prop_cells(&b, "reg", 4, 0, 0x40000000, 0, 0);
		else if (flags & MEM_OVERLAP)
			prop_cells(&b, "reg", 8, 0, 0x40000000, 0, 0x1000000,
				   0, 0x40800000, 0, 0x1000000);
		else
			prop_cells(&b, "reg", 4, 0, 0x40000000, 0, 0x1000000);
		end(&b);
	}
	if (!(flags & NO_GIC)) {
		begin(&b, "interrupt-controller@3001000");
		prop_str(&b, "compatible", "arm,gic-v3");
		prop_cells(&b, "reg", 8, 0, 0x3001000, 0, 0x10000,
			   0, 0x3020000, 0, 0x20000);
		end(&b);
	}
	if (!(flags & NO_TIMER)) {
		begin(&b, "timer");
		prop_str(&b, "compatible", "arm,armv8-timer");
		prop_cells(&b, "interrupts", 9, 1, 13, 8, 1, 14, 8, 1, 11, 8);
		end(&b);
	}
	if (!(flags & NO_UART)) {
		begin(&b, "sbsa-uart@22000000");
		prop_str(&b, "compatible", "arm,sbsa-uart");
		if (!(flags & UART_NO_REG))
			prop_cells(&b, "reg", 4, 0, 0x22000000, 0, 0x1000);
		end(&b);
	}
	begin(&b, "psci");
	prop_str(&b, "compatible", "arm,psci-1.0");
	prop_str(&b, "method", "hvc");
	end(&b);
	end(&b);
	return finish_rsv(&b, (uint8_t *)blob, 0, 0);
}

static const struct ts_fdt *open_tree(struct ts_fdt *fdt, int flags,
				      const char **why)
{
	size_t n = xen_tree(flags);

	ck_assert_uint_lt(n, sizeof(blob));
	*why = NULL;
	/* "RAM" is the buffer and 2 MiB beyond (the bound the reader
	 * checks against); nothing past the blob is read. */
	return tsh_ts_plat_devtree_open(fdt, blob, (uintptr_t)blob,
					(uintptr_t)blob + (4 << 20), why);
}

static void read_devices(int flags, struct ts_plat_dt_devices *d)
{
	struct ts_fdt fdt;
	const char *why;

	ck_assert_ptr_nonnull(open_tree(&fdt, flags, &why));
	tsh_ts_plat_devtree_devices(&fdt, d);
}

static uint64_t read_memory(int flags)
{
	struct ts_fdt fdt;
	const char *why;

	ck_assert_ptr_nonnull(open_tree(&fdt, flags, &why));
	tsh_ts_plat_memregion_clear();
	host_console_reset();
	return tsh_ts_plat_devtree_memory(&fdt);
}

START_TEST(xen_domu_tree_read_whole)
{
	struct ts_plat_dt_devices d;

	read_devices(0, &d);
	ck_assert_uint_eq(d.uart, 0x22000000);
	ck_assert_uint_eq(d.uart_size, 0x1000);
	ck_assert_int_eq(d.uart_sbsa, 1);
	ck_assert_uint_eq(d.gic_version, 3);
	ck_assert_uint_eq(d.gicd, 0x3001000);
	ck_assert_uint_eq(d.gicr, 0x3020000);
	ck_assert_uint_eq(d.gicr_size, 0x20000);
	/* The third of the timer's interrupts, PPI 11: the virtual timer. */
	ck_assert_uint_eq(d.timer_intid, 27);
	ck_assert_int_eq(d.psci, TS_PSCI_CONDUIT_HVC);
	ck_assert_ptr_null(tsh_ts_plat_devtree_missing(&d));
	ck_assert_uint_eq(read_memory(0), 0x1000000);
}
END_TEST

START_TEST(bad_magic_refused)
{
	struct ts_fdt fdt;
	const char *why = NULL;

	xen_tree(0);
	((uint8_t *)blob)[0] ^= 0xff;
	ck_assert_ptr_null(tsh_ts_plat_devtree_open(&fdt, blob,
		(uintptr_t)blob, (uintptr_t)blob + (4 << 20), &why));
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, "magic"), "why: %s", why);
}
END_TEST

START_TEST(misplaced_blob_refused)
{
	struct ts_fdt fdt;
	const char *why = NULL;

	xen_tree(0);
	/* Misaligned, then outside RAM: never read. */
	ck_assert_ptr_null(tsh_ts_plat_devtree_open(&fdt,
		(uint8_t *)blob + 4, (uintptr_t)blob,
		(uintptr_t)blob + (4 << 20), &why));
	ck_assert_msg(why && strstr(why, "aligned"), "why: %s", why);
	why = NULL;
	ck_assert_ptr_null(tsh_ts_plat_devtree_open(&fdt, blob,
		(uintptr_t)blob + 4096, (uintptr_t)blob + (4 << 20), &why));
	ck_assert_msg(why && strstr(why, "RAM"), "why: %s", why);
	/* A RAM window smaller than the blob's limit. */
	why = NULL;
	ck_assert_ptr_null(tsh_ts_plat_devtree_open(&fdt, blob,
		(uintptr_t)blob, (uintptr_t)blob + 4096, &why));
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(missing_uart_refused)
{
	struct ts_plat_dt_devices d;
	const char *m;

	read_devices(NO_UART, &d);
	m = tsh_ts_plat_devtree_missing(&d);
	ck_assert_msg(m && strstr(m, "UART"), "missing: %s", m);
	/* A UART node without registers is no UART either. */
	read_devices(UART_NO_REG, &d);
	ck_assert_uint_eq(d.uart, 0);
	ck_assert_int_eq(d.uart_sbsa, 0);
	m = tsh_ts_plat_devtree_missing(&d);
	ck_assert_msg(m && strstr(m, "UART"), "missing: %s", m);
}
END_TEST

START_TEST(missing_gic_refused)
{
	struct ts_plat_dt_devices d;
	const char *m;

	read_devices(NO_GIC, &d);
	m = tsh_ts_plat_devtree_missing(&d);
	ck_assert_msg(m && strstr(m, "GIC"), "missing: %s", m);
}
END_TEST

START_TEST(missing_timer_refused)
{
	struct ts_plat_dt_devices d;
	const char *m;

	read_devices(NO_TIMER, &d);
	m = tsh_ts_plat_devtree_missing(&d);
	ck_assert_msg(m && strstr(m, "timer"), "missing: %s", m);
}
END_TEST

START_TEST(missing_memory_refused)
{
	ck_assert_uint_eq(read_memory(NO_MEMORY), 0);
	ck_assert_msg(strstr(host_console, "describes no RAM"), "console: %s",
		      host_console);
}
END_TEST

START_TEST(zero_sized_memory_refused)
{
	ck_assert_uint_eq(read_memory(MEM_ZERO), 0);
	ck_assert_msg(strstr(host_console, "describes no RAM"), "console: %s",
		      host_console);
}
END_TEST

/* Two ranges sharing 8 MiB: 24 MiB of RAM, listed once, no free
 * regions overlapping each other. */
START_TEST(overlapping_memory_counted_once)
{
	int i, j, n;

	ck_assert_uint_eq(read_memory(MEM_OVERLAP), 0x1800000);
	n = tsh_ts_plat_memregion_count();
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			const struct ts_memregion *a =
				tsh_ts_plat_memregion_get(i);
			const struct ts_memregion *b =
				tsh_ts_plat_memregion_get(j);

			if (!(a->flags & TS_MEMR_FREE) ||
			    !(b->flags & TS_MEMR_FREE))
				continue;
			ck_assert(a->base + a->len <= b->base ||
				  b->base + b->len <= a->base);
		}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("devtree_devices");
	TCase *tc = tcase_create("xen-arm64");

	tcase_add_test(tc, xen_domu_tree_read_whole);
	tcase_add_test(tc, bad_magic_refused);
	tcase_add_test(tc, misplaced_blob_refused);
	tcase_add_test(tc, missing_uart_refused);
	tcase_add_test(tc, missing_gic_refused);
	tcase_add_test(tc, missing_timer_refused);
	tcase_add_test(tc, missing_memory_refused);
	tcase_add_test(tc, zero_sized_memory_refused);
	tcase_add_test(tc, overlapping_memory_counted_once);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

/* lib/fdt on the host: lookups in a tree built here (paths, aliases,
 * unit addresses, phandles, "reg" through bus "ranges", the reservation
 * map), and that garbage is refused with a message and never read out of
 * bounds: bad headers, truncated blobs, every single-byte corruption
 * (run under AddressSanitizer). */
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fdt_builder.h"
#include "tsh.h"
#include <ts/fdt.h>

/* ---- a small blob builder (fdt_builder.h) ------------------------- */

/* Header, one reservation (0x48000000 + 0x1000), structure, strings. */
static size_t finish(struct builder *b, uint8_t *out)
{
	return finish_rsv(b, out, 0x48000000, 0x1000);
}

/* The tree of a small Raspberry-Pi-like board. */
static size_t sample(uint8_t *out)
{
	static struct builder b;
	static const char compat[] = "vendor,uart\0arm,pl011";

	memset(&b, 0, sizeof(b));
	begin(&b, "");
	prop_cells(&b, "#address-cells", 1, 2);
	prop_cells(&b, "#size-cells", 1, 1);
	begin(&b, "chosen");
	prop_str(&b, "bootargs", "console=x -- a b");
	prop_str(&b, "stdout-path", "serial0:115200n8");
	end(&b);
	begin(&b, "aliases");
	prop_str(&b, "serial0", "/soc/serial@7e201000");
	end(&b);
	begin(&b, "memory@0");
	prop_str(&b, "device_type", "memory");
	prop_cells(&b, "reg", 6, 0, 0, 0x3b400000, 1, 0, 0x40000000);
	end(&b);
	begin(&b, "clk");
	prop_cells(&b, "phandle", 1, 7);
	prop_cells(&b, "clock-frequency", 1, 48000000);
	end(&b);
	begin(&b, "soc");
	prop_str(&b, "compatible", "simple-bus");
	prop_cells(&b, "#address-cells", 1, 1);
	prop_cells(&b, "#size-cells", 1, 1);
	/* bus 0x7e000000 -> CPU 0x3f000000, 16 MiB */
	prop_cells(&b, "ranges", 4, 0x7e000000, 0, 0x3f000000, 0x1000000);
	begin(&b, "serial@7e201000");
	prop(&b, "compatible", compat, sizeof(compat));
	prop_cells(&b, "reg", 2, 0x7e201000, 0x200);
	prop_cells(&b, "clocks", 1, 7);
	end(&b);
	begin(&b, "serial@7e215040");
	prop_str(&b, "compatible", "arm,pl011");
	prop_str(&b, "status", "disabled");
	prop_cells(&b, "reg", 2, 0x7f000000, 0x40);	/* outside ranges */
	end(&b);
	end(&b);
	/* A value without its NUL: padding zeros follow it in the blob. */
	begin(&b, "unterminated");
	prop(&b, "compatible", "arm,pl011", 9);
	end(&b);
	end(&b);
	return finish(&b, out);
}

static uint8_t blob[8192];
static struct ts_fdt fdt;
static const char *why;

/* Walk everything a platform could ask for: must not crash whatever the
 * blob held, if it was accepted. */
static void walk_all(const struct ts_fdt *f)
{
	uint64_t a, s;
	int n, depth = 0, i;

	for (n = tsh_ts_fdt_next_node(f, -1, &depth); n >= 0;
	     n = tsh_ts_fdt_next_node(f, n, &depth)) {
		(void)tsh_ts_fdt_name(f, n);
		(void)tsh_ts_fdt_parent(f, n);
		(void)tsh_ts_fdt_first_child(f, n);
		(void)tsh_ts_fdt_next_sibling(f, n);
		(void)tsh_ts_fdt_prop_str(f, n, "compatible");
		(void)tsh_ts_fdt_is_compatible(f, n, "arm,pl011");
		(void)tsh_ts_fdt_is_enabled(f, n);
		for (i = 0; i < 3; i++)
			(void)tsh_ts_fdt_reg(f, n, i, &a, &s);
	}
	(void)tsh_ts_fdt_path(f, "/soc/serial");
	(void)tsh_ts_fdt_path(f, "serial0:9600");
	(void)tsh_ts_fdt_find_phandle(f, 7);
	for (i = 0; i < 4; i++)
		(void)tsh_ts_fdt_memreserve(f, i, &a, &s);
}

START_TEST(lookups)
{
	size_t size = sample(blob);
	int chosen, uart, soc, n, len, depth = 0, count = 0;
	uint64_t a, s;
	uint32_t v;
	const void *p;

	ck_assert_int_eq(tsh_ts_fdt_open(&fdt, blob, size, &why), 0);
	ck_assert_ptr_null(why);
	chosen = tsh_ts_fdt_path(&fdt, "/chosen");
	ck_assert_int_ge(chosen, 0);
	ck_assert_str_eq(tsh_ts_fdt_name(&fdt, chosen), "chosen");
	ck_assert_str_eq(tsh_ts_fdt_prop_str(&fdt, chosen, "bootargs"),
			 "console=x -- a b");
	ck_assert_ptr_null(tsh_ts_fdt_getprop(&fdt, chosen, "nosuch", &len));

	/* stdout-path through the alias; options after ':' ignored. */
	uart = tsh_ts_fdt_path(&fdt, tsh_ts_fdt_prop_str(&fdt, chosen,
							 "stdout-path"));
	ck_assert_int_ge(uart, 0);
	ck_assert_str_eq(tsh_ts_fdt_name(&fdt, uart), "serial@7e201000");
	ck_assert_int_eq(tsh_ts_fdt_path(&fdt, "/soc/serial@7e201000"), uart);
	/* Without a unit address the first serial@ matches. */
	ck_assert_int_eq(tsh_ts_fdt_path(&fdt, "/soc/serial"), uart);
	ck_assert_int_lt(tsh_ts_fdt_path(&fdt, "/soc/serial@1"), 0);
	ck_assert_int_lt(tsh_ts_fdt_path(&fdt, "nosuchalias"), 0);
	ck_assert_int_eq(tsh_ts_fdt_path(&fdt, "/"), tsh_ts_fdt_root(&fdt));

	/* Second string of a compatible list; the disabled one. */
	ck_assert(tsh_ts_fdt_is_compatible(&fdt, uart, "arm,pl011"));
	ck_assert(!tsh_ts_fdt_is_compatible(&fdt, uart, "arm,pl01"));
	ck_assert(tsh_ts_fdt_is_enabled(&fdt, uart));
	n = tsh_ts_fdt_find_compatible(&fdt, -1, "arm,pl011");
	ck_assert_int_eq(n, uart);
	n = tsh_ts_fdt_find_compatible(&fdt, n, "arm,pl011");
	ck_assert_str_eq(tsh_ts_fdt_name(&fdt, n), "serial@7e215040");
	ck_assert(!tsh_ts_fdt_is_enabled(&fdt, n));
	ck_assert_int_lt(tsh_ts_fdt_find_compatible(&fdt, n, "arm,pl011"), 0);
	n = tsh_ts_fdt_path(&fdt, "/unterminated");
	ck_assert_int_ge(n, 0);
	ck_assert(!tsh_ts_fdt_is_compatible(&fdt, n, "arm,pl011"));
	ck_assert_ptr_null(tsh_ts_fdt_prop_str(&fdt, n, "compatible"));

	/* reg through the bus's ranges; outside them, not translatable. */
	ck_assert_int_eq(tsh_ts_fdt_reg(&fdt, uart, 0, &a, &s), 0);
	ck_assert_uint_eq(a, 0x3f201000);
	ck_assert_uint_eq(s, 0x200);
	ck_assert_int_eq(tsh_ts_fdt_reg(&fdt, uart, 1, &a, &s), -1);
	ck_assert_int_eq(tsh_ts_fdt_reg(&fdt, n, 0, &a, &s), -1);

	/* Two-cell addresses at the root, two entries. */
	n = tsh_ts_fdt_path(&fdt, "/memory");
	ck_assert_int_eq(tsh_ts_fdt_reg(&fdt, n, 1, &a, &s), 0);
	ck_assert_uint_eq(a, 0x100000000ULL);
	ck_assert_uint_eq(s, 0x40000000);

	/* phandle, then a property of the node it names. */
	p = tsh_ts_fdt_getprop(&fdt, uart, "clocks", &len);
	ck_assert_int_eq(len, 4);
	n = tsh_ts_fdt_find_phandle(&fdt, 7);
	ck_assert_int_eq(tsh_ts_fdt_prop_u32(&fdt, n, "clock-frequency", &v),
			 0);
	ck_assert_uint_eq(v, 48000000);
	ck_assert_int_lt(tsh_ts_fdt_find_phandle(&fdt, 8), 0);
	(void)p;

	/* Structure: parents, siblings, depth-first order. */
	soc = tsh_ts_fdt_path(&fdt, "/soc");
	ck_assert_int_eq(tsh_ts_fdt_parent(&fdt, uart), soc);
	ck_assert_int_eq(tsh_ts_fdt_parent(&fdt, soc), tsh_ts_fdt_root(&fdt));
	ck_assert_int_lt(tsh_ts_fdt_parent(&fdt, tsh_ts_fdt_root(&fdt)), 0);
	ck_assert_int_eq(tsh_ts_fdt_first_child(&fdt, soc), uart);
	ck_assert_int_lt(tsh_ts_fdt_first_child(&fdt, uart), 0);
	for (n = tsh_ts_fdt_next_node(&fdt, -1, &depth); n >= 0;
	     n = tsh_ts_fdt_next_node(&fdt, n, &depth)) {
		count++;
		if (n == uart)
			ck_assert_int_eq(depth, 2);
		if (n == soc)
			ck_assert_int_eq(depth, 1);
	}
	ck_assert_int_eq(count, 9);

	ck_assert_int_eq(tsh_ts_fdt_memreserve(&fdt, 0, &a, &s), 0);
	ck_assert_uint_eq(a, 0x48000000);
	ck_assert_uint_eq(s, 0x1000);
	ck_assert_int_eq(tsh_ts_fdt_memreserve(&fdt, 1, &a, &s), -1);
}
END_TEST

static void expect_refused(const uint8_t *b, size_t max, const char *msg)
{
	ck_assert_int_eq(tsh_ts_fdt_open(&fdt, b, max, &why), -1);
	ck_assert_ptr_nonnull(why);
	if (msg)
		ck_assert_msg(strstr(why, msg), "message '%s' lacks '%s'", why,
			      msg);
}

START_TEST(bad_headers)
{
	size_t size = sample(blob);
	uint8_t copy[8192];

	expect_refused(NULL, size, "null");
	expect_refused(blob, 39, "no room");
	expect_refused(blob, size - 1, "total size");

	memcpy(copy, blob, size);
	copy[0] = 0x12;
	expect_refused(copy, size, "magic");

	memcpy(copy, blob, size);
	put32(copy + 20, 15);			/* version */
	expect_refused(copy, size, "version");

	memcpy(copy, blob, size);
	put32(copy + 36, (uint32_t)size);	/* size_dt_struct */
	expect_refused(copy, size, "structure block");

	memcpy(copy, blob, size);
	put32(copy + 12, (uint32_t)size - 2);	/* off_dt_strings */
	expect_refused(copy, size, "strings block");

	memcpy(copy, blob, size);
	put32(copy + 16, 44);			/* misaligned reservations */
	expect_refused(copy, size, "reservation");

	memcpy(copy, blob, size);
	put32(copy + 72, 5);			/* first token */
	expect_refused(copy, size, "token");
}
END_TEST

START_TEST(bad_structure)
{
	static struct builder b;
	uint8_t out[2048];
	size_t size;

	/* A node never closed. */
	memset(&b, 0, sizeof(b));
	begin(&b, "");
	begin(&b, "a");
	end(&b);
	expect_refused(out, finish(&b, out), "inside a node");

	/* One END_NODE too many. */
	memset(&b, 0, sizeof(b));
	begin(&b, "");
	end(&b);
	end(&b);
	expect_refused(out, finish(&b, out), "unbalanced");

	/* A property outside the root. */
	memset(&b, 0, sizeof(b));
	prop_str(&b, "x", "y");
	begin(&b, "");
	end(&b);
	expect_refused(out, finish(&b, out), "outside any node");

	/* A property name offset past the strings. */
	memset(&b, 0, sizeof(b));
	begin(&b, "");
	prop_str(&b, "x", "y");
	end(&b);
	size = finish(&b, out);
	put32(out + 72 + 8 + 8, 100);
	expect_refused(out, size, "name offset");

	/* Two roots. */
	memset(&b, 0, sizeof(b));
	begin(&b, "");
	end(&b);
	begin(&b, "");
	end(&b);
	expect_refused(out, finish(&b, out), "more than one root");

	/* Nesting beyond the limit. */
	memset(&b, 0, sizeof(b));
	for (int i = 0; i <= TS_FDT_MAX_DEPTH; i++)
		begin(&b, "n");
	for (int i = 0; i <= TS_FDT_MAX_DEPTH; i++)
		end(&b);
	expect_refused(out, finish(&b, out), "deeply");
}
END_TEST

/* Every shorter blob claiming to be that short, and every single-byte
 * change: refused with a message, or accepted and safe to walk. ASan
 * catches any read outside the (exactly sized) copy. */
START_TEST(truncated_and_corrupted)
{
	size_t size = sample(blob), n, i;
	int accepted = 0;

	for (n = 40; n < size; n++) {
		uint8_t *copy = malloc(n);

		memcpy(copy, blob, n);
		put32(copy + 4, (uint32_t)n);
		if (tsh_ts_fdt_open(&fdt, copy, n, &why) == 0)
			walk_all(&fdt);
		else
			ck_assert_ptr_nonnull(why);
		free(copy);
	}
	for (i = 0; i < size; i++) {
		static const uint8_t values[] = { 0x00, 0x01, 0x03, 0x09, 0x7f,
						  0x80, 0xff };

		for (n = 0; n < sizeof(values); n++) {
			uint8_t *copy = malloc(size);

			memcpy(copy, blob, size);
			copy[i] = values[n];
			if (tsh_ts_fdt_open(&fdt, copy, size, &why) == 0) {
				accepted++;
				walk_all(&fdt);
			} else {
				ck_assert_ptr_nonnull(why);
			}
			free(copy);
		}
	}
	ck_assert_int_gt(accepted, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fdt");
	TCase *tc = tcase_create("fdt");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lookups);
	tcase_add_test(tc, bad_headers);
	tcase_add_test(tc, bad_structure);
	tcase_add_test(tc, truncated_and_corrupted);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

/* libFuzzer target for device trees: lib/fdt (the check of the blob
 * and every lookup) and what the platforms booted with one read from it:
 * the memory table (plat/common/devtree_memory.c), /chosen/bootargs
 * (plat/common/devtree_cmdline.c) and an arm64 machine's devices as
 * QEMU virt and Xen read them (plat/common/devtree_devices.c). The Pi's reading of a tree is in
 * fuzz_raspi_boot.
 *
 * The input is the blob. Beyond the sanitizers: a blob ts_fdt_open()
 * accepts is walked whole (every node, name, property, reg entry, path
 * and phandle lookup) and every answer lies inside the blob; the memory
 * table holds whole pages of free RAM that overlap neither each other,
 * the image, page 0 nor the blob; bootargs is one terminated string. */
#include <stdint.h>
#include <string.h>

#include <ts/fdt.h>
#include "fuzz_common.h"
#include "virt.h"
#include "tsh.h"

FUZZ_IMAGE_SYMBOLS;

void tsh_ts_plat_devtree_devices(const struct ts_fdt *fdt,
				 struct ts_plat_dt_devices *d);
const char *tsh_ts_plat_devtree_missing(const struct ts_plat_dt_devices *d);

static const uint8_t *lo, *hi;

static void in_blob(const void *p, size_t len)
{
	CHECK((const uint8_t *)p >= lo && (const uint8_t *)p + len <= hi);
}

static const char *const props[] = {
	"compatible", "reg", "status", "device_type", "phandle", "interrupts",
	"#address-cells", "#size-cells", "bootargs", "stdout-path", "ranges",
	"clock-frequency", "clocks", "method", "no-map",
};

static void walk(const struct ts_fdt *fdt)
{
	int n, depth = 0, count = 0, i, len;
	char path[256];

	for (n = tsh_ts_fdt_next_node(fdt, -1, &depth); n >= 0 && count < 4096;
	     n = tsh_ts_fdt_next_node(fdt, n, &depth), count++) {
		const char *name = tsh_ts_fdt_name(fdt, n);
		uint64_t a, s;
		uint32_t v;
		int c;

		CHECK(depth >= 0 && depth <= TS_FDT_MAX_DEPTH);
		in_blob(name, strlen(name) + 1);
		for (i = 0; i < (int)(sizeof(props) / sizeof(props[0])); i++) {
			const void *p = tsh_ts_fdt_getprop(fdt, n, props[i],
							   &len);
			const char *str = tsh_ts_fdt_prop_str(fdt, n,
							      props[i]);

			if (p) {
				CHECK(len >= 0);
				in_blob(p, (size_t)len);
			}
			if (str)
				in_blob(str, strlen(str) + 1);
			/* 0 and ~0 are no phandles (the specification). */
			if (!tsh_ts_fdt_prop_u32(fdt, n, props[i], &v) &&
			    !strcmp(props[i], "phandle"))
				CHECK((tsh_ts_fdt_find_phandle(fdt, v) >= 0) ==
				      (v != 0 && v != 0xffffffff));
		}
		for (i = 0; i < 8 && !tsh_ts_fdt_reg(fdt, n, i, &a, &s); i++)
			;
		(void)tsh_ts_fdt_is_enabled(fdt, n);
		(void)tsh_ts_fdt_is_compatible(fdt, n, "arm,pl011");
		/* Its parent has it among its children. */
		if (n != tsh_ts_fdt_root(fdt) && count < 256) {
			int p = tsh_ts_fdt_parent(fdt, n), found = 0;

			CHECK(p >= 0);
			for (c = tsh_ts_fdt_first_child(fdt, p); c >= 0;
			     c = tsh_ts_fdt_next_sibling(fdt, c))
				found |= c == n;
			CHECK(found);
		}
		/* A one-level path finds a node of that name. */
		if (depth == 1 && strlen(name) < sizeof(path) - 2 &&
		    !strchr(name, '/') && !strchr(name, ':')) {
			snprintf(path, sizeof(path), "/%s", name);
			CHECK(tsh_ts_fdt_path(fdt, path) >= 0);
		}
	}
	for (n = tsh_ts_fdt_find_compatible(fdt, -1, "arm,pl011"), count = 0;
	     n >= 0 && count < 4096; count++)
		n = tsh_ts_fdt_find_compatible(fdt, n, "arm,pl011");
	for (i = 0; i < 64; i++) {
		uint64_t a, s;

		if (tsh_ts_fdt_memreserve(fdt, i, &a, &s))
			break;
	}
	(void)tsh_ts_fdt_path(fdt, "serial0");
	(void)tsh_ts_fdt_path(fdt, "/soc/serial@7e201000");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint64_t buf[(1 << 16) / 8];
	struct ts_fdt fdt;
	struct ts_plat_dt_devices dev;
	const char *why = NULL, *args;

	if (size > sizeof(buf))
		return 0;
	memcpy(buf, data, size);
	lo = (const uint8_t *)buf;
	hi = lo + size;
	if (tsh_ts_fdt_open(&fdt, buf, size, &why)) {
		CHECK(why && *why);
		return 0;
	}
	CHECK(fdt.size <= size);
	hi = lo + fdt.size;
	walk(&fdt);

	fuzz_boot_reset();
	(void)tsh_ts_plat_devtree_memory(&fdt);
	fuzz_check_memory_table((uintptr_t)buf, fdt.size);
	fuzz_check_initrd();

	args = tsh_ts_plat_devtree_bootargs(&fdt, &why);
	if (args)
		in_blob(args, strlen(args) + 1);
	CHECK(!(args && why));

	memset(&dev, 0, sizeof(dev));
	tsh_ts_plat_devtree_devices(&fdt, &dev);
	why = tsh_ts_plat_devtree_missing(&dev);
	CHECK(!why || *why);
	return 0;
}

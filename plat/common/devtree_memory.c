/* The memory table from a device tree, for every platform booted with
 * one. The loader put the image and the tree somewhere inside the RAM
 * the tree describes, so both are cut out of it, as is everything the
 * tree reserves. */
#include <stdint.h>
#include <string.h>
#include <ts/fdt.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include <ts/plat/initrd.h>
#include <ts/plat/memory.h>

#define PAGE_SIZE	4096ULL
#define MAX_EXCLUDED	16

static struct ts_memrange excluded[MAX_EXCLUDED];
static int nexcluded;
static uint64_t free_bytes;

static uint64_t page_down(uint64_t a)
{
	return a & ~(PAGE_SIZE - 1);
}

static uint64_t page_up(uint64_t a)
{
	return a > ~0ULL - (PAGE_SIZE - 1) ? page_down(a) :
					      page_down(a + PAGE_SIZE - 1);
}

/* Keep [start, start + size) out of free RAM; with a name, also list it
 * as reserved. Rounded outwards to pages. */
static void exclude(uint64_t start, uint64_t size, const char *name)
{
	uint64_t end = start + size < start ? ~0ULL : start + size;

	start = page_down(start);
	end = page_up(end);
	if (end <= start)
		return;
	if (nexcluded == MAX_EXCLUDED) {
		ts_printk("plat: more than %d reserved ranges in the device "
			  "tree; %#lx-%#lx may be overwritten\n", MAX_EXCLUDED,
			  (unsigned long)start, (unsigned long)end);
		return;
	}
	excluded[nexcluded].start = start;
	excluded[nexcluded].end = end;
	nexcluded++;
	if (name)
		ts_plat_memregion_add(start, end - start, TS_MEMR_RESERVED,
				      name);
}

static void reserved_memory(const struct ts_fdt *fdt)
{
	int rm = ts_fdt_path(fdt, "/reserved-memory"), n, i;
	uint64_t a, s;

	if (rm < 0)
		return;
	for (n = ts_fdt_first_child(fdt, rm); n >= 0;
	     n = ts_fdt_next_sibling(fdt, n)) {
		int nomap = ts_fdt_getprop(fdt, n, "no-map", NULL) != NULL;

		if (!ts_fdt_is_enabled(fdt, n))
			continue;
		for (i = 0; !ts_fdt_reg(fdt, n, i, &a, &s); i++)
			exclude(a, s, nomap ? NULL : "reserved memory");
	}
}

#ifdef CONFIG_PLAT_COMMON_INITRD
/* /chosen's linux,initrd-start or -end: one or two cells (Linux takes
 * either, whatever #address-cells says). 0 and *v, 1 when absent, -1
 * when malformed. */
static int initrd_prop(const struct ts_fdt *fdt, int chosen, const char *name,
		       uint64_t *v)
{
	int len;
	const void *p = ts_fdt_getprop(fdt, chosen, name, &len);

	if (!p)
		return 1;
	if (len == 4)
		*v = ts_fdt_cell(p, len, 0);
	else if (len == 8)
		*v = (uint64_t)ts_fdt_cell(p, len, 0) << 32 |
		     ts_fdt_cell(p, len, 1);
	else
		return -1;
	return 0;
}

/* The initrd the loader put in RAM (QEMU -initrd, the Pi firmware's
 * config.txt "initramfs"): 0 and [*start, *end), else -1 (none, or said
 * why). */
static int initrd_range(const struct ts_fdt *fdt, uint64_t *start,
			uint64_t *end)
{
	int chosen = ts_fdt_path(fdt, "/chosen"), a, b;

	if (chosen < 0)
		return -1;
	a = initrd_prop(fdt, chosen, "linux,initrd-start", start);
	b = initrd_prop(fdt, chosen, "linux,initrd-end", end);
	if (a == 1 && b == 1)
		return -1;
	if (a || b) {
		ts_printk("plat: /chosen in the device tree has %s; no "
			  "initrd\n", a == 1 || b == 1 ?
			  "only one of linux,initrd-start and -end" :
			  "a linux,initrd-start or -end that is not 4 or 8 "
			  "bytes");
		return -1;
	}
	if (*end < *start) {
		ts_printk("plat: the device tree's initrd ends (%#lx) before "
			  "it starts (%#lx); no initrd\n", (unsigned long)*end,
			  (unsigned long)*start);
		return -1;
	}
	return *end > *start ? 0 : -1;
}
#else
/* No lib/initrd in the image: an initrd is nobody's, its RAM is free. */
static int initrd_range(const struct ts_fdt *fdt, uint64_t *start,
			uint64_t *end)
{
	(void)fdt, (void)start, (void)end;
	return -1;
}
#endif

uint64_t ts_plat_devtree_memory(const struct ts_fdt *fdt)
{
	uint64_t image = (uintptr_t)_ts_image_start;
	uint64_t image_end = page_up((uintptr_t)_ts_image_end);
	uint64_t a, s, rd_start = 0, rd_end = 0;
	int n, i, depth = 0, rd, rd_in_ram = 0;

	nexcluded = 0;
	free_bytes = 0;
	exclude(0, PAGE_SIZE, NULL);	/* never mapped: NULL faults */
	exclude(image, image_end - image, NULL);
	ts_plat_memregion_add(image, image_end - image, TS_MEMR_IMAGE,
			      "image");
	exclude((uintptr_t)fdt->blob, fdt->size, "device tree");
	/* Listed only once it is known to lie in RAM (the MMU maps what the
	 * table lists); kept out of free RAM before the tree's own
	 * reservations, which may fill the list of exclusions. */
	rd = initrd_range(fdt, &rd_start, &rd_end);
	if (!rd)
		exclude(rd_start, rd_end - rd_start, NULL);
	for (i = 0; !ts_fdt_memreserve(fdt, i, &a, &s); i++)
		exclude(a, s, "reserved (memreserve)");
	reserved_memory(fdt);

	for (n = ts_fdt_next_node(fdt, -1, &depth); n >= 0;
	     n = ts_fdt_next_node(fdt, n, &depth)) {
		const char *type = ts_fdt_prop_str(fdt, n, "device_type");

		if (depth != 1 || !type || strcmp(type, "memory") ||
		    !ts_fdt_is_enabled(fdt, n))
			continue;
		for (i = 0; !ts_fdt_reg(fdt, n, i, &a, &s); i++) {
			uint64_t start = page_up(a);
			uint64_t end = a + s < a ? page_down(~0ULL) :
						   page_down(a + s);

			if (!rd && rd_start >= a && rd_end - a <= s)
				rd_in_ram = 1;
			if (end > start)
				ts_plat_memregion_add_free_except(
					start, end, excluded, nexcluded);
		}
	}
	if (rd_in_ram) {
		ts_plat_memregion_add(page_down(rd_start),
				      page_up(rd_end) - page_down(rd_start),
				      TS_MEMR_RESERVED, "initrd");
		ts_plat_initrd_set((uintptr_t)rd_start,
				   (size_t)(rd_end - rd_start),
				   "device tree");
	} else if (!rd) {
		ts_printk("plat: the device tree's initrd %#lx-%#lx is not in "
			  "its RAM; ignored\n", (unsigned long)rd_start,
			  (unsigned long)rd_end);
	}
	/* From the table: RAM described twice is listed once. */
	for (i = 0; i < ts_plat_memregion_count(); i++)
		if (ts_plat_memregion_get(i)->flags & TS_MEMR_FREE)
			free_bytes += ts_plat_memregion_get(i)->len;
	if (!free_bytes)
		ts_printk("plat: the device tree describes no RAM: only the "
			  "image itself is known\n");
	return free_bytes;
}

/* The memory table from a device tree, for every platform booted with
 * one. The loader put the image and the tree somewhere inside the RAM
 * the tree describes, so both are cut out of it, as is everything the
 * tree reserves. */
#include <stdint.h>
#include <string.h>
#include <ts/fdt.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
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

uint64_t ts_plat_devtree_memory(const struct ts_fdt *fdt)
{
	uint64_t image = (uintptr_t)_ts_image_start;
	uint64_t image_end = page_up((uintptr_t)_ts_image_end);
	uint64_t a, s;
	int n, i, depth = 0;

	nexcluded = 0;
	free_bytes = 0;
	exclude(0, PAGE_SIZE, NULL);	/* never mapped: NULL faults */
	exclude(image, image_end - image, NULL);
	ts_plat_memregion_add(image, image_end - image, TS_MEMR_IMAGE,
			      "image");
	exclude((uintptr_t)fdt->blob, fdt->size, "device tree");
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

			if (end > start)
				ts_plat_memregion_add_free_except(
					start, end, excluded, nexcluded);
		}
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

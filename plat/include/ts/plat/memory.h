/* Physical memory layout as the boot loader described it. */
#ifndef TS_PLAT_MEMORY_H
#define TS_PLAT_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#define TS_MEMR_FREE     0x1 /* usable RAM, not holding the image */
#define TS_MEMR_IMAGE    0x2 /* the loaded image (text, data, bss, stacks) */
#define TS_MEMR_RESERVED 0x4 /* firmware, ACPI, boot info: do not touch */
#define TS_MEMR_DEVICE   0x8 /* MMIO */

struct ts_memregion {
	uintptr_t base;
	size_t len;
	unsigned int flags;
	const char *name; /* static string, for reports */
};

/* Filled by the platform during boot (plat/common keeps the table).
 * Free RAM (TS_MEMR_FREE) already listed is not listed again: a range
 * that overlaps it adds only its new parts. Returns 0, or -1 when the
 * table (32 entries) is full. */
int ts_plat_memregion_add(uintptr_t base, size_t len, unsigned int flags,
			  const char *name);
int ts_plat_memregion_count(void);

/* A range [start, end) of physical addresses. */
struct ts_memrange {
	uint64_t start, end;
};

/* Adds [start, end) as free RAM ("ram") less every range of
 * excluded[0..n) it overlaps (page 0, the image, boot modules, what a
 * device tree reserves): each platform's memory.c reads its loader's map
 * and cuts out the same way. */
void ts_plat_memregion_add_free_except(uint64_t start, uint64_t end,
				       const struct ts_memrange *excluded,
				       int n);

/* For the boot before any allocator reads the table (the page tables):
 * size bytes off the end of the lowest free region that has them. They
 * join a region of their own, flags TS_MEMR_IMAGE, called name (one
 * region for consecutive takes). Returns their address, or 0. */
uintptr_t ts_plat_memregion_take(size_t size, const char *name);
/* The allocator calls this as it takes the free regions over: from
 * then on ts_plat_memregion_take() returns 0 (what it took would be the
 * allocator's too). */
void ts_plat_memregion_seal(void);
const struct ts_memregion *ts_plat_memregion_get(int i);
/* Empty the table: a platform fills it once, but the host fuzzers
 * (tests/fuzz) run a platform's parsers of boot information many times. */
void ts_plat_memregion_clear(void);

/* Linker-script symbols bounding the image (plat/common/sections.lds). */
extern char _ts_image_start[], _ts_text_start[], _ts_text_end[];
extern char _ts_rodata_start[], _ts_rodata_end[];
extern char _ts_data_start[], _ts_data_end[];
extern char _ts_bss_start[], _ts_bss_end[], _ts_image_end[];

#endif

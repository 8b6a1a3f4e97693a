/* Shared by the fuzz targets' harnesses (host side). */
#ifndef TESTS_FUZZ_COMMON_H
#define TESTS_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ts/plat/initrd.h>
#include <ts/plat/memory.h>

/* A property the tree code must keep, beyond what the sanitizers see. */
#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* The image's bounds, which the platforms' memory code keeps out of free
 * RAM: 64 KiB of the fuzzer's own memory, page-aligned, in the order the
 * linker script gives them. */
#define FUZZ_IMAGE_SYMBOLS						\
	__asm__(".pushsection .bss\n.balign 4096\n"			\
		".globl tsh__ts_image_start, tsh__ts_image_end\n"	\
		"tsh__ts_image_start:\n.skip 65536\n"			\
		"tsh__ts_image_end:\n.popsection")
extern char tsh__ts_image_start[], tsh__ts_image_end[];

int tsh_ts_plat_memregion_count(void);
const struct ts_memregion *tsh_ts_plat_memregion_get(int i);
void tsh_ts_plat_memregion_clear(void);

int tsh_ts_plat_initrd(struct ts_plat_initrd *rd);
void tsh_ts_plat_initrd_set(uintptr_t base, size_t len, const char *source);

/* What a boot recorded, forgotten before each input: the memory table
 * and the initrd. An input whose parse ends in the crash path (a lost
 * command line) never reaches fuzz_check_initrd(), so its initrd must
 * not be left for the next input, where no region reserves it. */
static inline void fuzz_boot_reset(void)
{
	tsh_ts_plat_memregion_clear();
	tsh_ts_plat_initrd_set(0, 0, NULL);
}

/* The memory table a platform filled: whole pages of free RAM that
 * overlap neither each other nor the image, page 0 or [avoid, avoid +
 * avoid_len) (boot information still in use); the image listed once. */
static inline void fuzz_check_memory_table(uint64_t avoid, uint64_t avoid_len)
{
	uint64_t img = (uintptr_t)tsh__ts_image_start;
	uint64_t img_end = (uintptr_t)tsh__ts_image_end;
	int n = tsh_ts_plat_memregion_count(), i, j, images = 0;

	CHECK(n >= 0 && n <= 32);
	for (i = 0; i < n; i++) {
		const struct ts_memregion *r = tsh_ts_plat_memregion_get(i);
		uint64_t s = r->base, e = r->base + r->len;

		CHECK(r->name);
		if (r->flags & TS_MEMR_IMAGE)
			images++;
		if (!(r->flags & TS_MEMR_FREE))
			continue;
		CHECK(r->len > 0 && e > s);
		CHECK(!(s & 4095) && !(r->len & 4095));
		CHECK(s >= 4096);
		CHECK(e <= img || s >= img_end);
		if (avoid_len)
			CHECK(e <= (avoid & ~4095ULL) ||
			      s >= ((avoid + avoid_len + 4095) & ~4095ULL));
		for (j = 0; j < i; j++) {
			const struct ts_memregion *o =
				tsh_ts_plat_memregion_get(j);

			if (o->flags & TS_MEMR_FREE)
				CHECK(e <= o->base || s >= o->base + o->len);
		}
	}
	CHECK(images == 1);
}


/* The initrd a platform recorded, if any (<ts/plat/initrd.h>): reserved
 * as "initrd" and overlapped by no free RAM, so that no allocator hands
 * it out before lib/initrd reads it. Forgotten afterwards, for the next
 * input. */
static inline void fuzz_check_initrd(void)
{
	struct ts_plat_initrd rd;
	int n = tsh_ts_plat_memregion_count(), covered = 0;

	if (tsh_ts_plat_initrd(&rd))
		return;
	CHECK(rd.len > 0 && rd.base + rd.len > rd.base && rd.source);
	for (int i = 0; i < n; i++) {
		const struct ts_memregion *r = tsh_ts_plat_memregion_get(i);
		uint64_t s = r->base, e = r->base + r->len;

		if (e <= rd.base || s >= rd.base + rd.len)
			continue;
		CHECK(!(r->flags & TS_MEMR_FREE));
		if ((r->flags & TS_MEMR_RESERVED) && !strcmp(r->name, "initrd") &&
		    s <= rd.base && e >= rd.base + rd.len)
			covered = 1;
	}
	CHECK(covered);
	tsh_ts_plat_initrd_set(0, 0, NULL);
}

#endif

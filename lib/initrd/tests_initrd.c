/* lib/initrd in an image (suite initrd): the initrd's memory, reserved
 * by the platform before any allocator ran. Skipped in an image booted
 * without an initrd. The files it held: tests_initrd_files.c. */
#include <stdint.h>
#include <string.h>
#include <ts/plat/initrd.h>
#include <ts/plat/memory.h>
#include <ts/test.h>

/* Reserved ("initrd") and overlapped by no free RAM: no allocator
 * handed its pages out before it was unpacked. */
TS_TEST(initrd, memory_reserved)
{
	struct ts_plat_initrd rd;
	int covered = 0;

	if (ts_plat_initrd(&rd))
		TS_SKIP("booted without an initrd");
	for (int i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *r = ts_plat_memregion_get(i);
		uintptr_t end = r->base + r->len;

		if (r->base >= rd.base + rd.len || end <= rd.base)
			continue;
		TS_EXPECT(!(r->flags & TS_MEMR_FREE));
		if ((r->flags & TS_MEMR_RESERVED) && r->name &&
		    !strcmp(r->name, "initrd") && r->base <= rd.base &&
		    end >= rd.base + rd.len)
			covered = 1;
	}
	TS_EXPECT(covered);
}

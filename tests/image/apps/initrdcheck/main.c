/* Test app for lib/initrd: the image tests boot it with an initrd made
 * from a folder (make run ROOTFS=) and check what it finds, chosen by
 * argv[1]:
 *   memory  the initrd the platform found is reserved in the memory
 *           table ("initrd") and no free RAM overlaps it, so no
 *           allocator handed its pages out before it was unpacked. */
#include <stdio.h>
#include <string.h>
#include <ts/plat/initrd.h>
#include <ts/plat/memory.h>

static int memory(void)
{
	struct ts_plat_initrd rd;
	uintptr_t end;
	int covered = 0, bad = 0;

	if (ts_plat_initrd(&rd)) {
		printf("initrdcheck: the platform found no initrd\n");
		return 1;
	}
	end = rd.base + rd.len;
	for (int i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *r = ts_plat_memregion_get(i);
		uintptr_t r_end = r->base + r->len;

		if (r->base >= end || r_end <= rd.base)
			continue;
		if (r->flags & TS_MEMR_FREE) {
			printf("initrdcheck: free region %#lx-%#lx overlaps "
			       "the initrd %#lx-%#lx\n", (unsigned long)r->base,
			       (unsigned long)r_end, (unsigned long)rd.base,
			       (unsigned long)end);
			bad = 1;
		}
		if ((r->flags & TS_MEMR_RESERVED) && r->name &&
		    !strcmp(r->name, "initrd") && r->base <= rd.base &&
		    r_end >= end)
			covered = 1;
	}
	printf("initrdcheck: initrd from the %s, %zu bytes: %s, %s\n",
	       rd.source, rd.len, covered ? "reserved" : "NOT reserved",
	       bad ? "free RAM overlaps it" : "no free RAM overlaps it");
	return !covered || bad;
}

int main(int argc, char *argv[])
{
	const char *what = argc > 1 ? argv[1] : "memory";
	int rc = 2;

	if (!strcmp(what, "memory"))
		rc = memory();
	else
		printf("initrdcheck: unknown check '%s'\n", what);
	printf("initrdcheck: done\n");
	return rc;
}

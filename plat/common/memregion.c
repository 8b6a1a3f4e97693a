/* The physical memory table every platform fills from its boot
 * information (Multiboot, PVH, device tree, Pi mailbox). Fixed size: it is
 * filled before any allocator exists. */
#include <ts/plat/memory.h>
#include <ts/plat/console.h>

#define MAX_REGIONS 32

static struct ts_memregion regions[MAX_REGIONS];
static int nregions;

int ts_plat_memregion_add(uintptr_t base, size_t len, unsigned int flags,
			  const char *name)
{
	if (nregions == MAX_REGIONS) {
		ts_printk("plat: memory map has more than %d regions; "
			  "ignoring %s at %#lx\n", MAX_REGIONS,
			  name ? name : "region", (unsigned long)base);
		return -1;
	}
	regions[nregions].base = base;
	regions[nregions].len = len;
	regions[nregions].flags = flags;
	regions[nregions].name = name;
	nregions++;
	return 0;
}

int ts_plat_memregion_count(void)
{
	return nregions;
}

const struct ts_memregion *ts_plat_memregion_get(int i)
{
	if (i < 0 || i >= nregions)
		return 0;
	return &regions[i];
}

/* Where the loader put the initrd (<ts/plat/initrd.h>): each platform
 * finds it in its own boot information, lib/initrd asks here. */
#include <ts/plat/initrd.h>

static struct ts_plat_initrd initrd;

void ts_plat_initrd_set(uintptr_t base, size_t len, const char *source)
{
	initrd.base = base;
	initrd.len = len;
	initrd.source = source;
}

int ts_plat_initrd(struct ts_plat_initrd *rd)
{
	if (!initrd.len)
		return -1;
	*rd = initrd;
	return 0;
}

/* The device tree the platform booted with, for drivers that look up
 * their own devices in it (virtio-mmio transports). */
#include <stddef.h>
#include <ts/plat/devtree.h>

static const struct ts_fdt *booted;

void ts_plat_devtree_set(const struct ts_fdt *fdt)
{
	booted = fdt;
}

const struct ts_fdt *ts_plat_devtree(void)
{
	return booted;
}

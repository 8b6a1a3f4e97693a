/* The memory table: the RAM of the device tree QEMU passes (plat/common's
 * devtree_memory.c), else only the image; then the devices plat/virt
 * drives, so that the MMU maps them. */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/plat/devtree.h>
#include <ts/plat/memory.h>
#include "virt.h"

static void add_device(uint64_t base, uint64_t size, const char *name)
{
	if (size)
		ts_plat_memregion_add(base, size, TS_MEMR_DEVICE, name);
}

void virt_memory_init(const struct ts_fdt *fdt, const struct virt_devices *d)
{
	if (fdt)
		ts_plat_devtree_memory(fdt);
	else
		ts_plat_memregion_add((uintptr_t)_ts_image_start,
				      (uintptr_t)_ts_image_end -
				      (uintptr_t)_ts_image_start,
				      TS_MEMR_IMAGE, "image");
	add_device(d->uart, d->uart_size, "uart");
	add_device(d->uart2, d->uart2_size, "second uart");
	add_device(d->gicd, d->gicd_size, "gic distributor");
	add_device(d->gicc, d->gicc_size, "gic cpu interface");
	add_device(d->gicr, d->gicr_size, "gic redistributors");
	add_device(d->rtc, d->rtc_size, "rtc");
}

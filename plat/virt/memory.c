/* The memory table: the RAM of the device tree QEMU passes (plat/common's
 * devtree_memory.c), else only the image; then the devices plat/virt
 * drives, so that the MMU maps them. */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/plat/devtree.h>
#include <ts/plat/memory.h>
#include "virt.h"

void virt_memory_init(const struct ts_fdt *fdt,
		      const struct ts_plat_dt_devices *d)
{
	if (fdt)
		ts_plat_devtree_memory(fdt);
	else
		ts_plat_memregion_add((uintptr_t)_ts_image_start,
				      (uintptr_t)_ts_image_end -
				      (uintptr_t)_ts_image_start,
				      TS_MEMR_IMAGE, "image");
	ts_plat_devtree_map_devices(d);
}

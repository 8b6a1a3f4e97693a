/* The boot map (see <ts/arch/boot.h>): QEMU virt's memory map as in
 * hw/arm/virt.c, coarsely. */
#include <ts/arch/boot.h>
#include "virt.h"

const struct ts_arm64_boot_region ts_plat_arm64_boot_map[] = {
	/* Flash, GIC, UARTs, RTC, virtio-mmio, PCIe windows. */
	{ 0, VIRT_RAM_BASE, TS_ARM64_BOOT_DEVICE },
	/* RAM (at most 255 GiB in this layout). */
	{ VIRT_RAM_BASE, VIRT_HIGH_IO_BASE, TS_ARM64_BOOT_NORMAL },
	/* High redistributors and PCIe ECAM. */
	{ VIRT_HIGH_IO_BASE, 2 * VIRT_HIGH_IO_BASE, TS_ARM64_BOOT_DEVICE },
	{ 0, 0, 0 },
};

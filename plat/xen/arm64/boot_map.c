/* The boot map (see <ts/arch/boot.h>): Xen's arm64 guest memory layout
 * (public/arch-arm.h): devices (GIC, vpl011) below 1 GiB, RAM bank 0
 * from 1 GiB (GUEST_RAM0_BASE), bank 1 from 8 GiB (GUEST_RAM1_BASE). */
#include <ts/arch/boot.h>
#include "xen_arm64.h"

const struct ts_arm64_boot_region ts_plat_arm64_boot_map[] = {
	{ 0, XEN_GUEST_RAM0_BASE, TS_ARM64_BOOT_DEVICE },
	{ XEN_GUEST_RAM0_BASE, XEN_GUEST_RAM_END, TS_ARM64_BOOT_NORMAL },
	{ 0, 0, 0 },
};

/* The boot map (see <ts/arch/boot.h>): one table for both SoCs, since
 * it is used before the board is known. RAM below the Pi 3's
 * peripherals holds the image, the firmware's device tree and the
 * mailbox buffer on either board; each SoC's peripherals are device
 * memory. On the Pi 4 the first range's top 16 MiB and the Pi 3's local
 * block are RAM mapped as device memory, and on the Pi 3 nothing
 * answers at the Pi 4's addresses: neither matters, since nothing
 * touches them before the final map (built from the memory table)
 * replaces this one, and device memory is never read speculatively. */
#include <ts/arch/boot.h>
#include "raspi.h"

const struct ts_arm64_boot_region ts_plat_arm64_boot_map[] = {
	{ 0, BCM2837_PERIPH, TS_ARM64_BOOT_NORMAL },
	/* BCM2837 peripherals and the BCM2836 local block, rounded up to
	 * the 2 MiB the boot map works in. */
	{ BCM2837_PERIPH, BCM2837_LOCAL + 0x200000, TS_ARM64_BOOT_DEVICE },
	/* BCM2711: peripherals, ARM local block and GIC-400. */
	{ 0xfc000000, 0x100000000, TS_ARM64_BOOT_DEVICE },
	{ 0, 0, 0 },
};

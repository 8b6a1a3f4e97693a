/* The device tree the Pi firmware passes in x0 (arm64 boot protocol);
 * QEMU passes one only with -dtb, and leaves x0 pointing elsewhere
 * otherwise. Anything that is not a valid tree in boot-mapped RAM is
 * ignored: the mailbox then answers the same questions. */
#include <stdint.h>
#include <ts/fdt.h>
#include "raspi.h"

#define DTB_MAX_SIZE	(2 << 20)	/* the boot protocol's limit */
#define FDT_MAGIC	0xd00dfeedU

static struct ts_fdt fdt;

const struct ts_fdt *raspi_devtree_open(void *dtb, const char **problem)
{
	uintptr_t a = (uintptr_t)dtb;
	/* The boot map's RAM: below the BCM2837 peripherals. */
	uintptr_t limit = BCM2837_PERIPH;
	const uint8_t *p = dtb;
	size_t max;

	if (a < 4096 || a >= limit - 64 || (a & 7)) {
		*problem = "x0 is not an 8-byte aligned address in the first "
			   "1008 MiB of RAM";
		return NULL;
	}
	if (((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	     (uint32_t)p[2] << 8 | p[3]) != FDT_MAGIC) {
		*problem = "no device tree magic at x0";
		return NULL;
	}
	max = limit - a < DTB_MAX_SIZE ? limit - a : DTB_MAX_SIZE;
	if (ts_fdt_open(&fdt, dtb, max, problem))
		return NULL;
	return &fdt;
}

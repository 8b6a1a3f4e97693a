/* The device tree QEMU passes to plat/virt: where it is. What it says is
 * read by plat/common (devtree_devices.c, shared with plat/xen). */
#include <stdint.h>
#include <ts/fdt.h>
#include <ts/plat/devtree_devices.h>
#include "virt.h"

struct ts_fdt virt_fdt;

const struct ts_fdt *virt_devtree_open(void *dtb, const char **problem)
{
	if (!dtb) {
		/* QEMU sets x0 only for kernels it loads as Linux Images;
		 * an ELF gets 0, with the tree at the start of RAM. */
		const uint8_t *p = (const uint8_t *)(uintptr_t)VIRT_RAM_BASE;

		if (p[0] != 0xd0 || p[1] != 0x0d || p[2] != 0xfe ||
		    p[3] != 0xed) {
			*problem = "x0 was 0 and there is none at the start "
				   "of RAM";
			return NULL;
		}
		dtb = (void *)(uintptr_t)VIRT_RAM_BASE;
	}
	return ts_plat_devtree_open(&virt_fdt, dtb, VIRT_RAM_BASE,
				    VIRT_HIGH_IO_BASE, problem);
}

void virt_devtree_devices(const struct ts_fdt *fdt,
			  struct ts_plat_dt_devices *d)
{
	ts_plat_devtree_devices(fdt, d);
	/* QEMU's first PL011 when the tree names none. */
	if (!d->uart) {
		d->uart = VIRT_UART0_BASE;
		d->uart_size = 0x1000;
		d->uart_sbsa = 0;
	}
}

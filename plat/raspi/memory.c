/* The memory table: from the firmware's device tree when there is one
 * (all RAM, also above 1 GiB on a Pi 4, minus what the firmware
 * reserves: its spin tables and ARM stub in page 0), else from the
 * mailbox's "ARM memory" (the first GiB minus the VideoCore's share).
 * Then the SoC's devices. */
#include <stdint.h>
#include <ts/bcm2835/mbox.h>
#include <ts/fdt.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include <ts/plat/memory.h>
#include "raspi.h"

#define PAGE_SIZE	4096UL

static void add_free(uintptr_t start, uintptr_t end)
{
	if (end > start)
		ts_plat_memregion_add(start, end - start, TS_MEMR_FREE, "ram");
}

static void mailbox_memory(void)
{
	uintptr_t image = (uintptr_t)_ts_image_start;
	uintptr_t image_end = ((uintptr_t)_ts_image_end + PAGE_SIZE - 1) &
			      ~(PAGE_SIZE - 1);
	uint32_t base = 0, size = 0;
	uintptr_t start, end;
	int rc = ts_bcm2835_mbox_arm_memory(&base, &size);

	ts_plat_memregion_add(image, image_end - image, TS_MEMR_IMAGE,
			      "image");
	if (rc || !size) {
		ts_printk("raspi: the firmware says nothing about memory "
			  "(error %d): only the image itself is known\n", rc);
		return;
	}
	/* Page 0 holds the firmware's spin tables, where cores 1-3 wait:
	 * never free, never mapped. */
	/* Whole pages only, whatever the firmware says. */
	start = ((uintptr_t)base + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (start < PAGE_SIZE)
		start = PAGE_SIZE;
	end = ((uintptr_t)base + size) & ~(PAGE_SIZE - 1);
	if (image >= end || image_end <= start) {
		add_free(start, end);
		return;
	}
	add_free(start, image);
	add_free(image_end, end);
}

void raspi_memory_init(const struct ts_fdt *fdt)
{
	if (fdt)
		ts_plat_devtree_memory(fdt);
	else
		mailbox_memory();
	ts_plat_memregion_add(raspi_board.periph, raspi_board.periph_size,
			      TS_MEMR_DEVICE, "peripherals");
	ts_plat_memregion_add(raspi_board.local, raspi_board.local_size,
			      TS_MEMR_DEVICE, raspi_board.soc ==
			      TS_RASPI_BCM2711 ? "arm local, gic" :
			      "arm local");
}

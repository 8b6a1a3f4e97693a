/* From the arm64 boot code to ts_boot_main(). */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/bcm2835/gpio.h>
#include <ts/bcm2835/mbox.h>
#include <ts/bcm2835/watchdog.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/timer/arm_generic.h>
#include "raspi.h"

_Noreturn void ts_plat_arm64_entry(void *dtb)
{
	const char *problem = NULL;
	const struct ts_fdt *fdt;

	/* Without knowing the SoC no device can be found, not even a
	 * UART to say so. */
	if (raspi_board_detect())
		for (;;)
			__asm__ __volatile__("wfe");

	raspi_cores_park();
	ts_bcm2835_mbox_init(raspi_periph(RASPI_MBOX_OFF));
	ts_bcm2835_gpio_init(raspi_periph(RASPI_GPIO_OFF),
			     raspi_board.soc == TS_RASPI_BCM2711 ?
			     TS_GPIO_BCM2711 : TS_GPIO_BCM2835);
	ts_bcm2835_wdog_init(raspi_periph(RASPI_PM_OFF));
	raspi_console_init();
	/* Exceptions are reported from here on. */
	ts_arch_init();
	ts_arm_timer_init(0);
	raspi_board_identify();
	ts_printk("raspi: %s (revision %#x, %s), console %s at %d baud\n",
		  raspi_board.model, raspi_board.revision,
		  raspi_board.soc == TS_RASPI_BCM2711 ? "BCM2711" : "BCM2837",
		  raspi_console_name(), CONFIG_PLAT_RASPI_CONSOLE_BAUD);

	fdt = raspi_devtree_open(dtb, &problem);
	/* The firmware always passes a tree: say why one was refused.
	 * QEMU without -dtb passes none (x0 = 0x100, where a 32-bit
	 * kernel's ATAGs would be). */
	if (!fdt && (uintptr_t)dtb >= 4096)
		ts_printk("raspi: device tree at %p not used (%s); memory "
			  "and command line from the mailbox\n", dtb, problem);
	raspi_memory_init(fdt);
	raspi_cmdline_init(fdt);
	ts_arch_mmu_init();
	raspi_irq_init();
	ts_boot_main();
}

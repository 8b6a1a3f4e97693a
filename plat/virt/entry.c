/* From the arm64 boot code to ts_boot_main(). */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/psci.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include <ts/timer/arm_generic.h>
#include "virt.h"

static struct ts_plat_dt_devices dev;

_Noreturn void ts_plat_arm64_entry(void *dtb)
{
	const char *problem = NULL;
	const struct ts_fdt *fdt = virt_devtree_open(dtb, &problem);

	virt_devtree_devices(fdt, &dev);
	ts_plat_devtree_set(fdt);
	virt_console_init(dev.uart, dev.uart_clock, dev.uart_sbsa);
	/* Exceptions are reported from here on, also while parsing. */
	ts_arch_init();
	ts_arm_timer_init(dev.timer_freq);

	if (!fdt)
		ts_printk("virt: no usable device tree (x0 = %p): %s. "
			  "Going on with the console at %#lx, no memory but "
			  "the image's, no interrupts.\n", dtb, problem,
			  (unsigned long)VIRT_UART0_BASE);
	virt_memory_init(fdt, &dev);
	ts_plat_devtree_cmdline(fdt);
	virt_debug_uart_found(dev.uart2, dev.uart2_clock);
	virt_rtc_found(dev.rtc);

	ts_arch_mmu_init();
	ts_plat_devtree_irq_init(&dev, "virt");
	ts_arm64_psci_init(dev.psci);
	ts_boot_main();
}

/* From the arm64 boot code to ts_boot_main(). */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/psci.h>
#include <ts/fdt.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include <ts/plat/memory.h>
#include <ts/timer/arm_generic.h>
#include "virt.h"

static struct virt_devices dev;

static void add_device(uint64_t base, uint64_t size, const char *name)
{
	if (size)
		ts_plat_memregion_add(base, size, TS_MEMR_DEVICE, name);
}

_Noreturn void ts_plat_arm64_entry(void *dtb)
{
	const char *problem = NULL;
	const struct ts_fdt *fdt = virt_devtree_open(dtb, &problem);
	const char *args, *why;

	virt_devtree_devices(fdt, &dev);
	virt_console_init(dev.uart, dev.uart_clock);
	/* Exceptions are reported from here on, also while parsing. */
	ts_arch_init();
	ts_arm_timer_init(dev.timer_freq);

	if (fdt) {
		ts_plat_devtree_memory(fdt);
		args = ts_plat_devtree_bootargs(fdt, &why);
		if (why)
			ts_plat_cmdline_refuse(why);
		else
			ts_plat_cmdline_set(args);
	} else {
		ts_printk("virt: no usable device tree (x0 = %p): %s. "
			  "Going on with the console at %#lx, no memory but "
			  "the image's, no interrupts.\n", dtb, problem,
			  (unsigned long)VIRT_UART0_BASE);
		ts_plat_memregion_add((uintptr_t)_ts_image_start,
				      (uintptr_t)_ts_image_end -
				      (uintptr_t)_ts_image_start,
				      TS_MEMR_IMAGE, "image");
	}
	add_device(dev.uart, dev.uart_size, "uart");
	add_device(dev.uart2, dev.uart2_size, "second uart");
	virt_debug_uart_found(dev.uart2, dev.uart2_clock);
	add_device(dev.gicd, dev.gicd_size, "gic distributor");
	add_device(dev.gicc, dev.gicc_size, "gic cpu interface");
	add_device(dev.gicr, dev.gicr_size, "gic redistributors");

	ts_arch_mmu_init();
	virt_irq_init(&dev);
	ts_arm64_psci_init(dev.psci);
	ts_boot_main();
}

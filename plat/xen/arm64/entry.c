/* From the arm64 boot code (arch/arm64/entry.S: Xen enters at EL1, MMU
 * off, x0 = the domain's device tree) to ts_boot_main(). Everything the
 * domain has is in that tree, read by plat/common as for QEMU virt; what
 * Xen must have given (RAM, a UART, a GIC, the timer) stops the boot
 * with a message when missing, rather than being guessed. */
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq.h>
#include <ts/arch/psci.h>
#include <ts/fdt.h>
#include <ts/intc/gic.h>
#include <ts/plat/boot.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree.h>
#include <ts/plat/devtree_devices.h>
#include <ts/plat/power.h>
#include <ts/timer/arm_generic.h>
#include "../xen.h"
#include "xen_arm64.h"

static struct ts_fdt fdt_store;
static struct ts_plat_dt_devices dev;

bool xen_detected(void)
{
	return true;
}

static _Noreturn void refuse(const char *what, const char *why)
{
	ts_printk("xen: %s: %s. Cannot boot.\n", what, why);
	ts_plat_poweroff(TS_EXIT_CRASH);
}

/* Xen's event interrupt: the upcall. */
static void evtchn_irq(void *arg, struct ts_regs *regs)
{
	(void)arg;
	(void)regs;
	xen_evtchn_upcall();
}

_Noreturn void ts_plat_arm64_entry(void *dtb)
{
	const char *problem = NULL, *missing;
	const struct ts_fdt *fdt;
	char ver[40];

	fdt = ts_plat_devtree_open(&fdt_store, dtb, XEN_GUEST_RAM0_BASE,
				   XEN_GUEST_RAM_END, &problem);
	ts_plat_devtree_devices(fdt, &dev);
	ts_plat_devtree_set(fdt);
	xen_arm64_console_init(dev.uart, dev.uart_sbsa, dev.uart_clock);
	/* Exceptions are reported from here on. */
	ts_arch_init();
	ts_arm_timer_init(dev.timer_freq);
	if (!fdt)
		refuse("no usable device tree", problem);
	missing = ts_plat_devtree_missing(&dev);
	if (missing)
		refuse("the device tree", missing);
	if (!ts_plat_devtree_memory(fdt))
		refuse("the device tree", "no RAM in its memory nodes");
	ts_plat_devtree_map_devices(&dev);
	ts_plat_devtree_cmdline(fdt);

	ts_arch_mmu_init();
	ts_plat_devtree_irq_init(&dev, "xen");
	ts_arm64_psci_init(dev.psci);
	xen_version_string(ver, sizeof(ver));
	ts_printk("xen: %s, console %s\n", ver,
#ifdef CONFIG_PLAT_XEN_CONSOLE_IO
		  "console_io"
#else
		  dev.uart_sbsa ? "vpl011" : "pl011"
#endif
		  );
	if (xen_shared_info_map()) {
		ts_arch_irq_set_handler(XEN_EVTCHN_INTID, evtchn_irq, NULL);
		ts_gic_enable(XEN_EVTCHN_INTID, 0);
	}
	ts_boot_main();
}

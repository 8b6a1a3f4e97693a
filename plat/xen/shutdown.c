/* Ending a run under Xen: the status to QEMU in test builds (the arch
 * part, PLAT_XEN_QEMU_EXIT), then SCHEDOP_shutdown with the reason Xen's
 * toolstack acts on (xl's on_poweroff / on_crash / on_reboot), then a
 * halted CPU. Before SCHEDOP_shutdown one line says how the domain ends
 * ("xen: shutdown: poweroff, exit status 3"): Xen itself prints nothing
 * when a domain shuts down and passes no exit status on, so this line is
 * the only record of it on the console, and the one make run ends a run
 * at (support/scripts/tsxen.py) when the image has no QEMU exit. */
#include <ts/arch/cpu.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "xen.h"

long xen_shutdown(unsigned int reason)
{
	unsigned int arg = reason;

	return xen_hypercall(XEN_HC_sched_op, SCHEDOP_shutdown,
			     (unsigned long)&arg, 0, 0, 0);
}

static _Noreturn void halt(void)
{
	for (;;)
		ts_arch_halt();
}

_Noreturn void ts_plat_reset(void)
{
	ts_arch_irq_disable();
	xen_arch_console_flush();
	if (xen_detected()) {	/* x86_64 under a plain PVH loader: no Xen */
		ts_printk("xen: shutdown: reboot\n");
		xen_arch_console_flush();
		xen_shutdown(SHUTDOWN_reboot);
	}
	halt();
}

_Noreturn void ts_plat_poweroff(int status)
{
	/* Each way out is tried once: one that traps (semihosting without
	 * QEMU) crashes, and the crash comes back here for the next. */
	static volatile int tried;

	ts_plat_poweroff_hooked(status);
	ts_arch_irq_disable();
	xen_arch_console_flush();
	if (tried == 0) {
		tried = 1;
		xen_arch_qemu_exit(status);
	}
	if (tried <= 1 && xen_detected()) {
		tried = 2;
		if (status == TS_EXIT_CRASH)
			ts_printk("xen: shutdown: crash\n");
		else
			ts_printk("xen: shutdown: poweroff, exit status %d\n",
				  status);
		xen_arch_console_flush();
		xen_shutdown(status == TS_EXIT_CRASH ? SHUTDOWN_crash :
			     SHUTDOWN_poweroff);
	}
	halt();
}

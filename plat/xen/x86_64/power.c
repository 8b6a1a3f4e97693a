/* Ending a run: under Xen, SCHEDOP_shutdown (poweroff, or crash for the
 * crash status: Xen's toolstack then keeps or restarts the domain as its
 * on_crash says; any other status is lost, Xen has no place for it);
 * under a plain PVH loader, QEMU's isa-debug-exit (PLAT_XEN_QEMU_EXIT),
 * as on kvm. */
#include <ts/arch/cpu.h>
#include <ts/plat/power.h>
#include <ts/pc.h>
#include "xen.h"
#include "xen_x86.h"

#define SCHEDOP_shutdown	2
#define SHUTDOWN_poweroff	0
#define SHUTDOWN_reboot		1
#define SHUTDOWN_crash		3

static void xen_shutdown(unsigned int reason)
{
	unsigned int arg = reason;	/* struct sched_shutdown */

	xen_hypercall(XEN_HC_sched_op, SCHEDOP_shutdown, (unsigned long)&arg,
		      0, 0, 0);
}

_Noreturn void ts_plat_reset(void)
{
	if (xen_detected())
		xen_shutdown(SHUTDOWN_reboot);
	ts_pc_reset();
}

_Noreturn void ts_plat_poweroff(int status)
{
	ts_plat_poweroff_hooked(status);
	if (xen_detected()) {
		xen_shutdown(status == TS_EXIT_CRASH ? SHUTDOWN_crash :
			     SHUTDOWN_poweroff);
	} else {
		ts_pc_console_flush();
#ifdef CONFIG_PLAT_XEN_QEMU_EXIT
		ts_pc_qemu_exit(status);
#endif
	}
	for (;;) {
		ts_arch_irq_disable();
		ts_arch_halt();
	}
}

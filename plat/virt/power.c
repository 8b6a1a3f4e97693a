/* Ending a run: the status to QEMU through semihosting if configured,
 * then PSCI SYSTEM_OFF, then a halted CPU. */
#include <ts/arch/cpu.h>
#include <ts/arch/psci.h>
#include <ts/arch/semihosting.h>
#include <ts/plat/power.h>
#include "virt.h"

_Noreturn void ts_plat_reset(void)
{
	ts_arch_irq_disable();
	virt_console_flush();
	ts_arm64_psci_call(TS_PSCI_SYSTEM_RESET, 0, 0, 0);
	for (;;)
		ts_arch_halt();
}

_Noreturn void ts_plat_poweroff(int status)
{
	/* Each way out is tried once: one that traps (semihosting on
	 * hardware, hvc without a hypervisor) crashes, and the crash
	 * comes back here for the next one. */
	static volatile int tried;

	ts_plat_poweroff_hooked(status);
	ts_arch_irq_disable();
	virt_console_flush();
#ifdef CONFIG_PLAT_VIRT_QEMU_EXIT
	if (tried == 0) {
		tried = 1;
		ts_arm64_semihosting_exit(ts_plat_qemu_exit_value(status));
	}
#else
	(void)status;
#endif
	if (tried <= 1) {
		tried = 2;
		ts_arm64_psci_call(TS_PSCI_SYSTEM_OFF, 0, 0, 0);
	}
	for (;;)
		ts_arch_halt();
}

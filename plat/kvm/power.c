/* Ending a run: report the status to QEMU if configured, then halt. */
#include <ts/arch/cpu.h>
#include <ts/plat/power.h>
#include <ts/pc.h>

_Noreturn void ts_plat_reset(void)
{
	ts_pc_reset();
}

_Noreturn void ts_plat_poweroff(int status)
{
	ts_plat_poweroff_hooked(status);
	ts_pc_console_flush();
#ifdef CONFIG_PLAT_KVM_QEMU_EXIT
	ts_pc_qemu_exit(status);
#else
	(void)status;
#endif
	for (;;) {
		ts_arch_irq_disable();
		ts_arch_halt();
	}
}

/* Ending a run: the status to QEMU through semihosting if configured,
 * then a watchdog reset into the firmware's halt state (or a reboot),
 * then a halted CPU. */
#include <ts/arch/cpu.h>
#include <ts/arch/semihosting.h>
#include <ts/bcm2835/watchdog.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "raspi.h"

#ifdef CONFIG_PLAT_RASPI_REBOOT
#define PARTITION	TS_WDOG_PARTITION_BOOT
#define WHAT		"rebooting"
#else
#define PARTITION	TS_WDOG_PARTITION_HALT
#define WHAT		"halting the board"
#endif

_Noreturn void ts_plat_reset(void)
{
	ts_arch_irq_disable();
	raspi_console_flush();
	ts_bcm2835_wdog_reset(TS_WDOG_PARTITION_BOOT);
	for (;;)
		ts_arch_halt();
}

_Noreturn void ts_plat_poweroff(int status)
{
	/* Each way out is tried once: semihosting traps on real hardware
	 * (an undefined instruction), the crash report that follows comes
	 * back here, and the next way is taken. */
	static volatile int tried;

	ts_plat_poweroff_hooked(status);
	ts_arch_irq_disable();
	raspi_console_flush();
#ifdef CONFIG_PLAT_RASPI_QEMU_EXIT
	if (tried == 0) {
		tried = 1;
		ts_arm64_semihosting_exit(ts_plat_qemu_exit_value(status));
	}
#endif
	if (tried <= 1) {
		tried = 2;
		ts_printk("raspi: exit status %d; %s\n", status, WHAT);
		raspi_console_flush();
		ts_bcm2835_wdog_reset(PARTITION);
	}
	for (;;)
		ts_arch_halt();
}

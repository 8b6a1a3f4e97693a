/* Ending a run: report the status to QEMU if configured, then halt. */
#include <ts/arch/cpu.h>
#include <ts/arch/x86.h>
#include <ts/plat/power.h>
#include "kvm.h"

/* QEMU -device isa-debug-exit,iobase=0xf4,iosize=0x04: QEMU exits with
 * (value << 1) | 1; the value comes from ts_plat_qemu_exit_value(). */
#define QEMU_DEBUG_EXIT_PORT 0xf4

/* PIIX3's reset control register: bit 1 "system reset", bit 2 "do it". */
#define RESET_CONTROL_PORT	0xcf9
#define KBC_COMMAND_PORT	0x64
#define KBC_PULSE_RESET		0xfe

_Noreturn void ts_plat_reset(void)
{
	ts_arch_irq_disable();
	kvm_console_flush();
	outb(RESET_CONTROL_PORT, 0x02);
	outb(RESET_CONTROL_PORT, 0x06);
	outb(KBC_COMMAND_PORT, KBC_PULSE_RESET);	/* older chipsets */
	for (;;)
		ts_arch_halt();
}

_Noreturn void ts_plat_poweroff(int status)
{
	ts_plat_poweroff_hooked(status);
	kvm_console_flush();
#ifdef CONFIG_PLAT_KVM_QEMU_EXIT
	outl(QEMU_DEBUG_EXIT_PORT, ts_plat_qemu_exit_value(status));
#else
	(void)status;
#endif
	for (;;) {
		ts_arch_irq_disable();
		ts_arch_halt();
	}
}

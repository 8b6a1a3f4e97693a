/* Ending a run: report the status to QEMU if configured, then halt. */
#include <ts/arch/cpu.h>
#include <ts/arch/x86.h>
#include <ts/plat/power.h>
#include "kvm.h"

/* QEMU -device isa-debug-exit,iobase=0xf4,iosize=0x04: QEMU exits with
 * (value << 1) | 1. The value written is status + 1 (1..126), or 127 for a
 * crash, so QEMU's own failure code 1 and a reset (0) stay distinct from
 * every status (support/scripts/tsqemu.py decodes it). */
#define QEMU_DEBUG_EXIT_PORT 0xf4

_Noreturn void ts_plat_poweroff(int status)
{
	/* Negative values are failures: never turn them into 0. */
	if (status != TS_EXIT_CRASH && (status < 0 || status > 125))
		status = 125;
	kvm_console_flush();
#ifdef CONFIG_PLAT_KVM_QEMU_EXIT
	outl(QEMU_DEBUG_EXIT_PORT,
	     status == TS_EXIT_CRASH ? 127u : (uint32_t)status + 1);
#endif
	for (;;) {
		ts_arch_irq_disable();
		ts_arch_halt();
	}
}

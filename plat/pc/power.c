/* The PC's ways out: QEMU's isa-debug-exit device and the reset ports.
 * Each platform decides when to use them (plat/kvm/power.c,
 * plat/xen/x86_64/power.c). */
#include <ts/arch/cpu.h>
#include <ts/arch/x86.h>
#include <ts/plat/power.h>
#include <ts/pc.h>

/* QEMU -device isa-debug-exit,iobase=0xf4,iosize=0x04: QEMU exits with
 * (value << 1) | 1; the value comes from ts_plat_qemu_exit_value(). */
#define QEMU_DEBUG_EXIT_PORT 0xf4

/* PIIX3's reset control register: bit 1 "system reset", bit 2 "do it". */
#define RESET_CONTROL_PORT	0xcf9
#define KBC_COMMAND_PORT	0x64
#define KBC_PULSE_RESET		0xfe

void ts_pc_qemu_exit(int status)
{
	outl(QEMU_DEBUG_EXIT_PORT, ts_plat_qemu_exit_value(status));
}

_Noreturn void ts_pc_reset(void)
{
	ts_arch_irq_disable();
	ts_pc_console_flush();
	outb(RESET_CONTROL_PORT, 0x02);
	outb(RESET_CONTROL_PORT, 0x06);
	outb(KBC_COMMAND_PORT, KBC_PULSE_RESET);	/* older chipsets */
	for (;;)
		ts_arch_halt();
}

/* Interrupt controllers: only the local APIC delivers interrupts; the
 * legacy PICs are moved off the exception vectors and masked. */
#include <errno.h>
#include <ts/arch/irq.h>
#include <ts/intc/i8259.h>
#include <ts/intc/lapic.h>
#include <ts/plat/console.h>
#include <ts/timer/i8254.h>
#include <ts/pc.h>

int ts_pc_irq_init(void)
{
	int r;

	ts_i8259_disable(TS_X86_VEC_PIC_BASE);
	/* The firmware's 18.2 Hz tick would only wake the emulator for
	 * nothing: it can never get through the masked PIC. */
	ts_i8254_stop_tick();

	r = ts_lapic_init();
	if (r)
		ts_printk(PC_NAME ": local APIC unusable (%s): no timer "
			  "interrupts\n", r == -ERANGE ?
			  "its registers lie outside 0xC0000000-4 GiB" :
			  "the CPU has none");
	return r;
}

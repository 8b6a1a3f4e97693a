/* The C side of exception entry: interrupts go to irq.c, synchronous
 * exceptions to a hook if one is set (a debugger stub), everything else
 * to lib/debug's fatal report. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/trap.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "internal.h"

static ts_arch_trap_fn hooks[TS_ARM64_NR_EC];

ts_arch_trap_fn ts_arch_trap_set_handler(unsigned int ec, ts_arch_trap_fn fn)
{
	ts_arch_trap_fn old;

	if (ec >= TS_ARM64_NR_EC)
		return NULL;
	old = hooks[ec];
	hooks[ec] = fn;
	return old;
}


int ts_arch_trap(struct ts_regs *regs)
{
	unsigned int kind = TS_ARM64_VEC_KIND(regs->vector);
	unsigned int group = TS_ARM64_VEC_GROUP(regs->vector);
	unsigned int ec = TS_ARM64_ESR_EC(regs->esr);

	if (kind == TS_ARM64_VEC_IRQ && group == TS_ARM64_VEC_EL1_SP0) {
		arm64_irq_dispatch(regs);
		return arm64_irq_preempt_wanted();
	}
	if (kind == TS_ARM64_VEC_SYNC && hooks[ec] && hooks[ec](regs))
		return 0;
	ts_debug_fatal_exception(regs);
}

/* The exception stack itself overflowed (vectors.S): no stack to run a
 * report on, so one raw line and stop. */
_Noreturn void arm64_exc_stack_overflow(void)
{
	ts_plat_console_puts("\n*** CPU exception: exception stack overflow: an "
		"exception inside exception handlers, ESR ");
	ts_plat_console_puthex(ts_arm64_read_sysreg(esr_el1));
	ts_plat_console_puts(" at PC ");
	ts_plat_console_puthex(ts_arm64_read_sysreg(elr_el1));
	ts_plat_console_puts(" (FAR ");
	ts_plat_console_puthex(ts_arm64_read_sysreg(far_el1));
	ts_plat_console_puts("); giving up\n");
	ts_plat_crash();
}

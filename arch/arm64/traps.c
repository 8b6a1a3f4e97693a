/* The C side of exception entry: interrupts go to irq.c, synchronous
 * exceptions to a hook if one is set (a debugger stub), everything else
 * to the crash report. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/trap.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "internal.h"

static ts_arch_trap_fn hooks[TS_ARM64_NR_EC];

/* How many exceptions are being reported right now: a fault inside the
 * report must not recurse. */
static volatile int nesting;

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
	if (kind == TS_ARM64_VEC_SYNC && nesting == 0 && hooks[ec] &&
	    hooks[ec](regs))
		return 0;

	nesting++;
	if (nesting == 1) {
		ts_arch_fault_report(regs);
	} else if (nesting == 2) {
		ts_plat_console_puts("\n*** CPU exception: nested exception, ESR ");
		ts_plat_console_puthex(regs->esr);
		ts_plat_console_puts(" at PC ");
		ts_plat_console_puthex(regs->pc);
		ts_plat_console_puts(" (FAR ");
		ts_plat_console_puthex(regs->far);
		ts_plat_console_puts(") while reporting an earlier one; giving up\n");
	}
	/* A third fault (in the lines above) goes straight here. */
	ts_plat_crash();
}

_Noreturn void arm64_exc_stack_overflow(void)
{
	nesting = 2;
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

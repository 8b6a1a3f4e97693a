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

/* Minimal output for a fault inside the report: no vsnprintf, which may
 * be what faulted. */
static void put_str(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ts_plat_console_write(s, n);
}

static void put_hex(uint64_t v)
{
	char buf[18];
	int i;

	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	ts_plat_console_write(buf, sizeof(buf));
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
		put_str("\n*** CPU exception: nested exception, ESR ");
		put_hex(regs->esr);
		put_str(" at PC ");
		put_hex(regs->pc);
		put_str(" (FAR ");
		put_hex(regs->far);
		put_str(") while reporting an earlier one; giving up\n");
	}
	/* A third fault (in the lines above) goes straight here. */
	ts_plat_crash();
}

_Noreturn void arm64_exc_stack_overflow(void)
{
	nesting = 2;
	put_str("\n*** CPU exception: exception stack overflow: an "
		"exception inside exception handlers, ESR ");
	put_hex(ts_arm64_read_sysreg(esr_el1));
	put_str(" at PC ");
	put_hex(ts_arm64_read_sysreg(elr_el1));
	put_str(" (FAR ");
	put_hex(ts_arm64_read_sysreg(far_el1));
	put_str("); giving up\n");
	ts_plat_crash();
}

/* The one fatal report of every architecture (CPU exception, panic,
 * failed assertion), meant to be read by a person on a serial line:
 *
 *   *** CPU exception: <what> at <pc>      (or *** PANIC: <message>)
 *       thread <name>, stack <lo>-<hi>
 *       <the cause in words: the architecture's lines>
 *       <registers: the architecture's lines>
 *       backtrace:
 *       #0 0x... function+0x1c
 *       <the last trace events, when tracing is on>
 *   *** end of report
 *
 * The architecture's trap code calls ts_debug_fatal_exception(); this
 * file asks it back, through <ts/arch/trap.h>, for what only it knows. */
#include <stdint.h>
#include <ts/arch/regs.h>
#include <ts/arch/trap.h>
#include <ts/debug.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include <ts/trace.h>
#include "debug_internal.h"

/* Reports in progress: a fault inside a report must not start another
 * one (it would fault again the same way). */
static volatile int nesting;

int debug_enter_report(void)
{
	return ++nesting;
}

static void (*fatal_hook)(struct ts_regs *regs);

void ts_debug_set_fatal_hook(void (*fn)(struct ts_regs *regs))
{
	fatal_hook = fn;
}

_Noreturn void ts_debug_fatal_stop(struct ts_regs *regs)
{
	/* A debugger stub takes over here (and may not come back). */
	if (fatal_hook)
		fatal_hook(regs);
	ts_plat_crash();
}

static const char *symbol_words(uint64_t addr, char *buf, unsigned long len)
{
	return debug_symbol_words(addr, buf, len);
}

static const struct ts_fault_words fault_words = {
	debug_where, symbol_words,
};

void debug_report_body(struct ts_regs *regs, int is_exception)
{
	const struct debug_stack *s;
	const char *name = NULL;
	uint64_t sp = ts_regs_sp(regs), addr;

	debug_load_context();
	s = debug_thread(&name);
	if (s) {
		const struct debug_stack *g = debug_guard_of(sp);

		if ((is_exception && !ts_arch_fault_address(regs, &addr) &&
		     debug_guard_of(addr) == s) || g == s)
			ts_printk("    stack overflow in thread %s: its stack "
				  "%#lx-%#lx is full\n", name,
				  (unsigned long)s->lo, (unsigned long)s->hi);
		ts_printk("    thread %s, stack %#lx-%#lx\n", name,
			  (unsigned long)s->lo, (unsigned long)s->hi);
	} else if (name) {
		ts_printk("    thread %s\n", name);
	} else {
		ts_printk("    no thread (boot context)\n");
	}
	if (is_exception)
		ts_arch_fault_describe(regs, &fault_words);
	if (debug_guard_of(sp))
		ts_printk("    SP %#lx: %s\n", (unsigned long)sp,
			  debug_where(sp));
	ts_arch_regs_print(regs);
	debug_backtrace(is_exception ? regs : NULL, ts_regs_pc(regs),
			ts_regs_fp(regs), !is_exception);
	ts_trace_panic_dump();
	ts_printk("*** end of report\n");
}

_Noreturn void ts_debug_fatal_exception(struct ts_regs *regs)
{
	int n = debug_enter_report();

	if (n == 1) {
		char title[160];

		ts_arch_fault_title(regs, title, sizeof(title));
		ts_printk("\n*** CPU exception: %s\n", title);
		debug_report_body(regs, 1);
	} else if (n == 2) {
		/* Without the C library: it may be what failed. */
		ts_plat_console_puts("\n*** CPU exception: nested exception");
		ts_arch_fault_raw(regs);
		ts_plat_console_puts(" while reporting an earlier one; "
				     "giving up\n");
	}
	/* A third fault (in the lines above) comes straight here. */
	ts_debug_fatal_stop(regs);
}

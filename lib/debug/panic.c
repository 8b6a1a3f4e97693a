/* ts_panic() and failed assertions: the report of a CPU exception with
 * the registers of the call, so the backtrace starts in the function
 * that gave up. */
#include <stdarg.h>
#include <stdio.h>
#include <ts/arch/regs.h>
#include <ts/arch/trap.h>
#include <ts/debug.h>
#include <ts/plat/console.h>
#include "debug_internal.h"

/* The registers as the caller of the function that calls this had them
 * at its call: general registers from here (those the callee saved
 * may differ), pc, sp and fp exactly. Must be a macro: the builtins
 * refer to the function it is used in. inside gets the registers of
 * this function itself, all exact (ts_debug_panic_regs()). */
#define CAPTURE_CALLER(r, inside)                                           \
	do {                                                                \
		ts_arch_regs_capture(inside);                               \
		*(r) = *(inside);                                           \
		panic_inside = (inside);                                    \
		ts_regs_set_pc(r, (uint64_t)(uintptr_t)                     \
			       __builtin_return_address(0));                \
		ts_regs_set_sp(r, (uint64_t)(uintptr_t)                     \
			       __builtin_dwarf_cfa());                      \
		/* The caller's frame pointer, saved in this function's  \
		 * frame record (the same layout on every architecture). */ \
		ts_regs_set_fp(r, *(const uint64_t *)                       \
			       __builtin_frame_address(0));                 \
	} while (0)

static const struct ts_regs *panic_inside;

const struct ts_regs *ts_debug_panic_regs(void)
{
	return panic_inside;
}

static _Noreturn void panic_report(struct ts_regs *regs, const char *fmt,
				   va_list ap)
{
	int n = debug_enter_report();

	if (n == 1) {
		char msg[200];

		vsnprintf(msg, sizeof(msg), fmt, ap);
		ts_printk("\n*** PANIC: %s\n", msg);
		debug_report_body(regs, 0);
	} else if (n == 2) {
		ts_plat_console_puts("\n*** PANIC: ");
		ts_plat_console_puts(fmt);
		ts_plat_console_puts(" (while reporting an earlier fault; "
				     "giving up)\n");
	}
	ts_debug_fatal_stop(regs);
}

static _Noreturn void panic_with(struct ts_regs *regs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_report(regs, fmt, ap);
}

_Noreturn void ts_panic(const char *fmt, ...)
{
	struct ts_regs regs, inside;
	va_list ap;

	CAPTURE_CALLER(&regs, &inside);
	va_start(ap, fmt);
	panic_report(&regs, fmt, ap);
}

_Noreturn void ts__assert_fail(const char *expr, const char *file, int line,
			       const char *func)
{
	struct ts_regs regs, inside;

	CAPTURE_CALLER(&regs, &inside);
	panic_with(&regs, "assertion failed: %s, at %s:%d in %s()", expr,
		   file, line, func);
}

static void value_words(char *buf, size_t len, unsigned long long v,
			int kind)
{
	switch (kind) {
	case 2: /* signed */
	case 3: /* floating point, truncated */
		snprintf(buf, len, "%lld", (long long)v);
		break;
	case 1: /* unsigned */
		if (v < 10)
			snprintf(buf, len, "%llu", v);
		else
			snprintf(buf, len, "%llu (%#llx)", v, v);
		break;
	default: /* pointers */
		snprintf(buf, len, "%#llx", v);
		break;
	}
}

_Noreturn void ts__assert_cmp_fail(const char *a_text, const char *op,
				   const char *b_text,
				   unsigned long long a, int a_kind,
				   unsigned long long b, int b_kind,
				   const char *file, int line,
				   const char *func)
{
	struct ts_regs regs, inside;
	char av[48], bv[48];

	CAPTURE_CALLER(&regs, &inside);
	value_words(av, sizeof(av), a, a_kind);
	value_words(bv, sizeof(bv), b, b_kind);
	panic_with(&regs, "assertion failed: %s %s %s (%s %s %s), at %s:%d "
		   "in %s()", a_text, op, b_text, av, op, bv, file, line,
		   func);
}

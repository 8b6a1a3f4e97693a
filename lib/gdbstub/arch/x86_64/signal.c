/* The signal GDB sees for a fatal x86 exception (a stop of the fatal
 * hook, image/entry.c): what a Unix process would have got. */
#include <ts/arch/trap.h>
#include <ts/arch/x86.h>
#include "gdb_arch.h"

int gdbstub_arch_fault_signal(const struct ts_regs *r)
{
	switch (r->vector) {
	case TS_X86_VEC_DE:
	case TS_X86_VEC_MF:
	case TS_X86_VEC_XM:
		return 8;	/* SIGFPE */
	case TS_X86_VEC_UD:
		return 4;	/* SIGILL */
	case TS_X86_VEC_DB:
	case TS_X86_VEC_BP:
		return 5;	/* SIGTRAP */
	case TS_X86_VEC_AC:
	case TS_X86_VEC_NP:
	case TS_X86_VEC_MC:
		return 7;	/* SIGBUS */
	default:
		/* A ts_panic() has vector -1 (regs_capture.S). */
		return r->vector < TS_X86_NR_EXCEPTIONS ? 11 : 0;
	}
}

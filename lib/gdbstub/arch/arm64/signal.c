/* The signal GDB sees for a fatal arm64 exception (a stop of the fatal
 * hook, image/entry.c): what a Unix process would have got, from the
 * exception class and fault status of the syndrome. */
#include <stdint.h>
#include <ts/arch/trap.h>
#include "gdb_arch.h"

#define SIGILL	4
#define SIGTRAP	5
#define SIGBUS	7
#define SIGFPE	8
#define SIGSEGV	11

#define DFSC(esr)		((esr) & 0x3f)
#define DFSC_ALIGNMENT		0x21

int gdbstub_arch_fault_signal(const struct ts_regs *r)
{
	if (r->vector == (uint64_t)-1)	/* ts_arch_regs_capture(): a panic */
		return 0;
	if (TS_ARM64_VEC_KIND(r->vector) == TS_ARM64_VEC_SERROR)
		return SIGBUS;
	if (TS_ARM64_VEC_KIND(r->vector) != TS_ARM64_VEC_SYNC)
		return SIGTRAP;	/* an unexpected interrupt */
	switch (TS_ARM64_ESR_EC(r->esr)) {
	case TS_ARM64_EC_UNKNOWN:
	case TS_ARM64_EC_ILLEGAL:
	case TS_ARM64_EC_SVC64:
	case TS_ARM64_EC_HVC64:
	case TS_ARM64_EC_SMC64:
	case TS_ARM64_EC_SYS64:
	case TS_ARM64_EC_FP_ACCESS:
		return SIGILL;
	case TS_ARM64_EC_PC_ALIGN:
	case TS_ARM64_EC_SP_ALIGN:
		return SIGBUS;
	case TS_ARM64_EC_IABT_LOW:
	case TS_ARM64_EC_IABT_CUR:
	case TS_ARM64_EC_DABT_LOW:
	case TS_ARM64_EC_DABT_CUR:
		return DFSC(r->esr) == DFSC_ALIGNMENT ? SIGBUS : SIGSEGV;
	case TS_ARM64_EC_FP_EXC64:
		return SIGFPE;
	case TS_ARM64_EC_BRK64:
	case TS_ARM64_EC_BKPT_LOW:
	case TS_ARM64_EC_BKPT_CUR:
	case TS_ARM64_EC_STEP_LOW:
	case TS_ARM64_EC_STEP_CUR:
	case TS_ARM64_EC_WATCH_LOW:
	case TS_ARM64_EC_WATCH_CUR:
		return SIGTRAP;
	default:
		return SIGSEGV;
	}
}

/* What a debugger stub asks about contexts other than a debug exception:
 * the signal GDB should see for a fatal exception, and the registers a
 * switched-out thread left in its switch frame. */
#include <stdint.h>
#include <ts/arch/ctx.h>
#include <ts/arch/gdb.h>
#include <ts/arch/trap.h>

#define SIGILL	4
#define SIGTRAP	5
#define SIGBUS	7
#define SIGFPE	8
#define SIGSEGV	11

#define DFSC(esr)		((esr) & 0x3f)
#define DFSC_ALIGNMENT		0x21
/* SPSR_EL1.M: EL1 with SP_EL0, where all code runs. */
#define PSTATE_EL1T		0x4

int ts_arch_dbg_fault_signal(const struct ts_regs *r)
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

void ts_arch_ctx_regs(const struct ts_arch_ctx *ctx, struct ts_regs *r)
{
	/* The switch frame (<ts/arch/ctx.h>): x19-x28, x29, x30, then FP
	 * state. The thread is inside ts_arch_ctx_switch(), about to
	 * return to x30 with sp above the frame. Read safely: a corrupt
	 * thread must not fault the stub. */
	uint64_t f[12];
	int i;

	for (i = 0; i < (int)(sizeof(*r) / sizeof(uint64_t)); i++)
		((uint64_t *)r)[i] = 0;
	r->sp = ctx->sp + TS_ARCH_CTX_FRAME;
	r->pstate = PSTATE_EL1T;
	r->vector = (uint64_t)-1;
	if (ts_arch_mem_read_safe(ctx->sp, f, sizeof(f)) != (long)sizeof(f))
		return;
	for (i = 0; i < 10; i++)
		r->x[19 + i] = f[i];
	r->x[29] = f[10];
	r->x[30] = f[11];
	r->pc = f[11];
}

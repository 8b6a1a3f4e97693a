/* The registers a switched-out thread left in its switch frame
 * (<ts/arch/debug.h>), for whoever shows a thread that is not running
 * (a debugger stub's thread list). */
#include <stdint.h>
#include <ts/arch/ctx.h>
#include <ts/arch/debug.h>

/* SPSR_EL1.M: EL1 with SP_EL0, where all code runs. */
#define PSTATE_EL1T		0x4

void ts_arch_ctx_regs(const struct ts_arch_ctx *ctx, struct ts_regs *r)
{
	/* The switch frame (<ts/arch/ctx.h>): x19-x28, x29, x30, then FP
	 * state. The thread is inside ts_arch_ctx_switch(), about to
	 * return to x30 with sp above the frame. Read safely: a corrupt
	 * thread must not fault the caller. */
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

/* The registers a switched-out thread left in its switch frame
 * (<ts/arch/debug.h>), for whoever shows a thread that is not running
 * (a debugger stub's thread list). */
#include <stdint.h>
#include <ts/arch/ctx.h>
#include <ts/arch/debug.h>

void ts_arch_ctx_regs(const struct ts_arch_ctx *ctx, struct ts_regs *r)
{
	/* The switch frame (<ts/arch/ctx.h>): MXCSR/FCW, r15, r14, r13,
	 * r12, rbx, rbp, return address. */
	const uint64_t *f = (const uint64_t *)ctx->sp;
	uint16_t cs, ss;

	__builtin_memset(r, 0, sizeof(*r));
	r->r15 = f[1];
	r->r14 = f[2];
	r->r13 = f[3];
	r->r12 = f[4];
	r->rbx = f[5];
	r->rbp = f[6];
	r->rip = f[7];
	r->rsp = ctx->sp + TS_ARCH_CTX_FRAME;	/* as after the return */
	__asm__("mov %%cs, %0" : "=r"(cs));
	__asm__("mov %%ss, %0" : "=r"(ss));
	r->cs = cs;
	r->ss = ss;
	r->rflags = 0x2;
	r->vector = (uint64_t)-1;
}

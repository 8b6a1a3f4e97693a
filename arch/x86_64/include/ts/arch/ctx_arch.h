/* x86_64's part of <ts/arch/ctx.h>, which declares the functions and
 * says what they do; included only from there. The same code also
 * builds for the host (bench/sched-native).
 *
 * The System V callee-saved set, which a switch saves: rbx, rbp,
 * r12-r15, the MXCSR control bits and the x87 control word; SSE
 * registers are all dead across a call. A preempted thread keeps its
 * whole register and FPU/SSE state (fxsave) in the interrupt frame on
 * its own stack (trap_entry.S). */
#ifndef TS_ARCH_CTX_H
#error "include <ts/arch/ctx.h>, not its architecture part"
#endif

/* The switch frame at ctx->sp, from low to high addresses: MXCSR (4
 * bytes), x87 control word (2, padded to 4), r15, r14, r13, r12, rbx,
 * rbp, return address. A new thread's frame holds its entry function in
 * r13 and the argument in r14, for ts_arch_ctx_start. */
#define TS_ARCH_CTX_FRAME	64

#ifndef __ASSEMBLER__
/* The power-on defaults: all exceptions masked, round to nearest,
 * double-extended x87 precision. */
static inline void ts_arch_ctx_init(struct ts_arch_ctx *ctx, void *top,
				    void (*fn)(void *), void *arg)
{
	uint64_t *f = (uint64_t *)(((uintptr_t)top & ~(uintptr_t)15) -
				   TS_ARCH_CTX_FRAME);

	f[0] = 0x1f80 | (0x037fULL << 32);	/* MXCSR, x87 control word */
	f[1] = 0;				/* r15 */
	f[2] = (uintptr_t)arg;			/* r14 */
	f[3] = (uintptr_t)fn;			/* r13 */
	f[4] = 0;				/* r12 */
	f[5] = 0;				/* rbx */
	f[6] = 0;				/* rbp: end of the chain */
	f[7] = (uintptr_t)ts_arch_ctx_start;	/* return address */
	ctx->sp = (uintptr_t)f;
}
#endif /* __ASSEMBLER__ */

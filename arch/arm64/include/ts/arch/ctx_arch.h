/* arm64's part of <ts/arch/ctx.h>, which declares the functions and says
 * what they do; included only from there.
 *
 * AAPCS64's callee-saved set, which a switch saves: x19-x29, the link
 * register, d8-d15 (the low halves of v8-v15) and FPCR. A preempted
 * thread keeps x0-x30, q0-q31, FPSR and FPCR in the interrupt frame,
 * which the exception entry moves from the exception stack onto the
 * thread's own stack (vectors.S). */
#ifndef TS_ARCH_CTX_H
#error "include <ts/arch/ctx.h>, not its architecture part"
#endif

/* The switch frame at ctx->sp, in 8-byte words: x19-x28 (0-9), x29
 * (10), x30 (11), d8-d15 (12-19), FPCR (20), padding. A new thread's
 * frame holds its entry function in x19 and the argument in x20, for
 * ts_arch_ctx_start. */
#define TS_ARCH_CTX_FRAME	176

#ifndef __ASSEMBLER__
/* FPCR 0: round to nearest, no traps. */
static inline void ts_arch_ctx_init(struct ts_arch_ctx *ctx, void *top,
				    void (*fn)(void *), void *arg)
{
	uint64_t *f = (uint64_t *)(((uintptr_t)top & ~(uintptr_t)15) -
				   TS_ARCH_CTX_FRAME);
	int i;

	for (i = 0; i < TS_ARCH_CTX_FRAME / 8; i++)
		f[i] = 0;
	f[0] = (uintptr_t)fn;			/* x19 */
	f[1] = (uintptr_t)arg;			/* x20 */
	f[11] = (uintptr_t)ts_arch_ctx_start;	/* x30 */
	ctx->sp = (uintptr_t)f;
}
#endif /* __ASSEMBLER__ */

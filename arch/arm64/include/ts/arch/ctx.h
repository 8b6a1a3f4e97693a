/* Thread contexts (arm64): what a thread that is not running leaves
 * behind, and the switch between two of them. The scheduler (lib/sched)
 * is the user.
 *
 * A switch is a function call, so it saves only what AAPCS64 says a
 * callee preserves: x19-x29, the link register, d8-d15 (the low halves
 * of v8-v15) and FPCR. Every other register is dead across the call
 * already. A thread that is preempted instead keeps x0-x30, q0-q31,
 * FPSR and FPCR in the interrupt frame, which the exception entry moves
 * from the exception stack onto the thread's own stack (vectors.S). */
#ifndef TS_ARCH_CTX_H
#define TS_ARCH_CTX_H

/* The switch frame at ctx->sp, in 8-byte words: x19-x28 (0-9), x29
 * (10), x30 (11), d8-d15 (12-19), FPCR (20), padding. A new thread's
 * frame holds its entry function in x19 and the argument in x20, for
 * ts_arch_ctx_start. */
#define TS_ARCH_CTX_FRAME	176

#ifndef __ASSEMBLER__
#include <stdint.h>

struct ts_arch_ctx {
	uintptr_t sp;
};

/* Save the running thread's state in from, continue with to. Returns
 * when some thread switches back to from. Interrupts are not touched. */
void ts_arch_ctx_switch(struct ts_arch_ctx *from, struct ts_arch_ctx *to);

/* switch.S: where a new thread's first switch "returns" to; calls
 * fn(arg) with an empty frame-record chain. fn must not return. */
void ts_arch_ctx_start(void);

/* Prepare ctx so that the first switch to it runs fn(arg) on the stack
 * ending at top (rounded down to 16 bytes), with FPCR 0 (round to
 * nearest, no traps), as at reset. */
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
#endif

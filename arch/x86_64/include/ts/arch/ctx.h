/* Thread contexts (x86_64): what a thread that is not running leaves
 * behind, and the switch between two of them. The scheduler (lib/sched)
 * is the user; the same code also builds for the host (bench/).
 *
 * A switch is a function call, so it saves only what the System V ABI
 * says a callee preserves: rbx, rbp, r12-r15, the MXCSR control bits
 * and the x87 control word. Every other register, SSE included, is dead
 * across the call already. A thread that is preempted instead keeps its
 * whole register and FPU/SSE state (fxsave) in the interrupt frame on
 * its own stack, below the switch frame (trap_entry.S). */
#ifndef TS_ARCH_CTX_H
#define TS_ARCH_CTX_H

/* The switch frame at ctx->sp, from low to high addresses: MXCSR (4
 * bytes), x87 control word (2, padded to 4), r15, r14, r13, r12, rbx,
 * rbp, return address. A new thread's frame holds its entry function in
 * r13 and the argument in r14, for ts_arch_ctx_start. */
#define TS_ARCH_CTX_FRAME	64

#ifndef __ASSEMBLER__
#include <stdint.h>

struct ts_arch_ctx {
	uintptr_t sp;
};

/* Save the running thread's state in from, continue with to. Returns
 * when some thread switches back to from. Interrupts are not touched. */
void ts_arch_ctx_switch(struct ts_arch_ctx *from, struct ts_arch_ctx *to);

/* switch.S: where a new thread's first switch "returns" to; calls
 * fn(arg) with an empty frame-pointer chain. fn must not return. */
void ts_arch_ctx_start(void);

/* Prepare ctx so that the first switch to it runs fn(arg) on the stack
 * ending at top (rounded down to 16 bytes). The FPU/SSE control state
 * starts at the power-on defaults: all exceptions masked, round to
 * nearest, double-extended x87 precision. */
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
#endif

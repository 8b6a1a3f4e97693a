/* Thread contexts: what a thread that is not running leaves behind, and
 * the switch between two of them. The scheduler (lib/sched) is the
 * user. A switch is a function call, so it saves only what the calling
 * convention says a callee preserves; every other register is dead
 * across the call already. A thread that is preempted instead keeps all
 * its registers and FP/SIMD state in the interrupt frame on its own
 * stack (<ts/arch/irq.h>), below its switch frame.
 *
 * The architecture interface (arch/README.md): this header declares,
 * <ts/arch/ctx_arch.h> of arch/<arch>/include defines the inline
 * functions and the switch frame's size TS_ARCH_CTX_FRAME (for
 * switch.S). Include this one. */
#ifndef TS_ARCH_CTX_H
#define TS_ARCH_CTX_H

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The stack pointer at the switch frame, which holds the rest. */
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
 * ending at top (rounded down to 16 bytes), with the FP control state
 * (rounding, exception masks) as at reset: round to nearest, no
 * traps. */
static inline void ts_arch_ctx_init(struct ts_arch_ctx *ctx, void *top,
				    void (*fn)(void *), void *arg);
#endif /* __ASSEMBLER__ */

#include <ts/arch/ctx_arch.h>

#endif

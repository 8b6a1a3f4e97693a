/* External interrupts: handlers by number, and preemption on the way
 * out of an interrupt. For arch, platform and driver code (the
 * interrupt controllers are drivers that use this) and lib/sched.
 *
 * The architecture interface (arch/README.md): this header declares,
 * <ts/arch/irq_arch.h> of arch/<arch>/include adds the numbers (x86_64:
 * the vector map) and the architecture's own interface to its interrupt
 * controllers. Include this one. */
#ifndef TS_ARCH_IRQ_H
#define TS_ARCH_IRQ_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <ts/arch/regs.h>

/* Runs with interrupts off and the FP/SIMD state already saved; it must
 * not enable interrupts. regs: the interrupted code's registers. */
typedef void (*ts_arch_irq_fn)(void *arg, struct ts_regs *regs);

/* Take interrupt number irq: a vector on x86_64 (TS_X86_VEC_FIRST_IRQ
 * to 254, not the spurious vector), the interrupt controller's number
 * on arm64 (GIC: INTID, below CONFIG_ARCH_ARM64_NR_IRQS). fn == NULL
 * gives it up. Returns 0, -EINVAL for a number that cannot be taken,
 * -EBUSY if another handler has it. Enabling the line at the controller
 * is the caller's business (the controller's driver). */
int ts_arch_irq_set_handler(unsigned int irq, ts_arch_irq_fn fn, void *arg);

/* Preemption on the way out of an interrupt (lib/sched, when it slices
 * time). After the handlers and the end-of-interrupt of an interrupt
 * that interrupted a thread, want() is asked with interrupts off; when
 * it says yes, run() is called with interrupts off on the interrupted
 * thread's own stack, as if that thread had called it at the
 * interrupted instruction. run() may switch threads; once it returns,
 * the interrupted code goes on with all its registers and its FP/SIMD
 * state. NULL, NULL turns preemption off. */
void ts_arch_irq_set_preempt(int (*want)(void), void (*run)(void));
#endif /* __ASSEMBLER__ */

#include <ts/arch/irq_arch.h>

#endif

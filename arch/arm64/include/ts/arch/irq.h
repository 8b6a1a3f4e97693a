/* External interrupts (arm64). The CPU has one IRQ input; the interrupt
 * controller driver (GIC, BCM2836 local controller...) registers itself
 * as the source of interrupt numbers, and this layer dispatches each
 * number to its handler. Numbers are the controller's (GIC: INTID). */
#ifndef TS_ARCH_IRQ_H
#define TS_ARCH_IRQ_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* Runs with interrupts off, on the exception stack, with the FP/SIMD
 * state already saved. It must not enable interrupts. */
typedef void (*ts_arch_irq_fn)(void *arg, struct ts_regs *regs);

/* Take interrupt number irq (below CONFIG_ARCH_ARM64_NR_IRQS). fn ==
 * NULL gives it up. Returns 0, -EINVAL for a number out of range,
 * -EBUSY if another handler has it. Enabling the line at the
 * controller is the caller's business (the controller's driver). */
int ts_arch_irq_set_handler(unsigned int irq, ts_arch_irq_fn fn, void *arg);

/* The interrupt controller, as the dispatcher needs it: ack() returns
 * the number of the highest-priority pending interrupt and marks it
 * active, or -1 when none is pending (spurious); eoi() ends it. ack()
 * is called until it returns -1, so several pending interrupts cost one
 * exception entry. mask() disables an interrupt that has no handler, so
 * that a level-triggered one cannot keep the CPU in the dispatcher. */
struct ts_arm64_irq_controller {
	const char *name;
	int (*ack)(void);
	void (*eoi)(unsigned int irq);
	void (*mask)(unsigned int irq);
};

void ts_arm64_irq_set_controller(const struct ts_arm64_irq_controller *c);

/* Preemption on the way out of an interrupt (lib/sched, when it slices
 * time). After the handlers and EOIs of an interrupt that interrupted
 * code on SP_EL0 (threads), want() is asked on the exception stack with
 * interrupts masked; when it says yes, the exception entry moves the
 * saved registers and FP/SIMD state onto the interrupted thread's own
 * stack and returns into a stub there, which calls run() with
 * interrupts masked, as if that thread had called it at the interrupted
 * instruction. run() may switch threads; once it returns, the thread
 * goes on with all its registers and FP/SIMD state. NULL, NULL turns
 * preemption off. */
void ts_arch_irq_set_preempt(int (*want)(void), void (*run)(void));

/* Interrupts taken on a number since boot (statistics, tests). */
uint64_t ts_arm64_irq_count(unsigned int irq);

#endif

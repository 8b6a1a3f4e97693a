/* arm64's part of <ts/arch/irq.h>; included only from there. The CPU has
 * one IRQ input; the interrupt controller driver (GIC, BCM2836 local
 * controller...) registers itself as the source of interrupt numbers,
 * and arch/arm64/irq.c dispatches each number to its handler. Handlers
 * run on the exception stack. For preemption, the exception entry moves
 * the saved registers and FP/SIMD state from the exception stack onto
 * the interrupted thread's own stack and returns into a stub there,
 * which calls run() (vectors.S). */
#ifndef TS_ARCH_IRQ_H
#error "include <ts/arch/irq.h>, not its architecture part"
#endif

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

/* Interrupts taken on a number since boot (statistics, tests). */
uint64_t ts_arm64_irq_count(unsigned int irq);

/* External interrupts: the IRQ vector asks the interrupt controller for
 * pending interrupt numbers and calls their handlers. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq.h>
#include <ts/arch/irq_save.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include <ts/trace.h>
#include "internal.h"

TS_TRACEPOINT(irq_entry, "irq %u", unsigned int);
TS_TRACEPOINT(irq_exit, "irq %u", unsigned int);

#ifndef CONFIG_ARCH_ARM64_NR_IRQS
#define CONFIG_ARCH_ARM64_NR_IRQS 256
#endif
#define NR_IRQS CONFIG_ARCH_ARM64_NR_IRQS

struct irq_handler {
	ts_arch_irq_fn fn;
	void *arg;
};

static struct irq_handler handlers[NR_IRQS];
static uint64_t counts[NR_IRQS];
static const struct ts_arm64_irq_controller *controller;
static int reported_unexpected;
static int (*preempt_want)(void);
static void (*preempt_run)(void);

int ts_arch_irq_set_handler(unsigned int irq, ts_arch_irq_fn fn, void *arg)
{
	int was_on;

	if (irq >= NR_IRQS)
		return -EINVAL;
	if (fn && handlers[irq].fn && handlers[irq].fn != fn)
		return -EBUSY;
	/* The interrupt may fire between the two stores. */
	was_on = ts_arch_irq_save();
	handlers[irq].fn = fn;
	handlers[irq].arg = arg;
	ts_arch_irq_restore(was_on);
	return 0;
}

void ts_arm64_irq_set_controller(const struct ts_arm64_irq_controller *c)
{
	controller = c;
}

void ts_arch_irq_set_preempt(int (*want)(void), void (*run)(void))
{
	int was_on = ts_arch_irq_save();

	preempt_want = want;
	preempt_run = run;
	ts_arch_irq_restore(was_on);
}

/* Asked on the exception stack, after the handlers and EOIs. */
int arm64_irq_preempt_wanted(void)
{
	return preempt_want && preempt_want();
}

void arm64_irq_preempt_run(void)
{
	preempt_run();
}

uint64_t ts_arm64_irq_count(unsigned int irq)
{
	return irq < NR_IRQS ? counts[irq] : 0;
}

/* The interrupted code's registers while an interrupt is handled, for a
 * debugger stub that stops the program from a timer (Ctrl-C):
 * <ts/arch/debug.h>. Interrupts do not nest, so one pointer is enough. */
static struct ts_regs *irq_frame;

struct ts_regs *ts_arch_dbg_irq_regs(void)
{
	return irq_frame;
}

void arm64_irq_dispatch(struct ts_regs *regs)
{
	int irq;

	if (!controller) {
		/* Nothing can acknowledge it: it would come back forever. */
		ts_printk("\n*** CPU exception: interrupt at PC %#lx, but no "
			  "interrupt controller driver is registered\n",
			  (unsigned long)regs->pc);
		ts_plat_crash();
	}
	irq_frame = regs;
	while ((irq = controller->ack()) >= 0) {
		trace_irq_entry((unsigned int)irq);
		if ((unsigned int)irq < NR_IRQS && handlers[irq].fn) {
			counts[irq]++;
			handlers[irq].fn(handlers[irq].arg, regs);
		} else {
			controller->mask((unsigned int)irq);
			/* Only the first: a storm would drown the console. */
			if (!reported_unexpected++)
				ts_printk("arm64: interrupt %d from %s has no "
					  "handler (or is above "
					  "CONFIG_ARCH_ARM64_NR_IRQS=%d); "
					  "masked, further ones are not "
					  "reported\n", irq, controller->name,
					  NR_IRQS);
		}
		controller->eoi((unsigned int)irq);
		trace_irq_exit((unsigned int)irq);
	}
	irq_frame = NULL;
}

/* No interrupts, no preemption in lib/sched's host build. */
#ifndef TS_ARCH_IRQ_H
#define TS_ARCH_IRQ_H

void ts_arch_irq_set_preempt(int (*want)(void), void (*run)(void));

#endif

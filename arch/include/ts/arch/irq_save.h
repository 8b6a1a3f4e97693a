/* Interrupts off around a short critical section, then back as they were
 * (every architecture, from the parts in <ts/arch/cpu.h>):
 *
 *     int was_on = ts_arch_irq_save();
 *     ... nothing may interrupt this ...
 *     ts_arch_irq_restore(was_on);
 *
 * Pairs nest: an inner pair leaves interrupts off.
 *
 * The architecture interface (arch/README.md): built on <ts/arch/cpu.h>
 * alone, so there is no irq_save_arch.h. */
#ifndef TS_ARCH_IRQ_SAVE_H
#define TS_ARCH_IRQ_SAVE_H

#include <ts/arch/cpu.h>

static inline int ts_arch_irq_save(void)
{
	int was_on = ts_arch_irq_enabled();

	ts_arch_irq_disable();
	return was_on;
}

static inline void ts_arch_irq_restore(int was_on)
{
	if (was_on)
		ts_arch_irq_enable();
}

#endif

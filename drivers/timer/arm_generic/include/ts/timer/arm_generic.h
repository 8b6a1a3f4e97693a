/* The Arm generic timer as the platform's clock and one-shot timer. */
#ifndef TS_TIMER_ARM_GENERIC_H
#define TS_TIMER_ARM_GENERIC_H

#include <stdint.h>
#include <ts/arch/regs.h>

/* Read the counter frequency (CNTFRQ_EL0, set by firmware or the
 * hypervisor) and stop the virtual timer. freq_hz overrides CNTFRQ when
 * non-zero (a device tree's "clock-frequency", for firmware that left
 * CNTFRQ unset). Returns 0, or -1 when no frequency is known: the clock
 * then runs as if at 1 GHz so that nothing divides by zero. */
int ts_arm_timer_init(uint32_t freq_hz);

/* The virtual timer's interrupt handler (a ts_arch_irq_fn): the
 * platform registers it for the timer's interrupt (on a GIC, the PPI of
 * the device tree's third "interrupts" entry of arm,armv8-timer, usually
 * INTID 27). Masks the timer, so that the level-triggered line drops,
 * and calls ts_plat_timer_expired(). */
void ts_arm_timer_irq(void *arg, struct ts_regs *regs);

#endif

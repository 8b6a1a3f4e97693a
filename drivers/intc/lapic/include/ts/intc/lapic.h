/* The x86 local APIC of the boot CPU: interrupt acceptance and the
 * timer. */
#ifndef TS_INTC_LAPIC_H
#define TS_INTC_LAPIC_H

#include <stdint.h>

/* Enable the local APIC: every interrupt priority accepted, local
 * interrupt lines masked (LINT0, where a PC's 8259 would come in) or NMI
 * (LINT1), spurious and error vectors from <ts/arch/irq.h>, and its EOI
 * given to the arch's interrupt dispatcher. Returns 0, -ENODEV when the
 * CPU has none, -ERANGE when its registers lie outside the uncached
 * device window the MMU maps (0xC0000000-4 GiB). */
int ts_lapic_init(void);

/* End of interrupt (the arch's dispatcher calls it). */
void ts_lapic_eoi(void);

/* The timer. One-shot counts at a rate the caller measures (bus or
 * crystal clock, divided by 1); TSC-deadline mode (CPUID) fires when
 * the TSC reaches a value, so needs no rate of its own. */
int ts_lapic_timer_has_tsc_deadline(void);

/* Stopped, interrupts on vector in the chosen mode. */
void ts_lapic_timer_setup(unsigned int vector, int tsc_deadline);

/* One-shot: interrupt after count ticks; 0 stops the timer. */
void ts_lapic_timer_oneshot(uint32_t count);

/* TSC-deadline: interrupt once the TSC reaches tsc; 0 disarms. */
void ts_lapic_timer_deadline(uint64_t tsc);

/* For measuring the rate: count down from 0xffffffff with the timer's
 * interrupt masked; ts_lapic_timer_current() reads the count. Call
 * ts_lapic_timer_setup() afterwards. */
void ts_lapic_timer_free_run(void);
uint32_t ts_lapic_timer_current(void);

#endif

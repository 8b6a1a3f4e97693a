/* arm64's part of <ts/arch/cpu.h>, which declares these and says what
 * they do; included only from there. */
#ifndef TS_ARCH_CPU_H
#error "include <ts/arch/cpu.h>, not its architecture part"
#endif

/* "wfi" also wakes for an interrupt that is pending but masked. */
static inline void ts_arch_halt(void)
{
	__asm__ __volatile__("dsb sy; wfi" ::: "memory");
}

static inline void ts_arch_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" ::: "memory");
}

static inline void ts_arch_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

/* PSTATE.I (DAIF bit 7) masks IRQs. */
static inline int ts_arch_irq_enabled(void)
{
	unsigned long daif;

	__asm__ __volatile__("mrs %0, daif" : "=r"(daif) :: "memory");
	return !(daif & (1UL << 7));
}

/* "wfi" wakes for an interrupt that is pending while still masked, so
 * one that arrived before it is not missed; unmasking then takes it. */
static inline void ts_arch_idle(void)
{
	__asm__ __volatile__("dsb sy; wfi; msr daifclr, #2" ::: "memory");
}

static inline void ts_arch_pause(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* "brk #0": what GDB plants (the stub's own breakpoints use another
 * immediate, <ts/arch/gdb.h>). */
static inline void ts_arch_breakpoint(void)
{
	__asm__ __volatile__("brk #0" ::: "memory");
}

/* The generic timer's virtual counter (CNTVCT_EL0): constant rate,
 * CNTFRQ_EL0 Hz. The isb keeps it from being read early. */
static inline uint64_t ts_arch_cycles(void)
{
	uint64_t v;

	__asm__ __volatile__("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}

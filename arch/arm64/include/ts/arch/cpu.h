/* CPU services every architecture offers under the same names. Code
 * outside arch/, plat/ and drivers/ uses only these, never arm64.h. */
#ifndef TS_ARCH_CPU_H
#define TS_ARCH_CPU_H

#include <stdint.h>

/* Wait for the next interrupt. "wfi" also wakes for an interrupt that
 * is pending but masked, so it returns at once if one is pending. */
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

/* Returns non-zero when interrupts (IRQ) were enabled. */
static inline int ts_arch_irq_enabled(void)
{
	unsigned long daif;

	__asm__ __volatile__("mrs %0, daif" : "=r"(daif) :: "memory");
	return !(daif & (1UL << 7));
}

/* Enable interrupts and wait for one, as one step: "wfi" wakes for an
 * interrupt that is pending while still masked, so one that arrived
 * between the caller's check and here is not missed; unmasking then
 * takes it. Returns with interrupts enabled. */
static inline void ts_arch_idle(void)
{
	__asm__ __volatile__("dsb sy; wfi; msr daifclr, #2" ::: "memory");
}

/* Spin-loop hint. */
static inline void ts_arch_pause(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* Software breakpoint: "brk #0" is what GDB itself plants, so a
 * debugger stub treats both alike. Without a debugger it gives a
 * "breakpoint instruction" exception report. */
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

/* Called once by the platform, in this order, before ts_boot_main():
 * ts_arch_init: exception vectors (the boot code installed them
 *   already, so faults in the platform's early code are reported too),
 *   FP/SIMD on;
 * ts_arch_mmu_init: the final page tables (needs the platform's memory
 *   table): page 0 and stack guard pages unmapped, text read-only,
 *   everything else not executable, devices only where the memory
 *   table lists them. */
void ts_arch_init(void);
void ts_arch_mmu_init(void);

#endif

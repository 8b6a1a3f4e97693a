/* CPU services every architecture offers under the same names. Code
 * outside arch/, plat/ and drivers/ uses only these, never x86.h. */
#ifndef TS_ARCH_CPU_H
#define TS_ARCH_CPU_H

#include <stdint.h>

/* Wait for the next interrupt (returns at once if one is pending). */
static inline void ts_arch_halt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

static inline void ts_arch_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void ts_arch_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

/* Returns non-zero when interrupts were enabled. */
static inline int ts_arch_irq_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags) :: "memory");
	return (flags >> 9) & 1;
}

/* Enable interrupts and wait for one, as one step: "sti" takes effect
 * only after the next instruction, so an interrupt that became pending
 * while they were off wakes the "hlt" instead of being missed. Returns
 * with interrupts enabled. */
static inline void ts_arch_idle(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

/* Spin-loop hint. */
static inline void ts_arch_pause(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/* Software breakpoint (int3): stops in an attached debugger, or gives
 * a "breakpoint" exception report when none is there. */
static inline void ts_arch_breakpoint(void)
{
	__asm__ __volatile__("int3" ::: "memory");
}

/* Free-running cycle counter (TSC). Its rate is not known here. */
static inline uint64_t ts_arch_cycles(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Called once by the platform, in this order, before ts_boot_main():
 * ts_arch_init: descriptor tables, exception handlers with their own
 *   stacks for double fault, NMI and machine check, FPU/SSE state;
 * ts_arch_mmu_init: the final page tables (needs the platform's memory
 *   table): page 0 and stack guard pages unmapped, text read-only,
 *   everything else not executable. */
void ts_arch_init(void);
void ts_arch_mmu_init(void);

#endif

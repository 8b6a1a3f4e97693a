/* CPU services every architecture provides under the same names. Code
 * outside arch/, plat/ and drivers/ uses only these, never
 * <ts/arch/arm64.h> or <ts/arch/x86.h>.
 *
 * The architecture interface (arch/README.md): each header of
 * arch/include/ts/arch/ declares what every architecture provides and
 * what it promises; at its end it includes the architecture's part of
 * the same name with _arch (here <ts/arch/cpu_arch.h>, from
 * arch/<arch>/include), which defines the inline functions declared here
 * and adds types and constants, never a declaration of its own. Include
 * this header, never the _arch part. */
#ifndef TS_ARCH_CPU_H
#define TS_ARCH_CPU_H

#include <stdint.h>

/* Wait for the next interrupt; returns at once if one is pending, also
 * while interrupts are masked. */
static inline void ts_arch_halt(void);

/* Mask and unmask external interrupts; whether they were unmasked
 * (non-zero). Pairs that nest: <ts/arch/irq_save.h>. */
static inline void ts_arch_irq_disable(void);
static inline void ts_arch_irq_enable(void);
static inline int ts_arch_irq_enabled(void);

/* Enable interrupts and wait for one, as one step: an interrupt that
 * became pending between the caller's last check and here wakes it
 * instead of being missed. Returns with interrupts enabled. */
static inline void ts_arch_idle(void);

/* Spin-loop hint. */
static inline void ts_arch_pause(void);

/* Software breakpoint: the instruction GDB itself plants, so that a
 * debugger stub treats both alike. Without a debugger it gives a
 * "breakpoint" exception report. */
static inline void ts_arch_breakpoint(void);

/* A free-running counter that never goes back. Its rate is the
 * architecture's (arm64: the generic timer's, CNTFRQ_EL0 Hz; x86_64:
 * the TSC's, not known here). */
static inline uint64_t ts_arch_cycles(void);

/* Called once by the platform, in this order, before ts_boot_main():
 * ts_arch_init: exception handling (with stacks of its own where a
 * fault may have none), FP/SIMD state usable;
 * ts_arch_mmu_init: the final page tables (needs the platform's memory
 *   table): page 0 and stack guard pages unmapped, text read-only,
 *   everything else not executable, and only what the memory table
 *   lists mapped at all. After it, <ts/arch/mmu.h> changes the map. */
void ts_arch_init(void);
void ts_arch_mmu_init(void);

#include <ts/arch/cpu_arch.h>

#endif

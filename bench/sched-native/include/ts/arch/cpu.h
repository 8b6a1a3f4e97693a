/* The CPU services lib/sched uses, for its host build (bench/): a host
 * process cannot mask interrupts, and has none. One thread of the host
 * process runs the scheduler's threads, so nothing needs masking. */
#ifndef TS_ARCH_CPU_H
#define TS_ARCH_CPU_H

#include <stdint.h>

static inline void ts_arch_irq_disable(void)
{
}

static inline void ts_arch_irq_enable(void)
{
}

static inline int ts_arch_irq_enabled(void)
{
	return 1;
}

/* Nothing wakes a halted host thread: the benchmarks never let the
 * scheduler run out of ready threads. */
static inline void ts_arch_idle(void)
{
	__builtin_trap();
}

static inline void ts_arch_pause(void)
{
	__asm__ __volatile__("pause");
}

#endif

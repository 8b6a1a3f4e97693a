/* The CPU services lib/trace uses, for its native benchmark: the real
 * time-stamp counter (x86_64 hosts), and no interrupts to mask (a host
 * process cannot, so the image's cli/sti are not part of the figure). */
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

static inline uint64_t ts_arch_cycles(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif

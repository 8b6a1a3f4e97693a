/* The CPU services lib/trace uses, for its host unit test: no interrupts
 * to mask, and a counter the test controls (trace_host_ticks, defined by
 * test_trace.c under its prefixed name), so timestamps are predictable. */
#ifndef TS_ARCH_CPU_H
#define TS_ARCH_CPU_H

#include <stdint.h>

extern uint64_t trace_host_ticks;

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
	return trace_host_ticks += 10;
}

#endif

/* The host's part of <ts/arch/cpu.h> (in place of an architecture's
 * cpu_arch.h), for tree code built into a host process
 * (support/build/host.mk: unit tests and native benchmarks). A host
 * process cannot mask interrupts and has none, so masking is a no-op;
 * one host thread runs everything. Put this folder on the tree side's
 * include path before any arch/<arch>/include folder (arch/include, with
 * the generic part, may come first).
 *
 * ts_arch_cycles(): the host's time-stamp counter (the native
 * benchmarks run on x86_64 hosts), or, with TS_HOST_FAKE_TICKS, a
 * counter the test itself holds (the variable named by that macro,
 * defined by the test under its prefixed name) and that every read
 * advances by 10, so that timestamps are predictable. */
#ifndef TS_ARCH_CPU_H
#error "include <ts/arch/cpu.h>, not its architecture part"
#endif

/* Nothing wakes a halted host thread, and no debugger waits for a
 * breakpoint: both stop the program. */
static inline void ts_arch_halt(void)
{
	__builtin_trap();
}

static inline void ts_arch_breakpoint(void)
{
	__builtin_trap();
}

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

/* Nothing wakes a halted host thread: host programs must never let the
 * scheduler run out of ready threads. */
static inline void ts_arch_idle(void)
{
	__builtin_trap();
}

static inline void ts_arch_pause(void)
{
	__asm__ __volatile__("pause");
}

#ifdef TS_HOST_FAKE_TICKS
extern uint64_t TS_HOST_FAKE_TICKS;

static inline uint64_t ts_arch_cycles(void)
{
	return TS_HOST_FAKE_TICKS += 10;
}
#else
static inline uint64_t ts_arch_cycles(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
#endif

/* x86_64's part of <ts/arch/cpu.h>, which declares these and says what
 * they do; included only from there. */
#ifndef TS_ARCH_CPU_H
#error "include <ts/arch/cpu.h>, not its architecture part"
#endif

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

/* RFLAGS.IF (bit 9). */
static inline int ts_arch_irq_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags) :: "memory");
	return (flags >> 9) & 1;
}

/* "sti" takes effect only after the next instruction, so an interrupt
 * that became pending while they were off wakes the "hlt". */
static inline void ts_arch_idle(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void ts_arch_pause(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/* int3: what GDB plants too. */
static inline void ts_arch_breakpoint(void)
{
	__asm__ __volatile__("int3" ::: "memory");
}

/* The time-stamp counter. */
static inline uint64_t ts_arch_cycles(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

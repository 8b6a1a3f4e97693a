/* The thread pointer (arm64): TPIDR_EL0, which compiled code reads TLS
 * through. The AArch64 ELF ABI uses TLS variant I: the thread pointer
 * points at a 16-byte thread control block (two words, the first for a
 * dynamic thread vector), and the static TLS block follows it.
 * lib/sched lays out each thread's TLS area that way. */
#ifndef TS_ARCH_TLS_H
#define TS_ARCH_TLS_H

#include <stdint.h>

#define TS_ARCH_TLS_VARIANT	1

static inline void ts_arch_tp_set(uintptr_t tp)
{
	__asm__ __volatile__("msr tpidr_el0, %0" :: "r"(tp) : "memory");
}

static inline uintptr_t ts_arch_tp_get(void)
{
	uintptr_t tp;

	__asm__ __volatile__("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}

#endif

/* The thread pointer (x86_64): the FS base, which compiled code reads
 * TLS through (%fs:offset). The x86_64 ELF ABI uses TLS variant II: the
 * thread pointer points at the thread control block, whose first word
 * holds the thread pointer itself, and the static TLS blocks lie below
 * it. lib/sched lays out each thread's TLS area that way. */
#ifndef TS_ARCH_TLS_H
#define TS_ARCH_TLS_H

#include <stdint.h>

#define TS_ARCH_TLS_VARIANT	2

#define TS_X86_MSR_FS_BASE	0xC0000100

/* Set by ts_arch_init() when the CPU has wrfsbase (CR4.FSGSBASE on):
 * it costs a few cycles where wrmsr costs around a hundred. */
extern int ts_x86_have_fsgsbase;

static inline void ts_arch_tp_set(uintptr_t tp)
{
	if (ts_x86_have_fsgsbase) {
		__asm__ __volatile__("wrfsbase %0" :: "r"(tp) : "memory");
	} else {
		__asm__ __volatile__("wrmsr" :: "c"(TS_X86_MSR_FS_BASE),
				     "a"((uint32_t)tp),
				     "d"((uint32_t)(tp >> 32)) : "memory");
	}
}

/* Reads the register itself, not a copy: tests compare the two. */
static inline uintptr_t ts_arch_tp_get(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi)
			     : "c"(TS_X86_MSR_FS_BASE));
	return ((uintptr_t)hi << 32) | lo;
}

#endif

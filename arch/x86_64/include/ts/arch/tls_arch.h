/* x86_64's part of <ts/arch/tls.h>; included only from there. The
 * thread pointer is the FS base (%fs:offset); the x86_64 ELF ABI uses
 * TLS variant II. */
#ifndef TS_ARCH_TLS_H
#error "include <ts/arch/tls.h>, not its architecture part"
#endif

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

static inline uintptr_t ts_arch_tp_get(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi)
			     : "c"(TS_X86_MSR_FS_BASE));
	return ((uintptr_t)hi << 32) | lo;
}

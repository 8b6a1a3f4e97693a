/* arm64's part of <ts/arch/tls.h>; included only from there. The thread
 * pointer is TPIDR_EL0; the AArch64 ELF ABI uses TLS variant I. */
#ifndef TS_ARCH_TLS_H
#error "include <ts/arch/tls.h>, not its architecture part"
#endif

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

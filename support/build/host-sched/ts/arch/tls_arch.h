/* The thread pointer in lib/sched's host build, in place of x86_64's part
 * of <ts/arch/tls.h>: left alone, since the host's C library keeps its
 * own TLS behind FS. */
#ifndef TS_ARCH_TLS_H
#error "include <ts/arch/tls.h>, not its architecture part"
#endif

#define TS_ARCH_TLS_VARIANT	2

static inline void ts_arch_tp_set(uintptr_t tp)
{
	(void)tp;
}

static inline uintptr_t ts_arch_tp_get(void)
{
	return 0;
}

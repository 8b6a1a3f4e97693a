/* The thread pointer in lib/sched's host build: left alone, since the
 * host's C library keeps its own TLS behind FS. */
#ifndef TS_ARCH_TLS_H
#define TS_ARCH_TLS_H

#include <stdint.h>

#define TS_ARCH_TLS_VARIANT	2

static inline void ts_arch_tp_set(uintptr_t tp)
{
	(void)tp;
}

#endif

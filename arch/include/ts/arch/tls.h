/* The thread pointer, which compiled code reads thread-local storage
 * through. lib/sched lays out each thread's TLS area the way the
 * architecture's ELF ABI says: TS_ARCH_TLS_VARIANT 1 (the thread
 * pointer points at a 16-byte thread control block, the static TLS
 * block follows it) or 2 (the thread pointer points at the thread
 * control block, whose first word holds the thread pointer itself; the
 * static TLS blocks lie below it).
 *
 * The architecture interface (arch/README.md): this header declares,
 * <ts/arch/tls_arch.h> of arch/<arch>/include defines the inline
 * functions and TS_ARCH_TLS_VARIANT. Include this one. */
#ifndef TS_ARCH_TLS_H
#define TS_ARCH_TLS_H

#include <stdint.h>

static inline void ts_arch_tp_set(uintptr_t tp);
/* Reads the register itself, not a copy: tests compare the two. */
static inline uintptr_t ts_arch_tp_get(void);

#include <ts/arch/tls_arch.h>

#endif

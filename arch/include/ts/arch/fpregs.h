/* Test support: known values in the FP/SIMD state and back, so that
 * tests can prove a scheduler keeps each thread's own state
 * (lib/sched/tests_fp.c).
 *
 * The architecture interface (arch/README.md): this header declares,
 * <ts/arch/fpregs_arch.h> of arch/<arch>/include defines the inline
 * functions and TS_ARCH_VREGS_BYTES. Include this one. */
#ifndef TS_ARCH_FPREGS_H
#define TS_ARCH_FPREGS_H

#include <stdint.h>

/* The rounding modes, for the two functions below. */
enum { TS_FP_ROUND_NEAREST, TS_FP_ROUND_UP, TS_FP_ROUND_DOWN, TS_FP_ROUND_ZERO };

static inline void ts_arch_fp_set_rounding(int mode);
static inline int ts_arch_fp_get_rounding(void);

/* The FP/SIMD registers the calling convention keeps across a call,
 * loaded from in[], then fn called n times (at least once) from inside
 * the asm, then stored into out[]: the compiler has no say in between.
 * Returns how many 8-byte words that is (0 where the convention keeps
 * none, and in[] and out[] are not touched). */
static inline int ts_arch_fp_callee_saved_roundtrip(const uint64_t *in,
						    uint64_t *out,
						    void (*fn)(void), int n);

/* TS_ARCH_VREGS_BYTES: the size of every vector register together. */

/* A value of the FP status register (sticky exception flags) that is
 * thread k's own, for ts_arch_fp_spin_with_pattern(). */
static inline uint64_t ts_arch_fp_status_pattern(int k);

/* Every vector register from in[] (TS_ARCH_VREGS_BYTES) and the FP
 * status register from status, kept while spinning without a call until
 * *stop, then stored into out[]; returns the status read back, and
 * leaves the status register as at reset. Only a preemption switches
 * away meanwhile. */
static inline uint64_t ts_arch_fp_spin_with_pattern(const uint8_t *in,
						    uint8_t *out,
						    volatile int *stop,
						    uint64_t status);

#include <ts/arch/fpregs_arch.h>

#endif

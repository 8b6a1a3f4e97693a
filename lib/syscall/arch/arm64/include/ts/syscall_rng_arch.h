/* The CPU's random-number register for getrandom (lib/syscall/
 * random.c): RNDR (FEAT_RNG, Armv8.5), where ID_AA64ISAR0_EL1 bits
 * 63:60 are non-zero. The Cortex-A53 and A72 of the Raspberry Pis and
 * of QEMU's virt target here have none. */
#ifndef TS_SYSCALL_RNG_ARCH_H
#define TS_SYSCALL_RNG_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#define TS_SYSCALL_RNG_NAME "RNDR"

static inline bool ts_syscall_rng_present(void)
{
	uint64_t isar0;

	__asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	return (isar0 >> 60) != 0;
}

/* One 64-bit value; false when the generator had none ready (RNDR sets
 * NZCV to 0b0100 then). s3_3_c2_c4_0 is RNDR, spelt so that assemblers
 * without FEAT_RNG take it. */
static inline bool ts_syscall_rng_u64(uint64_t *v)
{
	uint64_t nzcv;

	__asm__ volatile("mrs %0, s3_3_c2_c4_0\n\tmrs %1, nzcv"
			 : "=r"(*v), "=r"(nzcv));
	return !(nzcv & (1UL << 30));
}

#endif

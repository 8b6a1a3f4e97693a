/* The CPU's random-number instruction for getrandom (lib/syscall/
 * random.c): RDRAND, where CPUID leaf 1 says ECX bit 30. */
#ifndef TS_SYSCALL_RNG_ARCH_H
#define TS_SYSCALL_RNG_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#define TS_SYSCALL_RNG_NAME "RDRAND"

static inline bool ts_syscall_rng_present(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (c >> 30) & 1;
}

/* One 64-bit value; false when the generator had none ready (Intel
 * advises retrying a few times). */
static inline bool ts_syscall_rng_u64(uint64_t *v)
{
	unsigned char ok;

	__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok)
			 :: "cc");
	return ok;
}

#endif

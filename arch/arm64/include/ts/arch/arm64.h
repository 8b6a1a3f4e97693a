/* arm64 system registers and barriers for arch, platform and driver
 * code. Portable code uses <ts/arch/cpu.h> instead. */
#ifndef TS_ARCH_ARM64_H
#define TS_ARCH_ARM64_H

#include <stdint.h>

#define ts_arm64_read_sysreg(reg) ({					\
	uint64_t __v;							\
	__asm__ __volatile__("mrs %0, " #reg : "=r"(__v) :: "memory");	\
	__v;								\
})

#define ts_arm64_write_sysreg(reg, val) do {				\
	uint64_t __v = (uint64_t)(val);					\
	__asm__ __volatile__("msr " #reg ", %0" :: "r"(__v) : "memory"); \
} while (0)

static inline void ts_arm64_isb(void)
{
	__asm__ __volatile__("isb" ::: "memory");
}

static inline void ts_arm64_dsb_sy(void)
{
	__asm__ __volatile__("dsb sy" ::: "memory");
}

/* Orders device accesses before the ones that follow (inner shareable
 * domain: other CPUs and the interrupt controller). */
static inline void ts_arm64_dsb_ish(void)
{
	__asm__ __volatile__("dsb ish" ::: "memory");
}

/* 32-bit device register access. The compiler must emit exactly one
 * aligned load or store per call (volatile), which MMIO needs. */
static inline uint32_t ts_mmio_read32(uintptr_t addr)
{
	return *(volatile const uint32_t *)addr;
}

static inline void ts_mmio_write32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint64_t ts_mmio_read64(uintptr_t addr)
{
	return *(volatile const uint64_t *)addr;
}

static inline void ts_mmio_write64(uintptr_t addr, uint64_t v)
{
	*(volatile uint64_t *)addr = v;
}

#endif

/* x86 instructions and registers for arch, platform and driver code.
 * Portable code uses <ts/arch/cpu.h> instead. */
#ifndef TS_ARCH_X86_H
#define TS_ARCH_X86_H

#include <stdint.h>

/* Control register bits. */
#define X86_CR0_PE	(1UL << 0)
#define X86_CR0_MP	(1UL << 1)
#define X86_CR0_EM	(1UL << 2)
#define X86_CR0_TS	(1UL << 3)
#define X86_CR0_NE	(1UL << 5)
#define X86_CR0_WP	(1UL << 16)
#define X86_CR0_PG	(1UL << 31)

#define X86_CR4_PAE		(1UL << 5)
#define X86_CR4_PGE		(1UL << 7)
#define X86_CR4_OSFXSR		(1UL << 9)
#define X86_CR4_OSXMMEXCPT	(1UL << 10)
#define X86_CR4_FSGSBASE	(1UL << 16)

#define X86_MSR_EFER	0xC0000080
#define X86_EFER_LME	(1UL << 8)
#define X86_EFER_NXE	(1UL << 11)

#define X86_MSR_APIC_BASE	0x1B
#define X86_APIC_BASE_BSP	(1UL << 8)
#define X86_APIC_BASE_EXTD	(1UL << 10)	/* x2APIC mode */
#define X86_APIC_BASE_EN	(1UL << 11)
#define X86_APIC_BASE_ADDR	0x000ffffffffff000ULL
#define X86_MSR_TSC_DEADLINE	0x6E0
#define X86_MSR_GS_BASE		0xC0000101	/* FS base: <ts/arch/tls.h> */

/* From here to 4 GiB the PC has device memory (PCI hole, APIC, BIOS
 * flash): the MMU maps it uncached, so device registers there can be
 * used as they are (arch/x86_64/mmu.c). */
#define X86_MMIO_UC_START	0xC0000000ULL
#define X86_MMIO_UC_END		0x100000000ULL

/* CPUID 1 */
#define X86_CPUID1_ECX_X2APIC		(1U << 21)
#define X86_CPUID1_ECX_TSC_DEADLINE	(1U << 24)
#define X86_CPUID1_ECX_HYPERVISOR	(1U << 31)
#define X86_CPUID1_EDX_TSC		(1U << 4)
#define X86_CPUID1_EDX_APIC		(1U << 9)

/* CPUID 7.0 EBX */
#define X86_CPUID7_EBX_FSGSBASE		(1U << 0)

/* CPUID 0x80000001 EDX */
#define X86_CPUID81_NX		(1U << 20)
#define X86_CPUID81_PAGE1G	(1U << 26)
#define X86_CPUID81_LM		(1U << 29)

/* RFLAGS */
#define X86_RFLAGS_IF	(1UL << 9)

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr" :: "c"(msr), "a"((uint32_t)v),
			     "d"((uint32_t)(v >> 32)) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t *a,
			 uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(subleaf));
}

#define X86_CR_ACCESSORS(n)						\
static inline uint64_t read_cr##n(void)					\
{									\
	uint64_t v;							\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(uint64_t v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n :: "r"(v) : "memory");	\
}

X86_CR_ACCESSORS(0)
X86_CR_ACCESSORS(2)
X86_CR_ACCESSORS(3)
X86_CR_ACCESSORS(4)
#undef X86_CR_ACCESSORS

/* Orders earlier stores (an xAPIC register write) before a WRMSR. */
static inline void mfence(void)
{
	__asm__ __volatile__("mfence" ::: "memory");
}

static inline void invlpg(uintptr_t va)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(va) : "memory");
}

#endif

/* The devices plat/kvm and xen-x86_64 drive through memory, entered in the memory
 * table so that the MMU maps them. Apart from memory.c, which only parses
 * what the loader wrote (and runs in the host fuzzer): this reads the
 * CPU. */
#include <stdint.h>
#include <ts/arch/x86.h>
#include <ts/plat/memory.h>
#include <ts/pc.h>

#define PAGE_SIZE	4096ULL

/* Only the local APIC (the UART, PIC and PIT are I/O ports). In
 * x2APIC mode its registers are MSRs and it has no memory. */
void ts_pc_mem_add_devices(void)
{
	uint32_t a, b, c, d;
	uint64_t base;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & X86_CPUID1_EDX_APIC))
		return;
	base = rdmsr(X86_MSR_APIC_BASE);
	if (!(base & X86_APIC_BASE_EXTD))
		ts_plat_memregion_add(base & X86_APIC_BASE_ADDR, PAGE_SIZE,
				      TS_MEMR_DEVICE, "local APIC");
}

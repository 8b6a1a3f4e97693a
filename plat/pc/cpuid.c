/* The CPU's CPUID in the shape ts_pc_hypervisor_base() takes. */
#include <stdint.h>
#include <ts/arch/x86.h>
#include <ts/pc.h>

void ts_pc_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t r[4])
{
	cpuid(leaf, subleaf, &r[0], &r[1], &r[2], &r[3]);
}

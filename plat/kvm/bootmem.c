/* The loader's memory during boot: the boot page tables map all of the
 * low 4 GiB 1:1 (page 0 too: QEMU's PVH loader puts its memory map
 * there). Kept apart from the parsers, which reach the loader's data
 * only through kvm_boot_ptr(): the host fuzzer (tests/fuzz) gives them
 * its input as that memory instead. */
#include <stddef.h>
#include <stdint.h>
#include "kvm.h"

#define LOW_END		(1ULL << 32)

const void *kvm_boot_ptr(uint64_t paddr, uint64_t len)
{
	if (paddr == 0 || len > LOW_END || paddr > LOW_END - len)
		return NULL;
	return (const void *)(uintptr_t)paddr;
}

/* The loader's memory during boot: the boot page tables map the low 1 or
 * 4 GiB 1:1 (ts_x86_boot_mapped_end; page 0 too: QEMU's PVH loader puts
 * its memory map there). Kept apart from the parsers, which reach the loader's data
 * only through ts_pc_boot_ptr(): the host fuzzer (tests/fuzz) gives them
 * its input as that memory instead. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/pc.h>

const void *ts_pc_boot_ptr(uint64_t paddr, uint64_t len)
{
	uint64_t end = ts_x86_boot_mapped_end;

	if (paddr == 0 || len > end || paddr > end - len)
		return NULL;
	return (const void *)(uintptr_t)paddr;
}

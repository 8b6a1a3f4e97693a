/* Boot modules, from the Multiboot or PVH module list: every one is
 * reserved, so that no allocator hands its pages out; the first is the
 * initrd (QEMU's -initrd gives one module per comma-separated file),
 * which lib/initrd unpacks. */
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/plat/initrd.h>
#include <ts/pc.h>

void ts_pc_boot_module(uint32_t i, uint64_t start, uint64_t end,
		     const char *what)
{
	if (i) {
		ts_pc_mem_reserve_module(start, end, "boot module");
		if (i == 1)
			ts_printk(PC_NAME ": %ss after the first are not used (the "
				  "first is the initrd)\n", what);
		return;
	}
	/* lib/initrd reads it through the boot page tables' identity map:
	 * it must lie in what they map. */
	if (end > start && !ts_pc_boot_ptr(start, end - start)) {
		ts_printk(PC_NAME ": the initrd (%s at %#lx-%#lx) lies outside the "
			  "memory mapped at boot; ignored\n", what,
			  (unsigned long)start, (unsigned long)end);
		ts_pc_mem_reserve_module(start, end, "boot module");
		return;
	}
	ts_pc_mem_reserve_module(start, end, "initrd");
	ts_plat_initrd_set((uintptr_t)start, (size_t)(end - start), what);
}

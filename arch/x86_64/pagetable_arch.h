/* x86_64's entry encoding and TLB upkeep for arch/common/pagetable.c (the
 * names are explained in arch/common/pagetable.h): 4-level paging, large
 * pages (PS) of 2 MiB and, where the CPU has them, 1 GiB. */
#ifndef TS_X86_64_PAGETABLE_ARCH_H
#define TS_X86_64_PAGETABLE_ARCH_H

#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/x86.h>
#include <ts/plat/memory.h>

#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_PS		(1ULL << 7)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL

#define PT_VALID		PTE_P
#define PT_ADDR			PTE_ADDR
#define PT_IS_TABLE(e)		(!((e) & PTE_PS))
/* Upper levels allow everything; leaves decide. */
#define PT_TABLE_DESC		(PTE_P | PTE_W)
#define PT_LEAF_BITS(shift)	((shift) > 12 ? PTE_PS : 0)
#define PT_LEAF_TYPE		PTE_PS
/* Writable and cached: RAM, not a device. */
#define PT_GUARDABLE(e)		(((e) & PTE_W) && !((e) & (PTE_PCD | PTE_PWT)))

#ifndef CONFIG_ARCH_X86_64_PT_POOL_PAGES
#define CONFIG_ARCH_X86_64_PT_POOL_PAGES 64
#endif
#define PT_POOL_PAGES		CONFIG_ARCH_X86_64_PT_POOL_PAGES
#define PT_OUT_HINT		"give the machine more RAM"

/* While the map is built, no allocator has read the memory table yet:
 * a page of free RAM it lists, which the boot tables map (low RAM,
 * where the lowest free region is). It joins the table as a "page
 * tables" region. */
static inline uint64_t *pt_arch_boot_page(void)
{
	uintptr_t a = ts_plat_memregion_take(4096, "page tables");

	if (a && a + 4096 <= ts_x86_boot_mapped_end)
		return (uint64_t *)a;
	return NULL;
}

/* Both the large page and the table translate every address alike, so
 * the CPU may use either until the flush. */
static inline void pt_arch_install_table(uint64_t *e, uint64_t desc)
{
	*e = desc;
	write_cr3(read_cr3());
}

static inline void pt_arch_leaf_changed(uint64_t a, int guard)
{
	(void)guard;
	invlpg((uintptr_t)a);
}

/* x86 never caches a not-present entry: nothing to drop. */
static inline void pt_arch_mapped(void)
{
}

#endif

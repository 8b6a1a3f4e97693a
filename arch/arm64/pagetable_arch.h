/* arm64's descriptor encoding and TLB upkeep for arch/common/pagetable.c
 * (the names are explained in arch/common/pagetable.h): stage 1, 4 KiB
 * granule, blocks at levels 1 and 2, pages at level 3. */
#ifndef TS_ARM64_PAGETABLE_ARCH_H
#define TS_ARM64_PAGETABLE_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include "internal.h"

#define PT_VALID		PTE_VALID
#define PT_ADDR			PTE_ADDR
#define PT_IS_TABLE(e)		((e) & PTE_TABLE)
#define PT_TABLE_DESC		(PTE_VALID | PTE_TABLE)
/* The same bit 1 is "table" above level 3 and "page" at level 3. */
#define PT_LEAF_BITS(shift)	((shift) == 12 ? PTE_PAGE : 0)
#define PT_LEAF_TYPE		PTE_PAGE
/* Writable normal memory. */
#define PT_GUARDABLE(e)		(((e) & PTE_PAGE) && \
				 ((e) & (PTE_AP_RO | PTE_ATTR(7))) == \
				 PTE_ATTR(MT_NORMAL))

#ifndef CONFIG_ARCH_ARM64_PT_POOL_PAGES
#define CONFIG_ARCH_ARM64_PT_POOL_PAGES 32
#endif
#define PT_POOL_PAGES		CONFIG_ARCH_ARM64_PT_POOL_PAGES
#define PT_OUT_HINT		"raise CONFIG_ARCH_ARM64_PT_POOL_PAGES"

/* The pool is all there is: no allocator runs before the MMU is on. */
static inline uint64_t *pt_arch_boot_page(void)
{
	return NULL;
}

/* Break-before-make would unmap memory the code, its stack or the
 * tables themselves may be in: mmu_load.S stores the table descriptor
 * with the MMU off for a few instructions. */
static inline void pt_arch_install_table(uint64_t *e, uint64_t desc)
{
	arm64_mmu_swap_entry(e, desc);
}

static inline void pt_arch_leaf_changed(uint64_t a, int guard)
{
	if (guard) {
		/* Only this CPU runs the kernel (the others are parked with
		 * their MMU off): a local invalidation is enough. A broadcast
		 * one (vaae1is) made thread create + join about 3 times
		 * slower on QEMU's raspi machines, which have four vCPUs. */
		__asm__ __volatile__("dsb nshst\n\t"
				     "tlbi vaale1, %0\n\t"
				     "dsb nsh\n\t"
				     "isb" :: "r"(a >> 12) : "memory");
	} else {
		/* An invalid entry is never in a TLB: nothing to drop. */
		__asm__ __volatile__("dsb nshst\n\tisb" ::: "memory");
	}
}

/* An invalid entry is never in a TLB; the table walker must see the
 * new entries before the next access. */
static inline void pt_arch_mapped(void)
{
	__asm__ __volatile__("dsb ishst\n\tisb" ::: "memory");
}

#endif

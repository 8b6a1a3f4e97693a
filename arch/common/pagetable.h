/* The identity map's page tables, shared by every architecture whose MMU
 * walks 4 levels of 512 8-byte entries with 4 KiB pages (arm64's stage 1
 * with a 48-bit address space, x86_64's 4-level paging). This file
 * builds and changes the tables; the architecture's mmu.c decides which
 * memory gets which rights and turns the map on. Internal to arch/:
 * each architecture compiles pagetable.c into its own library, with its
 * "pagetable_arch.h" (found through -iquote of its folder), which
 * defines:
 *
 *   PT_VALID         the bit that makes an entry valid (present)
 *   PT_ADDR          the output address bits of an entry
 *   PT_IS_TABLE(e)   whether valid entry e above the last level points
 *                    to a table (else it maps a large page itself)
 *   PT_TABLE_DESC    the bits of an entry that points to a table
 *   PT_LEAF_BITS(s)  the bits that make an entry mapping 1 << s bytes
 *                    a leaf of that size
 *   PT_LEAF_TYPE     the bits PT_LEAF_BITS() may set, which a large
 *                    page's attributes lose when it is split
 *   PT_GUARDABLE(e)  whether last-level entry e maps writable RAM, which
 *                    alone may become a guard page
 *   PT_POOL_PAGES    tables in .bss, used first (0: none)
 *   PT_OUT_HINT      what to do when no table is left (a string)
 *
 * and these, static inline:
 *
 *   pt_arch_boot_page()         a zeroed-or-not page for a table while
 *                               the map is being built, or NULL
 *   pt_arch_install_table(e, d) replace the large page at *e, which may
 *                               be in use, by table descriptor d
 *   pt_arch_leaf_changed(a, g)  the entry of page a was just made a
 *                               guard (g) or valid again (!g): drop or
 *                               order what the TLB must not keep
 *   pt_arch_mapped()            invalid entries were just made valid
 *                               (arch_pt_map_late): order the stores
 *                               before the next access through them */
#ifndef TS_ARCH_COMMON_PAGETABLE_H
#define TS_ARCH_COMMON_PAGETABLE_H

#include <stdint.h>

#define PT_PAGE_SIZE	4096ULL
#define PT_ENTRIES	512
#define PT_TOP_SHIFT	39	/* what one entry of the top level maps */

/* Start building the map: its top-level table. Nothing at or above
 * limit is ever mapped; leaves map up to 1 << leaf_max_shift bytes (21:
 * 2 MiB, 30: 1 GiB). Until arch_pt_build_end(), tables also come from
 * pt_arch_boot_page(). */
void arch_pt_build_start(uint64_t limit, int leaf_max_shift);

/* Map [start, end) (rounded out to pages; page 0 never) with the leaf
 * attributes attr, in the largest leaves that fit. Already mapped
 * addresses are skipped, so what is mapped first wins and overlapping
 * ranges are harmless. what names the range in messages; running out
 * of tables stops the boot with a message. */
void arch_pt_map(uint64_t start, uint64_t end, uint64_t attr,
		 const char *what);

/* After boot: map [start, end) (rounded out to pages) with attr where
 * nothing is mapped yet (a device a driver found, <ts/arch/mmu.h>).
 * Returns 0, -EINVAL for a range outside the map, -ENOMEM when no page
 * table can be had (nothing already mapped changes). */
int arch_pt_map_late(uint64_t start, uint64_t end, uint64_t attr);

/* How many tables pt_arch_boot_page() gave so far. */
unsigned int arch_pt_boot_pages(void);

/* The map is built: its top-level table, to load. */
uint64_t *arch_pt_build_end(void);

#endif

/* Changes to the identity map after boot (ts_arch_mmu_init() in
 * <ts/arch/cpu.h> builds it): guard pages for thread stacks, devices
 * that drivers find.
 *
 * The architecture interface (arch/README.md): nothing here is the
 * architecture's own, so there is no mmu_arch.h. The page-table code
 * behind it is shared too (arch/common/pagetable.c). */
#ifndef TS_ARCH_MMU_H
#define TS_ARCH_MMU_H

#include <stdint.h>

/* Unmap (guard non-zero) the 4 KiB page at page, so that every access to
 * it faults, or map it again (guard zero) with the rights it had, before
 * its memory goes back to an allocator. page must be a page of RAM that
 * the map has writable. A large mapping around it is split into pages
 * first; the page tables for that come from the boot pool, then from the
 * function given to ts_arch_mmu_set_table_alloc(), and are never freed.
 * Returns 0, -EINVAL for a page that is not writable RAM of the map (or,
 * when mapping again, was not guarded), -ENOMEM when no page table can
 * be had. Not for interrupt handlers. */
int ts_arch_mmu_guard(void *page, int guard);

/* Map the registers of a device a driver found after boot (a PCI
 * BAR, a device-tree node the platform does not know): [base, base +
 * size) rounded out to pages, uncached device memory, where nothing is
 * mapped yet (already mapped pages keep their rights). Returns 0,
 * -EINVAL for a range beyond the CPU's physical addresses or page 0,
 * -ENOMEM when no page table can be had. Not for interrupt handlers. */
int ts_arch_mmu_map_device(uint64_t base, uint64_t size);

/* Where page tables come from once the boot pool is used up: alloc
 * returns one 4 KiB-aligned page of identity-mapped RAM, or NULL. Set by
 * whoever owns a page allocator (lib/sched, with lib/alloc's). */
void ts_arch_mmu_set_table_alloc(void *(*alloc)(void));

#endif

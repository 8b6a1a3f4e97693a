/* The identity map's page tables, for every architecture (pagetable.h):
 * the pool of tables, mapping ranges at boot, and later the guard pages
 * of <ts/arch/mmu.h>, which split a large page when they need to. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/irq_save.h>
#include <ts/arch/mmu.h>
#include <ts/plat/console.h>
#include <ts/plat/power.h>
#include "pagetable.h"
#include "pagetable_arch.h"

#if PT_POOL_PAGES > 0
static uint64_t pool[PT_POOL_PAGES][PT_ENTRIES]
	__attribute__((aligned(PT_PAGE_SIZE)));
#endif
static unsigned int pool_used;
static uint64_t *root;
static uint64_t limit;
static int leaf_max_shift;
static int building;
static unsigned int boot_pages;

static void *(*extra_table_alloc)(void);

void ts_arch_mmu_set_table_alloc(void *(*alloc)(void))
{
	extra_table_alloc = alloc;
}

/* A zeroed page for a table: from the pool (zero already: it is in .bss
 * and each page is handed out once), else while building from the
 * architecture's boot source, else from the allocator set after boot
 * (or the boot source until an allocator took the RAM); NULL when none
 * has one. */
static uint64_t *table_try_alloc(void)
{
	uint64_t *t = NULL;

#if PT_POOL_PAGES > 0
	if (pool_used < PT_POOL_PAGES)
		return pool[pool_used++];
#endif
	if (building) {
		t = pt_arch_boot_page();
		if (t)
			boot_pages++;
	} else if (extra_table_alloc) {
		t = extra_table_alloc();
	} else {
		/* A device mapped before any allocator took the free RAM
		 * (drivers probe at TS_INIT_PLAT): the boot source still
		 * works; it gives nothing once the memory table is sealed
		 * (<ts/plat/memory.h>). */
		t = pt_arch_boot_page();
	}
	if (t)
		memset(t, 0, PT_PAGE_SIZE);
	return t;
}

static uint64_t *table_alloc(const char *what)
{
	uint64_t *t = table_try_alloc();

	if (!t) {
		ts_printk("*** mmu: out of page tables (%u used) while "
			  "mapping %s: " PT_OUT_HINT "\n",
			  pool_used + boot_pages, what);
		ts_plat_crash();
	}
	return t;
}

/* Map one leaf of the largest size that fits at a; return the address
 * after it, or after the leaf already there. After boot (not building)
 * a table that cannot be had returns 0 instead of stopping the boot. */
static uint64_t map_one(uint64_t a, uint64_t end, uint64_t attr,
			const char *what)
{
	uint64_t *t = root;
	int shift;

	for (shift = PT_TOP_SHIFT; ; shift -= 9) {
		uint64_t size = 1ULL << shift;
		uint64_t *e = &t[(a >> shift) & (PT_ENTRIES - 1)];

		if ((*e & PT_VALID) && (shift == 12 || !PT_IS_TABLE(*e)))
			return (a & ~(size - 1)) + size;
		if (!(*e & PT_VALID) && shift <= leaf_max_shift &&
		    !(a & (size - 1)) && end - a >= size) {
			*e = a | attr | PT_VALID | PT_LEAF_BITS(shift);
			return a + size;
		}
		if (!(*e & PT_VALID)) {
			uint64_t *nt = building ? table_alloc(what) :
						  table_try_alloc();

			if (!nt)
				return 0;
			/* Upper levels allow everything; leaves decide. */
			*e = (uintptr_t)nt | PT_TABLE_DESC;
		}
		t = (uint64_t *)(uintptr_t)(*e & PT_ADDR);
	}
}

void arch_pt_map(uint64_t start, uint64_t end, uint64_t attr,
		 const char *what)
{
	start &= ~(PT_PAGE_SIZE - 1);
	end = (end + PT_PAGE_SIZE - 1) & ~(PT_PAGE_SIZE - 1);
	if (start < PT_PAGE_SIZE)
		start = PT_PAGE_SIZE;	/* page 0 stays unmapped */
	if (end > limit) {
		ts_printk("mmu: %s %#lx-%#lx: the CPU's physical address range "
			  "ends at %#lx; not mapped beyond\n", what,
			  (unsigned long)start, (unsigned long)end,
			  (unsigned long)limit);
		end = limit;
	}
	while (start < end)
		start = map_one(start, end, attr, what);
}

int arch_pt_map_late(uint64_t start, uint64_t end, uint64_t attr)
{
	int was_on, r = 0;

	start &= ~(PT_PAGE_SIZE - 1);
	end = (end + PT_PAGE_SIZE - 1) & ~(PT_PAGE_SIZE - 1);
	if (!root || start < PT_PAGE_SIZE || end > limit || end <= start)
		return -EINVAL;
	was_on = ts_arch_irq_save();
	while (start < end) {
		start = map_one(start, end, attr, "a device");
		if (!start) {
			r = -ENOMEM;
			break;
		}
	}
	pt_arch_mapped();
	ts_arch_irq_restore(was_on);
	return r;
}

void arch_pt_build_start(uint64_t lim, int max_shift)
{
	limit = lim;
	leaf_max_shift = max_shift;
	building = 1;
	root = table_alloc("the top level");
}

unsigned int arch_pt_boot_pages(void)
{
	return boot_pages;
}

uint64_t *arch_pt_build_end(void)
{
	building = 0;
	return root;
}

/* Replace the large page at *e (of 1 << shift bytes) by a table of
 * leaves of the next size down with the same attributes. Both translate
 * every address alike, so the CPU may use either meanwhile. */
static int split(uint64_t *e, int shift)
{
	uint64_t size = 1ULL << (shift - 9);
	uint64_t base = *e & PT_ADDR & ~((1ULL << shift) - 1);
	uint64_t attr = *e & ~PT_ADDR & ~PT_LEAF_TYPE;
	uint64_t *t = table_try_alloc();
	int i;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < PT_ENTRIES; i++)
		t[i] = (base + i * size) | attr | PT_LEAF_BITS(shift - 9);
	pt_arch_install_table(e, (uintptr_t)t | PT_TABLE_DESC);
	return 0;
}

int ts_arch_mmu_guard(void *page, int guard)
{
	uint64_t a = (uint64_t)(uintptr_t)page, *t = root, *e;
	int shift, r = 0, was_on;

	if (!root || (a & (PT_PAGE_SIZE - 1)) || a >= limit)
		return -EINVAL;
	was_on = ts_arch_irq_save();
	for (shift = PT_TOP_SHIFT; shift > 12; shift -= 9) {
		e = &t[(a >> shift) & (PT_ENTRIES - 1)];
		if (!(*e & PT_VALID)) {
			r = -EINVAL;
			goto out;
		}
		if (!PT_IS_TABLE(*e) && (r = split(e, shift)))
			goto out;
		t = (uint64_t *)(uintptr_t)(*e & PT_ADDR);
	}
	e = &t[(a >> 12) & (PT_ENTRIES - 1)];
	/* A guard keeps its address and attributes with only the valid bit
	 * clear, so that mapping it again restores exactly what was
	 * there. */
	if ((*e & PT_ADDR) != a || !PT_GUARDABLE(*e) ||
	    !(*e & PT_VALID) != !guard) {
		r = -EINVAL;
		goto out;
	}
	if (guard)
		*e &= ~PT_VALID;
	else
		*e |= PT_VALID;
	pt_arch_leaf_changed(a, guard);
out:
	ts_arch_irq_restore(was_on);
	return r;
}

/* The final page tables: an identity map in which mistakes fault. Page
 * 0 and the stack guard pages are unmapped, code is read-only, nothing
 * else is executable, and devices are mapped only where the platform's
 * memory table lists them. Built once at boot from a static pool of
 * table pages (no allocator exists yet), replacing the boot map. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq_save.h>
#include <ts/arch/mmu.h>
#include <ts/plat/console.h>
#include <ts/plat/memory.h>
#include <ts/plat/power.h>
#include "internal.h"

#ifndef CONFIG_ARCH_ARM64_PT_POOL_PAGES
#define CONFIG_ARCH_ARM64_PT_POOL_PAGES 32
#endif
#define POOL_PAGES CONFIG_ARCH_ARM64_PT_POOL_PAGES

#define ATTR_NORMAL	(PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define ATTR_TEXT	(ATTR_NORMAL | PTE_AP_RO)
#define ATTR_RO		(ATTR_NORMAL | PTE_AP_RO | PTE_PXN)
#define ATTR_RW		(ATTR_NORMAL | PTE_PXN)
#define ATTR_DEVICE	(PTE_ATTR(MT_DEVICE_nGnRE) | PTE_AF | PTE_PXN | \
			 PTE_UXN)

static uint64_t pool[POOL_PAGES][PT_ENTRIES] __attribute__((aligned(4096)));
static unsigned int pool_used;
static uint64_t *root;
static uint64_t pa_limit;

static void *(*extra_table_alloc)(void);

void ts_arch_mmu_set_table_alloc(void *(*alloc)(void))
{
	extra_table_alloc = alloc;
}

/* A zeroed page for a table: from the pool (zero already: it is in
 * .bss and each page is handed out once), else from the allocator set
 * after boot; NULL when neither has one. */
static uint64_t *table_try_alloc(void)
{
	uint64_t *t = NULL;
	int i;

	if (pool_used < POOL_PAGES)
		return pool[pool_used++];
	if (extra_table_alloc && (t = extra_table_alloc()))
		for (i = 0; i < PT_ENTRIES; i++)
			t[i] = 0;
	return t;
}

static uint64_t *table_alloc(const char *what)
{
	uint64_t *t = table_try_alloc();

	if (!t) {
		ts_printk("*** mmu: all %d page-table pages are used while "
			  "mapping %s; raise "
			  "CONFIG_ARCH_ARM64_PT_POOL_PAGES\n",
			  POOL_PAGES, what);
		ts_plat_crash();
	}
	return t;
}

/* Map one block or page of the largest size that fits at a (identity);
 * return the address after it. Already mapped addresses are skipped, so
 * what is mapped first wins and overlapping regions are harmless. */
static uint64_t map_one(uint64_t a, uint64_t end, uint64_t attr,
			const char *what)
{
	uint64_t *t = root;
	int shift;

	for (shift = 39; ; shift -= 9) {
		uint64_t size = 1ULL << shift;
		uint64_t *e = &t[(a >> shift) & (PT_ENTRIES - 1)];
		/* 4 KiB granule: blocks at levels 1 and 2, pages at 3. */
		int leaf_ok = shift <= 30;

		if ((*e & PTE_VALID) && (shift == 12 || !(*e & PTE_TABLE)))
			return (a & ~(size - 1)) + size;
		if (!(*e & PTE_VALID) && leaf_ok && !(a & (size - 1)) &&
		    end - a >= size) {
			*e = a | attr | PTE_VALID |
			     (shift == 12 ? PTE_PAGE : 0);
			return a + size;
		}
		if (!(*e & PTE_VALID)) {
			uint64_t *n = table_alloc(what);

			*e = (uintptr_t)n | PTE_VALID | PTE_TABLE;
		}
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
}

static void map(uint64_t start, uint64_t end, uint64_t attr,
		const char *what)
{
	start &= ~(PAGE_SIZE - 1);
	end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (start < PAGE_SIZE)
		start = PAGE_SIZE;	/* page 0 stays unmapped */
	if (end > pa_limit) {
		if (start < pa_limit)
			ts_printk("mmu: %s %#lx-%#lx reaches beyond the CPU's "
				  "physical address range; mapped up to "
				  "%#lx\n", what, (unsigned long)start,
				  (unsigned long)end,
				  (unsigned long)pa_limit);
		else
			ts_printk("mmu: %s %#lx-%#lx lies beyond the CPU's "
				  "physical address range; not mapped\n",
				  what, (unsigned long)start,
				  (unsigned long)end);
		end = pa_limit;
	}
	while (start < end)
		start = map_one(start, end, attr, what);
}

static uint64_t addr(const char *p)
{
	return (uint64_t)(uintptr_t)p;
}

void ts_arch_mmu_init(void)
{
	static const unsigned char pa_bits[8] = { 32, 36, 40, 42, 44, 48,
						  48, 48 };
	uint64_t mmfr0 = ts_arm64_read_sysreg(id_aa64mmfr0_el1);
	int i;

	pa_limit = 1ULL << pa_bits[mmfr0 & 7];
	root = table_alloc("the top level");

	/* The image first, part by part: its rights are the strictest. */
	map(addr(_ts_text_start), addr(_ts_text_end), ATTR_TEXT,
	    "the image's code");
	map(addr(_ts_rodata_start), addr(_ts_rodata_end), ATTR_RO,
	    "the image's constants");
	map(addr(_ts_data_start), addr(_ts_boot_stack_guard), ATTR_RW,
	    "the image's data");
	map(addr(_ts_boot_stack_bottom), addr(_ts_exc_stack_guard), ATTR_RW,
	    "the boot stack");
	map(addr(_ts_exc_stack_bottom), addr(_ts_image_end), ATTR_RW,
	    "the image's data");

	for (i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *m = ts_plat_memregion_get(i);
		uint64_t end = (uint64_t)m->base + m->len;
		const char *what = m->name ? m->name : "memory";

		if (m->flags & TS_MEMR_FREE)
			map(m->base, end, ATTR_RW, what);
		else if (m->flags & TS_MEMR_DEVICE)
			map(m->base, end, ATTR_DEVICE, what);
		else if (m->flags & TS_MEMR_RESERVED)
			/* Boot information (the device tree): readable,
			 * so that drivers can still look things up. */
			map(m->base, end, ATTR_RO, what);
	}

	arm64_mmu_load((uintptr_t)root, arm64_tcr_value());
}

/* Replace the block at *e (of 1 << shift bytes) by a table of blocks or
 * pages of the next size down, with the same attributes. */
static int split(uint64_t *e, int shift)
{
	uint64_t size = 1ULL << (shift - 9);
	uint64_t base = *e & PTE_ADDR & ~((1ULL << shift) - 1);
	uint64_t attr = *e & ~PTE_ADDR & ~PTE_TABLE;
	uint64_t *t = table_try_alloc();
	int i;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < PT_ENTRIES; i++)
		t[i] = (base + i * size) | attr |
		       (shift - 9 == 12 ? PTE_PAGE : 0);
	arm64_mmu_swap_entry(e, (uintptr_t)t | PTE_VALID | PTE_TABLE);
	return 0;
}

int ts_arch_mmu_guard(void *page, int guard)
{
	uint64_t a = (uint64_t)(uintptr_t)page, *t = root, *e;
	int shift, r = 0, was_on;

	if (!root || (a & (PAGE_SIZE - 1)) || a >= pa_limit)
		return -EINVAL;
	was_on = ts_arch_irq_save();
	for (shift = 39; shift > 12; shift -= 9) {
		e = &t[(a >> shift) & (PT_ENTRIES - 1)];
		if (!(*e & PTE_VALID)) {
			r = -EINVAL;
			goto out;
		}
		if (!(*e & PTE_TABLE) && (r = split(e, shift)))
			goto out;
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	e = &t[(a >> 12) & (PT_ENTRIES - 1)];
	/* A guard keeps its address and attributes with only the valid bit
	 * clear, so that mapping it again restores exactly what was
	 * there. Only writable normal memory (RAM) qualifies. */
	if ((*e & PTE_ADDR) != a || !(*e & PTE_PAGE) ||
	    (*e & (PTE_AP_RO | PTE_ATTR(7))) != PTE_ATTR(MT_NORMAL) ||
	    !(*e & PTE_VALID) != !guard) {
		r = -EINVAL;
		goto out;
	}
	if (guard) {
		*e &= ~PTE_VALID;
		/* Only this CPU runs the kernel (the others are parked with
		 * their MMU off): a local invalidation is enough. A broadcast
		 * one (vaae1is) made thread create + join about 3 times
		 * slower on QEMU's raspi machines, which have four vCPUs. */
		__asm__ __volatile__("dsb nshst\n\t"
				     "tlbi vaale1, %0\n\t"
				     "dsb nsh\n\t"
				     "isb" :: "r"(a >> 12) : "memory");
	} else {
		*e |= PTE_VALID;
		/* An invalid entry is never in a TLB: nothing to drop. */
		__asm__ __volatile__("dsb nshst\n\tisb" ::: "memory");
	}
out:
	ts_arch_irq_restore(was_on);
	return r;
}

/* The final page tables: an identity map in which mistakes fault. Page
 * 0 and the boot stack's guard page are unmapped, code is read-only,
 * nothing else is executable, and only the memory the platform's table
 * lists (RAM, firmware areas, devices) is mapped at all. Built once at
 * boot, before any allocator exists, from pages of free RAM (and of an
 * optional pool in .bss). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq_save.h>
#include <ts/arch/mmu.h>
#include <ts/arch/x86.h>
#include <ts/plat/console.h>
#include <ts/plat/memory.h>
#include <ts/plat/power.h>

#ifndef CONFIG_ARCH_X86_64_PT_POOL_PAGES
#define CONFIG_ARCH_X86_64_PT_POOL_PAGES 64
#endif
#define POOL_PAGES CONFIG_ARCH_X86_64_PT_POOL_PAGES

#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_PS		(1ULL << 7)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL

#define PAGE_SIZE	4096ULL
/* Device memory and firmware below 4 GiB. */
#define MMIO_START	X86_MMIO_UC_START
#define MMIO_END	X86_MMIO_UC_END
#if POOL_PAGES > 0
static uint64_t pool[POOL_PAGES][512] __attribute__((aligned(4096)));
static unsigned int pool_used;

static uint64_t *pool_page(void)
{
	return pool_used < POOL_PAGES ? pool[pool_used++] : NULL;
}
#else
static uint64_t *pool_page(void)
{
	return NULL;
}
#endif
static uint64_t *pml4;
static uint64_t nx;	/* PTE_NX, or 0 when the CPU has no NX */
static int have_1g;

static void *(*extra_table_alloc)(void);

void ts_arch_mmu_set_table_alloc(void *(*alloc)(void))
{
	extra_table_alloc = alloc;
}

/* Until the tables are built, pages come from free RAM the memory table
 * lists (no allocator has read it yet). */
static int building;
static unsigned int taken;

/* A zeroed page for a table: from the pool, else while building from
 * free RAM, else from the allocator set after boot; NULL when none has
 * one. */
static uint64_t *table_try_alloc(void)
{
	uint64_t *t = pool_page();

	if (t) {
		/* from the image */
	} else if (building) {
		uintptr_t a = ts_plat_memregion_take(PAGE_SIZE, "page tables");

		/* The boot tables map what lies below this: low RAM, where
		 * the lowest free region is. */
		if (a && a + PAGE_SIZE <= ts_x86_boot_mapped_end) {
			t = (uint64_t *)a;
			taken++;
		}
	} else if (extra_table_alloc) {
		t = extra_table_alloc();
	}
	if (t)
		memset(t, 0, PAGE_SIZE);
	return t;
}

static uint64_t *table_alloc(const char *what)
{
	uint64_t *t = table_try_alloc();

	if (!t) {
		ts_printk("*** mmu: no RAM left for a page table while mapping "
			  "%s (%d pages of CONFIG_ARCH_X86_64_PT_POOL_PAGES, %u "
			  "from free RAM used)\n", what, POOL_PAGES, taken);
		ts_plat_crash();
	}
	return t;
}

/* Map one page of the largest size that fits at a (identity); return
 * the address after it. Already mapped addresses are skipped, so
 * overlapping memory-map entries are harmless. */
static uint64_t map_one(uint64_t a, uint64_t end, uint64_t attr,
			const char *what)
{
	uint64_t *t = pml4;
	int shift;

	for (shift = 39; ; shift -= 9) {
		uint64_t size = 1ULL << shift;
		uint64_t *e = &t[(a >> shift) & 511];
		int leaf_ok = shift == 12 || shift == 21 ||
			      (shift == 30 && have_1g);

		if ((*e & PTE_P) && (shift == 12 || (*e & PTE_PS)))
			return (a & ~(size - 1)) + size;
		if (!(*e & PTE_P) && leaf_ok && !(a & (size - 1)) &&
		    end - a >= size) {
			*e = a | attr | (shift > 12 ? PTE_PS : 0);
			return a + size;
		}
		if (!(*e & PTE_P)) {
			uint64_t *n = table_alloc(what);

			/* Upper levels allow everything; leaves decide. */
			*e = (uint64_t)(uintptr_t)n | PTE_P | PTE_W;
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
	while (start < end)
		start = map_one(start, end, attr, what);
}

static uint64_t sym(const char *s)
{
	uint64_t a = (uint64_t)(uintptr_t)s;

	if (a & (PAGE_SIZE - 1)) {
		ts_printk("*** mmu: image boundary %#lx is not page-aligned "
			  "(link.lds)\n", (unsigned long)a);
		ts_plat_crash();
	}
	return a;
}

void ts_arch_mmu_init(void)
{
	uint64_t rw = PTE_P | PTE_W, ro = PTE_P, uc = PTE_PCD | PTE_PWT;
	uint64_t text = sym(_ts_text_start), text_end = sym(_ts_text_end);
	uint64_t rodata = sym(_ts_rodata_start);
	uint64_t rodata_end = sym(_ts_rodata_end);
	uint64_t data = sym(_ts_data_start);
	uint64_t guard = sym(_ts_boot_stack_guard);
	uint64_t image_start = sym(_ts_image_start);
	uint64_t image_end = (uint64_t)(uintptr_t)_ts_image_end;
	uint32_t a, b, c, d;
	int i;

	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		nx = (d & X86_CPUID81_NX) ? PTE_NX : 0;
		have_1g = !!(d & X86_CPUID81_PAGE1G);
	}
	if (nx)
		wrmsr(X86_MSR_EFER, rdmsr(X86_MSR_EFER) | X86_EFER_NXE);
	else
		ts_printk("mmu: this CPU has no NX bit: data is executable\n");

	building = 1;
	pml4 = table_alloc("the top level");
	/* The image first, part by part: its rights are the strictest, and
	 * what is mapped first wins. */
	map(text, text_end, ro, "the image's code");
	map(rodata, rodata_end, ro | nx, "the image's constants");
	map(data, guard, rw | nx, "the image's data");
	map(guard + PAGE_SIZE, image_end, rw | nx, "the image's data");

	/* Then only what the platform's memory table lists: a wild pointer
	 * anywhere else (past the end of RAM, into a hole) faults, and the
	 * fault report names the address. Page tables taken from RAM
	 * meanwhile join the table (as TS_MEMR_IMAGE regions); mapping them
	 * may take more: repeat until nothing new was taken. */
	do {
		unsigned int before = taken;

		for (i = 0; i < ts_plat_memregion_count(); i++) {
			const struct ts_memregion *m = ts_plat_memregion_get(i);
			uint64_t start = m->base;
			uint64_t end = (uint64_t)m->base + m->len;
			const char *what = m->name ? m->name : "memory";

			if ((m->flags & TS_MEMR_IMAGE) && start < image_end &&
			    end > image_start)
				continue;	/* the image: done above */
			if (m->flags & (TS_MEMR_FREE | TS_MEMR_IMAGE))
				map(start, end, rw | nx, what);
			else if (m->flags & TS_MEMR_DEVICE)
				map(start, end, rw | nx | uc, what);
			else if ((m->flags & TS_MEMR_RESERVED) &&
				 start < MMIO_END)
				/* Firmware tables, boot information, boot
				 * modules: readable, so that they can still be
				 * looked up; uncached in the device window.
				 * Not the holes the firmware reports above
				 * 4 GiB: nothing to read there. */
				map(start, end, ro | nx | (start >= MMIO_START ?
							   uc : 0), what);
		}
		if (taken == before)
			break;
	} while (1);
	building = 0;

	write_cr3((uint64_t)(uintptr_t)pml4);
	write_cr0(read_cr0() | X86_CR0_WP);
}

/* Replace the large page at *e (of 1 << shift bytes) by a table of
 * pages of the next size down with the same rights. Both translate
 * every address alike, so the CPU may use either until the TLB flush. */
static int split(uint64_t *e, int shift)
{
	uint64_t size = 1ULL << (shift - 9);
	uint64_t base = *e & PTE_ADDR & ~((1ULL << shift) - 1);
	uint64_t attr = *e & ~PTE_ADDR & ~PTE_PS;
	uint64_t *t = table_try_alloc();
	int i;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < 512; i++)
		t[i] = (base + i * size) | attr | (shift - 9 > 12 ? PTE_PS : 0);
	*e = (uint64_t)(uintptr_t)t | PTE_P | PTE_W;
	write_cr3(read_cr3());
	return 0;
}

int ts_arch_mmu_guard(void *page, int guard)
{
	uint64_t a = (uint64_t)(uintptr_t)page, *t = pml4, *e;
	int shift, r = 0, was_on;

	if (!pml4 || (a & (PAGE_SIZE - 1)) || a >= 0x0000800000000000ULL)
		return -EINVAL;
	was_on = ts_arch_irq_save();
	for (shift = 39; shift > 12; shift -= 9) {
		e = &t[(a >> shift) & 511];
		if (!(*e & PTE_P)) {
			r = -EINVAL;
			goto out;
		}
		if ((*e & PTE_PS) && (r = split(e, shift)))
			goto out;
		t = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	e = &t[(a >> 12) & 511];
	/* A guard keeps its address and rights with only P clear, so that
	 * mapping it again restores exactly what was there. */
	if ((*e & PTE_ADDR) != a || !(*e & PTE_W) ||
	    (*e & (PTE_PCD | PTE_PWT)) || !(*e & PTE_P) != !guard) {
		r = -EINVAL;
		goto out;
	}
	if (guard)
		*e &= ~PTE_P;
	else
		*e |= PTE_P;
	invlpg((uintptr_t)a);
out:
	ts_arch_irq_restore(was_on);
	return r;
}

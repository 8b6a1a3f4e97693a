/* The final page tables: an identity map in which mistakes fault. Page
 * 0 and the boot stack's guard page are unmapped, code is read-only,
 * nothing else is executable, and only the memory the platform's table
 * lists (RAM, firmware areas, devices) is mapped at all. Built once at
 * boot, before any allocator exists, from pages of free RAM (and of an
 * optional pool in .bss). The tables themselves are
 * arch/common/pagetable.c's. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/mmu.h>
#include <ts/arch/x86.h>
#include <ts/plat/console.h>
#include <ts/plat/memory.h>
#include <ts/plat/power.h>
#include "pagetable.h"
#include "pagetable_arch.h"

/* Device memory and firmware below 4 GiB. */
#define MMIO_START	X86_MMIO_UC_START
#define MMIO_END	X86_MMIO_UC_END

/* 4-level paging maps the lower half of a 48-bit address space. */
#define MAP_LIMIT	0x0000800000000000ULL

static uint64_t sym(const char *s)
{
	uint64_t a = (uint64_t)(uintptr_t)s;

	if (a & (PT_PAGE_SIZE - 1)) {
		ts_printk("*** mmu: image boundary %#lx is not page-aligned "
			  "(link.lds)\n", (unsigned long)a);
		ts_plat_crash();
	}
	return a;
}

/* PTE_NX when the CPU has it and ts_arch_mmu_init() turned it on. */
static uint64_t nx_bit;

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
	uint64_t nx = 0;	/* PTE_NX, or 0 when the CPU has no NX */
	int have_1g = 0;
	uint32_t a, b, c, d;
	int i;

	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		nx = (d & X86_CPUID81_NX) ? PTE_NX : 0;
		have_1g = !!(d & X86_CPUID81_PAGE1G);
	}
	nx_bit = nx;
	if (nx)
		wrmsr(X86_MSR_EFER, rdmsr(X86_MSR_EFER) | X86_EFER_NXE);
	else
		ts_printk("mmu: this CPU has no NX bit: data is executable\n");

	arch_pt_build_start(MAP_LIMIT, have_1g ? 30 : 21);
	/* The image first, part by part: its rights are the strictest, and
	 * what is mapped first wins. */
	arch_pt_map(text, text_end, ro, "the image's code");
	arch_pt_map(rodata, rodata_end, ro | nx, "the image's constants");
	arch_pt_map(data, guard, rw | nx, "the image's data");
	arch_pt_map(guard + PT_PAGE_SIZE, image_end, rw | nx,
		    "the image's data");

	/* Then only what the platform's memory table lists: a wild pointer
	 * anywhere else (past the end of RAM, into a hole) faults, and the
	 * fault report names the address. Page tables taken from RAM
	 * meanwhile join the table (as TS_MEMR_IMAGE regions); mapping them
	 * may take more: repeat until nothing new was taken. */
	do {
		unsigned int before = arch_pt_boot_pages();

		for (i = 0; i < ts_plat_memregion_count(); i++) {
			const struct ts_memregion *m = ts_plat_memregion_get(i);
			uint64_t start = m->base;
			uint64_t end = (uint64_t)m->base + m->len;
			const char *what = m->name ? m->name : "memory";

			if ((m->flags & TS_MEMR_IMAGE) && start < image_end &&
			    end > image_start)
				continue;	/* the image: done above */
			if (m->flags & (TS_MEMR_FREE | TS_MEMR_IMAGE))
				arch_pt_map(start, end, rw | nx, what);
			else if (m->flags & TS_MEMR_DEVICE)
				arch_pt_map(start, end, rw | nx | uc, what);
			else if ((m->flags & TS_MEMR_RESERVED) &&
				 start < MMIO_END)
				/* Firmware tables, boot information, boot
				 * modules: readable, so that they can still be
				 * looked up; uncached in the device window.
				 * Not the holes the firmware reports above
				 * 4 GiB: nothing to read there. */
				arch_pt_map(start, end, ro | nx |
					    (start >= MMIO_START ? uc : 0),
					    what);
		}
		if (arch_pt_boot_pages() == before)
			break;
	} while (1);

	write_cr3((uint64_t)(uintptr_t)arch_pt_build_end());
	write_cr0(read_cr0() | X86_CR0_WP);
}

int ts_arch_mmu_map_device(uint64_t base, uint64_t size)
{
	if (base + size < base)
		return -EINVAL;
	return arch_pt_map_late(base, base + size,
				PTE_P | PTE_W | PTE_PCD | PTE_PWT | nx_bit);
}

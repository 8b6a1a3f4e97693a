/* The final page tables: an identity map in which mistakes fault. Page
 * 0 and the stack guard pages are unmapped, code is read-only, nothing
 * else is executable, and devices are mapped only where the platform's
 * memory table lists them. Built once at boot from a static pool of
 * table pages (no allocator exists yet), replacing the boot map. The
 * tables themselves are arch/common/pagetable.c's. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/boot.h>
#include <ts/arch/cpu.h>
#include <ts/arch/mmu.h>
#include <ts/plat/memory.h>
#include "internal.h"
#include "pagetable.h"

#define ATTR_NORMAL	(PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define ATTR_TEXT	(ATTR_NORMAL | PTE_AP_RO)
#define ATTR_RO		(ATTR_NORMAL | PTE_AP_RO | PTE_PXN)
#define ATTR_RW		(ATTR_NORMAL | PTE_PXN)
#define ATTR_DEVICE	(PTE_ATTR(MT_DEVICE_nGnRE) | PTE_AF | PTE_PXN | \
			 PTE_UXN)

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

	/* 4 KiB granule: blocks of 1 GiB and 2 MiB. */
	arch_pt_build_start(1ULL << pa_bits[mmfr0 & 7], 30);

	/* The image first, part by part: its rights are the strictest. */
	arch_pt_map(addr(_ts_text_start), addr(_ts_text_end), ATTR_TEXT,
		    "the image's code");
	arch_pt_map(addr(_ts_rodata_start), addr(_ts_rodata_end), ATTR_RO,
		    "the image's constants");
	arch_pt_map(addr(_ts_data_start), addr(_ts_boot_stack_guard), ATTR_RW,
		    "the image's data");
	arch_pt_map(addr(_ts_boot_stack_bottom), addr(_ts_exc_stack_guard),
		    ATTR_RW, "the boot stack");
	arch_pt_map(addr(_ts_exc_stack_bottom), addr(_ts_image_end), ATTR_RW,
		    "the image's data");

	for (i = 0; i < ts_plat_memregion_count(); i++) {
		const struct ts_memregion *m = ts_plat_memregion_get(i);
		uint64_t end = (uint64_t)m->base + m->len;
		const char *what = m->name ? m->name : "memory";

		if (m->flags & TS_MEMR_FREE)
			arch_pt_map(m->base, end, ATTR_RW, what);
		else if (m->flags & TS_MEMR_DEVICE)
			arch_pt_map(m->base, end, ATTR_DEVICE, what);
		else if (m->flags & TS_MEMR_RESERVED)
			/* Boot information (the device tree): readable,
			 * so that drivers can still look things up. */
			arch_pt_map(m->base, end, ATTR_RO, what);
	}

	arm64_mmu_load((uintptr_t)arch_pt_build_end(), arm64_tcr_value());
}

int ts_arch_mmu_map_device(uint64_t base, uint64_t size)
{
	if (base + size < base)
		return -EINVAL;
	return arch_pt_map_late(base, base + size, ATTR_DEVICE);
}

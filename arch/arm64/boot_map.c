/* The boot map: the platform's coarse memory map in 1 GiB and 2 MiB
 * blocks, so that the MMU and caches are on before any of the
 * platform's C code runs. Runs with the MMU off, where every access is
 * to Device memory: this file is compiled with -mstrict-align (see
 * Makefile.uk), calls nothing, and its tables lie in .bss, which the
 * boot code zeroed. */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/boot.h>
#include "internal.h"

#define SZ_2M		(1ULL << 21)
#define SZ_1G		(1ULL << 30)
#define BOOT_LIMIT	(512 * SZ_1G)	/* one level-1 table */
/* Level-2 tables for the GiBs that mix RAM and devices (a Raspberry Pi
 * 4 has two: peripherals below 1 GiB and below 4 GiB). */
#define BOOT_L2_TABLES	4

#define BOOT_NORMAL_ATTR (PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | \
			  PTE_UXN)
#define BOOT_DEVICE_ATTR (PTE_ATTR(MT_DEVICE_nGnRE) | PTE_AF | PTE_PXN | \
			  PTE_UXN)

static uint64_t boot_l0[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t boot_l1[PT_ENTRIES] __attribute__((aligned(4096)));
static uint64_t boot_l2[BOOT_L2_TABLES][PT_ENTRIES]
	__attribute__((aligned(4096)));

uint64_t arm64_tcr_value(void)
{
	uint64_t ips = ts_arm64_read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (ips > 5)
		ips = 5;		/* 48 bits: no 52-bit (LPA) tables */
	return 16			/* T0SZ: 48-bit addresses */
	       | (1ULL << 8)		/* IRGN0: write-back, allocate */
	       | (1ULL << 10)		/* ORGN0: write-back, allocate */
	       | (3ULL << 12)		/* SH0: inner shareable */
	       | (0ULL << 14)		/* TG0: 4 KiB */
	       | (1ULL << 23)		/* EPD1: no TTBR1 walks */
	       | (2ULL << 30)		/* TG1: 4 KiB (unused, but valid) */
	       | (ips << 32);		/* IPS: the CPU's PA range */
}

/* Map [a, end) with attr as 2 MiB blocks inside one GiB; addresses that
 * an earlier region mapped keep their mapping. */
static void map_2m(uint64_t a, uint64_t end, uint64_t attr,
		   unsigned int *l2_used)
{
	uint64_t *l1e = &boot_l1[a >> 30];
	uint64_t *l2;

	if (*l1e & PTE_VALID) {
		if (!(*l1e & PTE_TABLE))
			return;		/* a whole-GiB block already */
		l2 = (uint64_t *)(uintptr_t)(*l1e & PTE_ADDR);
	} else {
		if (*l2_used == BOOT_L2_TABLES)
			return;		/* stays unmapped; see boot.h */
		l2 = boot_l2[(*l2_used)++];
		*l1e = (uintptr_t)l2 | PTE_VALID | PTE_TABLE;
	}
	for (; a < end; a += SZ_2M) {
		uint64_t *e = &l2[(a >> 21) & (PT_ENTRIES - 1)];

		if (!(*e & PTE_VALID))
			*e = a | attr | PTE_VALID;
	}
}

uint64_t arm64_mmu_boot(void)
{
	const struct ts_arm64_boot_region *r;
	unsigned int l2_used = 0;

	boot_l0[0] = (uintptr_t)boot_l1 | PTE_VALID | PTE_TABLE;
	for (r = ts_plat_arm64_boot_map; r->end; r++) {
		uint64_t attr = r->attr == TS_ARM64_BOOT_DEVICE ?
				BOOT_DEVICE_ATTR : BOOT_NORMAL_ATTR;
		uint64_t a = r->start & ~(SZ_2M - 1);
		uint64_t end = (r->end + SZ_2M - 1) & ~(SZ_2M - 1);

		if (end > BOOT_LIMIT)
			end = BOOT_LIMIT;
		while (a < end) {
			uint64_t gib_end = (a | (SZ_1G - 1)) + 1;
			uint64_t *l1e = &boot_l1[a >> 30];

			if (!(a & (SZ_1G - 1)) && end >= gib_end &&
			    !(*l1e & PTE_VALID)) {
				*l1e = a | attr | PTE_VALID;
			} else {
				map_2m(a, end < gib_end ? end : gib_end, attr,
				       &l2_used);
			}
			a = gib_end;
		}
	}
	return (uintptr_t)boot_l0;
}

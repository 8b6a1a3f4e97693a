/* Memory on a debugger's behalf that never faults: every page is looked
 * up in the live translation tables (TTBR0_EL1, the identity map of
 * mmu.c) before it is touched. Unmapped pages (page 0, stack guards) and
 * Device memory (a read can have side effects: a UART's FIFO) are
 * refused. Read-only pages (code, constants) are written by making their
 * entry writable for the moment of the write, with the cache
 * maintenance that new instructions need afterwards (Arm ARM B2.4.4,
 * "Concurrent modification and execution of instructions"). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/debug.h>
#include "internal.h"

#define TCR_T0SZ(v)	((unsigned int)((v) & 0x3f))
#define TTBR_BADDR	0x0000fffffffffffeULL
#define PTE_ATTR_IDX(e)	(((e) >> 2) & 7)

/* The last-level entry that maps va (a page, or a block of
 * 1 << *shift bytes), or NULL when none does. Tables are found
 * through the identity map: the table pages are RAM of the image or
 * of the allocator, mapped at their own address. */
static uint64_t *leaf_entry(uint64_t va, unsigned int *shift_out)
{
	uint64_t tcr = ts_arm64_read_sysreg(tcr_el1);
	unsigned int va_bits = 64 - TCR_T0SZ(tcr), shift;
	uint64_t *t, e;

	if (va_bits < 25 || va_bits > 48 || (va >> va_bits))
		return NULL;
	/* 4 KiB granule: 9 address bits per level above the page offset;
	 * the first level resolves what remains. */
	shift = 12 + 9 * ((va_bits - 12 + 8) / 9 - 1);
	t = (uint64_t *)(uintptr_t)(ts_arm64_read_sysreg(ttbr0_el1) &
				    TTBR_BADDR & PTE_ADDR);
	for (;; shift -= 9) {
		uint64_t *p = &t[(va >> shift) & (PT_ENTRIES - 1)];

		e = *p;
		if (!(e & PTE_VALID))
			return NULL;
		if (shift == 12) {
			if (!(e & PTE_PAGE))
				return NULL;
			*shift_out = shift;
			return p;
		}
		if (!(e & PTE_TABLE)) {
			if (shift > 30)	/* no level-0 blocks at 4 KiB */
				return NULL;
			*shift_out = shift;
			return p;
		}
		t = (uint64_t *)(uintptr_t)(e & PTE_ADDR);
	}
}

/* How many bytes from va on (up to len) lie in memory a debugger may
 * read: normal memory, mapped. *ro_entry receives the entry of the
 * range when it is read-only (else NULL). */
static size_t usable(uint64_t va, size_t len, uint64_t **ro_entry)
{
	unsigned int shift;
	uint64_t *e = leaf_entry(va, &shift), size, left;

	*ro_entry = NULL;
	if (!e)
		return 0;
	if (PTE_ATTR_IDX(*e) != MT_NORMAL && PTE_ATTR_IDX(*e) != MT_NORMAL_NC)
		return 0;
	size = 1ULL << shift;
	left = size - (va & (size - 1));
	if (*e & PTE_AP_RO)
		*ro_entry = e;
	return left < len ? left : len;
}

long ts_arch_mem_read_safe(uint64_t addr, void *buf, size_t len)
{
	uint8_t *out = buf;
	size_t done = 0, n, i;
	uint64_t *ro;

	while (done < len) {
		n = usable(addr + done, len - done, &ro);
		if (!n)
			break;
		for (i = 0; i < n; i++)
			out[done + i] = *(const volatile uint8_t *)(uintptr_t)
					(addr + done + i);
		done += n;
	}
	if (!done && len)
		return -EFAULT;
	return (long)done;
}

static void tlb_drop(uint64_t va)
{
	/* Only this CPU runs the kernel (see ts_arch_mmu_guard). */
	__asm__ __volatile__("dsb nshst\n\t"
			     "tlbi vaale1, %0\n\t"
			     "dsb nsh\n\t"
			     "isb" :: "r"(va >> 12) : "memory");
}

/* New instructions at [a, a + len): the data cache cleaned to the
 * point of unification, then the instruction cache invalidated there,
 * for each line (sizes from CTR_EL0). */
static void sync_icache(uint64_t a, size_t len)
{
	uint64_t ctr = ts_arm64_read_sysreg(ctr_el0);
	uint64_t dline = 4ULL << ((ctr >> 16) & 0xf);
	uint64_t iline = 4ULL << (ctr & 0xf);
	uint64_t p, end = a + len;

	for (p = a & ~(dline - 1); p < end; p += dline)
		__asm__ __volatile__("dc cvau, %0" :: "r"(p) : "memory");
	__asm__ __volatile__("dsb ish" ::: "memory");
	for (p = a & ~(iline - 1); p < end; p += iline)
		__asm__ __volatile__("ic ivau, %0" :: "r"(p) : "memory");
	__asm__ __volatile__("dsb ish\n\tisb" ::: "memory");
}

static void copy_out(uint64_t addr, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		*(volatile uint8_t *)(uintptr_t)(addr + i) = src[i];
}

int ts_arch_mem_write_safe(uint64_t addr, const void *buf, size_t len)
{
	const uint8_t *src = buf;
	size_t done = 0, n;
	uint64_t *ro, daif;

	/* All of it or nothing: check first. */
	while (done < len) {
		n = usable(addr + done, len - done, &ro);
		if (!n)
			return -EFAULT;
		done += n;
	}
	__asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #3"
			     : "=r"(daif) :: "memory");
	for (done = 0; done < len; done += n) {
		uint64_t a = addr + done;

		n = usable(a, len - done, &ro);
		if (!ro) {
			copy_out(a, src + done, n);
			continue;
		}
		/* Only the permission changes: that needs no
		 * break-before-make, only the old entry out of the TLB.
		 * Nothing else runs meanwhile (interrupts masked, one CPU
		 * in the kernel). */
		*ro &= ~PTE_AP_RO;
		tlb_drop(a);
		copy_out(a, src + done, n);
		*ro |= PTE_AP_RO;
		tlb_drop(a);
		/* Code or constants: whichever, new bytes there may be
		 * instructions. */
		sync_icache(a, n);
	}
	__asm__ __volatile__("msr daif, %0" :: "r"(daif) : "memory");
	return 0;
}

/* Memory on a debugger's behalf (<ts/arch/debug.h>): every page is looked
 * up in the page tables before it is touched, so GDB reading a wild
 * pointer while it unwinds gets an error reply instead of a fault inside
 * the stub. The tables are identity-mapped RAM (mmu.c), so the walk reads
 * them through their physical addresses. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/arch/debug.h>
#include <ts/arch/irq_save.h>
#include <ts/arch/x86.h>

#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_PS		(1ULL << 7)
#define PTE_ADDR	0x000ffffffffff000ULL
#define PAGE_SIZE	4096ULL

enum access { REFUSED, READ_ONLY, WRITABLE };

/* How the page holding a may be used by the debugger: refused when it is
 * not mapped (page 0, guard pages, holes), non-canonical, or device
 * memory (uncached: reading a device register has side effects, e.g. it
 * takes a byte out of a UART's FIFO). *end is where that page ends. */
static enum access lookup(uint64_t a, uint64_t *end)
{
	const uint64_t *t;
	uint64_t e = 0;
	int shift;

	/* Canonical: bits 63..47 all equal. */
	if ((uint64_t)((int64_t)(a << 16) >> 16) != a)
		return REFUSED;
	t = (const uint64_t *)(uintptr_t)(read_cr3() & PTE_ADDR);
	for (shift = 39; shift >= 12; shift -= 9) {
		e = t[(a >> shift) & 511];
		if (!(e & PTE_P))
			return REFUSED;
		if (shift == 12 || (shift <= 30 && (e & PTE_PS))) {
			*end = (a | ((1ULL << shift) - 1)) + 1;
			break;
		}
		t = (const uint64_t *)(uintptr_t)(e & PTE_ADDR);
	}
	if (e & (PTE_PCD | PTE_PWT))
		return REFUSED;
	return (e & PTE_W) ? WRITABLE : READ_ONLY;
}

long ts_arch_mem_read_safe(uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done, end = 0;
		size_t n;

		if (a < addr || lookup(a, &end) == REFUSED)
			return done ? (long)done : -EFAULT;
		n = end - a < len - done ? end - a : len - done;
		memcpy((char *)buf + done, (const void *)(uintptr_t)a, n);
		done += n;
	}
	return (long)done;
}

/* Read-only pages (the image's code, where breakpoints go) are written
 * with CR0.WP clear: the supervisor then ignores the R/W bit, which is a
 * writable view of exactly those bytes for the length of one memcpy, with
 * interrupts off so that nothing else runs meanwhile. No page-table entry
 * changes, so no TLB flush is needed; the iretq back to the program is
 * serializing, so the CPU fetches the new instructions (SDM vol. 3,
 * 8.1.3 "Handling self- and cross-modifying code"). */
int ts_arch_mem_write_safe(uint64_t addr, const void *buf, size_t len)
{
	size_t done = 0;

	/* Check the whole range first: a write is all or nothing. */
	while (done < len) {
		uint64_t a = addr + done, end = 0;

		if (a < addr || lookup(a, &end) == REFUSED)
			return -EFAULT;
		done += end - a < len - done ? end - a : len - done;
	}
	done = 0;
	while (done < len) {
		uint64_t a = addr + done, end = 0;
		enum access acc = lookup(a, &end);
		size_t n = end - a < len - done ? end - a : len - done;

		if (acc == WRITABLE) {
			memcpy((void *)(uintptr_t)a, (const char *)buf + done, n);
		} else {
			int was_on = ts_arch_irq_save();
			uint64_t cr0;

			cr0 = read_cr0();
			write_cr0(cr0 & ~X86_CR0_WP);
			memcpy((void *)(uintptr_t)a, (const char *)buf + done, n);
			write_cr0(cr0);
			ts_arch_irq_restore(was_on);
		}
		done += n;
	}
	return 0;
}

/* Declarations shared by the files of arch/arm64 only. */
#ifndef TS_ARM64_INTERNAL_H
#define TS_ARM64_INTERNAL_H

/* Stage 1 translation table descriptors, 4 KiB granule (Arm ARM D8.3). */
#define PTE_VALID	(1ULL << 0)
#define PTE_TABLE	(1ULL << 1)	/* levels 0-2: next-level table */
#define PTE_PAGE	(1ULL << 1)	/* level 3: page (else reserved) */
#define PTE_ATTR(i)	((unsigned long long)(i) << 2)	/* MAIR index */
#define PTE_AP_RO	(1ULL << 7)	/* AP[2]: read-only (EL1) */
#define PTE_SH_INNER	(3ULL << 8)
#define PTE_AF		(1ULL << 10)	/* access flag: no AF faults */
#define PTE_PXN		(1ULL << 53)
#define PTE_UXN		(1ULL << 54)
#define PTE_ADDR	0x0000fffffffff000ULL

/* MAIR_EL1 indices, and the attributes at those indices. */
#define MT_DEVICE_nGnRE	0
#define MT_NORMAL	1
#define MT_NORMAL_NC	2
#define MT_DEVICE_nGnRnE 3
#define MAIR_VALUE	((0x04ULL << (8 * MT_DEVICE_nGnRE)) |		\
			 (0xffULL << (8 * MT_NORMAL)) |			\
			 (0x44ULL << (8 * MT_NORMAL_NC)) |		\
			 (0x00ULL << (8 * MT_DEVICE_nGnRnE)))

#define PAGE_SIZE	4096ULL
#define PT_ENTRIES	512

/* SCTLR_EL1 (Arm ARM D13.2.118): the bits reserved as one in ARMv8.0,
 * and the ones this kernel sets once the MMU is on. */
#define SCTLR_EL1_RES1	0x30d00800ULL
#define SCTLR_M		(1ULL << 0)	/* MMU */
#define SCTLR_C		(1ULL << 2)	/* data caches */
#define SCTLR_SA	(1ULL << 3)	/* SP alignment check, EL1 */
#define SCTLR_SA0	(1ULL << 4)	/* SP alignment check, EL0 */
#define SCTLR_I		(1ULL << 12)	/* instruction caches */
#define SCTLR_EL1_MMU_ON (SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | \
			  SCTLR_SA0 | SCTLR_I)

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <ts/arch/regs.h>

/* TCR_EL1 for a 48-bit identity map with TTBR0 only, sized to the CPU's
 * physical address range (mmu_tcr.c). */
uint64_t arm64_tcr_value(void);

/* boot_map.c: builds the boot tables from ts_plat_arm64_boot_map with
 * the MMU off and returns the table to give arm64_mmu_load(). */
uint64_t arm64_mmu_boot(void);

/* mmu_load.S: load MAIR, TCR and TTBR0 and turn on the MMU and caches;
 * also switches from one identity map to another (the MMU is off for a
 * few instructions in between, so no stale TLB entry can conflict). */
void arm64_mmu_load(uint64_t ttbr0, uint64_t tcr);
/* mmu_load.S: replace a live block descriptor by a table descriptor for
 * the same addresses (interrupts masked). */
void arm64_mmu_swap_entry(uint64_t *entry, uint64_t value);

/* Called by vectors.S with the saved registers. Non-zero asks vectors.S
 * to preempt the interrupted thread (arm64_preempt_resume). */
int ts_arch_trap(struct ts_regs *regs);
/* vectors.S, when an exception inside a handler finds the exception
 * stack nearly full: reports what it can and crashes. */
_Noreturn void arm64_exc_stack_overflow(void);

/* irq.c: called by ts_arch_trap() for the IRQ vector; then whether the
 * scheduler wants the interrupted thread preempted, and (from
 * arm64_preempt_resume, on that thread's stack) the scheduler's run(). */
void arm64_irq_dispatch(struct ts_regs *regs);
int arm64_irq_preempt_wanted(void);
void arm64_irq_preempt_run(void);

/* The vector table (vectors.S), 2 KiB aligned. */
extern char ts_arm64_vectors[];
#endif

#endif

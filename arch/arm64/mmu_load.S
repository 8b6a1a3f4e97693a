/* arm64_mmu_load(ttbr0, tcr): turn the MMU on with a new identity map,
 * or move from one identity map to another. The MMU is turned off for
 * the switch, so that no TLB entry of the old tables can meet one of
 * the new (a 1 GiB block and a 4 KiB page for the same address may
 * otherwise give a TLB conflict abort). With identical addresses on
 * both sides, the code goes on running through the switch. Nothing in
 * between touches memory. */
#include "internal.h"

	.section .text.arm64_mmu_load, "ax", @progbits
	.globl arm64_mmu_load
	.type arm64_mmu_load, @function
arm64_mmu_load:
	ldr	x2, =MAIR_VALUE
	ldr	x3, =SCTLR_EL1_MMU_ON
	dsb	ish			/* table writes reach the walker */
	mrs	x4, sctlr_el1
	bic	x4, x4, #SCTLR_M
	msr	sctlr_el1, x4
	isb
	msr	mair_el1, x2
	msr	tcr_el1, x1
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x3
	isb
	ic	iallu
	dsb	nsh
	isb
	ret
	.ltorg
	.size arm64_mmu_load, . - arm64_mmu_load

/* arm64_mmu_swap_entry(entry, value): store a table descriptor over a
 * live block descriptor that maps the same addresses with the same
 * attributes (a block split into pages). The architecture wants the
 * entry invalid and its TLB entries gone in between (break-before-
 * make), but that would unmap memory this code, its caller's stack or
 * the page tables themselves may lie in; so the store happens with the
 * MMU off instead, like the switch above. The line holding the entry is
 * written back before (its neighbours reach memory) and invalidated
 * after (no stale copy stays cached). Interrupts must be masked. */
	.section .text.arm64_mmu_swap_entry, "ax", @progbits
	.globl arm64_mmu_swap_entry
	.type arm64_mmu_swap_entry, @function
arm64_mmu_swap_entry:
	dsb	ish			/* the new table reaches the walker */
	dc	civac, x0
	dsb	sy
	mrs	x2, sctlr_el1
	bic	x3, x2, #SCTLR_M
	msr	sctlr_el1, x3
	isb
	str	x1, [x0]
	dsb	sy
	dc	ivac, x0
	dsb	sy
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x2
	isb
	ret
	.size arm64_mmu_swap_entry, . - arm64_mmu_swap_entry

	.section .note.GNU-stack, "", @progbits

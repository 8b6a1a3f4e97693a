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

	.section .note.GNU-stack, "", @progbits

/* ts_arch_regs_capture(struct ts_regs *r): the registers at the call, as
 * if an exception had happened at the return address (lib/debug's
 * ts_panic() reports them like a CPU exception). */
#include <ts/arch/regs.h>

	.section .text.ts_arch_regs_capture, "ax", %progbits
	.globl	ts_arch_regs_capture
	.type	ts_arch_regs_capture, %function
ts_arch_regs_capture:
	stp	x0, x1, [x0, #0]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #TS_REGS_X30]
	mov	x1, sp
	str	x1, [x0, #TS_REGS_SP]
	str	x30, [x0, #TS_REGS_PC]		/* the return address */
	/* PSTATE as SPSR_EL1 would show it: flags, masks, EL and SPSel. */
	mrs	x1, nzcv
	mrs	x2, daif
	orr	x1, x1, x2
	mrs	x2, CurrentEL
	orr	x1, x1, x2
	mrs	x2, SPSel
	orr	x1, x1, x2
	str	x1, [x0, #TS_REGS_PSTATE]
	str	xzr, [x0, #TS_REGS_ESR]
	str	xzr, [x0, #TS_REGS_FAR]
	mov	x1, #-1				/* no exception */
	str	x1, [x0, #TS_REGS_VECTOR]
	ldp	x1, x2, [x0, #8]
	ret
	.size	ts_arch_regs_capture, . - ts_arch_regs_capture

	.section .note.GNU-stack, "", %progbits

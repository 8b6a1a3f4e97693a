/* The thread switch and the first instructions of a new thread. See
 * <ts/arch/ctx.h> for the frame. */
#include <ts/arch/ctx.h>

	/* With the C code's, in .debug_frame (.eh_frame is not linked). */
	.cfi_sections .debug_frame

	.section .text.ts_arch_ctx_switch, "ax", @progbits
	.globl	ts_arch_ctx_switch
	.type	ts_arch_ctx_switch, @function
	.balign	16
/* void ts_arch_ctx_switch(struct ts_arch_ctx *from (x0), to (x1)) */
ts_arch_ctx_switch:
	sub	sp, sp, #TS_ARCH_CTX_FRAME
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	stp	d8, d9, [sp, #96]
	stp	d10, d11, [sp, #112]
	stp	d12, d13, [sp, #128]
	stp	d14, d15, [sp, #144]
	mrs	x9, fpcr
	str	x9, [sp, #160]
	mov	x10, sp
	str	x10, [x0]

	ldr	x10, [x1]
	mov	sp, x10
	/* FPCR writes may be slow; most threads share one value. */
	ldr	x10, [sp, #160]
	cmp	x9, x10
	b.eq	1f
	msr	fpcr, x10
1:	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	d8, d9, [sp, #96]
	ldp	d10, d11, [sp, #112]
	ldp	d12, d13, [sp, #128]
	ldp	d14, d15, [sp, #144]
	add	sp, sp, #TS_ARCH_CTX_FRAME
	ret
	.size	ts_arch_ctx_switch, . - ts_arch_ctx_switch

	.section .text.ts_arch_ctx_start, "ax", @progbits
	.globl	ts_arch_ctx_start
	.type	ts_arch_ctx_start, @function
	.balign	16
/* Reached by the first switch's ret. The CFI marks the return address
 * as undefined: a debugger's backtrace ends here cleanly instead of
 * unwinding into garbage. */
ts_arch_ctx_start:
	.cfi_startproc
	.cfi_undefined x30
	mov	x0, x20
	mov	x29, xzr
	mov	x30, xzr
	blr	x19
	brk	#0x3e9			/* the entry function returned */
	.cfi_endproc
	.size	ts_arch_ctx_start, . - ts_arch_ctx_start

	.section .note.GNU-stack, "", @progbits

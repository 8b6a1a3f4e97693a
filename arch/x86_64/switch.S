/* The thread switch and the first instructions of a new thread. See
 * <ts/arch/ctx.h> for the frame; the host build of the scheduler
 * (bench/) links this very file. */
#include <ts/arch/ctx.h>

	/* With the C code's, in .debug_frame (.eh_frame is not linked). */
	.cfi_sections .debug_frame

	.section .text.ts_arch_ctx_switch, "ax", @progbits
	.globl	ts_arch_ctx_switch
	.type	ts_arch_ctx_switch, @function
	.align	16
/* void ts_arch_ctx_switch(struct ts_arch_ctx *from (rdi), to (rsi)) */
ts_arch_ctx_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movq	%rsp, (%rdi)
	movq	(%rsi), %rsp
	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	ts_arch_ctx_switch, . - ts_arch_ctx_switch

	.section .text.ts_arch_ctx_start, "ax", @progbits
	.globl	ts_arch_ctx_start
	.type	ts_arch_ctx_start, @function
	.align	16
/* Reached by the first switch's ret, with rsp 16-byte aligned. The CFI
 * marks the return address as undefined: a debugger's backtrace ends here
 * cleanly instead of unwinding into a frame at address 0. */
ts_arch_ctx_start:
	.cfi_startproc
	.cfi_undefined rip
	movq	%r14, %rdi
	xorl	%ebp, %ebp
	call	*%r13
	ud2				/* the entry function returned */
	.cfi_endproc
	.size	ts_arch_ctx_start, . - ts_arch_ctx_start

	.section .note.GNU-stack, "", @progbits

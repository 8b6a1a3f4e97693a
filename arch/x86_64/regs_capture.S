/* ts_arch_regs_capture(struct ts_regs *r): the registers at the call, as
 * if an exception had happened at the return address (lib/debug's
 * ts_panic() reports them like a CPU exception). */
#include <ts/arch/regs.h>

	.section .text.ts_arch_regs_capture, "ax", @progbits
	.globl	ts_arch_regs_capture
	.type	ts_arch_regs_capture, @function
ts_arch_regs_capture:
	movq	%r15, 0(%rdi)
	movq	%r14, 8(%rdi)
	movq	%r13, 16(%rdi)
	movq	%r12, 24(%rdi)
	movq	%r11, 32(%rdi)
	movq	%r10, 40(%rdi)
	movq	%r9, 48(%rdi)
	movq	%r8, 56(%rdi)
	movq	%rbp, 64(%rdi)
	movq	%rdi, 72(%rdi)
	movq	%rsi, 80(%rdi)
	movq	%rdx, 88(%rdi)
	movq	%rcx, 96(%rdi)
	movq	%rbx, 104(%rdi)
	movq	%rax, TS_REGS_RAX(%rdi)
	movq	$-1, TS_REGS_VECTOR(%rdi)	/* no exception */
	movq	$0, TS_REGS_ERROR(%rdi)
	movq	(%rsp), %rax			/* the return address */
	movq	%rax, TS_REGS_RIP(%rdi)
	xorl	%eax, %eax
	movw	%cs, %ax
	movq	%rax, TS_REGS_CS(%rdi)
	pushfq
	popq	%rax
	movq	%rax, TS_REGS_RFLAGS(%rdi)
	leaq	8(%rsp), %rax			/* the caller's, after ret */
	movq	%rax, TS_REGS_RSP(%rdi)
	xorl	%eax, %eax
	movw	%ss, %ax
	movq	%rax, TS_REGS_SS(%rdi)
	movq	TS_REGS_RAX(%rdi), %rax
	ret
	.size	ts_arch_regs_capture, . - ts_arch_regs_capture

	.section .note.GNU-stack, "", @progbits

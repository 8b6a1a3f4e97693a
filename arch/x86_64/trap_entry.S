/* Exception and interrupt entry stubs. Each pushes a dummy error code
 * when the CPU pushes none, then its vector, so that every frame is a
 * struct ts_regs once trap_common has pushed the general registers. Any
 * C code may use SSE, so the FPU/SSE state is saved around the handler
 * as well. */
#include <ts/arch/irq.h>
#include <ts/arch/regs.h>

	/* With the C code's, in .debug_frame (.eh_frame is not linked). */
	.cfi_sections .debug_frame

	.section .text.ts_trap_entry, "ax", @progbits
	.code64

.macro TRAP_NOERR vec
	.align 16
trap_\vec:
	pushq	$0
	pushq	$\vec
	jmp	trap_common
.endm

.macro TRAP_ERR vec
	.align 16
trap_\vec:
	pushq	$\vec
	jmp	trap_common
.endm

/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30 */
.irp v, 0, 2, 3, 4, 5, 6, 7, 9, 15, 16, 18, 19, 20, 22, 23, 24, 25, 26, 27, 28, 31
	TRAP_NOERR \v
.endr
.irp v, 8, 10, 11, 12, 13, 14, 17, 21, 29, 30
	TRAP_ERR \v
.endr

/* #DB turns the debug registers off (DR7 = 0) before any C runs, as
 * Linux does: a hardware breakpoint or watchpoint on the code or data
 * of the debug-exception path would otherwise raise #DB inside it, over
 * and over. debug.c's handler rebuilds DR7 when it is done. */
	.align 16
trap_1:
	pushq	$0
	pushq	$1
	pushq	%rax
	xorl	%eax, %eax
	movq	%rax, %dr7
	popq	%rax
	jmp	trap_common
/* External interrupts (vectors 32-255) never have an error code. Their
 * stubs are generated, each in its own TS_X86_IRQ_STUB_SIZE slot, so
 * that the IDT finds stub v at ts_x86_irq_stubs + (v - 32) * size. */
	.align	TS_X86_IRQ_STUB_SIZE
	.globl	ts_x86_irq_stubs
ts_x86_irq_stubs:
	.set	vec, TS_X86_VEC_FIRST_IRQ
	.rept	256 - TS_X86_VEC_FIRST_IRQ
1:	pushq	$0
	pushq	$vec
	/* jmp trap_common, always in its rel32 form: a jump the assembler
	 * may shorten has no size yet, and the check below needs one. */
	.byte	0xe9
	.long	trap_common - (. + 4)
	.if	. - 1b > TS_X86_IRQ_STUB_SIZE
	.error	"interrupt stub larger than TS_X86_IRQ_STUB_SIZE"
	.endif
	.align	TS_X86_IRQ_STUB_SIZE
	.set	vec, vec + 1
	.endr

	.align 16
trap_common:
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld
	movq	%rsp, %rbx		/* struct ts_regs *, callee-saved */
	/* Call-frame information for the handler's callers: the caller is
	 * the interrupted code, whose registers are all in the struct at
	 * rbx (CFA: its end). A debugger's backtrace from inside a handler,
	 * or of a thread preempted here, goes on into the interrupted code;
	 * as a signal frame, its pc is taken as it is. */
	.cfi_startproc simple
	.cfi_signal_frame
	.cfi_def_cfa rbx, TS_REGS_SIZE
	.cfi_offset rip, TS_REGS_RIP - TS_REGS_SIZE
	.cfi_offset rsp, TS_REGS_RSP - TS_REGS_SIZE
	.cfi_offset rbp, 64 - TS_REGS_SIZE
	.cfi_offset rbx, 104 - TS_REGS_SIZE
	.cfi_offset r12, 24 - TS_REGS_SIZE
	.cfi_offset r13, 16 - TS_REGS_SIZE
	.cfi_offset r14, 8 - TS_REGS_SIZE
	.cfi_offset r15, TS_REGS_R15 - TS_REGS_SIZE
	.cfi_offset rax, TS_REGS_RAX - TS_REGS_SIZE
	.cfi_offset rcx, 96 - TS_REGS_SIZE
	.cfi_offset rdx, 88 - TS_REGS_SIZE
	.cfi_offset rsi, 80 - TS_REGS_SIZE
	.cfi_offset rdi, 72 - TS_REGS_SIZE
	.cfi_offset r8, 56 - TS_REGS_SIZE
	.cfi_offset r9, 48 - TS_REGS_SIZE
	.cfi_offset r10, 40 - TS_REGS_SIZE
	.cfi_offset r11, 32 - TS_REGS_SIZE
	subq	$512, %rsp
	andq	$-16, %rsp		/* fxsave area must be 16-aligned */
	fxsave64 (%rsp)
	movq	%rbx, %rdi
	call	ts_arch_trap
	fxrstor64 (%rsp)
	.cfi_endproc
	movq	%rbx, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp		/* vector and error code */
	iretq

	.section .rodata.ts_trap_stubs, "a", @progbits
	.align 8
	.globl ts_x86_trap_stubs
ts_x86_trap_stubs:
.irp v, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.quad trap_\v
.endr

	.section .note.GNU-stack, "", @progbits

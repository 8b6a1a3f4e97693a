/* The exception vector table and the common entry and exit path.
 *
 * All code runs on SP_EL0, so every exception from it is taken on
 * SP_EL1, the exception stack, and lands in the first group of vectors
 * ("current EL with SP_EL0"). A stack overflow into the guard page below
 * SP_EL0's stack therefore still gets a working stack for its report.
 * An exception inside a handler (already on SP_EL1) lands in the second
 * group; that one first checks that the exception stack has room left,
 * because a fault while storing the frame would repeat forever.
 *
 * The frame is a struct ts_regs, and below it the FP/SIMD state: every C
 * function may use the FP/SIMD registers, the handler's too.
 *
 * Preemption: when an interrupt of thread code ends with the scheduler
 * asking for a switch (ts_arch_trap() returns non-zero), the frame is
 * moved from the exception stack onto the thread's own stack, and the
 * exception returns into arm64_preempt_resume there, interrupts still
 * masked. The exception stack is empty again, as it must be while
 * another thread runs; the thread's whole state waits on its stack
 * until the scheduler resumes it. */
#include <ts/arch/boot.h>
#include <ts/arch/regs.h>

	/* With the C code's, in .debug_frame (.eh_frame is not linked). */
	.cfi_sections .debug_frame

/* Call-frame information saying that the caller is the interrupted code,
 * all of whose registers are in the struct ts_regs at reg + off (CFA:
 * its end); its pc (DWARF register 32) is the return column. A signal
 * frame: the pc is taken as it is, not as a return address. */
.macro cfi_interrupted reg, off
	.cfi_startproc simple
	.cfi_signal_frame
	.cfi_return_column 32
	.cfi_def_cfa \reg, \off + TS_REGS_SIZE
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	.cfi_offset x\n, TS_REGS_X0 + 8 * \n - TS_REGS_SIZE
	.endr
	.cfi_offset sp, TS_REGS_SP - TS_REGS_SIZE
	.cfi_offset 32, TS_REGS_PC - TS_REGS_SIZE
.endm

/* Room a nested exception needs: its frame, the FP/SIMD state and
 * the stack of the short nested-fault report. */
#define NESTED_ROOM	4096

/* The FP/SIMD state and struct ts_regs, as they lie on a stack. */
#define FULL_FRAME	(TS_FPSTATE_SIZE + TS_REGS_SIZE)
#define PSR_I		(1 << 7)

.macro fpsimd_save
	sub	sp, sp, #TS_FPSTATE_SIZE
	stp	q0, q1, [sp, #0]
	stp	q2, q3, [sp, #32]
	stp	q4, q5, [sp, #64]
	stp	q6, q7, [sp, #96]
	stp	q8, q9, [sp, #128]
	stp	q10, q11, [sp, #160]
	stp	q12, q13, [sp, #192]
	stp	q14, q15, [sp, #224]
	stp	q16, q17, [sp, #256]
	stp	q18, q19, [sp, #288]
	stp	q20, q21, [sp, #320]
	stp	q22, q23, [sp, #352]
	stp	q24, q25, [sp, #384]
	stp	q26, q27, [sp, #416]
	stp	q28, q29, [sp, #448]
	stp	q30, q31, [sp, #480]
	mrs	x2, fpsr
	mrs	x3, fpcr
	str	x2, [sp, #512]
	str	x3, [sp, #520]
.endm

.macro fpsimd_restore
	ldr	x2, [sp, #512]
	ldr	x3, [sp, #520]
	msr	fpsr, x2
	msr	fpcr, x3
	ldp	q0, q1, [sp, #0]
	ldp	q2, q3, [sp, #32]
	ldp	q4, q5, [sp, #64]
	ldp	q6, q7, [sp, #96]
	ldp	q8, q9, [sp, #128]
	ldp	q10, q11, [sp, #160]
	ldp	q12, q13, [sp, #192]
	ldp	q14, q15, [sp, #224]
	ldp	q16, q17, [sp, #256]
	ldp	q18, q19, [sp, #288]
	ldp	q20, q21, [sp, #320]
	ldp	q22, q23, [sp, #352]
	ldp	q24, q25, [sp, #384]
	ldp	q26, q27, [sp, #416]
	ldp	q28, q29, [sp, #448]
	ldp	q30, q31, [sp, #480]
	add	sp, sp, #TS_FPSTATE_SIZE
.endm

/* x0-x30 from the struct ts_regs at sp, which is then popped. */
.macro gprs_restore
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #TS_REGS_X30]
	add	sp, sp, #TS_REGS_SIZE
.endm

.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/* An exception from code on SP_EL0, or from a lower EL: SP_EL1 is at
 * the top of the exception stack. */
.macro VENTRY vec
	.balign	0x80
	sub	sp, sp, #TS_REGS_SIZE
	stp	x0, x1, [sp, #TS_REGS_X0]
	mov	x0, #\vec
	b	exc_common
.endm

/* An exception inside a handler. SP_EL0 serves as a scratch register
 * here: the outer frame holds the interrupted code's SP_EL0 and puts it
 * back on its return. */
.macro VENTRY_SPX vec
	.balign	0x80
	msr	sp_el0, x0
	adr_l	x0, _ts_exc_stack_bottom
	add	x0, x0, #NESTED_ROOM
	cmp	sp, x0
	/* b.lo reaches 1 MiB only: the table is last in the text, so an
	 * image with more than 1 MiB of code (redis) put the handler out
	 * of its reach and failed to link. b reaches 128 MiB. */
	b.hs	1f
	b	exc_stack_overflow
1:	mrs	x0, sp_el0
	sub	sp, sp, #TS_REGS_SIZE
	stp	x0, x1, [sp, #TS_REGS_X0]
	mov	x0, #\vec
	b	exc_common
.endm

	/* Exactly the 2 KiB table in this section: the linker scripts put
	 * it last in the text, where its alignment costs nothing (the
	 * text ends page-aligned anyway). The code it branches to is in
	 * .text.ts_arm64_exc below, with the rest of the code. */
	.section .ts_arm64_vectors, "ax", @progbits
	.balign	2048
	.globl	ts_arm64_vectors
ts_arm64_vectors:
	VENTRY		0	/* current EL, SP_EL0: synchronous */
	VENTRY		1	/* IRQ */
	VENTRY		2	/* FIQ */
	VENTRY		3	/* SError */
	VENTRY_SPX	4	/* current EL, SP_EL1: synchronous */
	VENTRY_SPX	5
	VENTRY_SPX	6
	VENTRY_SPX	7
	VENTRY		8	/* lower EL, AArch64 */
	VENTRY		9
	VENTRY		10
	VENTRY		11
	VENTRY		12	/* lower EL, AArch32 */
	VENTRY		13
	VENTRY		14
	VENTRY		15

	.section .text.ts_arm64_exc, "ax", @progbits
/* x0 = vector number; x0 and x1 are saved, sp points at the frame. */
exc_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #TS_REGS_X30]

	/* The interrupted stack pointer: SP_EL1 above this frame for an
	 * exception inside a handler, SP_EL0 otherwise. */
	and	x1, x0, #(3 << 2)
	cmp	x1, #(TS_ARM64_VEC_EL1_SPX << 2)
	add	x2, sp, #TS_REGS_SIZE
	b.eq	1f
	mrs	x2, sp_el0
1:	mrs	x21, elr_el1
	mrs	x22, spsr_el1
	mrs	x23, esr_el1
	mrs	x24, far_el1
	str	x2, [sp, #TS_REGS_SP]
	stp	x21, x22, [sp, #TS_REGS_PC]
	stp	x23, x24, [sp, #TS_REGS_ESR]
	str	x0, [sp, #TS_REGS_VECTOR]
	mov	x19, sp			/* struct ts_regs *, callee-saved */
	cfi_interrupted x19, 0

	fpsimd_save

	/* A frame record for the interrupted code, so that a frame-pointer
	 * backtrace from inside the handler goes on into it (GDB uses the
	 * CFI above). */
	stp	x29, x21, [sp, #-16]!
	mov	x29, sp
	mov	x0, x19
	bl	ts_arch_trap
	add	sp, sp, #16
	.cfi_endproc
	cbnz	w0, preempt

	fpsimd_restore

	/* A handler may have changed pc, pstate and (for code on SP_EL0)
	 * the stack pointer. */
	ldp	x21, x22, [sp, #TS_REGS_PC]
	msr	elr_el1, x21
	msr	spsr_el1, x22
	ldr	x0, [sp, #TS_REGS_VECTOR]
	and	x0, x0, #(3 << 2)
	cmp	x0, #(TS_ARM64_VEC_EL1_SPX << 2)
	b.eq	2f
	ldr	x1, [sp, #TS_REGS_SP]
	msr	sp_el0, x1
2:	gprs_restore
	eret

/* Move the whole frame (FP/SIMD state and struct ts_regs, at sp) to
 * just below the interrupted SP_EL0, then return into
 * arm64_preempt_resume on that stack with IRQs masked. A thread stack
 * too full for it faults in its guard page, which is reported. */
preempt:
	ldr	x1, [x19, #TS_REGS_SP]
	sub	x1, x1, #FULL_FRAME
	mov	x2, sp
	mov	x3, x1
	mov	x4, #(FULL_FRAME / 16)
3:	ldp	x5, x6, [x2], #16
	stp	x5, x6, [x3], #16
	subs	x4, x4, #1
	b.ne	3b
	msr	sp_el0, x1
	adr_l	x2, arm64_preempt_resume
	msr	elr_el1, x2
	ldr	x2, [x19, #TS_REGS_PSTATE]
	orr	x2, x2, #PSR_I
	msr	spsr_el1, x2
	add	sp, sp, #FULL_FRAME
	eret

/* On the preempted thread's stack, at EL1 on SP_EL0, IRQs masked, with
 * the frame at sp. The scheduler may run other threads from here; when
 * it comes back, the thread resumes exactly where it was interrupted. */
	.globl	arm64_preempt_resume
	.type	arm64_preempt_resume, @function
arm64_preempt_resume:
	/* A frame record for the interrupted code, for backtraces. */
	ldr	x0, [sp, #(TS_FPSTATE_SIZE + TS_REGS_X0 + 29 * 8)]
	ldr	x1, [sp, #(TS_FPSTATE_SIZE + TS_REGS_PC)]
	stp	x0, x1, [sp, #-16]!
	mov	x29, sp
	cfi_interrupted sp, 16 + TS_FPSTATE_SIZE
	bl	arm64_irq_preempt_run
	add	sp, sp, #16
	.cfi_endproc
	fpsimd_restore
	ldp	x21, x22, [sp, #TS_REGS_PC]
	msr	elr_el1, x21
	msr	spsr_el1, x22
	gprs_restore
	eret
	.size	arm64_preempt_resume, . - arm64_preempt_resume

/* The exception stack is (nearly) full: start it afresh, which throws
 * away the frames of the handlers that were running; they never
 * return. */
exc_stack_overflow:
	adr_l	x0, _ts_exc_stack_top
	mov	sp, x0
	mov	x29, xzr
	bl	arm64_exc_stack_overflow
4:	wfe
	b	4b

	.section .note.GNU-stack, "", @progbits

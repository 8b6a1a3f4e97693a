/* GDB's arm64 registers (numbering of tdesc.c) in a trap frame and the
 * FP/SIMD state arch/arm64's vectors.S saves below it
 * (ts_arch_trap_fpstate()). */
#include <errno.h>
#include <string.h>
#include "gdb_arch.h"

const uint8_t gdbstub_arch_reg_size[GDBSTUB_ARCH_NREGS] = {
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,	/* x0-x15 */
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,	/* x16-x30 */
	8, 8, 4,					/* sp, pc, cpsr */
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	4, 4,						/* fpsr, fpcr */
};

/* GDB's numbers of the FP/SIMD registers. */
#define R_V0		34
#define R_FPSR		66
#define R_FPCR		67

/* The FP/SIMD state (vectors.S, fpsimd_save): q0-q31, then FPSR and
 * FPCR in 8-byte slots. */
#define FP_Q(i)		(16 * (i))
#define FP_FPSR		512
#define FP_FPCR		520

_Static_assert(FP_FPCR + 8 == TS_FPSTATE_SIZE, "FP/SIMD state layout");

/* Offset of FP/SIMD register n in the saved state. */
static unsigned int fp_offset(unsigned int n)
{
	return n == R_FPCR ? FP_FPCR : n == R_FPSR ? FP_FPSR : FP_Q(n - R_V0);
}

/* NZCV: what a debugger may change; the mode, the exception masks and
 * the step bit belong to the kernel and the stub. */
#define CPSR_WRITABLE 0xf0000000u

int gdbstub_arch_reg_read(const struct ts_regs *r, const void *fp,
			 unsigned int n, uint8_t *buf)
{
	uint64_t v;

	if (n >= GDBSTUB_ARCH_NREGS)
		return -EINVAL;
	if (n >= R_V0) {
		if (!fp)
			return -ENODATA;
		/* fpsr, fpcr: the low 4 bytes of their slots */
		memcpy(buf, (const uint8_t *)fp + fp_offset(n),
		       gdbstub_arch_reg_size[n]);
		return 0;
	}
	if (n < 31)
		v = r->x[n];
	else if (n == 31)
		v = r->sp;
	else if (n == GDBSTUB_ARCH_PC)
		v = r->pc;
	else
		v = r->pstate;
	memcpy(buf, &v, gdbstub_arch_reg_size[n]);
	return 0;
}

int gdbstub_arch_reg_write(struct ts_regs *r, void *fp, unsigned int n,
			  const uint8_t *buf)
{
	uint64_t v = 0;

	if (n >= GDBSTUB_ARCH_NREGS)
		return -EINVAL;
	if (n >= R_V0) {
		if (!fp)
			return -ENODATA;
		/* The upper half of the fpsr/fpcr slot is RES0: kept 0. */
		if (n >= R_FPSR)
			memset((uint8_t *)fp + fp_offset(n), 0, 8);
		memcpy((uint8_t *)fp + fp_offset(n), buf,
		       gdbstub_arch_reg_size[n]);
		return 0;
	}
	memcpy(&v, buf, gdbstub_arch_reg_size[n] < 8 ?
	       gdbstub_arch_reg_size[n] : 8);
	if (n < 31)
		r->x[n] = v;
	else if (n == 31)
		r->sp = v;
	else if (n == GDBSTUB_ARCH_PC)
		r->pc = v;
	else
		r->pstate = (r->pstate & ~(uint64_t)CPSR_WRITABLE) |
			    (v & CPSR_WRITABLE);
	return 0;
}

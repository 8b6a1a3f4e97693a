/* GDB's arm64 registers (numbering of gdb_tdesc.c) in a trap frame. */
#include <errno.h>
#include <string.h>
#include <ts/arch/gdb.h>

const uint8_t ts_arch_gdb_reg_size[TS_ARCH_GDB_NREGS] = {
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,	/* x0-x15 */
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,	/* x16-x30 */
	8, 8, 4,					/* sp, pc, cpsr */
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	4, 4,						/* fpsr, fpcr */
};

/* NZCV: what a debugger may change; the mode, the exception masks and
 * the step bit belong to the kernel and the stub. */
#define CPSR_WRITABLE 0xf0000000u

int ts_arch_gdb_reg_read(const struct ts_regs *r, unsigned int n,
			 uint8_t *buf)
{
	uint64_t v;

	if (n >= TS_ARCH_GDB_NREGS)
		return -EINVAL;
	if (n < 31)
		v = r->x[n];
	else if (n == 31)
		v = r->sp;
	else if (n == TS_ARCH_GDB_PC)
		v = r->pc;
	else if (n == TS_ARCH_GDB_CPSR)
		v = r->pstate;
	else	/* v0-v31, fpsr, fpcr: saved apart from the frame */
		return -ENODATA;
	memcpy(buf, &v, ts_arch_gdb_reg_size[n]);
	return 0;
}

int ts_arch_gdb_reg_write(struct ts_regs *r, unsigned int n,
			  const uint8_t *buf)
{
	uint64_t v = 0;

	if (n >= TS_ARCH_GDB_NREGS)
		return -EINVAL;
	memcpy(&v, buf, ts_arch_gdb_reg_size[n] < 8 ?
	       ts_arch_gdb_reg_size[n] : 8);
	if (n < 31)
		r->x[n] = v;
	else if (n == 31)
		r->sp = v;
	else if (n == TS_ARCH_GDB_PC)
		r->pc = v;
	else if (n == TS_ARCH_GDB_CPSR)
		r->pstate = (r->pstate & ~(uint64_t)CPSR_WRITABLE) |
			    (v & CPSR_WRITABLE);
	else
		return -ENODATA;
	return 0;
}

/* GDB's x86_64 registers (numbering of gdb_tdesc.c) in a trap frame. */
#include <errno.h>
#include <string.h>
#include <ts/arch/gdb.h>

const uint8_t ts_arch_gdb_reg_size[TS_ARCH_GDB_NREGS] = {
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,	/* rax..r15 */
	8, 4,						/* rip, eflags */
	4, 4, 4, 4, 4, 4,				/* cs ss ds es fs gs */
	10, 10, 10, 10, 10, 10, 10, 10,			/* st0-st7 */
	4, 4, 4, 4, 4, 4, 4, 4,				/* fctrl..fop */
	16, 16, 16, 16, 16, 16, 16, 16,			/* xmm0-7 */
	16, 16, 16, 16, 16, 16, 16, 16,			/* xmm8-15 */
	4,						/* mxcsr */
	8, 8,						/* fs_base, gs_base */
};

/* GDB's order of the first 16 against struct ts_regs, which keeps the
 * order the entry code pushes them in. */
static uint64_t *gpr(struct ts_regs *r, unsigned int n)
{
	uint64_t *const map[16] = {
		&r->rax, &r->rbx, &r->rcx, &r->rdx, &r->rsi, &r->rdi,
		&r->rbp, &r->rsp, &r->r8, &r->r9, &r->r10, &r->r11,
		&r->r12, &r->r13, &r->r14, &r->r15,
	};

	return map[n];
}

/* The flags GDB may change: the arithmetic ones, TF and DF. IF, IOPL and
 * the rest belong to the kernel. */
#define EFLAGS_WRITABLE 0xdd5u

int ts_arch_gdb_reg_read(const struct ts_regs *r, unsigned int n,
			 uint8_t *buf)
{
	uint64_t v;

	if (n >= TS_ARCH_GDB_NREGS)
		return -EINVAL;
	if (n < 16)
		v = *gpr((struct ts_regs *)r, n);
	else if (n == TS_ARCH_GDB_PC)
		v = r->rip;
	else if (n == TS_ARCH_GDB_EFLAGS)
		v = r->rflags;
	else if (n == 18)
		v = r->cs;
	else if (n == 19)
		v = r->ss;
	else	/* ds..gs, x87, SSE, the bases: not in the trap frame yet */
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
	if (n < 16)
		*gpr(r, n) = v;
	else if (n == TS_ARCH_GDB_PC)
		r->rip = v;
	else if (n == TS_ARCH_GDB_EFLAGS)
		r->rflags = (r->rflags & ~(uint64_t)EFLAGS_WRITABLE) |
			    (v & EFLAGS_WRITABLE);
	else if (n == 18 || n == 19)
		return -EPERM;
	else
		return -ENODATA;
	return 0;
}

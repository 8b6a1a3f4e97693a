/* GDB's x86_64 registers (numbering of tdesc.c) in a trap frame and the
 * fxsave64 area arch/x86_64's trap entry keeps below it
 * (ts_arch_trap_fpstate()). */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include "gdb_arch.h"

const uint8_t gdbstub_arch_reg_size[GDBSTUB_ARCH_NREGS] = {
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,	/* rax..r15 */
	8, 4,						/* rip, eflags */
	4, 4, 4, 4, 4, 4,				/* cs ss ds es fs gs */
	10, 10, 10, 10, 10, 10, 10, 10,			/* st0-st7 */
	4, 4, 4, 4, 4, 4, 4, 4,				/* fctrl..fop */
	16, 16, 16, 16, 16, 16, 16, 16,			/* xmm0-7 */
	16, 16, 16, 16, 16, 16, 16, 16,			/* xmm8-15 */
	4,						/* mxcsr */
	8, 8,						/* fs_base, gs_base */
	8,						/* orig_rax */
};

/* GDB's numbers past the general registers. */
#define R_CS		18
#define R_SS		19
#define R_ST0		24
#define R_FCTRL		32
#define R_FSTAT		33
#define R_FTAG		34
#define R_FISEG		35
#define R_FIOFF		36
#define R_FOSEG		37
#define R_FOOFF		38
#define R_FOP		39
#define R_XMM0		40
#define R_MXCSR		56

/* The fxsave64 area (Intel SDM vol. 1, 10.5.1). */
#define FX_FCW		0
#define FX_FSW		2
#define FX_FTW		4	/* abridged: one bit per physical register */
#define FX_FOP		6
#define FX_FIP		8
#define FX_FDP		16
#define FX_MXCSR	24
#define FX_MXCSR_MASK	28
#define FX_ST(i)	(32 + 16 * (i))
#define FX_XMM(i)	(160 + 16 * (i))

/* A CPU that stores 0 as MXCSR_MASK means this default (SDM 11.6.6). */
#define MXCSR_MASK_DEFAULT 0xffbfu

/* GDB's full tag word, 2 bits per physical register. */
#define TAG_VALID	0
#define TAG_ZERO	1
#define TAG_SPECIAL	2
#define TAG_EMPTY	3

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

static uint64_t get(const uint8_t *fx, unsigned int off, unsigned int len)
{
	uint64_t v = 0;

	memcpy(&v, fx + off, len);
	return v;
}

static void put(uint8_t *fx, unsigned int off, unsigned int len, uint64_t v)
{
	memcpy(fx + off, &v, len);
}

/* The tag of an x87 register in use, from its 80-bit contents (what
 * fsave would have stored; fxsave keeps only empty/non-empty). */
static unsigned int tag_of(const uint8_t *st)
{
	uint64_t mant = get(st, 0, 8);
	unsigned int exp = (unsigned int)get(st, 8, 2) & 0x7fff;

	if (exp == 0x7fff)
		return TAG_SPECIAL;	/* infinity, NaN */
	if (exp == 0)
		return mant ? TAG_SPECIAL : TAG_ZERO;	/* denormal or 0 */
	return (mant >> 63) ? TAG_VALID : TAG_SPECIAL;	/* unnormal */
}

/* The abridged tag is by physical register; the contents are stored by
 * stack position: physical p is ST((p - TOP) & 7). */
static uint32_t full_tag(const uint8_t *fx)
{
	unsigned int top = ((unsigned int)get(fx, FX_FSW, 2) >> 11) & 7;
	unsigned int p, tag;
	uint32_t ftw = 0;

	for (p = 0; p < 8; p++) {
		if (!(fx[FX_FTW] & (1u << p)))
			tag = TAG_EMPTY;
		else
			tag = tag_of(fx + FX_ST((p - top) & 7));
		ftw |= (uint32_t)tag << (2 * p);
	}
	return ftw;
}

static uint8_t abridged_tag(uint32_t ftw)
{
	uint8_t t = 0;
	unsigned int p;

	for (p = 0; p < 8; p++)
		if (((ftw >> (2 * p)) & 3) != TAG_EMPTY)
			t |= (uint8_t)(1u << p);
	return t;
}

static uint32_t mxcsr_mask(const uint8_t *fx)
{
	uint32_t m = (uint32_t)get(fx, FX_MXCSR_MASK, 4);

	return m ? m : MXCSR_MASK_DEFAULT;
}

/* x87 and SSE registers (R_ST0..R_MXCSR) in the fxsave64 area. */
static void fp_read(const uint8_t *fx, unsigned int n, uint8_t *buf)
{
	uint64_t v;

	if (n < R_FCTRL) {
		memcpy(buf, fx + FX_ST(n - R_ST0), 10);
		return;
	}
	if (n >= R_XMM0 && n < R_MXCSR) {
		memcpy(buf, fx + FX_XMM(n - R_XMM0), 16);
		return;
	}
	switch (n) {
	case R_FCTRL: v = get(fx, FX_FCW, 2); break;
	case R_FSTAT: v = get(fx, FX_FSW, 2); break;
	case R_FTAG: v = full_tag(fx); break;
	/* 64-bit FIP/FDP: GDB's amd64 shows the upper half as the "segment" */
	case R_FISEG: v = get(fx, FX_FIP + 4, 4); break;
	case R_FIOFF: v = get(fx, FX_FIP, 4); break;
	case R_FOSEG: v = get(fx, FX_FDP + 4, 4); break;
	case R_FOOFF: v = get(fx, FX_FDP, 4); break;
	case R_FOP: v = get(fx, FX_FOP, 2) & 0x7ff; break;
	default: v = get(fx, FX_MXCSR, 4); break;
	}
	memcpy(buf, &v, 4);
}

static void fp_write(uint8_t *fx, unsigned int n, const uint8_t *buf)
{
	uint32_t v, m;

	if (n < R_FCTRL) {
		memcpy(fx + FX_ST(n - R_ST0), buf, 10);
		return;
	}
	if (n >= R_XMM0 && n < R_MXCSR) {
		memcpy(fx + FX_XMM(n - R_XMM0), buf, 16);
		return;
	}
	memcpy(&v, buf, 4);
	switch (n) {
	case R_FCTRL: put(fx, FX_FCW, 2, v); break;
	case R_FSTAT: put(fx, FX_FSW, 2, v); break;
	case R_FTAG: fx[FX_FTW] = abridged_tag(v); break;
	case R_FISEG: put(fx, FX_FIP + 4, 4, v); break;
	case R_FIOFF: put(fx, FX_FIP, 4, v); break;
	case R_FOSEG: put(fx, FX_FDP + 4, 4, v); break;
	case R_FOOFF: put(fx, FX_FDP, 4, v); break;
	case R_FOP: put(fx, FX_FOP, 2, v & 0x7ff); break;
	default:
		/* A reserved bit would make fxrstor64 fault on the way out. */
		m = mxcsr_mask(fx);
		put(fx, FX_MXCSR, 4,
		    (v & m) | ((uint32_t)get(fx, FX_MXCSR, 4) & ~m));
		break;
	}
}

int gdbstub_arch_reg_read(const struct ts_regs *r, const void *fp,
			 unsigned int n, uint8_t *buf)
{
	uint64_t v;

	if (n >= GDBSTUB_ARCH_NREGS)
		return -EINVAL;
	if (n >= R_ST0 && n <= R_MXCSR) {
		if (!fp)
			return -ENODATA;
		fp_read(fp, n, buf);
		return 0;
	}
	if (n < 16)
		v = *gpr((struct ts_regs *)r, n);
	else if (n == GDBSTUB_ARCH_ORIG_RAX)
		v = (uint64_t)-1;	/* Linux's "in no system call" */
	else if (n == GDBSTUB_ARCH_PC)
		v = r->rip;
	else if (n == GDBSTUB_ARCH_EFLAGS)
		v = r->rflags;
	else if (n == R_CS)
		v = r->cs;
	else if (n == R_SS)
		v = r->ss;
	else if (n < R_ST0)	/* ds..gs: the kernel's, never changed */
		v = gdbstub_x86_live_reg(n);
	else if (fp)	/* the bases: the thread on the CPU, whose frame r is */
		v = gdbstub_x86_live_reg(n);
	else	/* another thread's FS base (its TLS) may differ */
		return -ENODATA;
	memcpy(buf, &v, gdbstub_arch_reg_size[n]);
	return 0;
}

/* Whether buf holds the value register n has: a whole 'G' packet writes
 * every register, the read-only ones with what GDB read from them. */
static bool same_value(const struct ts_regs *r, const void *fp,
		       unsigned int n, const uint8_t *buf)
{
	uint8_t cur[8];

	return gdbstub_arch_reg_read(r, fp, n, cur) == 0 &&
	       !memcmp(cur, buf, gdbstub_arch_reg_size[n]);
}

int gdbstub_arch_reg_write(struct ts_regs *r, void *fp, unsigned int n,
			  const uint8_t *buf)
{
	uint64_t v = 0;

	if (n >= GDBSTUB_ARCH_NREGS)
		return -EINVAL;
	if (n >= R_ST0 && n <= R_MXCSR) {
		if (!fp)
			return -ENODATA;
		fp_write(fp, n, buf);
		return 0;
	}
	memcpy(&v, buf, gdbstub_arch_reg_size[n] < 8 ?
	       gdbstub_arch_reg_size[n] : 8);
	if (n < 16)
		*gpr(r, n) = v;
	else if (n == GDBSTUB_ARCH_PC)
		r->rip = v;
	else if (n == GDBSTUB_ARCH_EFLAGS)
		r->rflags = (r->rflags & ~(uint64_t)EFLAGS_WRITABLE) |
			    (v & EFLAGS_WRITABLE);
	else	/* selectors, bases, orig_rax belong to the kernel (GDB
		 * writes orig_rax -1 with the pc: what it reads) */
		return same_value(r, fp, n, buf) ? 0 : -EPERM;
	return 0;
}

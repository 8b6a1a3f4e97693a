/* lib/gdbstub/arch/x86_64's GDB target description and registers
 * (gdb_tdesc_common.h). */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/regs.h>
#include "../../lib/gdbstub/arch/x86_64/gdb_arch.h"

#define ARCH_GDB_NAME	"i386:x86-64"
#define NREGS		60
#define LAST_FP_REGNO	GS_BASE	/* the last one a trap frame lacks */
#define NREGS_G		24
#define PC_REGNO	16
#define EXPEDITE_NAMES	{ "rbp", "rsp", "rip" }
#define FP_FIRST	24	/* st0 */
#define FP_END		57	/* after mxcsr */
#define FPSTATE_SIZE	512	/* fxsave64 */

/* GDB's numbers. */
#define ST(i)		(24 + (i))
#define FCTRL		32
#define FSTAT		33
#define FTAG		34
#define FISEG		35
#define FIOFF		36
#define FOSEG		37
#define FOOFF		38
#define FOP		39
#define XMM(i)		(40 + (i))
#define MXCSR		56
#define FS_BASE		57
#define GS_BASE		58
#define ORIG_RAX	59

static uint64_t regs_pc(const struct ts_regs *r) { return r->rip; }

int tsh_gdbstub_arch_reg_read(const struct ts_regs *r, const void *fp,
			     unsigned int regno, uint8_t *buf);
int tsh_gdbstub_arch_reg_write(struct ts_regs *r, void *fp,
			      unsigned int regno, const uint8_t *buf);
void *tsh_ts_arch_trap_fpstate(struct ts_regs *r);

/* Stands in for live_regs.c's reads of the CPU (selectors, MSRs). */
uint64_t tsh_gdbstub_x86_live_reg(unsigned int regno);
uint64_t tsh_gdbstub_x86_live_reg(unsigned int regno)
{
	return 0x5000 + regno;
}

static uint32_t rd32(const struct ts_regs *r, const void *fp, int n)
{
	uint8_t buf[16];
	uint32_t v;

	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fp, n, buf), 0);
	memcpy(&v, buf, 4);
	return v;
}

static void wr32(struct ts_regs *r, void *fp, int n, uint32_t v)
{
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fp, n, (uint8_t *)&v),
			 0);
}

static uint64_t fx64(const uint8_t *fx, int off)
{
	uint64_t v = 0;

	memcpy(&v, fx + off, 8);
	return v;
}

static uint16_t fx16(const uint8_t *fx, int off)
{
	uint16_t v;

	memcpy(&v, fx + off, 2);
	return v;
}

static void arch_checks(struct ts_regs *r)
{
	uint8_t all[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t sel[4] = { 0x10 }, buf[8];
	static uint8_t fx[FPSTATE_SIZE] __attribute__((aligned(16)));
	uint64_t base;
	int n;

	/* rbx is GDB's 1: the trap frame's own order differs. */
	r->rsp = 0x7777;
	r->rflags = 0x202;	/* IF */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 1, all), 0);
	ck_assert_uint_eq(r->rbx, ~0ull);
	ck_assert_uint_eq(r->rsp, 0x7777);
	/* GDB may set the arithmetic flags and TF, never clear IF. */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 17,
						   (uint8_t[4]){ 0 }), 0);
	ck_assert_uint_eq(r->rflags, 0x202);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 17, all), 0);
	ck_assert_uint_eq(r->rflags, 0x202 | 0xdd5);
	/* Selectors: cs, ss from the frame, ds..gs from the CPU; none
	 * can be written. */
	r->cs = 0x08;
	ck_assert_uint_eq(rd32(r, NULL, 18), 0x08);
	for (n = 20; n <= 23; n++)
		ck_assert_uint_eq(rd32(r, NULL, n), 0x5000 + n);
	for (n = 18; n <= 23; n++)
		ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, n, sel),
				 -EPERM);
	/* Writing back the value they have is no change (a whole 'G'). */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 18,
						   (uint8_t[4]){ 0x08 }), 0);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 20,
						   (uint8_t[4]){ 0x14, 0x50 }), 0);
	/* The bases come from the CPU: the stopped thread's (the one with
	 * a trap frame) only; read-only. */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, NULL, FS_BASE, buf),
			 -ENODATA);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fx, GS_BASE, buf), 0);
	memcpy(&base, buf, 8);
	ck_assert_uint_eq(base, 0x5000 + GS_BASE);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fx, FS_BASE, all),
			 -EPERM);
	/* orig_rax (.linux, for GDB's Linux OS ABI): -1, "in no system
	 * call", for every thread; GDB writes -1 with the pc, which is no
	 * change; another value is refused. */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, NULL, ORIG_RAX, buf), 0);
	memcpy(&base, buf, 8);
	ck_assert_uint_eq(base, UINT64_MAX);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fx, ORIG_RAX, all), 0);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fx, ORIG_RAX,
						   (uint8_t[8]){ 1 }), -EPERM);
}

/* Fxsave64 always stores FOP's top 5 bits as 0; GDB shows 11 bits. */
static int arch_write_back_may_change(int n)
{
	return n == FOP;
}

/* An x87 register's 80 bits: 64-bit significand, sign and exponent. */
static void put_st(uint8_t *fx, int i, uint64_t mant, uint16_t exp)
{
	memcpy(fx + 32 + 16 * i, &mant, 8);
	memcpy(fx + 32 + 16 * i + 8, &exp, 2);
}

static void arch_fp_checks(struct ts_regs *r)
{
	static uint8_t fx[FPSTATE_SIZE] __attribute__((aligned(16)));
	uint8_t buf[16], v[16], old[6];
	int i;

	memset(fx, 0, sizeof(fx));
	/* The area trap_entry.S saves: 512 bytes below the frame, 16-byte
	 * aligned. */
	r->vector = 14;
	ck_assert_ptr_eq(tsh_ts_arch_trap_fpstate(r),
			 (void *)(((uintptr_t)r - 512) & ~(uintptr_t)15));

	/* xmm0-15 at 160 + 16 i, in both directions. */
	for (i = 0; i < 16; i++)
		v[i] = (uint8_t)(0xa0 + i);
	memcpy(fx + 160 + 16 * 3, v, 16);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fx, XMM(3), buf), 0);
	ck_assert_mem_eq(buf, v, 16);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fx, XMM(15), v), 0);
	ck_assert_mem_eq(fx + 160 + 16 * 15, v, 16);
	ck_assert_uint_eq(fx[160 + 16 * 15 + 16], 0);	/* nothing past it */

	/* st0-7: 10 bytes at 32 + 16 i; the 6 after them are kept. */
	memset(fx + 32 + 16 * 2 + 10, 0xee, 6);
	memcpy(old, fx + 32 + 16 * 2 + 10, 6);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fx, ST(2), v), 0);
	ck_assert_mem_eq(fx + 32 + 16 * 2, v, 10);
	ck_assert_mem_eq(fx + 32 + 16 * 2 + 10, old, 6);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fx, ST(2), buf), 0);
	ck_assert_mem_eq(buf, v, 10);

	/* mxcsr at 24; a write keeps the bits MXCSR_MASK (28) reserves,
	 * 0xffbf when the CPU stored 0 there. */
	memcpy(fx + 24, &(uint32_t){ 0x1f80 }, 4);
	ck_assert_uint_eq(rd32(r, fx, MXCSR), 0x1f80);
	wr32(r, fx, MXCSR, 0xffffffff);
	ck_assert_uint_eq(rd32(r, fx, MXCSR), 0xffbf);
	memcpy(fx + 28, &(uint32_t){ 0x2ffff }, 4);
	wr32(r, fx, MXCSR, 0xffffffff);
	ck_assert_uint_eq(rd32(r, fx, MXCSR), 0x2ffff);
	wr32(r, fx, MXCSR, 0x1f80);
	ck_assert_uint_eq(rd32(r, fx, MXCSR), 0x1f80);

	/* fctrl, fstat: 16 bits at 0 and 2. */
	wr32(r, fx, FCTRL, 0xabcd037f);
	ck_assert_uint_eq(fx16(fx, 0), 0x037f);
	ck_assert_uint_eq(rd32(r, fx, FCTRL), 0x037f);
	wr32(r, fx, FSTAT, 0x3800);
	ck_assert_uint_eq(fx16(fx, 2), 0x3800);
	ck_assert_uint_eq(fx16(fx, 0), 0x037f);
	ck_assert_uint_eq(rd32(r, fx, FSTAT), 0x3800);

	/* 64-bit FIP (8) and FDP (16): GDB's offset is the low half, its
	 * "segment" the high half. FOP (6): 11 bits. */
	memcpy(fx + 8, &(uint64_t){ 0x1122334455667788ull }, 8);
	memcpy(fx + 16, &(uint64_t){ 0x99aabbccddeeff00ull }, 8);
	ck_assert_uint_eq(rd32(r, fx, FIOFF), 0x55667788);
	ck_assert_uint_eq(rd32(r, fx, FISEG), 0x11223344);
	ck_assert_uint_eq(rd32(r, fx, FOOFF), 0xddeeff00);
	ck_assert_uint_eq(rd32(r, fx, FOSEG), 0x99aabbcc);
	wr32(r, fx, FISEG, 0xffffffff);
	ck_assert_uint_eq(fx64(fx, 8), 0xffffffff55667788ull);
	wr32(r, fx, FOOFF, 0x12345678);
	ck_assert_uint_eq(fx64(fx, 16), 0x99aabbcc12345678ull);
	memcpy(fx + 6, &(uint16_t){ 0xffff }, 2);
	ck_assert_uint_eq(rd32(r, fx, FOP), 0x7ff);
	wr32(r, fx, FOP, 0x1234);
	ck_assert_uint_eq(fx16(fx, 6), 0x234);
}

/* The full tag word from fxsave's abridged one and the registers: TOP
 * 6, so physical register p holds ST((p - 6) & 7). */
START_TEST(x87_tag_word)
{
	static uint8_t fx[FPSTATE_SIZE] __attribute__((aligned(16)));
	struct ts_regs r;
	uint32_t ftw;

	memset(&r, 0, sizeof(r));
	memset(fx, 0, sizeof(fx));
	memcpy(fx + 2, &(uint16_t){ 6 << 11 }, 2);	/* FSW.TOP */
	put_st(fx, 0, 0x8000000000000000ull, 0x3fff);	/* 1.0: valid */
	put_st(fx, 1, 0, 0x8000);			/* -0: zero */
	put_st(fx, 2, 0x8000000000000000ull, 0x7fff);	/* inf: special */
	put_st(fx, 3, 1, 0);				/* denormal */
	put_st(fx, 4, 0x4000000000000000ull, 0x3fff);	/* unnormal */
	put_st(fx, 5, 0x8000000000000000ull, 0x3fff);	/* empty: not used */
	/* In use: ST0-ST4, physical 6, 7, 0, 1, 2. */
	fx[4] = 0xc7;
	fx[5] = 0x5a;	/* reserved byte: never touched */
	ftw = (0u << 12) | (1u << 14) | (2u << 0) | (2u << 2) | (2u << 4) |
	      (3u << 6) | (3u << 8) | (3u << 10);
	ck_assert_uint_eq(rd32(&r, fx, FTAG), ftw);
	/* All empty, all in use. */
	fx[4] = 0;
	ck_assert_uint_eq(rd32(&r, fx, FTAG), 0xffff);
	/* Then ST5 (physical 3) is 1.0, ST6 and ST7 (4, 5) zeros. */
	fx[4] = 0xff;
	ck_assert_uint_eq(rd32(&r, fx, FTAG),
			  (2u << 0) | (2u << 2) | (2u << 4) | (0u << 6) |
			  (1u << 8) | (1u << 10) | (0u << 12) | (1u << 14));
	/* Writes: a register is in use unless its tag is 3 (empty). */
	wr32(&r, fx, FTAG, 0xffff);
	ck_assert_uint_eq(fx[4], 0);
	wr32(&r, fx, FTAG, 0);
	ck_assert_uint_eq(fx[4], 0xff);
	wr32(&r, fx, FTAG, 0xfffffff9);	/* 0 zero, 1 special */
	ck_assert_uint_eq(fx[4], 0x03);
	wr32(&r, fx, FTAG, ftw);
	ck_assert_uint_eq(fx[4], 0xc7);
	ck_assert_uint_eq(fx[5], 0x5a);
}
END_TEST
#define ARCH_TESTS(tc) tcase_add_test(tc, x87_tag_word)

#include "gdb_tdesc_common.h"

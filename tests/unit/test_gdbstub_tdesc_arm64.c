/* lib/gdbstub/arch/arm64's GDB target description and registers
 * (gdb_tdesc_common.h). */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/arch/regs.h>
#include "../../lib/gdbstub/arch/arm64/gdb_arch.h"

#define ARCH_GDB_NAME	"aarch64"
#define NREGS		68
#define LAST_FP_REGNO	(NREGS - 1)	/* fpcr */
#define NREGS_G		8
#define PC_REGNO	32
#define EXPEDITE_NAMES	{ "x29", "sp", "pc", "x30" }
#define FP_FIRST	34	/* v0 */
#define FP_END		68	/* after fpcr */
#define FPSTATE_SIZE	TS_FPSTATE_SIZE

/* GDB's numbers. */
#define V(i)		(34 + (i))
#define FPSR		66
#define FPCR		67

static uint64_t regs_pc(const struct ts_regs *r) { return r->pc; }

int tsh_gdbstub_arch_reg_read(const struct ts_regs *r, const void *fp,
			     unsigned int regno, uint8_t *buf);
int tsh_gdbstub_arch_reg_write(struct ts_regs *r, void *fp,
			      unsigned int regno, const uint8_t *buf);
void *tsh_ts_arch_trap_fpstate(struct ts_regs *r);

static void arch_checks(struct ts_regs *r)
{
	uint8_t all[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 31, all), 0);
	ck_assert_uint_eq(r->sp, ~0ull);
	/* Only NZCV: never the mode or the masks. */
	r->pstate = 0x3c5;
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, NULL, 33, all), 0);
	ck_assert_uint_eq(r->pstate, 0xf00003c5);
}

/* fpsr and fpcr are 32 bits in 8-byte slots: a write clears the RES0
 * upper half. */
static int arch_write_back_may_change(int n)
{
	return n == FPSR || n == FPCR;
}

static uint64_t slot(const uint8_t *fp, int off)
{
	uint64_t v;

	memcpy(&v, fp + off, 8);
	return v;
}

static void arch_fp_checks(struct ts_regs *r)
{
	static uint8_t fp[FPSTATE_SIZE] __attribute__((aligned(16)));
	uint8_t buf[16], v[16];
	uint32_t w;
	int i;

	/* vectors.S's fpsimd_save: right below the frame. */
	r->vector = 0;
	ck_assert_ptr_eq(tsh_ts_arch_trap_fpstate(r), (uint8_t *)r - 528);

	memset(fp, 0, sizeof(fp));
	for (i = 0; i < 16; i++)
		v[i] = (uint8_t)(0xb0 + i);
	/* q0-q31 at 16 i, in both directions. */
	memcpy(fp + 16 * 5, v, 16);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fp, V(5), buf), 0);
	ck_assert_mem_eq(buf, v, 16);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fp, V(31), v), 0);
	ck_assert_mem_eq(fp + 16 * 31, v, 16);
	ck_assert_uint_eq(slot(fp, 512), 0);	/* fpsr untouched */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fp, V(0), v), 0);
	ck_assert_mem_eq(fp, v, 16);
	ck_assert_uint_eq(fp[16], 0);

	/* fpsr at 512, fpcr at 520. */
	memcpy(fp + 512, &(uint64_t){ 0xffffffff08000010ull }, 8);
	memcpy(fp + 520, &(uint64_t){ 0x0000000003000000ull }, 8);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fp, FPSR, buf), 0);
	memcpy(&w, buf, 4);
	ck_assert_uint_eq(w, 0x08000010);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(r, fp, FPCR, buf), 0);
	memcpy(&w, buf, 4);
	ck_assert_uint_eq(w, 0x03000000);
	w = 0x0800009f;
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fp, FPSR,
						   (uint8_t *)&w), 0);
	ck_assert_uint_eq(slot(fp, 512), 0x0800009f);
	ck_assert_uint_eq(slot(fp, 520), 0x03000000);
	w = 0x00c00000;	/* RMode: towards zero */
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(r, fp, FPCR,
						   (uint8_t *)&w), 0);
	ck_assert_uint_eq(slot(fp, 520), 0x00c00000);
	ck_assert_uint_eq(slot(fp, 512), 0x0800009f);
}

#include "gdb_tdesc_common.h"

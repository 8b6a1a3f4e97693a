/* arch/x86_64's GDB target description and registers (gdb_tdesc_common.h). */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include "../../arch/x86_64/include/ts/arch/regs.h"

#define ARCH_GDB_NAME	"i386:x86-64"
#define NREGS		59
#define NREGS_G		57
#define PC_REGNO	16

static uint64_t regs_pc(const struct ts_regs *r) { return r->rip; }

int tsh_ts_arch_gdb_reg_write(struct ts_regs *r, unsigned int regno,
			      const uint8_t *buf);

static void arch_checks(struct ts_regs *r)
{
	uint8_t all[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t sel[4] = { 0x10 };

	/* rbx is GDB's 1: the trap frame's own order differs. */
	r->rsp = 0x7777;
	r->rflags = 0x202;	/* IF */
	ck_assert_int_eq(tsh_ts_arch_gdb_reg_write(r, 1, all), 0);
	ck_assert_uint_eq(r->rbx, ~0ull);
	ck_assert_uint_eq(r->rsp, 0x7777);
	/* GDB may set the arithmetic flags and TF, never clear IF. */
	ck_assert_int_eq(tsh_ts_arch_gdb_reg_write(r, 17, (uint8_t[4]){ 0 }),
			 0);
	ck_assert_uint_eq(r->rflags, 0x202);
	ck_assert_int_eq(tsh_ts_arch_gdb_reg_write(r, 17, all), 0);
	ck_assert_uint_eq(r->rflags, 0x202 | 0xdd5);
	ck_assert_int_eq(tsh_ts_arch_gdb_reg_write(r, 18, sel), -EPERM);
}

#include "gdb_tdesc_common.h"

/* arch/arm64's GDB target description and registers (gdb_tdesc_common.h). */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include "../../arch/arm64/include/ts/arch/regs.h"

#define ARCH_GDB_NAME	"aarch64"
#define NREGS		68
#define NREGS_G		34
#define PC_REGNO	32

static uint64_t regs_pc(const struct ts_regs *r) { return r->pc; }

int tsh_ts_arch_gdb_reg_write(struct ts_regs *r, unsigned int regno,
			      const uint8_t *buf);

static void arch_checks(struct ts_regs *r)
{
	uint8_t all[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	ck_assert_int_eq(tsh_ts_arch_gdb_reg_write(r, 31, all), 0);
	ck_assert_uint_eq(r->sp, ~0ull);
	/* Only NZCV: never the mode or the masks. */
	r->pstate = 0x3c5;
	ck_assert_int_eq(tsh_ts_arch_gdb_reg_write(r, 33, all), 0);
	ck_assert_uint_eq(r->pstate, 0xf00003c5);
}

#include "gdb_tdesc_common.h"

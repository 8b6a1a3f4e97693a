/* Where an A64 instruction goes next (arch/arm64/step_targets.c), which
 * the emulated single step under Xen puts its brk at: every branch form
 * with forward and backward offsets, the register branches with their
 * register's value, a conditional branch to the next instruction (one
 * address, not two), and the branches whose target it cannot know
 * (ERET, DRPS, pointer-authenticating forms), which must be refused.
 * The encodings are GNU as's (aarch64-linux-gnu-as -march=armv8.3-a,
 * read back with objdump), assembled at 0x1000 onwards. */
#include <check.h>
#include <stdint.h>

#include "tsh.h"

int tsh_arm64_step_targets(uint32_t insn, uint64_t pc, const uint64_t x[31],
			   uint64_t next[2]);

static uint64_t x[31];

/* One successor, or two: the fall-through first. */
static void one(uint32_t insn, uint64_t pc, uint64_t want)
{
	uint64_t next[2] = { 0, 0 };

	ck_assert_int_eq(tsh_arm64_step_targets(insn, pc, x, next), 1);
	ck_assert_msg(next[0] == want, "%08x at %#llx: %#llx, not %#llx", insn,
		      (unsigned long long)pc, (unsigned long long)next[0],
		      (unsigned long long)want);
}

static void two(uint32_t insn, uint64_t pc, uint64_t taken)
{
	uint64_t next[2] = { 0, 0 };

	ck_assert_int_eq(tsh_arm64_step_targets(insn, pc, x, next), 2);
	ck_assert_uint_eq(next[0], pc + 4);
	ck_assert_msg(next[1] == taken, "%08x at %#llx: taken %#llx, not %#llx",
		      insn, (unsigned long long)pc,
		      (unsigned long long)next[1], (unsigned long long)taken);
}

START_TEST(immediate_branches)
{
	one(0x14000040, 0x1000, 0x1100);	/* b . + 0x100 */
	one(0x17fffffe, 0x1004, 0xffc);		/* b . - 8 */
	one(0x94000010, 0x1008, 0x1048);	/* bl . + 0x40 */
	/* The extremes of imm26: +128 MiB - 4 and -128 MiB. */
	one(0x15ffffff, 0x40000000, 0x40000000 + 0x7fffffc);
	one(0x16000000, 0x40000000, 0x40000000 - 0x8000000);
}
END_TEST

START_TEST(conditional_branches)
{
	two(0x54000100, 0x100c, 0x102c);	/* b.eq . + 0x20 */
	two(0x54ffffe1, 0x1010, 0x100c);	/* b.ne . - 4 */
	two(0xb4000083, 0x1014, 0x1024);	/* cbz x3, . + 0x10 */
	two(0x35fff805, 0x1018, 0xf18);		/* cbnz w5, . - 0x100 */
	two(0xb6f80041, 0x101c, 0x1024);	/* tbz x1, #63, . + 8 */
	two(0x371fff02, 0x1020, 0x1000);	/* tbnz w2, #3, . - 0x20 */
	/* b.al . + 4: taken or not, the same address, one brk. */
	one(0x5400002e, 0x1048, 0x104c);
}
END_TEST

START_TEST(register_branches)
{
	x[7] = 0x40081234;
	x[30] = 0x40085678;
	x[2] = 0x4008aaa0;
	one(0xd61f00e0, 0x1024, 0x40081234);	/* br x7 */
	one(0xd63f03c0, 0x1028, 0x40085678);	/* blr x30 */
	one(0xd65f03c0, 0x102c, 0x40085678);	/* ret */
	one(0xd65f0040, 0x1030, 0x4008aaa0);	/* ret x2 */
}
END_TEST

START_TEST(unknown_targets_refused)
{
	uint64_t next[2];

	ck_assert_int_eq(tsh_arm64_step_targets(0xd69f03e0, 0x1034, x, next),
			 -1);				/* eret */
	ck_assert_int_eq(tsh_arm64_step_targets(0xd71f0822, 0x1038, x, next),
			 -1);				/* braa x1, x2 */
	ck_assert_int_eq(tsh_arm64_step_targets(0xd65f0bff, 0x103c, x, next),
			 -1);				/* retaa */
	ck_assert_int_eq(tsh_arm64_step_targets(0xd6bf03e0, 0x104c, x, next),
			 -1);				/* drps */
}
END_TEST

START_TEST(other_instructions_fall_through)
{
	one(0x8b020020, 0x1040, 0x1044);	/* add x0, x1, x2 */
	one(0xd4000001, 0x1044, 0x1048);	/* svc #0: returns there */
	one(0xd4200000, 0x2000, 0x2004);	/* brk #0 */
	one(0xd503207f, 0x2004, 0x2008);	/* wfi */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("arm64_step_targets");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, immediate_branches);
	tcase_add_test(tc, conditional_branches);
	tcase_add_test(tc, register_branches);
	tcase_add_test(tc, unknown_targets_refused);
	tcase_add_test(tc, other_instructions_fall_through);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

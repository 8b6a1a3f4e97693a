/* Where an A64 instruction goes next (arch/arm64/step_next.c), where the
 * emulated single step under Xen puts its brk: every branch form with
 * forward and backward offsets, conditional ones taken and not as their
 * flags or register say (the condition codes of C1.2.4 one by one,
 * 32-bit and 64-bit registers, the zero register), register branches
 * with their register's value, and the branches whose target it cannot
 * know (ERET, DRPS, pointer-authenticating forms), which are refused.
 * The encodings are GNU as's (aarch64-linux-gnu-as -march=armv8.3-a,
 * read back with objdump), assembled at 0x1000 onwards. */
#include <check.h>
#include <stdint.h>

#include "tsh.h"

int tsh_arm64_step_next(uint32_t insn, uint64_t pc, const uint64_t x[31],
			uint64_t pstate, uint64_t *next);

#define N (1ULL << 31)
#define Z (1ULL << 30)
#define C (1ULL << 29)
#define V (1ULL << 28)

static uint64_t x[31];

static void goes(uint32_t insn, uint64_t pc, uint64_t pstate, uint64_t want)
{
	uint64_t next = 0;

	ck_assert_int_eq(tsh_arm64_step_next(insn, pc, x, pstate, &next), 0);
	ck_assert_msg(next == want, "%08x at %#llx (flags %#llx): %#llx, not %#llx",
		      insn, (unsigned long long)pc, (unsigned long long)pstate,
		      (unsigned long long)next, (unsigned long long)want);
}

START_TEST(immediate_branches)
{
	goes(0x14000040, 0x1000, 0, 0x1100);	/* b . + 0x100 */
	goes(0x17fffffe, 0x1004, 0, 0xffc);	/* b . - 8 */
	goes(0x94000010, 0x1008, 0, 0x1048);	/* bl . + 0x40 */
	goes(0x14000000, 0x2000, 0, 0x2000);	/* b . */
	/* The extremes of imm26: +128 MiB - 4 and -128 MiB. */
	goes(0x15ffffff, 0x40000000, 0, 0x40000000 + 0x7fffffc);
	goes(0x16000000, 0x40000000, 0, 0x40000000 - 0x8000000);
}
END_TEST

/* b.<cond> . + 0x20 at 0x100c (0x54000100 | cond) under flags f: taken
 * or not. */
static void cond(unsigned int c, uint64_t f, int taken)
{
	goes(0x54000100 | c, 0x100c, f, taken ? 0x102c : 0x1010);
}

START_TEST(condition_codes)
{
	cond(0, Z, 1), cond(0, 0, 0);			/* eq */
	cond(1, 0, 1), cond(1, Z, 0);			/* ne */
	cond(2, C, 1), cond(2, 0, 0);			/* cs */
	cond(3, 0, 1), cond(3, C, 0);			/* cc */
	cond(4, N, 1), cond(4, 0, 0);			/* mi */
	cond(5, 0, 1), cond(5, N, 0);			/* pl */
	cond(6, V, 1), cond(6, 0, 0);			/* vs */
	cond(7, 0, 1), cond(7, V, 0);			/* vc */
	cond(8, C, 1), cond(8, C | Z, 0), cond(8, 0, 0);	/* hi */
	cond(9, C | Z, 1), cond(9, 0, 1), cond(9, C, 0);	/* ls */
	cond(10, N | V, 1), cond(10, 0, 1), cond(10, N, 0);	/* ge */
	cond(11, N, 1), cond(11, V, 1), cond(11, N | V, 0);	/* lt */
	cond(12, 0, 1), cond(12, Z, 0), cond(12, N, 0);	/* gt */
	cond(13, Z, 1), cond(13, V, 1), cond(13, N | V, 0);	/* le */
	cond(14, 0, 1), cond(14, N | Z | C | V, 1);	/* al */
	cond(15, 0, 1);					/* nv: also always */
	/* Backwards, as GNU as wrote it: b.ne . - 4. */
	goes(0x54ffffe1, 0x1010, 0, 0x100c);
	goes(0x54ffffe1, 0x1010, Z, 0x1014);
}
END_TEST

START_TEST(compare_and_test_branches)
{
	x[3] = 0;
	goes(0xb4000083, 0x1014, 0, 0x1024);	/* cbz x3, . + 0x10: taken */
	x[3] = 1ULL << 40;
	goes(0xb4000083, 0x1014, 0, 0x1018);	/* not */
	/* cbnz w5, . - 0x100: w5 is the low half only. */
	x[5] = 1ULL << 32;
	goes(0x35fff805, 0x1018, 0, 0x101c);
	x[5] = 2;
	goes(0x35fff805, 0x1018, 0, 0xf18);
	/* tbz x1, #63, . + 8 */
	x[1] = 0;
	goes(0xb6f80041, 0x101c, 0, 0x1024);
	x[1] = 1ULL << 63;
	goes(0xb6f80041, 0x101c, 0, 0x1020);
	/* tbnz w2, #3, . - 0x20 */
	x[2] = 8;
	goes(0x371fff02, 0x1020, 0, 0x1000);
	x[2] = ~8ULL;
	goes(0x371fff02, 0x1020, 0, 0x1024);
	/* cbz xzr, . + 8: the zero register, always taken. */
	goes(0xb400005f, 0x3000, 0, 0x3008);
}
END_TEST

START_TEST(register_branches)
{
	x[7] = 0x40081234;
	x[30] = 0x40085678;
	x[2] = 0x4008aaa0;
	goes(0xd61f00e0, 0x1024, 0, 0x40081234);	/* br x7 */
	goes(0xd63f03c0, 0x1028, 0, 0x40085678);	/* blr x30 */
	goes(0xd65f03c0, 0x102c, 0, 0x40085678);	/* ret */
	goes(0xd65f0040, 0x1030, 0, 0x4008aaa0);	/* ret x2 */
}
END_TEST

START_TEST(unknown_targets_refused)
{
	static const uint32_t insns[] = {
		0xd69f03e0,	/* eret */
		0xd71f0822,	/* braa x1, x2 */
		0xd65f0bff,	/* retaa */
		0xd6bf03e0,	/* drps */
	};
	uint64_t next;

	for (unsigned int i = 0; i < sizeof(insns) / sizeof(insns[0]); i++)
		ck_assert_int_eq(tsh_arm64_step_next(insns[i], 0x1034, x, 0,
						     &next), -1);
}
END_TEST

START_TEST(other_instructions_fall_through)
{
	goes(0x8b020020, 0x1040, 0, 0x1044);	/* add x0, x1, x2 */
	goes(0xd4000001, 0x1044, 0, 0x1048);	/* svc #0: returns there */
	goes(0xd4200000, 0x2000, 0, 0x2004);	/* brk #0 */
	goes(0xd503207f, 0x2004, 0, 0x2008);	/* wfi */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("arm64_step_next");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, immediate_branches);
	tcase_add_test(tc, condition_codes);
	tcase_add_test(tc, compare_and_test_branches);
	tcase_add_test(tc, register_branches);
	tcase_add_test(tc, unknown_targets_refused);
	tcase_add_test(tc, other_instructions_fall_through);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

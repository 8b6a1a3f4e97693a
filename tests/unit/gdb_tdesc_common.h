/* The body of test_gdbstub_tdesc_<arch>.c: the architecture's target
 * description (lib/gdbstub/arch/<arch>/tdesc.c) against its register
 * table (regmap.c) and, when gdb-multiarch is installed, against GDB itself,
 * and the registers in a trap frame and its FP/SIMD state. The including
 * file defines ARCH_GDB_NAME, NREGS, NREGS_G, PC_REGNO, EXPEDITE_NAMES
 * (GDB's names of the registers stop replies carry, in the order of
 * GDBSTUB_ARCH_EXPEDITE), LAST_FP_REGNO (a register unavailable without
 * FP state), FP_FIRST and
 * FP_END (GDB's FP/SIMD registers), FPSTATE_SIZE, regs_pc(),
 * arch_checks(), arch_fp_checks() and arch_write_back_may_change(), and
 * includes the architecture's regs.h; ARCH_TESTS(tc) may add its own. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsh.h"

extern const char tsh_gdbstub_arch_target_xml[];
extern const uint8_t tsh_gdbstub_arch_reg_size[];
void *tsh_ts_arch_trap_fpstate(struct ts_regs *r);

/* The n-th <reg> of the XML: its name and bitsize; false past the end. */
static int xml_reg(int n, char *name, size_t size, unsigned int *bits)
{
	const char *p = tsh_gdbstub_arch_target_xml;
	const char *q;
	size_t len;

	while ((p = strstr(p, "<reg ")) != NULL && n--)
		p++;
	if (!p)
		return 0;
	q = strstr(p, "name=\"");
	ck_assert_ptr_nonnull(q);
	q += 6;
	len = strcspn(q, "\"");
	ck_assert_uint_lt(len, size);
	memcpy(name, q, len);
	name[len] = '\0';
	q = strstr(p, "bitsize=\"");
	ck_assert_ptr_nonnull(q);
	*bits = (unsigned int)strtoul(q + 9, NULL, 10);
	return 1;
}

START_TEST(xml_matches_register_table)
{
	char name[32];
	unsigned int bits;
	int n;

	for (n = 0; xml_reg(n, name, sizeof(name), &bits); n++) {
		ck_assert_int_lt(n, NREGS);
		ck_assert_msg(bits == 8u * tsh_gdbstub_arch_reg_size[n],
			      "register %d (%s): %u bits in the XML, %u bytes "
			      "in the table", n, name, bits,
			      tsh_gdbstub_arch_reg_size[n]);
	}
	ck_assert_int_eq(n, NREGS);
	ck_assert_ptr_nonnull(strstr(tsh_gdbstub_arch_target_xml,
				     "<architecture>" ARCH_GDB_NAME
				     "</architecture>"));
	/* The g packet fits the stub's reply buffer. */
	for (bits = 0, n = 0; n < NREGS_G; n++)
		bits += 2u * tsh_gdbstub_arch_reg_size[n];
	ck_assert_uint_lt(bits, 4096 - 8);
}
END_TEST

/* The registers stop replies carry (GDBSTUB_ARCH_EXPEDITE, used by
 * image/target.c) are numbered as the description numbers them: GDB
 * files a T reply's "NN:value" under register NN of target.xml. */
START_TEST(expedited_registers_match_the_description)
{
	static const unsigned int regs[] = GDBSTUB_ARCH_EXPEDITE;
	static const char *const want[] = EXPEDITE_NAMES;
	char name[32];
	unsigned int bits, i;

	ck_assert_uint_eq(sizeof(regs) / sizeof(regs[0]),
			  sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		ck_assert(xml_reg((int)regs[i], name, sizeof(name), &bits));
		ck_assert_str_eq(name, want[i]);
		ck_assert_uint_eq(bits, 64);
	}
	ck_assert_int_eq(GDBSTUB_ARCH_PC, PC_REGNO);
	ck_assert_int_eq(GDBSTUB_ARCH_NREGS, NREGS);
	ck_assert_int_eq(GDBSTUB_ARCH_NREGS_G, NREGS_G);
}
END_TEST

/* gdb-multiarch reads the description as it would from the stub, and
 * numbers the registers in the XML's order. */
START_TEST(gdb_accepts_the_description)
{
	char xml[] = "/tmp/tdesc-XXXXXX", cmd[512], line[256], name[32];
	FILE *f, *p;
	unsigned int bits;
	int fd, n = 0, found = 0;

	if (system("gdb-multiarch --version >/dev/null 2>&1") != 0) {
		printf("gdb-multiarch not installed: description not checked "
		       "against GDB\n");
		return;
	}
	fd = mkstemp(xml);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(tsh_gdbstub_arch_target_xml, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "gdb-multiarch -nx -batch -ex 'set tdesc "
		 "filename %s' -ex 'show architecture' -ex 'maint print "
		 "registers' 2>&1", xml);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof(line), p)) {
		char gname[32];
		int nr;

		ck_assert_msg(!strstr(line, "warning") && !strstr(line, "rror"),
			      "gdb: %s", line);
		if (strstr(line, "currently \"" ARCH_GDB_NAME "\""))
			found = 1;
		if (sscanf(line, " %31s %d", gname, &nr) == 2 && n < NREGS) {
			ck_assert(xml_reg(n, name, sizeof(name), &bits));
			if (strcmp(gname, name) == 0)
				n++;
		}
	}
	pclose(p);
	unlink(xml);
	ck_assert_msg(found, "gdb did not take the architecture "
		      ARCH_GDB_NAME);
	ck_assert_int_eq(n, NREGS);
}
END_TEST

START_TEST(registers_in_a_trap_frame)
{
	struct ts_regs r;
	uint8_t buf[16], pc[8] = { 0x78, 0x56, 0x34, 0x12 };

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(tsh_gdbstub_arch_reg_write(&r, NULL, PC_REGNO, pc), 0);
	ck_assert_uint_eq(regs_pc(&r), 0x12345678);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(&r, NULL, PC_REGNO, buf), 0);
	ck_assert_mem_eq(buf, pc, 8);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(&r, NULL, NREGS, buf),
			 -EINVAL);
	ck_assert_int_eq(tsh_gdbstub_arch_reg_read(&r, NULL, LAST_FP_REGNO,
						  buf), -ENODATA);
	arch_checks(&r);
}
END_TEST

/* Without FP/SIMD state (a panic's registers, another thread's) every
 * FP/SIMD register is unavailable, and none can be written. */
START_TEST(fp_registers_without_state)
{
	struct ts_regs r;
	uint8_t buf[16] = { 0 };
	int n;

	memset(&r, 0, sizeof(r));
	for (n = FP_FIRST; n < FP_END; n++) {
		ck_assert_int_eq(tsh_gdbstub_arch_reg_read(&r, NULL, n, buf),
				 -ENODATA);
		ck_assert_int_eq(tsh_gdbstub_arch_reg_write(&r, NULL, n, buf),
				 -ENODATA);
	}
	/* Only a trap frame has the state beside it: vector -1 marks
	 * ts_arch_regs_capture()'s and ts_arch_ctx_regs()'s. */
	r.vector = (uint64_t)-1;
	ck_assert_ptr_null(tsh_ts_arch_trap_fpstate(&r));
}
END_TEST

START_TEST(fp_registers_in_the_state)
{
	struct ts_regs r;
	static uint8_t fp[FPSTATE_SIZE] __attribute__((aligned(16)));
	uint8_t buf[16];
	int n, i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < FPSTATE_SIZE; i++)
		fp[i] = (uint8_t)(i * 7 + 1);
	/* Every register reads, and writing back what was read changes
	 * nothing in the state. */
	for (n = FP_FIRST; n < FP_END; n++) {
		uint8_t before[FPSTATE_SIZE];

		memcpy(before, fp, sizeof(before));
		ck_assert_int_eq(tsh_gdbstub_arch_reg_read(&r, fp, n, buf), 0);
		ck_assert_int_eq(tsh_gdbstub_arch_reg_write(&r, fp, n, buf), 0);
		ck_assert_msg(memcmp(before, fp, sizeof(before)) == 0 ||
			      arch_write_back_may_change(n),
			      "register %d: writing back its value changed the "
			      "state", n);
	}
	arch_fp_checks(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gdbstub_tdesc");
	TCase *tc = tcase_create("tdesc");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, xml_matches_register_table);
	tcase_add_test(tc, expedited_registers_match_the_description);
	tcase_add_test(tc, gdb_accepts_the_description);
	tcase_add_test(tc, registers_in_a_trap_frame);
	tcase_add_test(tc, fp_registers_without_state);
	tcase_add_test(tc, fp_registers_in_the_state);
#ifdef ARCH_TESTS
	ARCH_TESTS(tc);
#endif
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

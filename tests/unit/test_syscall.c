/* lib/syscall's dispatcher on the host (x86_64's numbers): a registered
 * call gets its six arguments and its result goes back; a number nobody
 * registered is -ENOSYS and named once by name; numbers outside the
 * table are -ENOSYS too; the name table; syscall.trace's line. */
#include <check.h>
#include <errno.h>
#include <string.h>
#include <ts/syscall.h>

#include "tsh.h"

long tsh_ts_syscall(long n, long a, long b, long c, long d, long e, long f);
const char *tsh_ts_syscall_name(long n);
long tsh_ts_syscall_nr_max(void);
extern long tsh_syscall_test_args[6];
extern int tsh_syscall_test_calls;

static unsigned count(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

START_TEST(registered_call_gets_its_arguments)
{
	long r = tsh_ts_syscall(TS_NR_getcpu, 1, -2, 3, 0x7fffffffffffffffL,
				5, 40);

	ck_assert_int_eq(r, 41);
	ck_assert_int_eq(tsh_syscall_test_calls, 1);
	ck_assert_int_eq(tsh_syscall_test_args[0], 1);
	ck_assert_int_eq(tsh_syscall_test_args[1], -2);
	ck_assert_int_eq(tsh_syscall_test_args[2], 3);
	ck_assert_int_eq(tsh_syscall_test_args[3], 0x7fffffffffffffffL);
	ck_assert_int_eq(tsh_syscall_test_args[4], 5);
	ck_assert_int_eq(tsh_syscall_test_args[5], 40);
}
END_TEST

START_TEST(missing_call_is_enosys_named_once)
{
	int calls = tsh_syscall_test_calls;

	host_console_reset();
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_openat, -100, 0, 0, 0, 0, 0),
			 -ENOSYS);
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_openat, -100, 0, 0, 0, 0, 0),
			 -ENOSYS);
	ck_assert_int_eq(tsh_ts_syscall(TS_NR_mount, 0, 0, 0, 0, 0, 0),
			 -ENOSYS);
	ck_assert_uint_eq(count(host_console,
		"syscall: 'openat' (257) is not implemented: -ENOSYS\n"), 1);
	ck_assert_uint_eq(count(host_console,
		"syscall: 'mount' (165) is not implemented: -ENOSYS\n"), 1);
	ck_assert_int_eq(tsh_syscall_test_calls, calls);
}
END_TEST

START_TEST(numbers_outside_the_table_are_enosys)
{
	host_console_reset();
	ck_assert_int_eq(tsh_ts_syscall(-1, 0, 0, 0, 0, 0, 0), -ENOSYS);
	ck_assert_int_eq(tsh_ts_syscall(tsh_ts_syscall_nr_max() + 1, 0, 0, 0,
					0, 0, 0), -ENOSYS);
	ck_assert_int_eq(tsh_ts_syscall(0x7fffffffffffffffL, 0, 0, 0, 0, 0,
					0), -ENOSYS);
	ck_assert_uint_eq(count(host_console, "does not exist on x86_64"), 1);
	ck_assert_ptr_nonnull(strstr(host_console, "system call number -1 "));
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(tsh_ts_syscall_name(0), "read");
	ck_assert_str_eq(tsh_ts_syscall_name(TS_NR_write), "write");
	ck_assert_str_eq(tsh_ts_syscall_name(257), "openat");
	ck_assert_str_eq(tsh_ts_syscall_name(tsh_ts_syscall_nr_max()),
			 "set_mempolicy_home_node");
	ck_assert_ptr_null(tsh_ts_syscall_name(-1));
	ck_assert_ptr_null(tsh_ts_syscall_name(tsh_ts_syscall_nr_max() + 1));
	/* x86_64 has holes in its numbering (x32's range, removed calls). */
	ck_assert_ptr_null(tsh_ts_syscall_name(335));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("syscall");
	TCase *tc = tcase_create("dispatch");

	tcase_add_test(tc, registered_call_gets_its_arguments);
	tcase_add_test(tc, missing_call_is_enosys_named_once);
	tcase_add_test(tc, numbers_outside_the_table_are_enosys);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

/* syscall.trace=1 without LIB_SYSCALL_TRACE_DECODE (lib/syscall/trace.c):
 * the six argument registers in hex, the result, errors still by name,
 * a call that never returns printed before with "= ?". */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <ts/syscall.h>

#include "tsh.h"

void tsh_ts_syscall_trace(long n, const long args[6], long ret, bool before);

START_TEST(registers_in_hex)
{
	const long args[6] = { -100, 0x1234, 02000000, 0, 0, 7 };

	host_console_reset();
	tsh_ts_syscall_trace(TS_NR_openat, args, -ENOENT, false);
	ck_assert_str_eq(host_console,
		"syscall: [1] openat(0xffffffffffffff9c, 0x1234, 0x80000, 0, 0,"
		" 0x7) = -1 ENOENT\n");
	host_console_reset();
	tsh_ts_syscall_trace(TS_NR_mmap, args, 0x7f0000001000L, false);
	ck_assert_ptr_nonnull(strstr(host_console, ") = 139637976731648\n"));
	host_console_reset();
	tsh_ts_syscall_trace(TS_NR_exit_group, args, 0, true);
	ck_assert_ptr_nonnull(strstr(host_console, "exit_group(0xffffffffffffff9c"));
	ck_assert_ptr_nonnull(strstr(host_console, ") = ?\n"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("syscall_trace_raw");
	TCase *tc = tcase_create("raw");

	tcase_add_test(tc, registers_in_hex);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

/* nolibc's console output, exit, abort and assert, on the host console
 * and power stand-ins of host_plat.c. */
#include <check.h>
#include <string.h>

#include "tsh.h"

static char order[40];
static int norder;

static void handler_a(void) { order[norder++] = 'a'; }
static void handler_b(void) { order[norder++] = 'b'; }
static void handler_c(void) { order[norder++] = 'c'; }

static void setup(void)
{
	host_console_reset();
	host_poweroff_status = -1;
	norder = 0;
}

START_TEST(printf_to_console)
{
	char line[300];

	ck_assert_int_eq(tsh_printf("x=%d %s\n", 42, "ok"), 8);
	ck_assert_str_eq(host_console, "x=42 ok\n");
	ck_assert_uint_eq(host_console_writes, 1);

	/* Long output goes out in chunks, not byte by byte. */
	host_console_reset();
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	ck_assert_int_eq(tsh_printf("[%s]%d", line, 7), 302);
	ck_assert_uint_eq(host_console_len, 302);
	ck_assert(host_console[0] == '[' && host_console[300] == ']');
	ck_assert_uint_le(host_console_writes, 4);

	host_console_reset();
	ck_assert_int_eq(tsh_fprintf(tsh_stderr, "%05.1f|", 2.25), 6);
	ck_assert_int_eq(tsh_fprintf(tsh_stdout, "%c", 'z'), 1);
	ck_assert_str_eq(host_console, "002.2|z");
	ck_assert_int_eq(tsh_printf("%s", ""), 0);
	ck_assert_uint_eq(host_console_writes, 2);
}
END_TEST

START_TEST(put_functions)
{
	ck_assert_int_ge(tsh_puts("line"), 0);
	ck_assert_int_ge(tsh_fputs("no newline", tsh_stdout), 0);
	ck_assert_int_eq(tsh_putchar('!'), '!');
	ck_assert_int_eq(tsh_fputc(0x1ff, tsh_stderr), 0xff);
	ck_assert_uint_eq(tsh_fwrite("abcdef", 2, 3, tsh_stdout), 3);
	ck_assert_uint_eq(tsh_fwrite("abcdef", 0, 3, tsh_stdout), 0);
	ck_assert_int_eq(tsh_fflush(tsh_stdout), 0);
	ck_assert_str_eq(host_console, "line\nno newline!\xff" "abcdef");
}
END_TEST

START_TEST(exit_runs_atexit_in_reverse)
{
	jmp_buf jb;
	int i;

	ck_assert_int_eq(tsh_atexit(handler_a), 0);
	ck_assert_int_eq(tsh_atexit(handler_b), 0);
	ck_assert_int_eq(tsh_atexit(handler_c), 0);
	/* The table holds 32 handlers, and says so when full. */
	for (i = 3; i < 32; i++)
		ck_assert_int_eq(tsh_atexit(handler_b), 0);
	ck_assert_int_ne(tsh_atexit(handler_a), 0);

	host_poweroff_catch = &jb;
	if (!setjmp(jb))
		tsh_exit(3);
	host_poweroff_catch = NULL;
	ck_assert_int_eq(host_poweroff_status, 3);
	ck_assert_int_eq(norder, 32);
	ck_assert(!memcmp(order + 28, "bcba", 4));
}
END_TEST

START_TEST(quick_exit_skips_handlers)
{
	jmp_buf jb;

	tsh_atexit(handler_a);
	host_poweroff_catch = &jb;
	if (!setjmp(jb))
		tsh__Exit(9);
	host_poweroff_catch = NULL;
	ck_assert_int_eq(host_poweroff_status, 9);
	ck_assert_int_eq(norder, 0);
}
END_TEST

START_TEST(abort_crashes)
{
	jmp_buf jb;

	host_poweroff_catch = &jb;
	if (!setjmp(jb))
		tsh_abort();
	host_poweroff_catch = NULL;
	ck_assert_str_eq(host_console, "abort() called\n");
	ck_assert_int_eq(host_poweroff_status, 127);
}
END_TEST

START_TEST(assert_reports)
{
	jmp_buf jb;

	host_poweroff_catch = &jb;
	if (!setjmp(jb))
		tsh___assert_fail("x == 1", "lib/foo.c", 12, "foo_init");
	host_poweroff_catch = NULL;
	ck_assert_str_eq(host_console, "Assertion failed: x == 1 "
			 "(lib/foo.c:12: foo_init)\nabort() called\n");
	ck_assert_int_eq(host_poweroff_status, 127);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stdio");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, printf_to_console);
	tcase_add_test(tc, put_functions);
	tcase_add_test(tc, exit_runs_atexit_in_reverse);
	tcase_add_test(tc, quick_exit_skips_handlers);
	tcase_add_test(tc, abort_crashes);
	tcase_add_test(tc, assert_reports);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

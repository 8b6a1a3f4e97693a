/* plat/common/printk.c: the formatted console line and the raw output a
 * nested fault report falls back to. */
#include <check.h>
#include <string.h>

#include "tsh.h"

void tsh_ts_printk(const char *fmt, ...);
void tsh_ts_plat_console_puts(const char *s);
void tsh_ts_plat_console_puthex(unsigned long long v);

START_TEST(raw_output)
{
	host_console_reset();
	tsh_ts_plat_console_puts("at PC ");
	tsh_ts_plat_console_puthex(0x40201234ULL);
	tsh_ts_plat_console_puts(" / ");
	tsh_ts_plat_console_puthex(0);
	tsh_ts_plat_console_puts(" / ");
	tsh_ts_plat_console_puthex(~0ULL);
	tsh_ts_plat_console_puts("");
	ck_assert_str_eq(host_console, "at PC 0x0000000040201234 / "
			 "0x0000000000000000 / 0xffffffffffffffff");
}
END_TEST

START_TEST(printk_formats_and_cuts_long_lines)
{
	char big[400];

	host_console_reset();
	tsh_ts_printk("%s %d %#lx\n", "vector", 14, 0x1000UL);
	ck_assert_str_eq(host_console, "vector 14 0x1000\n");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	host_console_reset();
	tsh_ts_printk("%s", big);
	ck_assert_uint_eq(host_console_len, 255);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("printk");
	TCase *tc = tcase_create("printk");

	tcase_add_test(tc, raw_output);
	tcase_add_test(tc, printk_formats_and_cuts_long_lines);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

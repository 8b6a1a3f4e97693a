/* lib/debug's level specifications ("debug", "alloc:debug,sched:warn")
 * on the host: what is set, what is reported, and that a bad item never
 * stops the good ones. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "tsh.h"

static const char *libs = "boot alloc sched helloworld";
static char got[512];

static void set(const char *lib, int len, int level, void *ctx)
{
	(void)ctx;
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "[%.*s=%d]",
		 lib ? len : 1, lib ? lib : "*", level);
}

static void warn(const char *what, const char *word, int len, void *ctx)
{
	(void)ctx;
	snprintf(got + strlen(got), sizeof(got) - strlen(got), "{%s '%.*s'}",
		 what, len, word);
}

static int parse(const char *spec)
{
	got[0] = '\0';
	return tsh_ts_log_parse_levels(spec, libs, set, warn, NULL);
}

START_TEST(levels_for_all_and_per_library)
{
	ck_assert_int_eq(parse("debug"), 0);
	ck_assert_str_eq(got, "[*=4]");
	ck_assert_int_eq(parse("alloc:debug,sched:warn"), 0);
	ck_assert_str_eq(got, "[alloc=4][sched=2]");
	ck_assert_int_eq(parse("err,helloworld:info,boot:off,alloc:3"), 0);
	ck_assert_str_eq(got, "[*=1][helloworld=3][boot=0][alloc=3]");
	ck_assert_int_eq(parse(""), 0);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(parse(NULL), 0);
	ck_assert_int_eq(parse(",,alloc:error,"), 0);
	ck_assert_str_eq(got, "[alloc=1]");
}
END_TEST

START_TEST(bad_items_are_named_and_skipped)
{
	ck_assert_int_eq(parse("nosuch:debug,alloc:loud,sched:warn"), 2);
	ck_assert_str_eq(got, "{unknown library 'nosuch'}"
			      "{unknown level 'loud'}[sched=2]");
	ck_assert_int_eq(parse(":warn,allo:debug,alloc:,verbose"), 4);
	ck_assert_str_eq(got, "{missing library name before ':warn'}"
			      "{unknown library 'allo'}{unknown level ''}"
			      "{unknown level 'verbose'}");
	/* A prefix of a name, or a name plus more, is not that name. */
	ck_assert_int_eq(parse("allocx:info,boo:info"), 2);
	ck_assert_int_eq(parse("a:b:c"), 1);
	ck_assert_str_eq(got, "{unknown level 'b:c'}");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("log_levels");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, levels_for_all_and_per_library);
	tcase_add_test(tc, bad_items_are_named_and_skipped);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

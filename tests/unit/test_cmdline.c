/* lib/boot's command-line splitter and parameter parser, on the host:
 * quoting, malformed input, number syntax and overflow, and that a bad
 * value never changes the variable. */
#include <check.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "tsh.h"
#include <ts/boot.h>

static char buf[512];
static char *w[9];
static const char *err;

static int split(const char *s)
{
	strcpy(buf, s);
	return tsh_ts_cmdline_split(buf, w, 8, &err);
}

START_TEST(split_words)
{
	ck_assert_int_eq(split(""), 0);
	ck_assert_ptr_null(w[0]);
	ck_assert_int_eq(split("   \t\n "), 0);
	ck_assert_int_eq(split("a  bc\tdef "), 3);
	ck_assert_str_eq(w[0], "a");
	ck_assert_str_eq(w[1], "bc");
	ck_assert_str_eq(w[2], "def");
	ck_assert_ptr_null(w[3]);
}
END_TEST

START_TEST(split_quotes)
{
	ck_assert_int_eq(split("x \"a b\" 'c \"d' e\\ f"), 4);
	ck_assert_str_eq(w[0], "x");
	ck_assert_str_eq(w[1], "a b");
	ck_assert_str_eq(w[2], "c \"d");
	ck_assert_str_eq(w[3], "e f");
	/* Quotes join with neighbouring text; "" is an empty word. */
	ck_assert_int_eq(split("pre\"mid dle\"post \"\" '\\n'"), 3);
	ck_assert_str_eq(w[0], "premid dlepost");
	ck_assert_str_eq(w[1], "");
	ck_assert_str_eq(w[2], "\\n");
	ck_assert_int_eq(split("\"esc \\\" q\""), 1);
	ck_assert_str_eq(w[0], "esc \" q");
	ck_assert_int_eq(split("-- a"), 2);
	ck_assert_str_eq(w[0], "--");
}
END_TEST

START_TEST(split_malformed)
{
	ck_assert_int_eq(split("a \"open"), -1);
	ck_assert_str_eq(err, "unterminated \" quote");
	ck_assert_ptr_null(w[0]);
	ck_assert_int_eq(split("a 'open"), -1);
	ck_assert_str_eq(err, "unterminated ' quote");
	ck_assert_int_eq(split("1 2 3 4 5 6 7 8"), 8);
	ck_assert_int_eq(split("1 2 3 4 5 6 7 8 9"), -1);
	ck_assert_str_eq(err, "too many words");
	/* A trailing backslash is kept literally. */
	ck_assert_int_eq(split("a\\"), 1);
	ck_assert_str_eq(w[0], "a\\");
}
END_TEST

START_TEST(numbers)
{
	long v;
	unsigned long u;

	ck_assert_int_eq(tsh_ts_param_parse_int("0", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(tsh_ts_param_parse_int("-42", &v), 0);
	ck_assert_int_eq(v, -42);
	ck_assert_int_eq(tsh_ts_param_parse_int("+0x1f", &v), 0);
	ck_assert_int_eq(v, 31);
	ck_assert_int_eq(tsh_ts_param_parse_int("010", &v), 0);
	ck_assert_int_eq(v, 8);
	ck_assert_int_eq(tsh_ts_param_parse_int("-9223372036854775808", &v), 0);
	ck_assert(v == LONG_MIN);
	ck_assert_int_eq(tsh_ts_param_parse_int("9223372036854775807", &v), 0);
	ck_assert(v == LONG_MAX);
	ck_assert_int_eq(tsh_ts_param_parse_int("9223372036854775808", &v), -1);
	ck_assert_int_eq(tsh_ts_param_parse_int("-9223372036854775809", &v), -1);
	ck_assert_int_eq(tsh_ts_param_parse_int("4k", &v), 0);
	ck_assert_int_eq(v, 4096);
	ck_assert_int_eq(tsh_ts_param_parse_uint("3G", &u), 0);
	ck_assert_uint_eq(u, 3UL << 30);
	ck_assert_int_eq(tsh_ts_param_parse_uint("18446744073709551615", &u), 0);
	ck_assert(u == ULONG_MAX);
	ck_assert_int_eq(tsh_ts_param_parse_uint("18446744073709551616", &u), -1);
	ck_assert_int_eq(tsh_ts_param_parse_uint("17179869184G", &u), -1);
	const char *bad[] = { "", "-", "0x", "12x", "1KB", " 1", "1 ", "09",
			      "--1", "0x-1", "k" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(tsh_ts_param_parse_int(bad[i], &v) == -1,
			      "'%s' accepted as an integer", bad[i]);
		ck_assert_msg(tsh_ts_param_parse_uint(bad[i], &u) == -1,
			      "'%s' accepted as unsigned", bad[i]);
	}
	ck_assert_int_eq(tsh_ts_param_parse_uint("-1", &u), -1);
}
END_TEST

static bool flag;
static long num = 5;
static unsigned long size = 7;
static const char *name = "def";
static const struct ts_param table[] = {
	{ "t.flag", "a flag", &flag, TS_PARAM_BOOL },
	{ "t.num", "a number", &num, TS_PARAM_INT },
	{ "t.size", "a size", &size, TS_PARAM_UINT },
	{ "t.name", "a name", &name, TS_PARAM_STR },
};
#define END (table + sizeof(table) / sizeof(table[0]))

static int apply(const char *word, char *msg)
{
	static char copy[128];

	strcpy(copy, word);
	msg[0] = '\0';
	return tsh_ts_param_apply(table, END, copy, msg, 128);
}

START_TEST(apply_params)
{
	char msg[128];

	ck_assert_int_eq(apply("t.flag", msg), 0);
	ck_assert(flag);
	ck_assert_int_eq(apply("t.flag=off", msg), 0);
	ck_assert(!flag);
	ck_assert_int_eq(apply("t.num=-3", msg), 0);
	ck_assert_int_eq(num, -3);
	ck_assert_int_eq(apply("t.size=2M", msg), 0);
	ck_assert_uint_eq(size, 2UL << 20);
	ck_assert_int_eq(apply("t.name=a=b", msg), 0);
	ck_assert_str_eq(name, "a=b");
	ck_assert_int_eq(apply("t.name=", msg), 0);
	ck_assert_str_eq(name, "");
}
END_TEST

START_TEST(apply_rejects_without_change)
{
	char msg[128];

	num = 5;
	size = 7;
	flag = true;
	ck_assert_int_eq(apply("t.num=5x", msg), -1);
	ck_assert_str_eq(msg, "parameter 't.num': '5x' is not an integer (ignored)");
	ck_assert_int_eq(num, 5);
	ck_assert_int_eq(apply("t.size=-1", msg), -1);
	ck_assert_uint_eq(size, 7);
	ck_assert_int_eq(apply("t.flag=perhaps", msg), -1);
	ck_assert(flag);
	ck_assert_int_eq(apply("t.num", msg), -1);
	ck_assert_str_eq(msg, "parameter 't.num' needs a value: t.num=<an integer>");
	ck_assert_int_eq(apply("t.nu=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.nu' (ignored); "
			      "did you mean 't.num'?");
	ck_assert_int_eq(apply("t.numx=1", msg), -1);
	ck_assert_int_eq(apply("=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter '' (ignored)");
	/* A huge unknown name is cut in the message, never overflowing it. */
	char big[120];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(apply(big, msg), -1);
	ck_assert_uint_lt(strlen(msg), 128);
	ck_assert_int_eq(num, 5);
}
END_TEST

/* A mistyped name (up to two letters added, dropped or changed) names
 * the nearest parameter; the first of equally near ones in the table. */
START_TEST(unknown_names_the_nearest)
{
	char msg[128];

	ck_assert_int_eq(apply("t.sise=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.sise' (ignored); "
			      "did you mean 't.size'?");
	ck_assert_int_eq(apply("t.flga", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.flga' (ignored); "
			      "did you mean 't.flag'?");
	ck_assert_int_eq(apply("t.numbr=3", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.numbr' (ignored); "
			      "did you mean 't.num'?");
	ck_assert_int_eq(apply("t.nm=3", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.nm' (ignored); "
			      "did you mean 't.num'?");
	/* Three edits away, or nothing alike: no guess. */
	ck_assert_int_eq(apply("t.sizable=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.sizable' (ignored)");
	ck_assert_int_eq(apply("x=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 'x' (ignored)");
	ck_assert_int_eq(apply("qq.qqqq=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 'qq.qqqq' (ignored)");
	/* Longer than a name with a guess can be: none, no overflow. */
	char big[100];
	memset(big, 'x', sizeof(big) - 1);
	memcpy(big, "t.num", 5);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(apply(big, msg), -1);
	ck_assert_ptr_null(strstr(msg, "did you mean"));
	ck_assert_int_eq(num, 5);
}
END_TEST

/* A word comes from outside (an escaped newline or an escape sequence
 * is one word): a message shows its control bytes as escapes, so that it
 * stays one line and sends no terminal control (found by
 * tests/fuzz/fuzz_cmdline). */
START_TEST(messages_escape_control_bytes)
{
	char msg[128];

	ck_assert_int_eq(apply("\n]", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter '\\n]' (ignored)");
	ck_assert_int_eq(apply("t.\x1b[2J=1", msg), -1);
	ck_assert_str_eq(msg, "unknown parameter 't.\\x1b[2J' (ignored)");
	ck_assert_int_eq(apply("t.num=1\r2\\", msg), -1);
	ck_assert_str_eq(msg, "parameter 't.num': '1\\r2\\\\' is not an integer "
			 "(ignored)");
	ck_assert_int_eq(apply("t.flag=\x7f\xff", msg), -1);
	ck_assert_str_eq(msg, "parameter 't.flag': '\\x7f\\xff' is not a boolean "
			 "(y/n, 1/0, on/off) (ignored)");
}
END_TEST

/* env.NAME=value words: NAME a shell identifier, then '='. */
START_TEST(env_words)
{
	const char *err = NULL;

	ck_assert_int_eq(tsh_ts_env_word_check("HOME=/", &err), 0);
	ck_assert_int_eq(tsh_ts_env_word_check("_x9=", &err), 0);
	ck_assert_int_eq(tsh_ts_env_word_check("A=b=c d", &err), 0);
	ck_assert_int_eq(tsh_ts_env_word_check("1X=y", &err), -1);
	ck_assert_str_eq(err, "env.NAME=value: NAME must start with a letter "
			 "or '_'");
	ck_assert_int_eq(tsh_ts_env_word_check("=y", &err), -1);
	ck_assert_int_eq(tsh_ts_env_word_check("", &err), -1);
	ck_assert_int_eq(tsh_ts_env_word_check("GREETING", &err), -1);
	ck_assert_str_eq(err, "env.NAME=value: no '=' (write env.NAME= for "
			 "an empty value)");
	ck_assert_int_eq(tsh_ts_env_word_check("A-B=1", &err), -1);
	ck_assert_str_eq(err, "env.NAME=value: NAME holds a character other "
			 "than letters, digits and '_'");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc = tcase_create("cmdline");

	tcase_add_test(tc, split_words);
	tcase_add_test(tc, split_quotes);
	tcase_add_test(tc, split_malformed);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, apply_params);
	tcase_add_test(tc, apply_rejects_without_change);
	tcase_add_test(tc, unknown_names_the_nearest);
	tcase_add_test(tc, messages_escape_control_bytes);
	tcase_add_test(tc, env_words);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

/* printf and strtod: doubles survive a round trip through text (%.17g
 * and %a), known values print as Linux prints them, rounding is to
 * nearest even, inf and nan both ways, snprintf's truncation rules. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "musltest.h"

static uint64_t bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static double from_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

/* Fixed doubles that are easy to get wrong, then pseudo-random bit
 * patterns over every exponent (denormals included). */
static const double fixed[] = {
	0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 3.141592653589793,
	1e23, 9007199254740993.0, 123456789012345678.0, DBL_MAX, -DBL_MAX,
	DBL_MIN, DBL_EPSILON, 4.9406564584124654e-324, 2.2250738585072009e-308,
	1e-310, 5e-324 * 12345, 0.5, 1.5, 1e300, 1e-300, 65536.0, 1e16,
};

static uint64_t lcg = 0x2545F4914F6CDD1DULL;

static uint64_t next(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg ^ (lcg >> 29);
}

static void round_trip(const char *fmt, double d)
{
	char text[64];
	char *end;
	double back;

	snprintf(text, sizeof(text), fmt, d);
	errno = 0;
	back = strtod(text, &end);
	if (*end != '\0' || bits(back) != bits(d))
		mt_fail(__FILE__, __LINE__,
			"%s of %#llx gave \"%s\", read back as %#llx%s", fmt,
			(unsigned long long)bits(d), text,
			(unsigned long long)bits(back),
			*end ? " (not all read)" : "");
}

static void round_trips(const char *fmt)
{
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		round_trip(fmt, fixed[i]);
	for (int i = 0; i < 2000 && mt_failures < 5; i++) {
		double d = from_bits(next());

		if (isfinite(d))
			round_trip(fmt, d);
		/* The smallest exponents: denormals. */
		round_trip(fmt, from_bits(next() & 0x800fffffffffffffULL));
	}
}

MT_TEST(format, double_round_trip_17g)
{
	round_trips("%.17g");
}

MT_TEST(format, double_round_trip_hex)
{
	round_trips("%a");
}

#define EXPECT_FMT(want, fmt, ...)                                       \
	do {                                                             \
		char got_[128];                                          \
		snprintf(got_, sizeof(got_), fmt, __VA_ARGS__);          \
		if (strcmp(got_, want))                                  \
			mt_fail(__FILE__, __LINE__,                      \
				"printf(\"%s\", %s) gave \"%s\", want \"%s\"", \
				fmt, #__VA_ARGS__, got_, want);          \
	} while (0)

MT_TEST(format, known_doubles)
{
	EXPECT_FMT("0.10000000000000001", "%.17g", 0.1);
	EXPECT_FMT("9.9999999999999992e+22", "%.17g", 1e23);
	EXPECT_FMT("1.7976931348623157e+308", "%.17g", DBL_MAX);
	EXPECT_FMT("2.2250738585072014e-308", "%.17g", DBL_MIN);
	EXPECT_FMT("4.9406564584124654e-324", "%.17g", 4.9406564584124654e-324);
	EXPECT_FMT("-0", "%g", -0.0);
	EXPECT_FMT("3.14159", "%g", 3.141592653589793);
	EXPECT_FMT("1e+100", "%g", 1e100);
	EXPECT_FMT("0.0001", "%g", 0.0001);
	EXPECT_FMT("1e-05", "%g", 0.00001);
	EXPECT_FMT("1.235e+04", "%.3e", 12345.678);
	EXPECT_FMT("10000000000000000000000", "%.0f", 1e22);
	EXPECT_FMT("  3.14", "%6.2f", 3.14159);
	EXPECT_FMT("-3.1400", "%-7.4f", -3.14);
	EXPECT_FMT("+003.1", "%+06.1f", 3.14);
	EXPECT_FMT("0x1p+0", "%a", 1.0);
	EXPECT_FMT("0x1p-1", "%a", 0.5);
	EXPECT_FMT("-0x1.4p+1", "%a", -2.5);
	EXPECT_FMT("0x1.999999999999ap-4", "%a", 0.1);
	EXPECT_FMT("0X1.8P+1", "%A", 3.0);
	EXPECT_FMT("1.5", "%Lg", 1.5L);
}

MT_TEST(format, rounding)
{
	/* Exactly halfway cases round to even, as Linux's printf does. */
	EXPECT_FMT("0.12", "%.2f", 0.125);
	EXPECT_FMT("0.38", "%.2f", 0.375);
	EXPECT_FMT("2", "%.0f", 2.5);
	EXPECT_FMT("4", "%.0f", 3.5);
	EXPECT_FMT("-2", "%.0f", -2.5);
	/* Not halfway: 0.15 is a little below, 2.675 too. */
	EXPECT_FMT("0.1", "%.1f", 0.15);
	EXPECT_FMT("2.67", "%.2f", 2.675);
	EXPECT_FMT("1.0000000000000002", "%.17g", 1.0000000000000002);
}

MT_TEST(format, inf_and_nan)
{
	char *end;
	double d;

	EXPECT_FMT("inf", "%f", INFINITY);
	EXPECT_FMT("-inf", "%f", -INFINITY);
	EXPECT_FMT("INF", "%F", INFINITY);
	EXPECT_FMT("  inf", "%5.2f", INFINITY);
	EXPECT_FMT("nan", "%f", NAN);
	EXPECT_FMT("-nan", "%f", -NAN);
	EXPECT_FMT("NAN", "%E", NAN);
	EXPECT_FMT("inf", "%g", HUGE_VAL);
	EXPECT_FMT("-inf", "%a", -INFINITY);

	d = strtod("inf", &end);
	MT_EXPECT(isinf(d) && d > 0 && *end == '\0');
	d = strtod("-Infinity", &end);
	MT_EXPECT(isinf(d) && d < 0 && *end == '\0');
	d = strtod("INFINITE", &end);
	MT_EXPECT(isinf(d) && strcmp(end, "INITE") == 0);
	d = strtod("nan", &end);
	MT_EXPECT(isnan(d) && *end == '\0');
	/* (The sign of a nan read back differs: glibc keeps it, musl
	 * does not; C leaves it open.) */
	d = strtod("-NaN", &end);
	MT_EXPECT(isnan(d) && *end == '\0');
	d = strtod("nan(123)x", &end);
	MT_EXPECT(isnan(d) && strcmp(end, "x") == 0);
}

MT_TEST(format, strtod_edges)
{
	char *end;
	double d;

	errno = 0;
	d = strtod("1e309", &end);
	MT_EXPECT(d == HUGE_VAL);
	MT_EXPECT_ERRNO(errno, ERANGE);
	errno = 0;
	d = strtod("-1e309", &end);
	MT_EXPECT(d == -HUGE_VAL);
	MT_EXPECT_ERRNO(errno, ERANGE);
	errno = 0;
	d = strtod("1e-400", &end);
	MT_EXPECT(d == 0.0);
	MT_EXPECT_ERRNO(errno, ERANGE);
	/* The smallest denormal and the value halfway below it. */
	MT_EXPECT_EQ(bits(strtod("4.9e-324", NULL)), 1);
	MT_EXPECT_EQ(bits(strtod("2.4703282292062328e-324", NULL)), 1);
	MT_EXPECT_EQ(bits(strtod("2.4703282292062327e-324", NULL)), 0);
	MT_EXPECT_EQ(bits(strtod("2.2250738585072011e-308", NULL)),
		     0x000fffffffffffffULL);
	MT_EXPECT(strtod("0x1.8p1", &end) == 3.0 && *end == '\0');
	MT_EXPECT(strtod("0x.8", &end) == 0.5 && *end == '\0');
	d = strtod("  -0", &end);
	MT_EXPECT(d == 0 && signbit(d) && *end == '\0');
	MT_EXPECT(strtod("12.5abc", &end) == 12.5 && strcmp(end, "abc") == 0);
	MT_EXPECT(strtod("1e", &end) == 1.0 && strcmp(end, "e") == 0);
	MT_EXPECT(strtod("1e+", &end) == 1.0 && strcmp(end, "e+") == 0);
	strtod("abc", &end);
	MT_EXPECT(strcmp(end, "abc") == 0);
	strtod("", &end);
	MT_EXPECT(*end == '\0');
	MT_EXPECT(strtod("9007199254740993", NULL) == 9007199254740992.0);
	MT_EXPECT(strtod("9007199254740995", NULL) == 9007199254740996.0);
	MT_EXPECT(strtof("3.4028235e38", NULL) == FLT_MAX);
	MT_EXPECT(atof("0.1") == 0.1);
}

MT_TEST(format, integers)
{
	EXPECT_FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
	EXPECT_FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	EXPECT_FMT("-2147483648", "%d", INT_MIN);
	EXPECT_FMT("0x1f", "%#x", 31);
	EXPECT_FMT("0X1F", "%#X", 31);
	EXPECT_FMT("017", "%#o", 15);
	EXPECT_FMT("42   |", "%-5d|", 42);
	EXPECT_FMT("+42", "%+d", 42);
	EXPECT_FMT(" 42", "% d", 42);
	EXPECT_FMT("00042", "%05d", 42);
	EXPECT_FMT("  042", "%5.3d", 42);
	EXPECT_FMT("", "%.0d", 0);
	EXPECT_FMT("abc", "%.3s", "abcdef");
	EXPECT_FMT("  abc", "%*s", 5, "abc");
	EXPECT_FMT("x%y", "%c%%%c", 'x', 'y');
	EXPECT_FMT("255 ff", "%hhu %hhx", (unsigned char)255, (unsigned char)255);
	EXPECT_FMT("-1", "%hd", (short)-1);
	EXPECT_FMT("123", "%zu", (size_t)123);
	EXPECT_FMT("-7", "%jd", (intmax_t)-7);
	EXPECT_FMT("b a", "%2$s %1$s", "a", "b");
}

MT_TEST(format, strtol)
{
	char *end;

	MT_EXPECT_EQ(strtol("0x1f", &end, 0), 31);
	MT_EXPECT_EQ(strtol("010", &end, 0), 8);
	MT_EXPECT_EQ(strtol("  -42z", &end, 10), -42);
	MT_EXPECT(*end == 'z');
	MT_EXPECT_EQ(strtol("zz", &end, 36), 35 * 36 + 35);
	errno = 0;
	MT_EXPECT_EQ(strtol("99999999999999999999", &end, 10), LONG_MAX);
	MT_EXPECT_ERRNO(errno, ERANGE);
	errno = 0;
	MT_EXPECT_EQ(strtol("-99999999999999999999", &end, 10), LONG_MIN);
	MT_EXPECT_ERRNO(errno, ERANGE);
	errno = 0;
	MT_EXPECT_EQ(strtoull("18446744073709551615", &end, 10), ULLONG_MAX);
	MT_EXPECT_ERRNO(errno, 0);
	errno = 0;
	MT_EXPECT_EQ(strtoul("-1", &end, 10), ULONG_MAX);
	MT_EXPECT_ERRNO(errno, 0);
	errno = 0;
	strtol("1", &end, 1);
	MT_EXPECT_ERRNO(errno, EINVAL);
	MT_EXPECT_EQ(atoi("  123abc"), 123);
}

MT_TEST(format, snprintf_truncation)
{
	char buf[16];

	memset(buf, 'X', sizeof(buf));
	MT_EXPECT_EQ(snprintf(buf, mt_opaque(5), "hello world"), 11);
	MT_EXPECT_STREQ(buf, "hell");
	MT_EXPECT_EQ(buf[5], 'X');
	memset(buf, 'X', sizeof(buf));
	MT_EXPECT_EQ(snprintf(buf, mt_opaque(1), "abc"), 3);
	MT_EXPECT_EQ(buf[0], '\0');
	MT_EXPECT_EQ(buf[1], 'X');
	memset(buf, 'X', sizeof(buf));
	MT_EXPECT_EQ(snprintf(buf, mt_opaque(0), "abc"), 3);
	MT_EXPECT_EQ(buf[0], 'X');
	MT_EXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	MT_EXPECT_EQ(snprintf(buf, sizeof(buf), "%s", ""), 0);
	MT_EXPECT_EQ(snprintf(buf, mt_opaque(6), "%d", 1234567), 7);
	MT_EXPECT_STREQ(buf, "12345");
	MT_EXPECT_EQ(snprintf(buf, mt_opaque(4), "%.3f", 1.0), 5);
	MT_EXPECT_STREQ(buf, "1.0");
}

MT_TEST(format, long_output)
{
	/* Longer than any internal buffer: width, precision, many parts. */
	static char buf[5000];
	int n = snprintf(buf, sizeof(buf), "%4000d|%.300f|%s", 7, 1.0, "end");

	MT_EXPECT_EQ(n, 4000 + 1 + 302 + 1 + 3);
	MT_EXPECT_EQ(strlen(buf), (size_t)n);
	MT_EXPECT_EQ(buf[3998], ' ');
	MT_EXPECT_EQ(buf[3999], '7');
	MT_EXPECT(strcmp(buf + n - 4, "|end") == 0);
	n = snprintf(buf, sizeof(buf), "%.1000f", 1e-300);
	MT_EXPECT_EQ(n, 1002);
	MT_EXPECT(strncmp(buf, "0.000", 5) == 0);
	MT_EXPECT(strncmp(buf + 301, "1000000000000000025059091835208759685696", 40) == 0);
}

/* nolibc's string, ctype, strtol and sorting functions against glibc. */
#define _GNU_SOURCE /* strerrorname_np */
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tsh.h"

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

START_TEST(mem_functions)
{
	unsigned char src[160], got[160], want[160];
	const char nul[] = "a\0b";

	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);

	/* Every alignment of source and destination, lengths around the
	 * word size, so the bulk loops and their tails all run. */
	for (size_t d = 0; d < 16; d++) {
		for (size_t s = 0; s < 16; s++) {
			for (size_t n = 0; n < 80; n++) {
				memset(got, 0xee, sizeof(got));
				memset(want, 0xee, sizeof(want));
				ck_assert_ptr_eq(tsh_memcpy(got + d, src + s,
							    n), got + d);
				memcpy(want + d, src + s, n);
				ck_assert(!memcmp(got, want, sizeof(got)));
			}
		}
		for (size_t n = 0; n < 80; n++) {
			memset(got, 0xee, sizeof(got));
			memset(want, 0xee, sizeof(want));
			ck_assert_ptr_eq(tsh_memset(got + d, 0x5a, n),
					 got + d);
			memset(want + d, 0x5a, n);
			ck_assert(!memcmp(got, want, sizeof(got)));
		}
	}

	/* memmove with the regions overlapping either way. */
	for (size_t d = 0; d < 24; d++) {
		for (size_t s = 0; s < 24; s++) {
			for (size_t n = 0; n < 100; n += 3) {
				memcpy(got, src, sizeof(src));
				memcpy(want, src, sizeof(src));
				ck_assert_ptr_eq(tsh_memmove(got + d, got + s,
							     n), got + d);
				memmove(want + d, want + s, n);
				ck_assert(!memcmp(got, want, sizeof(got)));
			}
		}
	}

	ck_assert_int_eq(sign(tsh_memcmp("abc", "abd", 3)), -1);
	ck_assert_int_eq(sign(tsh_memcmp("abd", "abc", 3)), 1);
	ck_assert_int_eq(tsh_memcmp("abc", "abd", 2), 0);
	ck_assert_int_eq(tsh_memcmp("", "x", 0), 0);
	ck_assert_int_eq(sign(tsh_memcmp("\x80", "\x01", 1)), 1);
	ck_assert_ptr_eq(tsh_memchr(src, src[40], 100), src + 40);
	ck_assert_ptr_null(tsh_memchr(src, src[40], 40));
	ck_assert_ptr_eq(tsh_memchr(nul, 'b', 3), nul + 2);
}
END_TEST

static const char *const strs[] = {
	"", "a", "b", "ab", "abc", "abd", "abcd", "ABC", "aBc", "hello world",
	"\x80", "\xff", "a\x80", "zzz", "hello", "hellO", "a b\tc",
};
#define NSTRS (sizeof(strs) / sizeof(*strs))

START_TEST(str_functions)
{
	char got[64], want[64];
	char *gs, *ws, *gsave, *wsave;

	for (size_t i = 0; i < NSTRS; i++) {
		const char *a = strs[i];

		ck_assert_uint_eq(tsh_strlen(a), strlen(a));
		for (size_t n = 0; n < 6; n++)
			ck_assert_uint_eq(tsh_strnlen(a, n), strnlen(a, n));
		for (size_t j = 0; j < NSTRS; j++) {
			const char *b = strs[j];

			ck_assert_int_eq(sign(tsh_strcmp(a, b)),
					 sign(strcmp(a, b)));
			ck_assert_int_eq(sign(tsh_strcasecmp(a, b)),
					 sign(strcasecmp(a, b)));
			for (size_t n = 0; n < 5; n++) {
				ck_assert_int_eq(sign(tsh_strncmp(a, b, n)),
						 sign(strncmp(a, b, n)));
				ck_assert_int_eq(
					sign(tsh_strncasecmp(a, b, n)),
					sign(strncasecmp(a, b, n)));
			}
			ck_assert_ptr_eq(tsh_strstr(a, b), strstr(a, b));
			ck_assert_uint_eq(tsh_strspn(a, b), strspn(a, b));
			ck_assert_uint_eq(tsh_strcspn(a, b), strcspn(a, b));
			ck_assert_ptr_eq(tsh_strpbrk(a, b), strpbrk(a, b));
		}
		for (int c = 0; c < 256; c++) {
			ck_assert_ptr_eq(tsh_strchr(a, c), strchr(a, c));
			ck_assert_ptr_eq(tsh_strrchr(a, c), strrchr(a, c));
		}
		ck_assert_ptr_eq(tsh_strchr(a, 'b' + 256), strchr(a, 'b'));
	}
	ck_assert_ptr_eq(tsh_strstr(strs[9], "o w"), strs[9] + 4);

	/* Copies: strncpy pads with NULs and may leave no terminator. */
	for (size_t n = 0; n < 10; n++) {
		memset(got, 'X', sizeof(got));
		memset(want, 'X', sizeof(want));
		tsh_strncpy(got, "hello", n);
		strncpy(want, "hello", n);
		ck_assert(!memcmp(got, want, sizeof(got)));

		strcpy(got, "ab");
		strcpy(want, "ab");
		tsh_strncat(got, "cdef", n);
		strncat(want, "cdef", n);
		ck_assert_str_eq(got, want);
	}
	ck_assert_ptr_eq(tsh_strcpy(got, "copy"), got);
	ck_assert_str_eq(got, "copy");
	ck_assert_ptr_eq(tsh_strcat(got, " more"), got);
	ck_assert_str_eq(got, "copy more");

	/* strtok_r: runs of delimiters, leading and trailing ones. */
	strcpy(got, ",,a,b;;c,,");
	strcpy(want, ",,a,b;;c,,");
	gs = tsh_strtok_r(got, ",;", &gsave);
	ws = strtok_r(want, ",;", &wsave);
	for (;;) {
		ck_assert_int_eq(!gs, !ws);
		if (!gs)
			break;
		ck_assert_str_eq(gs, ws);
		ck_assert_int_eq(gs - got, ws - want);
		gs = tsh_strtok_r(NULL, ",;", &gsave);
		ws = strtok_r(NULL, ",;", &wsave);
	}
	strcpy(got, ";;;");
	ck_assert_ptr_null(tsh_strtok_r(got, ";", &gsave));
	ck_assert_ptr_null(tsh_strtok_r(NULL, ";", &gsave));
}
END_TEST

START_TEST(ctype_functions)
{
	static int (*const mine[])(int) = {
		tsh_isalnum, tsh_isalpha, tsh_isblank, tsh_iscntrl,
		tsh_isdigit, tsh_isgraph, tsh_islower, tsh_isprint,
		tsh_ispunct, tsh_isspace, tsh_isupper, tsh_isxdigit,
		tsh_isascii,
	};
	static int (*const host[])(int) = {
		isalnum, isalpha, isblank, iscntrl, isdigit, isgraph, islower,
		isprint, ispunct, isspace, isupper, isxdigit, isascii,
	};

	/* The host runs in the "C" locale, as every program starts. */
	for (int c = EOF; c < 256; c++) {
		for (size_t f = 0; f < sizeof(mine) / sizeof(*mine); f++)
			ck_assert_msg(!mine[f](c) == !host[f](c),
				      "class %zu of %d", f, c);
		ck_assert_int_eq(tsh_tolower(c), tolower(c));
		ck_assert_int_eq(tsh_toupper(c), toupper(c));
	}
}
END_TEST

static const char *const numbers[] = {
	"0", "1", "-1", "+1", "42", "  42", "\t\n\v\f\r 42", "42abc", "abc",
	"", " ", "-", "+", "+-1", "- 1", "0x", "0X", "0x1f", "0X1F", "0xg",
	"-0x1f", "  +0x7fffffffffffffff", "0x8000000000000000",
	"0xffffffffffffffff", "0x10000000000000000", "0777", "08", "0b101",
	"1010", "z", "Z", "zz", "1e5", "00000000000000000000000000000042",
	"2147483647", "2147483648", "-2147483648", "-2147483649",
	"4294967295", "4294967296",
	"9223372036854775807", "9223372036854775808",
	"-9223372036854775807", "-9223372036854775808",
	"-9223372036854775809", "18446744073709551615",
	"18446744073709551616", "-18446744073709551615",
	"-18446744073709551616", "99999999999999999999999999999",
	"-99999999999999999999999999999", "3w5e11264sgsf", "3w5e11264sgsg",
	"1y2p0ij32e8e7", "1y2p0ij32e8e8", "11111111111111111111111111111111"
	"111111111111111111111111111111111",
};

/* Same value, same errno, same end pointer as glibc. */
#define CHECK_STRTO(fn, s, base)					\
	do {								\
		char *ge, *we;						\
		errno = 0;						\
		tsh_errno = 0;						\
		__auto_type g = tsh_##fn(s, &ge, base);			\
		__auto_type w = fn(s, &we, base);			\
		ck_assert_msg(g == w && tsh_errno == errno &&		\
			      ge - s == we - s,				\
			      #fn "(\"%s\", %d): got %lld errno %d end %td, " \
			      "want %lld errno %d end %td", s, base,	\
			      (long long)g, tsh_errno, ge - s,		\
			      (long long)w, errno, we - s);		\
	} while (0)

START_TEST(strtol_family)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < sizeof(numbers) / sizeof(*numbers); i++) {
		const char *s = numbers[i];

		for (size_t b = 0; b < sizeof(bases) / sizeof(*bases); b++) {
			CHECK_STRTO(strtol, s, bases[b]);
			CHECK_STRTO(strtoll, s, bases[b]);
			CHECK_STRTO(strtoul, s, bases[b]);
			CHECK_STRTO(strtoull, s, bases[b]);
			CHECK_STRTO(strtoimax, s, bases[b]);
			CHECK_STRTO(strtoumax, s, bases[b]);
		}
		ck_assert_int_eq(tsh_atoi(s), atoi(s));
		ck_assert_int_eq(tsh_atol(s), atol(s));
		ck_assert_int_eq(tsh_atoll(s), atoll(s));
	}

	/* No end pointer is fine; an invalid base is EINVAL. */
	ck_assert_int_eq(tsh_strtol("123", NULL, 10), 123);
	tsh_errno = 0;
	ck_assert_int_eq(tsh_strtol("123", NULL, 1), 0);
	ck_assert_int_eq(tsh_errno, EINVAL);
	tsh_errno = 0;
	ck_assert_int_eq(tsh_strtoul("123", NULL, 37), 0);
	ck_assert_int_eq(tsh_errno, EINVAL);
}
END_TEST

START_TEST(stdlib_misc)
{
	div_t d = tsh_div(-7, 2);
	ldiv_t ld = tsh_ldiv(7L, -2L);
	lldiv_t lld = tsh_lldiv(LLONG_MIN + 1, 10);

	ck_assert(d.quot == -3 && d.rem == -1);
	ck_assert(ld.quot == -3 && ld.rem == 1);
	ck_assert(lld.quot == (LLONG_MIN + 1) / 10 &&
		  lld.rem == (LLONG_MIN + 1) % 10);
	ck_assert_int_eq(tsh_abs(-5), 5);
	ck_assert_int_eq(tsh_abs(INT_MAX), INT_MAX);
	ck_assert_int_eq(tsh_labs(-5L), 5L);
	ck_assert(tsh_llabs(-LLONG_MAX) == LLONG_MAX);
	ck_assert_ptr_null(tsh_getenv("PATH"));

	for (int e = -2; e < 140; e++) {
		ck_assert_str_eq(tsh_strerror(e), strerror(e));
		if (strerrorname_np(e))
			ck_assert_str_eq(tsh_strerrorname_np(e),
					 strerrorname_np(e));
		else
			ck_assert_ptr_null(tsh_strerrorname_np(e));
	}
	ck_assert_str_eq(tsh_strerror(100000), "Unknown error 100000");
}
END_TEST

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* 12 bytes: not a power of two, so sorting cannot assume words. */
struct rec {
	int key;
	char tag[8];
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	int r = cmp_int(&x->key, &y->key);

	return r ? r : strcmp(x->tag, y->tag);
}

START_TEST(sort_and_search)
{
	static int got[1000], want[1000];
	static struct rec rg[300], rw[300];
	const int missing = 1 << 30;

	for (size_t n = 0; n <= 1000; n = n < 20 ? n + 1 : n * 3 / 2) {
		for (size_t i = 0; i < n; i++)
			/* Narrow ranges for duplicates, wide for spread. */
			got[i] = want[i] = (int)(rng() % (n & 1 ? 10 : 100000))
					  - 5;
		tsh_qsort(got, n, sizeof(int), cmp_int);
		qsort(want, n, sizeof(int), cmp_int);
		ck_assert(!memcmp(got, want, n * sizeof(int)));

		for (size_t i = 0; i < n; i++) {
			int *p = tsh_bsearch(&want[i], got, n, sizeof(int),
					     cmp_int);
			ck_assert(p && *p == want[i]);
		}
		ck_assert_ptr_null(tsh_bsearch(&missing, got, n, sizeof(int),
					       cmp_int));
	}

	for (size_t i = 0; i < 300; i++) {
		rg[i].key = (int)(rng() % 50);
		snprintf(rg[i].tag, sizeof(rg[i].tag), "%u",
			 (unsigned)(rng() % 1000));
		rw[i] = rg[i];
	}
	tsh_qsort(rg, 300, sizeof(*rg), cmp_rec);
	qsort(rw, 300, sizeof(*rw), cmp_rec);
	ck_assert(!memcmp(rg, rw, sizeof(rg)));
	tsh_qsort(rg, 0, sizeof(*rg), cmp_rec);
	tsh_qsort(NULL, 0, sizeof(*rg), cmp_rec);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("string");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, mem_functions);
	tcase_add_test(tc, str_functions);
	tcase_add_test(tc, ctype_functions);
	tcase_add_test(tc, strtol_family);
	tcase_add_test(tc, stdlib_misc);
	tcase_add_test(tc, sort_and_search);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

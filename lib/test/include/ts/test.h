/* In-image tests, declared next to the code they test:
 *
 *   #include <ts/test.h>
 *   TS_TEST(alloc, calloc_overflow)
 *   {
 *           TS_EXPECT_EQ(calloc(SIZE_MAX, 2), NULL);
 *           TS_EXPECT(errno == ENOMEM);
 *   }
 *
 * TS_EXPECT_* record a failure (file, line, the expression and both
 * values) and go on; TS_REQUIRE_* also end the test at once. A library
 * compiles its test files only with an option of its own that depends on
 * LIB_TEST (LIB_ALLOC_TESTS ...), so images without the framework carry
 * no test code. */
#ifndef TS_TEST_H
#define TS_TEST_H

#include <stdint.h>

struct ts_test {
	const char *suite;
	const char *name;
	void (*fn)(void);
};

/* Tests run sorted by suite and name (section name order). */
#define TS_TEST(suite, name)                                                \
	static void ts_test_##suite##_##name(void);                         \
	static const struct ts_test ts_test_entry_##suite##_##name          \
	    __attribute__((used, aligned(8),                                \
			   section(".ts_tests." #suite "." #name))) = {     \
		#suite, #name, ts_test_##suite##_##name                     \
	};                                                                  \
	static void ts_test_##suite##_##name(void)

/* Run the tests whose "suite.name" the filter selects: "include[-exclude]",
 * each a ':'-separated list of globs ('*', '?'), as in GoogleTest; NULL or
 * "" runs all. Prints one line per test and the summary; returns the
 * number of failed tests. */
int ts_test_run(const char *filter);

/* --- the machinery behind the macros ------------------------------- */
_Noreturn void ts_test_fail_(const char *file, int line, const char *msg);
_Noreturn void ts_test_skip_(const char *file, int line, const char *why);
int ts_test_expect_int_(long long a, long long b, int op, const char *expr,
			const char *file, int line);
int ts_test_expect_uint_(unsigned long long a, unsigned long long b, int op,
			 const char *expr, const char *file, int line);
int ts_test_expect_ptr_(const void *a, const void *b, int op,
			const char *expr, const char *file, int line);
int ts_test_expect_str_(const char *a, const char *b, int op,
			const char *expr, const char *file, int line);

enum { TS_OP_EQ, TS_OP_NE, TS_OP_LT, TS_OP_LE, TS_OP_GT, TS_OP_GE };

/* Values are compared and printed by their type: signed and unsigned
 * integers, pointers. Mixing signedness compares as unsigned, like C.
 * _Generic picks the function; the prototype converts the arguments. */
#define TS__CMP(a, b, op, sep)                                              \
	_Generic((a) + 0,                                                   \
		 unsigned char: ts_test_expect_uint_,                       \
		 unsigned short: ts_test_expect_uint_,                      \
		 unsigned int: ts_test_expect_uint_,                        \
		 unsigned long: ts_test_expect_uint_,                       \
		 unsigned long long: ts_test_expect_uint_,                  \
		 char: ts_test_expect_int_, signed char: ts_test_expect_int_, \
		 short: ts_test_expect_int_, int: ts_test_expect_int_,      \
		 long: ts_test_expect_int_, long long: ts_test_expect_int_, \
		 default: ts_test_expect_ptr_)(a, b, op, #a " " sep " " #b, \
					       __FILE__, __LINE__)

#define TS_EXPECT_EQ(a, b) TS__CMP(a, b, TS_OP_EQ, "==")
#define TS_EXPECT_NE(a, b) TS__CMP(a, b, TS_OP_NE, "!=")
#define TS_EXPECT_LT(a, b) TS__CMP(a, b, TS_OP_LT, "<")
#define TS_EXPECT_LE(a, b) TS__CMP(a, b, TS_OP_LE, "<=")
#define TS_EXPECT_GT(a, b) TS__CMP(a, b, TS_OP_GT, ">")
#define TS_EXPECT_GE(a, b) TS__CMP(a, b, TS_OP_GE, ">=")
#define TS_EXPECT_STREQ(a, b)                                               \
	ts_test_expect_str_(a, b, TS_OP_EQ, #a " == " #b, __FILE__, __LINE__)
#define TS_EXPECT(cond)                                                     \
	ts_test_expect_int_(!!(cond), 1, TS_OP_EQ, #cond, __FILE__, __LINE__)

#define TS__REQUIRE(x)                                                       \
	do {                                                                \
		if (!(x))                                                   \
			ts_test_fail_(__FILE__, __LINE__, NULL);            \
	} while (0)
#define TS_REQUIRE_EQ(a, b) TS__REQUIRE(TS_EXPECT_EQ(a, b))
#define TS_REQUIRE_NE(a, b) TS__REQUIRE(TS_EXPECT_NE(a, b))
#define TS_REQUIRE(cond) TS__REQUIRE(TS_EXPECT(cond))
#define TS_FAIL(msg) ts_test_fail_(__FILE__, __LINE__, msg)
#define TS_SKIP(why) ts_test_skip_(__FILE__, __LINE__, why)

#endif

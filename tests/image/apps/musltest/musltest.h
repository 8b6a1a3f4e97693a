/* The musl test suite's own small runner: plain C11/POSIX, so that the
 * same sources build for the host (gcc with glibc, musl-gcc) and for the
 * image, and every expectation is checked against Linux first. Its
 * output is lib/test's ("test: PASS suite.name", "test: N passed, M
 * failed, K skipped"), which the image-test harness reads. */
#ifndef MUSLTEST_H
#define MUSLTEST_H

#include <stddef.h>
#include <stdio.h>

/* Failures of the running test; a test passes when it stays 0. */
extern int mt_failures;
extern int mt_skipped;

void mt_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define MT_TEST(suite, name) void mt_##suite##_##name(void)

int mt_check(int ok, const char *file, int line, const char *text);
#define MT_EXPECT(cond) mt_check(!!(cond), __FILE__, __LINE__, #cond)

/* Sizes and pointers the compiler must not see through: the tests hand
 * bad values to the library on purpose. */
extern volatile size_t mt_huge;		/* SIZE_MAX / 2 */
size_t mt_opaque(size_t v);

/* Integers compared as long long (pointers and sizes fit), both values
 * printed on failure. */
#define MT_EXPECT_OP(a, op, b)                                           \
	do {                                                             \
		long long a_ = (long long)(a), b_ = (long long)(b);      \
		if (!(a_ op b_))                                         \
			mt_fail(__FILE__, __LINE__,                      \
				"expected %s %s %s: %lld vs %lld", #a, #op, \
				#b, a_, b_);                             \
	} while (0)
#define MT_EXPECT_EQ(a, b) MT_EXPECT_OP(a, ==, b)
#define MT_EXPECT_NE(a, b) MT_EXPECT_OP(a, !=, b)
#define MT_EXPECT_GE(a, b) MT_EXPECT_OP(a, >=, b)
#define MT_EXPECT_LE(a, b) MT_EXPECT_OP(a, <=, b)
#define MT_EXPECT_GT(a, b) MT_EXPECT_OP(a, >, b)

#define MT_EXPECT_STREQ(a, b)                                            \
	do {                                                             \
		const char *a_ = (a), *b_ = (b);                         \
		if (!a_ || !b_ || strcmp(a_, b_))                        \
			mt_fail(__FILE__, __LINE__,                      \
				"expected %s == \"%s\": got \"%s\"", #a,  \
				b_ ? b_ : "(null)", a_ ? a_ : "(null)"); \
	} while (0)

/* The errno name for failure messages ("EBADF"), or its number. */
const char *mt_errno_name(int e);

#define MT_EXPECT_ERRNO(e, want)                                         \
	do {                                                             \
		int e_ = (e);                                            \
		if (e_ != (want))                                        \
			mt_fail(__FILE__, __LINE__,                      \
				"expected errno %s, got %s", #want,      \
				mt_errno_name(e_));                      \
	} while (0)

/* Leave the test when cond is false (no longjmp: setjmp is under test). */
#define MT_REQUIRE(cond)                                                 \
	do {                                                             \
		if (!MT_EXPECT(cond))                                    \
			return;                                          \
	} while (0)

#define MT_SKIP(why)                                                     \
	do {                                                             \
		printf("  %s:%d: skipped: %s\n", __FILE__, __LINE__, why); \
		mt_skipped = 1;                                          \
		return;                                                  \
	} while (0)

/* Monotonic time in nanoseconds, for the tests that measure. */
long long mt_now_ns(void);

/* Every test, as T(suite, name): the runner's table, one list. */
#define MT_ALL_TESTS(T)                                                  \
	T(stdio, console_is_a_terminal)                                  \
	T(stdio, stdout_is_line_buffered)                                \
	T(stdio, setvbuf_full)                                           \
	T(stdio, setvbuf_line)                                           \
	T(stdio, setvbuf_unbuffered)                                     \
	T(stdio, fully_buffered_output_comes_after_fflush)               \
	T(stdio, stderr_is_unbuffered)                                   \
	T(stdio, memstream)                                              \
	T(format, double_round_trip_17g)                                 \
	T(format, double_round_trip_hex)                                 \
	T(format, known_doubles)                                         \
	T(format, rounding)                                              \
	T(format, inf_and_nan)                                           \
	T(format, strtod_edges)                                          \
	T(format, integers)                                              \
	T(format, strtol)                                                \
	T(format, snprintf_truncation)                                   \
	T(format, long_output)                                           \
	T(error, bad_fd_is_ebadf)                                        \
	T(error, bad_pointer_is_efault)                                  \
	T(error, missing_call_is_enosys)                                 \
	T(error, bad_clock_is_einval)                                    \
	T(error, bad_sleep_is_einval)                                    \
	T(error, bad_sigaction_is_einval)                                \
	T(error, malloc_too_big_is_enomem)                               \
	T(error, strerror)                                               \
	T(jump, setjmp_longjmp)                                          \
	T(jump, longjmp_zero_gives_one)                                  \
	T(jump, through_frames)                                          \
	T(jump, sigsetjmp_restores_mask)                                 \
	T(jump, sigsetjmp_without_mask)                                  \
	T(signal, raise_runs_handler)                                    \
	T(signal, siglongjmp_from_handler)                               \
	T(signal, blocked_signal_is_pending)                             \
	T(pthread, mutex_normal)                                         \
	T(pthread, mutex_recursive)                                      \
	T(pthread, mutex_errorcheck)                                     \
	T(pthread, mutex_contention)                                     \
	T(pthread, cond_signal)                                          \
	T(pthread, cond_broadcast)                                       \
	T(pthread, cond_timedwait_timeout)                               \
	T(pthread, cond_timedwait_monotonic)                             \
	T(pthread, key_destructors)                                      \
	T(pthread, once)                                                 \
	T(pthread, join_return_values)                                   \
	T(pthread, exit_value)                                           \
	T(pthread, detach)                                               \
	T(pthread, detached_attribute)                                   \
	T(pthread, stack_size)                                           \
	T(pthread, semaphore)                                            \
	T(pthread, self_and_equal)                                       \
	T(tls, initial_values_per_thread)                                \
	T(tls, zeroed_per_thread)                                        \
	T(tls, aligned)                                                  \
	T(tls, errno_per_thread)                                         \
	T(time, monotonic_never_goes_back)                               \
	T(time, resolution)                                              \
	T(time, nanosleep_accuracy)                                      \
	T(time, clock_nanosleep_accuracy)                                \
	T(time, clock_nanosleep_absolute)                                \
	T(time, realtime_follows_monotonic)                              \
	T(malloc, sizes_and_patterns)                                    \
	T(malloc, calloc_zeroes)                                         \
	T(malloc, calloc_overflow)                                       \
	T(malloc, realloc)                                               \
	T(malloc, aligned)                                               \
	T(malloc, zero_size)                                             \
	T(malloc, large)                                                 \
	T(malloc, threads)                                               \
	T(malloc, heap_statistics)                                       \
	T(misc, constructor_ran)                                         \
	T(misc, qsort_and_bsearch)                                       \
	T(misc, argv)                                                    \
	T(misc, argv_writable)                                           \
	T(end, exit)                                                     \
	T(end, abort)

#define MT_DECLARE(suite, name) MT_TEST(suite, name);
MT_ALL_TESTS(MT_DECLARE)

/* argv as main got it (misc.argv checks it). */
extern int mt_argc;
extern char **mt_argv;

#endif

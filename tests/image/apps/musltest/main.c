/* The runner: argv[1] selects tests as lib/test's filter does
 * ("include[-exclude]", each a ':'-separated list of globs over
 * "suite.name"); without it every test but the end.* ones, which leave
 * the program (exit, abort) and so run alone. Exit status: the number of
 * failed tests, at most 125. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "filter.h"
#include "musltest.h"

int mt_failures;
int mt_skipped;
int mt_argc;
char **mt_argv;

struct mt_test {
	const char *name;
	void (*fn)(void);
};

#define MT_ENTRY(suite, name) { #suite "." #name, mt_##suite##_##name },
static const struct mt_test tests[] = { MT_ALL_TESTS(MT_ENTRY) };

void mt_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("  %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	mt_failures++;
}

const char *mt_errno_name(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ 0, "0" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" },
		{ EINTR, "EINTR" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ EINVAL, "EINVAL" }, { ERANGE, "ERANGE" }, { EDEADLK, "EDEADLK" },
		{ ENOSYS, "ENOSYS" }, { ETIMEDOUT, "ETIMEDOUT" },
		{ ENOTTY, "ENOTTY" }, { ESRCH, "ESRCH" },
	};
	static char other[24];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

volatile size_t mt_huge = SIZE_MAX / 2;

size_t mt_opaque(size_t v)
{
	static volatile size_t keep;

	keep = v;
	return keep;
}

int mt_check(int ok, const char *file, int line, const char *text)
{
	if (!ok)
		mt_fail(file, line, "expected %s", text);
	return ok;
}

long long mt_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return -1;
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char *argv[])
{
	const char *filter = argc > 1 ? argv[1] : "-end.*";
	int passed = 0, failed = 0, skipped = 0;

	mt_argc = argc;
	mt_argv = argv;
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (!ts_test_filter_selects(filter, tests[i].name))
			continue;
		mt_failures = 0;
		mt_skipped = 0;
		fflush(stdout);
		tests[i].fn();
		if (mt_failures) {
			failed++;
			printf("test: FAIL %s\n", tests[i].name);
		} else if (mt_skipped) {
			skipped++;
			printf("test: SKIP %s\n", tests[i].name);
		} else {
			passed++;
			printf("test: PASS %s\n", tests[i].name);
		}
	}
	if (passed + failed + skipped == 0)
		printf("test: no test matches '%s'\n", filter);
	printf("test: %d passed, %d failed, %d skipped\n", passed, failed,
	       skipped);
	return failed > 125 ? 125 : failed;
}

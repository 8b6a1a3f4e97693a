/* Running the TS_TEST table: one line per test, then the summary line the
 * image-test harness reads. A failed TS_REQUIRE leaves its test through
 * __builtin_longjmp (no C library setjmp is needed, and the compiler saves
 * every callee-saved register around the __builtin_setjmp). */
#include <stdio.h>
#include <string.h>
#include <ts/test.h>
#include "filter.h"
#include "test.h"

extern const struct ts_test _ts_tests_start[], _ts_tests_end[];

static void *jump[5];
static const struct ts_test *current;
int ts_test_failures_in_current;
static int skipped_current;

static int matches(const struct ts_test *t, const char *filter)
{
	char full[128];

	snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
	return ts_test_filter_selects(filter, full);
}

_Noreturn void ts_test_fail_(const char *file, int line, const char *msg)
{
	if (msg) {
		printf("  %s:%d: %s\n", file, line, msg);
		ts_test_failures_in_current++;
	}
	if (!current) {
		printf("test: TS_REQUIRE/TS_FAIL outside a running test\n");
		for (;;)
			;
	}
	__builtin_longjmp(jump, 1);
}

_Noreturn void ts_test_skip_(const char *file, int line, const char *why)
{
	printf("  %s:%d: skipped: %s\n", file, line, why);
	skipped_current = 1;
	ts_test_fail_(file, line, NULL);
}

/* Kept out of line so the jump buffer belongs to this frame only. */
static __attribute__((noinline)) void run_one(const struct ts_test *t)
{
	current = t;
	ts_test_failures_in_current = 0;
	skipped_current = 0;
	if (__builtin_setjmp(jump) == 0)
		t->fn();
	current = NULL;
}

int ts_test_run(const char *glob)
{
	int passed = 0, failed = 0, skipped = 0;

	for (const struct ts_test *t = _ts_tests_start; t < _ts_tests_end; t++) {
		if (!matches(t, glob))
			continue;
		run_one(t);
		if (ts_test_failures_in_current) {
			failed++;
			printf("test: FAIL %s.%s\n", t->suite, t->name);
		} else if (skipped_current) {
			skipped++;
			printf("test: SKIP %s.%s\n", t->suite, t->name);
		} else {
			passed++;
			printf("test: PASS %s.%s\n", t->suite, t->name);
		}
	}
	if (passed + failed + skipped == 0)
		printf("test: no test matches '%s'\n", glob ? glob : "");
	printf("test: %d passed, %d failed, %d skipped\n", passed, failed,
	       skipped);
	return failed;
}

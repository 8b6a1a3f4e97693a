/* The stack overflow report: a thread recurses into its guard page. Run
 * only when asked (kernel parameter sched.test_overflow), since it ends
 * the image: the image test sched-stack-overflow expects the CPU
 * exception report naming the thread. */
#include <stdbool.h>
#include <stdio.h>
#include <ts/param.h>
#include <ts/sched.h>
#include <ts/test.h>

static bool test_overflow;
TS_PARAM_BOOL(sched, test_overflow, test_overflow,
	      "run the test that overflows a thread's stack (crashes)");

static volatile int depth_limit = 1 << 30;

/* Bounded only by a limit the compiler cannot see through, so that it
 * neither rejects nor flattens the recursion. */
static __attribute__((noinline)) int recurse(volatile char *prev, int depth)
{
	volatile char frame[256];

	frame[0] = prev ? prev[0] + 1 : 0;
	if (depth >= depth_limit)
		return frame[0];
	return recurse(frame, depth + 1) + frame[1];
}

static void *overflow(void *arg)
{
	(void)arg;
	printf("sched: thread %s recurses\n", ts_thread_name(ts_thread_self()));
	recurse(NULL, 0);
	return NULL;
}

TS_TEST(sched_crash, stack_overflow_names_the_thread)
{
	struct ts_thread *t;

	if (!test_overflow)
		TS_SKIP("crashes the image: sched.test_overflow runs it");
	TS_REQUIRE_EQ(ts_thread_create(&t, "overflower", overflow, NULL,
				      NULL), 0);
	ts_thread_join(t, NULL);
	TS_FAIL("the overflow was not caught");
}

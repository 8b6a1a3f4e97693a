/* In-image tests: threads, names, priorities, yield, sleep. Threads
 * other than the test's own only use TS_EXPECT_*: TS_REQUIRE_* leaves
 * the test by a long jump, which must not cross stacks. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/init.h>
#include <ts/sched.h>
#include <ts/test.h>
#include <ts/time.h>

#define MS TS_NSEC_PER_MSEC

/* struct ts_thread is opaque: compared as plain pointers. */
#define P(t) ((const void *)(t))

/* How late a wake-up may be under QEMU's TCG: its virtual CPU is a host
 * thread woken by QEMU's main loop, whose poll() may expire up to 0.1%
 * of the timeout late, and a busy host adds scheduling delays: typically
 * 0.05-0.15 ms, with outliers of 10 ms (apps/sleep) and, once in
 * bench/sched's 800 samples on a busy host, 20 ms. Hence 50 ms plus
 * 0.2% of the sleep: a wake-up a whole timer period late, or early,
 * still fails. On KVM or hardware it is microseconds. */
#define LATE_MAX(ns) (50 * MS + (ns) / 500)

static void *return_arg(void *arg)
{
	return arg;
}

TS_TEST(sched_thread, create_join_returns_value)
{
	struct ts_thread *t;
	void *r = NULL;

	TS_REQUIRE_EQ(ts_thread_create(&t, "ret", return_arg, (void *)42,
				      NULL), 0);
	TS_EXPECT_EQ(ts_thread_join(t, &r), 0);
	TS_EXPECT_EQ(r, (void *)42);
}

static volatile int exit_depth = 5;

/* Ends the thread exit_depth calls down. */
static __attribute__((noinline)) void leave(int depth)
{
	if (depth == exit_depth)
		ts_thread_exit((void *)7);
	if (depth < 100)
		leave(depth + 1);
}

static void *exits_deep_down(void *arg)
{
	(void)arg;
	leave(0);
	return (void *)1;	/* not reached */
}

TS_TEST(sched_thread, exit_from_nested_call)
{
	struct ts_thread *t;
	void *r = NULL;

	TS_REQUIRE_EQ(ts_thread_create(&t, "exiter", exits_deep_down, NULL,
				      NULL), 0);
	TS_EXPECT_EQ(ts_thread_join(t, &r), 0);
	TS_EXPECT_EQ(r, (void *)7);
}

static void *report_name(void *arg)
{
	const char **out = arg;

	*out = ts_thread_name(ts_thread_self());
	TS_EXPECT_EQ(P(ts_thread_find("finder")), P(ts_thread_self()));
	return NULL;
}

TS_TEST(sched_thread, names_and_lookup)
{
	static const char long_name[] = "a-name-much-longer-than-thirty-"
					"one-characters";
	struct ts_thread *t;
	const char *seen = NULL;

	TS_EXPECT_STREQ(ts_thread_name(ts_thread_self()), "main");
	TS_EXPECT_EQ(P(ts_thread_find("main")), P(ts_thread_self()));
	TS_EXPECT(ts_thread_find("idle") != NULL);
	TS_EXPECT_EQ(P(ts_thread_find("nosuch")), NULL);

	/* Below main's priority: in preemptive builds an equal one may
	 * get a time slice and end before main looks at it. */
	TS_REQUIRE_EQ(ts_thread_create(&t, "finder", report_name, &seen,
				      &(struct ts_thread_attr){
					      .prio = TS_PRIO_DEFAULT - 1 }),
		      0);
	TS_EXPECT_EQ(P(ts_thread_find("finder")), P(t));
	TS_EXPECT_STREQ(ts_thread_state(t), "ready");
	ts_thread_join(t, NULL);
	TS_EXPECT_STREQ(seen, "finder");
	TS_EXPECT_EQ(P(ts_thread_find("finder")), NULL);

	TS_REQUIRE_EQ(ts_thread_create(&t, long_name, return_arg, NULL, NULL),
		     0);
	TS_EXPECT_EQ(strlen(ts_thread_name(t)), TS_THREAD_NAME_MAX - 1);
	TS_EXPECT(!strncmp(ts_thread_name(t), long_name,
			   TS_THREAD_NAME_MAX - 1));
	ts_thread_join(t, NULL);
}

#define MANY 200

static int many_done;

static void *count_and_yield(void *arg)
{
	for (int i = 0; i < 3; i++) {
		many_done++;
		ts_thread_yield();
	}
	return arg;
}

/* Many at once: each with its own stack, guard page and TLS area. */
TS_TEST(sched_thread, many_threads)
{
	static struct ts_thread *t[MANY];
	int created = 0, ok = 1;

	many_done = 0;
	for (int i = 0; i < MANY; i++) {
		if (ts_thread_create(&t[i], "many", count_and_yield,
				     (void *)(intptr_t)i, NULL))
			break;
		created++;
	}
	TS_EXPECT_EQ(created, MANY);
	for (int i = 0; i < created; i++) {
		void *r;

		ts_thread_join(t[i], &r);
		if (r != (void *)(intptr_t)i)
			ok = 0;
	}
	TS_EXPECT(ok);
	TS_EXPECT_EQ(many_done, 3 * created);
}

static char trace[64];
static int trace_len;

/* Tests of the order threads run in keep preemption off in the threads
 * they trace: a time slice ending between a mark and the yield after it
 * (a host hiccup stalling the guest for a slice, under TCG) would
 * reorder the trace. Blocking with preemption off is fine. */
static void *mark(void *arg)
{
	ts_sched_preempt_disable();
	for (int i = 0; i < 4; i++) {
		if (trace_len < (int)sizeof(trace) - 1)
			trace[trace_len++] = *(const char *)arg;
		ts_thread_yield();
	}
	ts_sched_preempt_enable();
	return NULL;
}

TS_TEST(sched_thread, yield_takes_turns)
{
	struct ts_thread *a, *b;

	memset(trace, 0, sizeof(trace));
	trace_len = 0;
	/* Both exist before either runs: a slice ending between the two
	 * creations ran A alone first ("AABABABB", seen under Xen). */
	ts_sched_preempt_disable();
	ts_thread_create(&a, "A", mark, "A", NULL);
	ts_thread_create(&b, "B", mark, "B", NULL);
	ts_sched_preempt_enable();
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	TS_EXPECT_STREQ(trace, "ABABABAB");
}

/* Ready threads run highest priority first, creation order among
 * equals; the main thread blocks in the first join. */
TS_TEST(sched_thread, priorities_order_the_ready)
{
	static const struct {
		const char *tag;
		int prio;
	} spec[] = {
		{ "l", 5 }, { "H", 30 }, { "m", 16 }, { "M", 16 }, { "h", 30 },
	};
	struct ts_thread *t[5];
	struct ts_thread_attr attr = { 0 };

	memset(trace, 0, sizeof(trace));
	trace_len = 0;
	/* Preemptive builds would run H as soon as it exists. */
	ts_sched_preempt_disable();
	for (int i = 0; i < 5; i++) {
		attr.prio = spec[i].prio;
		TS_EXPECT_EQ(ts_thread_create(&t[i], spec[i].tag, mark,
					      (void *)spec[i].tag, &attr), 0);
		TS_EXPECT_EQ(ts_thread_prio(t[i]), spec[i].prio);
	}
	ts_sched_preempt_enable();
	for (int i = 0; i < 5; i++)
		ts_thread_join(t[i], NULL);
	/* Each yields to its equals only: H and h alternate, then m and
	 * M (main, also 16, is blocked), then l alone. */
	TS_EXPECT_STREQ(trace, "HhHhHhHhmMmMmMmMllll");
	attr.prio = TS_PRIO_MAX + 1;
	TS_EXPECT_EQ(ts_thread_create(NULL, "bad", mark, "x", &attr),
		     -EINVAL);
}

static volatile int detached_ran;

static void *set_flag(void *arg)
{
	(void)arg;
	detached_ran = 1;
	return NULL;
}

TS_TEST(sched_thread, detach_and_join_errors)
{
	struct ts_thread *t;
	struct ts_thread_attr attr = { .detached = 1 };

	TS_EXPECT_EQ(ts_thread_join(ts_thread_self(), NULL), -EDEADLK);

	detached_ran = 0;
	TS_REQUIRE_EQ(ts_thread_create(&t, "detached", set_flag, NULL, &attr),
		     0);
	TS_EXPECT_EQ(ts_thread_join(t, NULL), -EINVAL);
	while (!detached_ran)
		ts_thread_yield();

	detached_ran = 0;
	TS_REQUIRE_EQ(ts_thread_create(&t, "detach-later", set_flag, NULL,
				      NULL), 0);
	TS_EXPECT_EQ(ts_thread_detach(t), 0);
	TS_EXPECT_EQ(ts_thread_detach(t), -EINVAL);
	while (!detached_ran)
		ts_thread_yield();
	/* Both freed themselves: nothing of them is left to find. */
	ts_thread_yield();
	TS_EXPECT_EQ(P(ts_thread_find("detached")), NULL);
	TS_EXPECT_EQ(P(ts_thread_find("detach-later")), NULL);
}

static void *on_own_stack(void *arg)
{
	volatile char here;

	*(uintptr_t *)arg = (uintptr_t)&here;
	return NULL;
}

/* A stack of the creator's, as a C library's pthread_create has. */
TS_TEST(sched_thread, stack_of_the_callers)
{
	static char stack[8192] __attribute__((aligned(16)));
	struct ts_thread_attr attr = { .stack = stack,
				       .stack_size = sizeof(stack) };
	struct ts_thread *t;
	uintptr_t lo, hi, seen = 0;

	TS_REQUIRE_EQ(ts_thread_create(&t, "own-stack", on_own_stack, &seen,
				      &attr), 0);
	ts_thread_stack(t, &lo, &hi);
	TS_EXPECT_EQ(lo, (uintptr_t)stack);
	TS_EXPECT_EQ(hi, (uintptr_t)stack + sizeof(stack));
	ts_thread_join(t, NULL);
	TS_EXPECT(seen > lo && seen < hi);
	attr.stack = stack + 1;
	TS_EXPECT_EQ(ts_thread_create(NULL, "odd", on_own_stack, &seen,
				      &attr), -EINVAL);
}

TS_TEST(sched_thread, set_prio)
{
	struct ts_thread *self = ts_thread_self(), *t;

	memset(trace, 0, sizeof(trace));
	trace_len = 0;
	TS_REQUIRE_EQ(ts_thread_create(&t, "x", mark, "x", NULL), 0);
	/* Raised above the caller, the ready thread runs at its yield. */
	TS_EXPECT_EQ(ts_thread_set_prio(t, TS_PRIO_DEFAULT + 1), 0);
	ts_thread_yield();
	TS_EXPECT_STREQ(trace, "xxxx");
	ts_thread_join(t, NULL);

	trace_len = 0;
	memset(trace, 0, sizeof(trace));
	TS_REQUIRE_EQ(ts_thread_create(&t, "y", mark, "y", NULL), 0);
	/* Lowering its own below a ready thread, the caller gives way. */
	TS_EXPECT_EQ(ts_thread_set_prio(self, TS_PRIO_DEFAULT - 1), 0);
	TS_EXPECT_STREQ(trace, "yyyy");
	TS_EXPECT_EQ(ts_thread_set_prio(self, TS_PRIO_DEFAULT), 0);
	TS_EXPECT_EQ(ts_thread_set_prio(self, 0), -EINVAL);
	ts_thread_join(t, NULL);
}

/* Before main() there is no idle thread: a thread that blocks with
 * nothing else to run halts in place. An init function of this file
 * checks that init functions may create threads and block. */
static int init_worker_ran;

static void *init_worker(void *arg)
{
	ts_thread_sleep_ns(MS);
	init_worker_ran = 1;
	return arg;
}

static int block_during_init(void)
{
	struct ts_thread *t;
	int r = ts_thread_create(&t, "init-worker", init_worker, NULL, NULL);

	if (!r)
		r = ts_thread_join(t, NULL);
	return r;
}
TS_INIT(block_during_init, TS_INIT_LATE);

TS_TEST(sched_thread, init_functions_may_block)
{
	TS_EXPECT_EQ(init_worker_ran, 1);
}

static uint64_t sleep_ms(uint64_t ms)
{
	uint64_t start = ts_time_now_ns();

	ts_thread_sleep_ns(ms * MS);
	return ts_time_now_ns() - start;
}

/* Never early; late by at most LATE_MAX (see above). */
TS_TEST(sched_thread, sleep_accuracy)
{
	static const uint64_t ms[] = { 1, 10, 50, 100 };

	for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		uint64_t want = ms[i] * MS, took = sleep_ms(ms[i]);

		TS_EXPECT_GE(took, want);
		TS_EXPECT_LE(took, want + LATE_MAX(want));
	}
}

static void *sleep_then_mark(void *arg)
{
	uint64_t ms = (uintptr_t)arg;

	ts_sched_preempt_disable();
	ts_thread_sleep_ns(ms * MS);
	trace[trace_len++] = (char)('0' + ms / 10);
	ts_sched_preempt_enable();
	return NULL;
}

TS_TEST(sched_thread, sleepers_wake_in_deadline_order)
{
	static const uintptr_t ms[] = { 30, 10, 40, 20 };
	struct ts_thread *t[4];

	memset(trace, 0, sizeof(trace));
	trace_len = 0;
	for (int i = 0; i < 4; i++)
		ts_thread_create(&t[i], "sleeper", sleep_then_mark,
				 (void *)ms[i], NULL);
	for (int i = 0; i < 4; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT_STREQ(trace, "1234");
}

static volatile int stop_worker;

static void *work_while_others_sleep(void *arg)
{
	unsigned long *rounds = arg;

	while (!stop_worker) {
		(*rounds)++;
		ts_thread_yield();
	}
	return NULL;
}

/* A sleeping thread leaves the CPU to the others. */
TS_TEST(sched_thread, sleep_lets_others_run)
{
	struct ts_thread *t;
	unsigned long rounds = 0;

	stop_worker = 0;
	ts_thread_create(&t, "worker", work_while_others_sleep, &rounds,
			 NULL);
	ts_thread_sleep_ns(20 * MS);
	stop_worker = 1;
	ts_thread_join(t, NULL);
	TS_EXPECT_GT(rounds, 0UL);
}

static void *long_sleep(void *arg)
{
	ts_thread_sleep_ns((uintptr_t)arg * MS);
	return NULL;
}

/* Run alone by the image test sched-sleep-halts, which checks QEMU's
 * CPU time: with every thread asleep the idle thread halts the CPU. */
TS_TEST(sched_sleep_cpu, all_asleep_halts_the_cpu)
{
	struct ts_thread *t[3];
	uint64_t start = ts_time_now_ns(), took;

	for (int i = 0; i < 3; i++)
		ts_thread_create(&t[i], "napper", long_sleep,
				 (void *)(uintptr_t)(1000 + 100 * i), NULL);
	ts_thread_sleep_ns(1000 * MS);
	for (int i = 0; i < 3; i++)
		ts_thread_join(t[i], NULL);
	took = ts_time_now_ns() - start;
	TS_EXPECT_GE(took, 1200 * MS);
	printf("sched: slept %lu ms\n", (unsigned long)(took / MS));
}

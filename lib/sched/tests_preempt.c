/* In-image tests: what preemption changes. The same tests run in both
 * builds and expect the behaviour of the one they are in: a busy thread
 * starves its equals when cooperative and does not when preemptive. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/sched.h>
#include <ts/test.h>
#include <ts/time.h>

#define MS TS_NSEC_PER_MSEC

#ifdef CONFIG_LIB_SCHED_PREEMPT
#define PREEMPTIVE 1
#else
#define PREEMPTIVE 0
#endif

static volatile int other_ran;

static void *note_run(void *arg)
{
	(void)arg;
	other_ran = 1;
	return NULL;
}

/* Spins for ms without yielding; returns whether note_run ran
 * meanwhile. */
static int spin_and_watch(uint64_t ms)
{
	uint64_t end = ts_time_now_ns() + ms * MS;

	while (ts_time_now_ns() < end)
		if (other_ran)
			return 1;
	return 0;
}

static void *busy(void *arg)
{
	*(int *)arg = spin_and_watch(100);
	return NULL;
}

TS_TEST(sched_preempt, busy_thread_and_its_equals)
{
	struct ts_thread *b, *o;
	int saw_other = -1;

	other_ran = 0;
	ts_thread_create(&b, "busy", busy, &saw_other, NULL);
	ts_thread_create(&o, "other", note_run, NULL, NULL);
	ts_thread_join(b, NULL);
	ts_thread_join(o, NULL);
	/* Preemptive: the other thread gets the CPU after a slice of
	 * the busy one's 100 ms. Cooperative: only once it is done. */
	TS_EXPECT_EQ(saw_other, PREEMPTIVE);
	TS_EXPECT_EQ(other_ran, 1);
}

static void *sleep_then_note(void *arg)
{
	ts_thread_sleep_ns((uintptr_t)arg * MS);
	return note_run(NULL);
}

/* A higher-priority thread woken by its timer takes the CPU from a busy
 * one at once when preemptive. */
TS_TEST(sched_preempt, wakeup_of_higher_priority)
{
	struct ts_thread_attr attr = { .prio = TS_PRIO_DEFAULT + 4 };
	struct ts_thread *t;
	int saw;

	other_ran = 0;
	TS_REQUIRE_EQ(ts_thread_create(&t, "waker", sleep_then_note,
				      (void *)(uintptr_t)10, &attr), 0);
	/* Woken after 10 ms: well within the spin, even under TCG. */
	saw = spin_and_watch(200);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(saw, PREEMPTIVE);
}

TS_TEST(sched_preempt, disable_holds_preemption_off)
{
	struct ts_thread *t;
	int saw;

	other_ran = 0;
	ts_thread_create(&t, "other", note_run, NULL, NULL);
	ts_sched_preempt_disable();
	saw = spin_and_watch(50);
	ts_sched_preempt_enable();
	TS_EXPECT_EQ(saw, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(other_ran, 1);
}

/* Threads allocating and freeing at once, preempted at random points:
 * lib/alloc runs with preemption off (its lock hook), so its lists stay
 * whole and no block is handed out twice. */
static void *churn(void *arg)
{
	uint64_t end = ts_time_now_ns() + 60 * MS;
	uint8_t tag = (uint8_t)(uintptr_t)arg;
	void *p[16] = { 0 };
	unsigned int n = 0, bad = 0;

	while (ts_time_now_ns() < end) {
		unsigned int i = n++ % 16;
		size_t size = 16 + (n * 37) % 2000;

		if (p[i]) {
			for (size_t k = 0; k < 16; k++)
				if (((uint8_t *)p[i])[k] != tag)
					bad++;
			free(p[i]);
		}
		p[i] = malloc(size);
		if (p[i])
			memset(p[i], tag, size);
		if (!PREEMPTIVE && n % 64 == 0)
			ts_thread_yield();
	}
	for (int i = 0; i < 16; i++)
		free(p[i]);
	TS_EXPECT_EQ(bad, 0U);
	return NULL;
}

TS_TEST(sched_preempt, allocator_under_preemption)
{
	struct ts_thread *t[4];
	uint64_t preempted = ts_sched_preempt_count();

	for (int i = 0; i < 4; i++)
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "churn", churn,
					      (void *)(uintptr_t)(i + 1),
					      NULL), 0);
	for (int i = 0; i < 4; i++)
		ts_thread_join(t[i], NULL);
	if (PREEMPTIVE)
		TS_EXPECT_GT(ts_sched_preempt_count(), preempted);
}

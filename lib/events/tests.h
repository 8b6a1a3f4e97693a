/* What the suites of lib/events share: system calls by number, a
 * clock, and helper threads that act after a delay while the test's
 * thread blocks. Helper threads use TS_EXPECT_* only (TS_REQUIRE_* must
 * not jump across stacks). */
#ifndef EVENTS_TESTS_H
#define EVENTS_TESTS_H

#include <stdint.h>
#include <time.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/test.h>
#include <ts/time.h>

#define SC(name, a, b, c, d)                                                \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   0, 0)
#define SC6(name, a, b, c, d, e, f)                                         \
	ts_syscall(TS_NR_##name, (long)(a), (long)(b), (long)(c), (long)(d),\
		   (long)(e), (long)(f))
#define BAD_HIGH 0x7ff000000000UL
/* A timeout of 0 (one element: a comma would split macro arguments). */
#define ZERO_TS (&(const struct timespec){ 0 })
#define MS TS_NSEC_PER_MSEC
/* Bounds for "it blocked until the event" and "the timeout expired on
 * time": at least the delay, and less than a generous ceiling (QEMU's
 * TCG on a loaded machine is slow). */
#define DELAY_MS 40
#define LATE_MS 3000

static inline uint64_t ev_test_ms_since(uint64_t t0)
{
	return (ts_time_now_ns() - t0) / MS;
}

/* A helper thread: sleeps delay_ms, records when it acts, then calls
 * fn(arg). */
struct ev_later {
	struct ts_thread *t;
	uint64_t delay_ms, acted_ns;
	void (*fn)(void *arg);
	void *arg;
};

static inline void *ev_later_run(void *p)
{
	struct ev_later *l = p;

	ts_thread_sleep_ns(l->delay_ms * MS);
	l->acted_ns = ts_time_now_ns();
	l->fn(l->arg);
	return NULL;
}

static inline int ev_later_start(struct ev_later *l, uint64_t delay_ms,
				 void (*fn)(void *), void *arg)
{
	l->delay_ms = delay_ms;
	l->acted_ns = 0;
	l->fn = fn;
	l->arg = arg;
	return ts_thread_create(&l->t, "ev-later", ev_later_run, l, NULL);
}

static inline void ev_later_join(struct ev_later *l)
{
	ts_thread_join(l->t, NULL);
}

/* Proof that a call blocked its caller instead of polling: a thread of
 * the lowest priority that counts while it gets the CPU, which it gets
 * only when every other thread is blocked (a caller looping on yield
 * would keep it out). */
struct ev_spinner {
	struct ts_thread *t;
	volatile int stop;
	volatile unsigned long turns;
};

static inline void *ev_spinner_run(void *p)
{
	struct ev_spinner *s = p;

	while (!s->stop) {
		s->turns++;
		ts_thread_yield();
	}
	return NULL;
}

static inline int ev_spinner_start(struct ev_spinner *s)
{
	struct ts_thread_attr a = { .prio = TS_PRIO_MIN };

	s->stop = 0;
	s->turns = 0;
	return ts_thread_create(&s->t, "ev-spinner", ev_spinner_run, s, &a);
}

/* Stop it: how many turns it had. */
static inline unsigned long ev_spinner_stop(struct ev_spinner *s)
{
	s->stop = 1;
	ts_thread_join(s->t, NULL);
	return s->turns;
}

#endif

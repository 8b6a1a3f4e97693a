/* What lib/socket's suites share: system calls by number (the errno is
 * the result, no libc in between), a clock, and a helper thread that
 * acts after a delay while the test's thread blocks (it uses
 * TS_EXPECT_* only: TS_REQUIRE_* must not jump across stacks). */
#ifndef SOCKET_TESTS_H
#define SOCKET_TESTS_H

#include <stdint.h>
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
#define MS TS_NSEC_PER_MSEC
/* "It blocked until the event": at least the delay, and less than a
 * generous ceiling (TCG on a loaded machine is slow). */
#define DELAY_MS 40
#define LATE_MS 3000

static inline uint64_t sk_ms_since(uint64_t t0)
{
	return (ts_time_now_ns() - t0) / MS;
}

struct sk_later {
	struct ts_thread *t;
	uint64_t delay_ms;
	void (*fn)(void *arg);
	void *arg;
};

static inline void *sk_later_run(void *p)
{
	struct sk_later *l = p;

	ts_thread_sleep_ns(l->delay_ms * MS);
	l->fn(l->arg);
	return NULL;
}

static inline int sk_later_start(struct sk_later *l, uint64_t delay_ms,
				 void (*fn)(void *), void *arg)
{
	l->delay_ms = delay_ms;
	l->fn = fn;
	l->arg = arg;
	return ts_thread_create(&l->t, "sk-later", sk_later_run, l, NULL);
}

static inline void sk_later_join(struct sk_later *l)
{
	ts_thread_join(l->t, NULL);
}

#endif

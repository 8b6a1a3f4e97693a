/* lib/sched and lib/time in the image, each figure with a reference
 * from the same image (guests run under TCG here, so only such ratios
 * mean something; bench/sched prints them):
 *
 *   yield_rt, condvar_rt, create_join   threads.c, which
 *                 bench/sched-native runs on the host as well
 *   timer_late    ns from a timer's deadline to its callback (the
 *                 interrupt), median and maximum of SAMPLES
 *   wake_late     ns from the deadline to the woken thread running, for
 *                 a thread woken by that callback through a semaphore
 *   sleep_late    the same for ts_thread_sleep_until()
 *
 * usage: schedbench [ROUNDS] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include <ts/time.h>
#include "threads.h"

#define SAMPLES	101

/* ns per round, best of three: emulation hiccups only ever add. */
static uint64_t best(uint64_t (*fn)(long), long n)
{
	uint64_t b = UINT64_MAX;

	for (int i = 0; i < 3; i++) {
		uint64_t v = fn(n) / (uint64_t)n;

		if (v < b)
			b = v;
	}
	return b;
}

static struct ts_sem fired = TS_SEM_INIT(fired, 0);
static uint64_t fired_at;

static void on_timer(struct ts_timer *t, void *arg)
{
	(void)t;
	(void)arg;
	fired_at = ts_time_now_ns();
	ts_sem_post(&fired);
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, uint64_t *v)
{
	qsort(v, SAMPLES, sizeof(*v), cmp);
	printf("schedbench: %s %llu %llu\n", name,
	       (unsigned long long)v[SAMPLES / 2],
	       (unsigned long long)v[SAMPLES - 1]);
}

/* Deadlines 1-2 ms ahead, not on a tick of any kind. */
static void latencies(void)
{
	static uint64_t timer[SAMPLES], wake[SAMPLES], sleep[SAMPLES];
	struct ts_timer t;

	ts_timer_init(&t, on_timer, NULL);
	for (int i = 0; i < SAMPLES; i++) {
		uint64_t d = ts_time_now_ns() + TS_NSEC_PER_MSEC +
			     (uint64_t)i * 9973;

		ts_timer_arm(&t, d);
		ts_sem_wait(&fired);
		wake[i] = ts_time_now_ns() - d;
		timer[i] = fired_at - d;

		d = ts_time_now_ns() + TS_NSEC_PER_MSEC + (uint64_t)i * 9973;
		ts_thread_sleep_until(d);
		sleep[i] = ts_time_now_ns() - d;
	}
	report("timer_late", timer);
	report("wake_late", wake);
	report("sleep_late", sleep);
}

int main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 20000;

	if (n < 1)
		n = 1;
#ifdef CONFIG_LIB_SCHED_PREEMPT
	printf("schedbench: preemptive\n");
#else
	printf("schedbench: cooperative\n");
#endif
	printf("schedbench: yield_rt %llu\n",
	       (unsigned long long)best(schedbench_yield_rt, n));
	printf("schedbench: condvar_rt %llu\n",
	       (unsigned long long)best(schedbench_condvar_rt, n));
	printf("schedbench: create_join %llu\n",
	       (unsigned long long)best(schedbench_create_join, n / 20 + 1));
	latencies();
	printf("schedbench: done\n");
	return 0;
}

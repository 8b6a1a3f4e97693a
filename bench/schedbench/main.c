/* lib/sched and lib/time in the image, each figure with a reference
 * from the same image (guests run under TCG here, so only such ratios
 * mean something; bench/sched prints them):
 *
 *   yield_rt      two threads yield to each other: ns per round trip
 *   condvar_rt    the same turn-taking through a mutex and two condition
 *                 variables (the algorithm of the host's reference)
 *   create_join   ns per thread create + join
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

#define SAMPLES	101

static long rounds;

static void *yielder(void *arg)
{
	for (long i = 0; i < rounds; i++)
		ts_thread_yield();
	return arg;
}

static uint64_t yield_rt(void)
{
	struct ts_thread *a, *b;
	uint64_t t0 = ts_time_now_ns();

	ts_thread_create(&a, "ping", yielder, NULL, NULL);
	ts_thread_create(&b, "pong", yielder, NULL, NULL);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	return (ts_time_now_ns() - t0) / (uint64_t)rounds;
}

static struct ts_mutex m = TS_MUTEX_INIT(m);
static struct ts_cond c[2] = { TS_COND_INIT(c[0]), TS_COND_INIT(c[1]) };
static int turn;

static void *player(void *arg)
{
	int me = (int)(intptr_t)arg;

	ts_mutex_lock(&m);
	for (long i = 0; i < rounds; i++) {
		while (turn != me)
			ts_cond_wait(&c[me], &m);
		turn = !me;
		ts_cond_signal(&c[!me]);
	}
	ts_mutex_unlock(&m);
	return NULL;
}

static uint64_t condvar_rt(void)
{
	struct ts_thread *a, *b;
	uint64_t t0 = ts_time_now_ns();

	turn = 0;
	ts_thread_create(&a, "ping", player, (void *)0, NULL);
	ts_thread_create(&b, "pong", player, (void *)1, NULL);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	return (ts_time_now_ns() - t0) / (uint64_t)rounds;
}

static void *nothing(void *arg)
{
	return arg;
}

static uint64_t create_join(void)
{
	uint64_t t0 = ts_time_now_ns();

	for (long i = 0; i < rounds; i++) {
		struct ts_thread *t;

		ts_thread_create(&t, "short", nothing, NULL, NULL);
		ts_thread_join(t, NULL);
	}
	return (ts_time_now_ns() - t0) / (uint64_t)rounds;
}

/* Best of three: emulation hiccups only ever add. */
static uint64_t best(uint64_t (*fn)(void), long n)
{
	uint64_t b = UINT64_MAX;

	rounds = n;
	for (int i = 0; i < 3; i++) {
		uint64_t v = fn();

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
	       (unsigned long long)best(yield_rt, n));
	printf("schedbench: condvar_rt %llu\n",
	       (unsigned long long)best(condvar_rt, n));
	printf("schedbench: create_join %llu\n",
	       (unsigned long long)best(create_join, n / 20 + 1));
	latencies();
	printf("schedbench: done\n");
	return 0;
}

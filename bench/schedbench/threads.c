/* lib/sched's thread figures, the same file in the image (bench/schedbench)
 * and on the host (bench/sched-native, against host threads):
 *
 *   yield_rt      two threads yield to each other: ns per round trip
 *   condvar_rt    the same turn-taking through a mutex and two condition
 *                 variables (the algorithm of the host's reference)
 *   create_join   ns per thread create + join */
#include <stdint.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include <ts/time.h>
#include "threads.h"

static long rounds;

static void *yielder(void *arg)
{
	for (long i = 0; i < rounds; i++)
		ts_thread_yield();
	return arg;
}

/* A yields to B, B yields back. */
uint64_t schedbench_yield_rt(long n)
{
	struct ts_thread *a, *b;
	uint64_t t0 = ts_time_now_ns();

	rounds = n;
	ts_thread_create(&a, "ping", yielder, NULL, NULL);
	ts_thread_create(&b, "pong", yielder, NULL, NULL);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	return ts_time_now_ns() - t0;
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

uint64_t schedbench_condvar_rt(long n)
{
	struct ts_thread *a, *b;
	uint64_t t0 = ts_time_now_ns();

	rounds = n;
	turn = 0;
	ts_thread_create(&a, "ping", player, (void *)0, NULL);
	ts_thread_create(&b, "pong", player, (void *)1, NULL);
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	return ts_time_now_ns() - t0;
}

static void *nothing(void *arg)
{
	return arg;
}

uint64_t schedbench_create_join(long n)
{
	uint64_t t0 = ts_time_now_ns();

	for (long i = 0; i < n; i++) {
		struct ts_thread *t;

		ts_thread_create(&t, "short", nothing, NULL, NULL);
		ts_thread_join(t, NULL);
	}
	return ts_time_now_ns() - t0;
}

/* POSIX threads: the three mutex kinds, contention, condition variables
 * (signal, broadcast, timed waits that time out on both clocks), keys
 * with destructors, once, join values, detached threads, stack sizes,
 * semaphores. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include "musltest.h"

#define CREATE(t, fn, arg)                                               \
	do {                                                             \
		int e_ = pthread_create(t, NULL, fn, arg);               \
		if (e_) {                                                \
			mt_fail(__FILE__, __LINE__,                      \
				"pthread_create: %s", mt_errno_name(e_)); \
			return;                                          \
		}                                                        \
	} while (0)

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *try_lock(void *arg)
{
	return (void *)(intptr_t)pthread_mutex_trylock(arg);
}

static void *unlock_it(void *arg)
{
	return (void *)(intptr_t)pthread_mutex_unlock(arg);
}

static int in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	void *r;

	if (pthread_create(&t, NULL, fn, arg) || pthread_join(t, &r))
		return -1;
	return (int)(intptr_t)r;
}

MT_TEST(pthread, mutex_normal)
{
	MT_EXPECT_EQ(pthread_mutex_lock(&m), 0);
	MT_EXPECT_EQ(pthread_mutex_trylock(&m), EBUSY);
	MT_EXPECT_EQ(in_thread(try_lock, &m), EBUSY);
	MT_EXPECT_EQ(pthread_mutex_unlock(&m), 0);
	MT_EXPECT_EQ(pthread_mutex_trylock(&m), 0);
	MT_EXPECT_EQ(pthread_mutex_unlock(&m), 0);
}

static int make(pthread_mutex_t *mx, int type)
{
	pthread_mutexattr_t a;
	int e;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, type);
	e = pthread_mutex_init(mx, &a);
	pthread_mutexattr_destroy(&a);
	return e;
}

MT_TEST(pthread, mutex_recursive)
{
	pthread_mutex_t r;

	MT_REQUIRE(make(&r, PTHREAD_MUTEX_RECURSIVE) == 0);
	MT_EXPECT_EQ(pthread_mutex_lock(&r), 0);
	MT_EXPECT_EQ(pthread_mutex_lock(&r), 0);
	MT_EXPECT_EQ(pthread_mutex_trylock(&r), 0);
	MT_EXPECT_EQ(in_thread(try_lock, &r), EBUSY);
	MT_EXPECT_EQ(in_thread(unlock_it, &r), EPERM);
	MT_EXPECT_EQ(pthread_mutex_unlock(&r), 0);
	MT_EXPECT_EQ(pthread_mutex_unlock(&r), 0);
	MT_EXPECT_EQ(in_thread(try_lock, &r), EBUSY);
	MT_EXPECT_EQ(pthread_mutex_unlock(&r), 0);
	MT_EXPECT_EQ(pthread_mutex_unlock(&r), EPERM);
	MT_EXPECT_EQ(pthread_mutex_destroy(&r), 0);
}

MT_TEST(pthread, mutex_errorcheck)
{
	pthread_mutex_t e;

	MT_REQUIRE(make(&e, PTHREAD_MUTEX_ERRORCHECK) == 0);
	MT_EXPECT_EQ(pthread_mutex_unlock(&e), EPERM);
	MT_EXPECT_EQ(pthread_mutex_lock(&e), 0);
	MT_EXPECT_EQ(pthread_mutex_lock(&e), EDEADLK);
	MT_EXPECT_EQ(in_thread(unlock_it, &e), EPERM);
	MT_EXPECT_EQ(pthread_mutex_unlock(&e), 0);
	MT_EXPECT_EQ(pthread_mutex_unlock(&e), EPERM);
	MT_EXPECT_EQ(pthread_mutex_destroy(&e), 0);
}

#define WORKERS 4
#define ROUNDS 20000

static long counter;

static void *add(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&m);
		/* A read, a yield point and a write: without the mutex,
		 * increments are lost. */
		long v = counter;
		if (i % 1000 == 0)
			sched_yield();
		counter = v + 1;
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

MT_TEST(pthread, mutex_contention)
{
	pthread_t t[WORKERS];

	counter = 0;
	for (int i = 0; i < WORKERS; i++)
		CREATE(&t[i], add, NULL);
	for (int i = 0; i < WORKERS; i++)
		MT_EXPECT_EQ(pthread_join(t[i], NULL), 0);
	MT_EXPECT_EQ(counter, WORKERS * ROUNDS);
}

static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready, waiting, go;

static void *waiter(void *arg)
{
	int n;

	pthread_mutex_lock(&m);
	waiting++;
	pthread_cond_broadcast(&c);
	while (!go)
		pthread_cond_wait(&c, &m);
	n = ++ready;
	pthread_mutex_unlock(&m);
	(void)arg;
	return (void *)(intptr_t)n;
}

/* Wait (under m) until n threads wait for go. */
static void wait_for_waiters(int n)
{
	while (waiting < n)
		pthread_cond_wait(&c, &m);
}

MT_TEST(pthread, cond_signal)
{
	pthread_t t;
	void *r;

	ready = waiting = go = 0;
	CREATE(&t, waiter, NULL);
	pthread_mutex_lock(&m);
	wait_for_waiters(1);
	MT_EXPECT_EQ(ready, 0);
	go = 1;
	pthread_cond_signal(&c);
	pthread_mutex_unlock(&m);
	MT_EXPECT_EQ(pthread_join(t, &r), 0);
	MT_EXPECT_EQ((intptr_t)r, 1);
}

MT_TEST(pthread, cond_broadcast)
{
	pthread_t t[6];
	int sum = 0;

	ready = waiting = go = 0;
	for (int i = 0; i < 6; i++)
		CREATE(&t[i], waiter, NULL);
	pthread_mutex_lock(&m);
	wait_for_waiters(6);
	go = 1;
	pthread_cond_broadcast(&c);
	pthread_mutex_unlock(&m);
	for (int i = 0; i < 6; i++) {
		void *r;

		MT_EXPECT_EQ(pthread_join(t[i], &r), 0);
		sum += (int)(intptr_t)r;
	}
	/* Each woke and counted itself once: 1 + 2 + ... + 6. */
	MT_EXPECT_EQ(ready, 6);
	MT_EXPECT_EQ(sum, 21);
}

static void timed_wait(pthread_cond_t *cv, clockid_t clock)
{
	struct timespec dl;
	long long start = mt_now_ns(), took;
	int e;

	clock_gettime(clock, &dl);
	dl.tv_nsec += 50 * 1000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&m);
	do
		e = pthread_cond_timedwait(cv, &m, &dl);
	while (e == 0);	/* a spurious wake-up is allowed */
	pthread_mutex_unlock(&m);
	took = mt_now_ns() - start;
	MT_EXPECT_ERRNO(e, ETIMEDOUT);
	MT_EXPECT_GE(took, 50 * 1000000LL);
	/* Not wildly late (TCG on a loaded host: see time.c). */
	MT_EXPECT_LE(took, 1050 * 1000000LL);
}

MT_TEST(pthread, cond_timedwait_timeout)
{
	timed_wait(&c, CLOCK_REALTIME);
}

MT_TEST(pthread, cond_timedwait_monotonic)
{
	pthread_condattr_t a;
	pthread_cond_t mc;
	clockid_t clock;

	pthread_condattr_init(&a);
	MT_EXPECT_EQ(pthread_condattr_setclock(&a, CLOCK_MONOTONIC), 0);
	MT_EXPECT_EQ(pthread_condattr_getclock(&a, &clock), 0);
	MT_EXPECT_EQ(clock, CLOCK_MONOTONIC);
	MT_REQUIRE(pthread_cond_init(&mc, &a) == 0);
	timed_wait(&mc, CLOCK_MONOTONIC);
	pthread_cond_destroy(&mc);
	pthread_condattr_destroy(&a);
}

static pthread_key_t key, key2;
static int destroyed[8];
static int destructor_calls;

static void destroy(void *v)
{
	int *slot = v;

	pthread_mutex_lock(&m);
	(*slot)++;
	destructor_calls++;
	pthread_mutex_unlock(&m);
}

static void *use_key(void *arg)
{
	int *slot = arg;

	if (pthread_getspecific(key) != NULL)
		return (void *)1;
	pthread_setspecific(key, slot);
	if (pthread_getspecific(key) != slot)
		return (void *)2;
	/* key2 stays NULL here: its destructor must not run. */
	return NULL;
}

MT_TEST(pthread, key_destructors)
{
	pthread_t t[4];
	int mine = 0;

	memset(destroyed, 0, sizeof(destroyed));
	destructor_calls = 0;
	MT_REQUIRE(pthread_key_create(&key, destroy) == 0);
	MT_REQUIRE(pthread_key_create(&key2, destroy) == 0);
	MT_EXPECT(key != key2);
	MT_EXPECT_EQ(pthread_setspecific(key, &mine), 0);
	for (int i = 0; i < 4; i++)
		CREATE(&t[i], use_key, &destroyed[i]);
	for (int i = 0; i < 4; i++) {
		void *r;

		MT_EXPECT_EQ(pthread_join(t[i], &r), 0);
		MT_EXPECT(r == NULL);
	}
	for (int i = 0; i < 4; i++)
		MT_EXPECT_EQ(destroyed[i], 1);
	MT_EXPECT_EQ(destructor_calls, 4);
	/* The main thread's value is its own, and untouched. */
	MT_EXPECT(pthread_getspecific(key) == &mine);
	MT_EXPECT_EQ(mine, 0);
	MT_EXPECT_EQ(pthread_setspecific(key, NULL), 0);
	MT_EXPECT_EQ(pthread_key_delete(key), 0);
	MT_EXPECT_EQ(pthread_key_delete(key2), 0);
}

static pthread_once_t once_ctl = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_init(void)
{
	/* Slow, so that the others arrive while it runs. */
	struct timespec ts = { 0, 5 * 1000000 };

	once_runs++;
	nanosleep(&ts, NULL);
}

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once_ctl, once_init);
	return (void *)(intptr_t)once_runs;
}

MT_TEST(pthread, once)
{
	pthread_t t[4];

	for (int i = 0; i < 4; i++)
		CREATE(&t[i], call_once, NULL);
	for (int i = 0; i < 4; i++) {
		void *r;

		MT_EXPECT_EQ(pthread_join(t[i], &r), 0);
		/* Nobody returned before the initialisation finished. */
		MT_EXPECT_EQ((intptr_t)r, 1);
	}
	MT_EXPECT_EQ(pthread_once(&once_ctl, once_init), 0);
	MT_EXPECT_EQ(once_runs, 1);
}

static void *times_seven(void *arg)
{
	return (void *)((intptr_t)arg * 7);
}

MT_TEST(pthread, join_return_values)
{
	pthread_t t[8];

	for (intptr_t i = 0; i < 8; i++)
		CREATE(&t[i], times_seven, (void *)i);
	for (intptr_t i = 7; i >= 0; i--) {
		void *r = NULL;

		MT_EXPECT_EQ(pthread_join(t[i], &r), 0);
		MT_EXPECT_EQ((intptr_t)r, i * 7);
	}
}

static void __attribute__((noinline)) leave(intptr_t v)
{
	pthread_exit((void *)v);
}

static void *exits_deep(void *arg)
{
	leave((intptr_t)arg + 1);
	return NULL;
}

MT_TEST(pthread, exit_value)
{
	pthread_t t;
	void *r;

	CREATE(&t, exits_deep, (void *)41);
	MT_EXPECT_EQ(pthread_join(t, &r), 0);
	MT_EXPECT_EQ((intptr_t)r, 42);
}

static sem_t done;
static int detached_ran;

static void *detached(void *arg)
{
	detached_ran = (int)(intptr_t)arg;
	sem_post(&done);
	return NULL;
}

static void wait_done(void)
{
	struct timespec dl;

	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += 5;
	MT_EXPECT_EQ(sem_timedwait(&done, &dl), 0);
}

MT_TEST(pthread, detach)
{
	pthread_t t;

	detached_ran = 0;
	MT_REQUIRE(sem_init(&done, 0, 0) == 0);
	for (int i = 1; i <= 20; i++) {
		CREATE(&t, detached, (void *)(intptr_t)i);
		MT_EXPECT_EQ(pthread_detach(t), 0);
		wait_done();
		MT_EXPECT_EQ(detached_ran, i);
	}
	sem_destroy(&done);
}

MT_TEST(pthread, detached_attribute)
{
	pthread_attr_t a;
	pthread_t t;
	int state;

	MT_REQUIRE(sem_init(&done, 0, 0) == 0);
	pthread_attr_init(&a);
	MT_EXPECT_EQ(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED), 0);
	MT_EXPECT_EQ(pthread_attr_getdetachstate(&a, &state), 0);
	MT_EXPECT_EQ(state, PTHREAD_CREATE_DETACHED);
	for (int i = 1; i <= 20; i++) {
		MT_REQUIRE(pthread_create(&t, &a, detached, (void *)(intptr_t)i) == 0);
		wait_done();
		MT_EXPECT_EQ(detached_ran, i);
	}
	pthread_attr_destroy(&a);
	sem_destroy(&done);
}

static void *use_stack(void *arg)
{
	volatile char big[200 * 1024];
	size_t n = (size_t)arg;

	for (size_t i = 0; i < n; i += 512)
		big[i] = (char)i;
	return (void *)(intptr_t)big[n - 512];
}

MT_TEST(pthread, stack_size)
{
	pthread_attr_t a;
	pthread_t t;
	size_t got;
	void *r;

	pthread_attr_init(&a);
	MT_EXPECT_EQ(pthread_attr_setstacksize(&a, 512 * 1024), 0);
	MT_EXPECT_EQ(pthread_attr_getstacksize(&a, &got), 0);
	MT_EXPECT_EQ(got, 512 * 1024);
	MT_EXPECT_EQ(pthread_attr_setstacksize(&a, 1), EINVAL);
	MT_REQUIRE(pthread_create(&t, &a, use_stack, (void *)(size_t)(200 * 1024)) == 0);
	MT_EXPECT_EQ(pthread_join(t, &r), 0);
	MT_EXPECT_EQ((intptr_t)r, (char)(200 * 1024 - 512));
	pthread_attr_destroy(&a);
}

static sem_t ping, pong;

static void *ponger(void *arg)
{
	for (int i = 0; i < 100; i++) {
		sem_wait(&ping);
		sem_post(&pong);
	}
	return arg;
}

MT_TEST(pthread, semaphore)
{
	pthread_t t;
	struct timespec dl;
	int v;

	MT_REQUIRE(sem_init(&ping, 0, 0) == 0);
	MT_REQUIRE(sem_init(&pong, 0, 0) == 0);
	CREATE(&t, ponger, NULL);
	for (int i = 0; i < 100; i++) {
		sem_post(&ping);
		sem_wait(&pong);
	}
	MT_EXPECT_EQ(pthread_join(t, NULL), 0);
	MT_EXPECT_EQ(sem_trywait(&pong), -1);
	MT_EXPECT_ERRNO(errno, EAGAIN);
	sem_post(&pong);
	MT_EXPECT_EQ(sem_getvalue(&pong, &v), 0);
	MT_EXPECT_EQ(v, 1);
	MT_EXPECT_EQ(sem_trywait(&pong), 0);
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_nsec += 20 * 1000000;
	if (dl.tv_nsec >= 1000000000) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000;
	}
	MT_EXPECT_EQ(sem_timedwait(&pong, &dl), -1);
	MT_EXPECT_ERRNO(errno, ETIMEDOUT);
	sem_destroy(&ping);
	sem_destroy(&pong);
}

static void *self_of(void *arg)
{
	*(pthread_t *)arg = pthread_self();
	return NULL;
}

MT_TEST(pthread, self_and_equal)
{
	pthread_t t, seen;

	CREATE(&t, self_of, &seen);
	MT_EXPECT_EQ(pthread_join(t, NULL), 0);
	MT_EXPECT(pthread_equal(t, seen));
	MT_EXPECT(!pthread_equal(t, pthread_self()));
	MT_EXPECT(pthread_equal(pthread_self(), pthread_self()));
}

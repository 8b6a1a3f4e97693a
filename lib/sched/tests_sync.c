/* In-image tests: mutexes, semaphores, condition variables. Helper
 * threads use TS_EXPECT_* only (TS_REQUIRE_* must not jump across
 * stacks). */
#include <errno.h>
#include <stdint.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include <ts/test.h>
#include <ts/time.h>

#define MS TS_NSEC_PER_MSEC

/* struct ts_thread is opaque: compared as plain pointers. */
#define P(t) ((const void *)(t))

static struct ts_mutex mutex = TS_MUTEX_INIT(mutex);
static unsigned long counter;

/* The yield inside the critical section would lose updates without the
 * mutex. */
static void *add_with_mutex(void *arg)
{
	for (int i = 0; i < 100; i++) {
		unsigned long v;

		TS_EXPECT_EQ(ts_mutex_lock(&mutex), 0);
		v = counter;
		ts_thread_yield();
		counter = v + 1;
		TS_EXPECT_EQ(P(ts_mutex_owner(&mutex)), P(ts_thread_self()));
		TS_EXPECT_EQ(ts_mutex_unlock(&mutex), 0);
	}
	return arg;
}

TS_TEST(sched_mutex, excludes)
{
	struct ts_thread *t[4];

	counter = 0;
	for (int i = 0; i < 4; i++)
		TS_REQUIRE_EQ(ts_thread_create(&t[i], "adder", add_with_mutex,
					      NULL, NULL), 0);
	for (int i = 0; i < 4; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT_EQ(counter, 400UL);
	TS_EXPECT_EQ(P(ts_mutex_owner(&mutex)), NULL);
}

static struct ts_sem held, release;

static void *hold_mutex(void *arg)
{
	struct ts_mutex *m = arg;

	ts_mutex_lock(m);
	ts_sem_post(&held);
	ts_sem_wait(&release);
	ts_mutex_unlock(m);
	return NULL;
}

/* Unlocking a mutex someone else holds is refused and reported (the
 * image test checks the report line). */
TS_TEST(sched_mutex, owner_checks)
{
	static struct ts_mutex m = TS_MUTEX_INIT(m);
	struct ts_thread *t;
	uint64_t start;

	ts_sem_init(&held, 0);
	ts_sem_init(&release, 0);
	TS_REQUIRE_EQ(ts_thread_create(&t, "holder", hold_mutex, &m, NULL), 0);
	ts_sem_wait(&held);
	TS_EXPECT_EQ(P(ts_mutex_owner(&m)), P(t));
	TS_EXPECT_EQ(ts_mutex_unlock(&m), -EPERM);
	TS_EXPECT_EQ(ts_mutex_trylock(&m), -EBUSY);
	start = ts_time_now_ns();
	TS_EXPECT_EQ(ts_mutex_timedlock(&m, start + 10 * MS), -ETIMEDOUT);
	TS_EXPECT_GE(ts_time_now_ns() - start, 10 * MS);
	ts_sem_post(&release);
	/* The holder's unlock hands the mutex over while we wait. */
	TS_EXPECT_EQ(ts_mutex_lock(&m), 0);
	TS_EXPECT_EQ(P(ts_mutex_owner(&m)), P(ts_thread_self()));
	TS_EXPECT_EQ(ts_mutex_lock(&m), -EDEADLK);
	TS_EXPECT_EQ(ts_mutex_unlock(&m), 0);
	TS_EXPECT_EQ(ts_mutex_unlock(&m), -EPERM);
	ts_thread_join(t, NULL);
}

TS_TEST(sched_mutex, recursive)
{
	static struct ts_mutex m = TS_MUTEX_INIT_RECURSIVE(m);

	TS_EXPECT_EQ(ts_mutex_lock(&m), 0);
	TS_EXPECT_EQ(ts_mutex_lock(&m), 0);
	TS_EXPECT_EQ(ts_mutex_trylock(&m), 0);
	TS_EXPECT_EQ(ts_mutex_unlock(&m), 0);
	TS_EXPECT_EQ(ts_mutex_unlock(&m), 0);
	TS_EXPECT_EQ(P(ts_mutex_owner(&m)), P(ts_thread_self()));
	TS_EXPECT_EQ(ts_mutex_unlock(&m), 0);
	TS_EXPECT_EQ(P(ts_mutex_owner(&m)), NULL);
}

static char order[8];
static int norder;

/* Preemption off: they queue on the mutex in the order they start,
 * whatever time slices a stalled guest sees. */
static void *take_in_turn(void *arg)
{
	ts_sched_preempt_disable();
	ts_mutex_lock(&mutex);
	order[norder++] = *(const char *)arg;
	ts_mutex_unlock(&mutex);
	ts_sched_preempt_enable();
	return NULL;
}

/* Waiters get the mutex in the order they came. */
TS_TEST(sched_mutex, waiters_served_in_order)
{
	struct ts_thread *t[3];

	norder = 0;
	ts_mutex_lock(&mutex);
	ts_thread_create(&t[0], "w1", take_in_turn, "1", NULL);
	ts_thread_create(&t[1], "w2", take_in_turn, "2", NULL);
	ts_thread_create(&t[2], "w3", take_in_turn, "3", NULL);
	ts_thread_sleep_ns(MS);	/* all three queue up */
	ts_mutex_unlock(&mutex);
	for (int i = 0; i < 3; i++)
		ts_thread_join(t[i], NULL);
	order[norder] = '\0';
	TS_EXPECT_STREQ(order, "123");
}

static struct ts_sem items;
static unsigned long consumed;

static void *consume(void *arg)
{
	for (int i = 0; i < 50; i++) {
		ts_sem_wait(&items);
		consumed++;
	}
	return arg;
}

TS_TEST(sched_sem, producer_consumer)
{
	struct ts_thread *t[2];

	ts_sem_init(&items, 0);
	consumed = 0;
	ts_thread_create(&t[0], "consumer", consume, NULL, NULL);
	ts_thread_create(&t[1], "consumer", consume, NULL, NULL);
	for (int i = 0; i < 100; i++) {
		ts_sem_post(&items);
		if (i % 7 == 0)
			ts_thread_yield();
	}
	ts_thread_join(t[0], NULL);
	ts_thread_join(t[1], NULL);
	TS_EXPECT_EQ(consumed, 100UL);
	TS_EXPECT_EQ(ts_sem_value(&items), 0UL);
}

static void post_from_timer(struct ts_timer *t, void *arg)
{
	(void)t;
	ts_sem_post(arg);
}

TS_TEST(sched_sem, trywait_timeout_and_post_from_interrupt)
{
	static struct ts_sem s = TS_SEM_INIT(s, 1);
	struct ts_timer timer;
	uint64_t start;

	TS_EXPECT_EQ(ts_sem_trywait(&s), 0);
	TS_EXPECT_EQ(ts_sem_trywait(&s), -EAGAIN);
	start = ts_time_now_ns();
	TS_EXPECT_EQ(ts_sem_timedwait(&s, start + 5 * MS), -ETIMEDOUT);
	TS_EXPECT_GE(ts_time_now_ns() - start, 5 * MS);
	TS_EXPECT_EQ(ts_sem_timedwait(&s, start), -ETIMEDOUT);

	/* A timer callback runs in the timer interrupt. */
	ts_timer_init(&timer, post_from_timer, &s);
	start = ts_time_now_ns();
	ts_timer_arm(&timer, start + 5 * MS);
	TS_EXPECT_EQ(ts_sem_timedwait(&s, start + 1000 * MS), 0);
	TS_EXPECT_LT(ts_time_now_ns() - start, 500 * MS);
}

#define QSIZE 4
static struct ts_mutex qlock = TS_MUTEX_INIT(qlock);
static struct ts_cond not_empty = TS_COND_INIT(not_empty);
static struct ts_cond not_full = TS_COND_INIT(not_full);
static int queue[QSIZE], qhead, qlen;
static long qsum;

static void *produce(void *arg)
{
	for (int i = 1; i <= 100; i++) {
		ts_mutex_lock(&qlock);
		while (qlen == QSIZE)
			ts_cond_wait(&not_full, &qlock);
		queue[(qhead + qlen++) % QSIZE] = i;
		ts_cond_signal(&not_empty);
		ts_mutex_unlock(&qlock);
	}
	return arg;
}

static void *drain(void *arg)
{
	for (int i = 0; i < 100; i++) {
		ts_mutex_lock(&qlock);
		while (qlen == 0)
			ts_cond_wait(&not_empty, &qlock);
		qsum += queue[qhead];
		qhead = (qhead + 1) % QSIZE;
		qlen--;
		ts_cond_signal(&not_full);
		ts_mutex_unlock(&qlock);
	}
	return arg;
}

/* A bounded queue: two producers, two consumers. */
TS_TEST(sched_cond, bounded_queue)
{
	struct ts_thread *t[4];

	qhead = qlen = 0;
	qsum = 0;
	ts_thread_create(&t[0], "producer", produce, NULL, NULL);
	ts_thread_create(&t[1], "consumer", drain, NULL, NULL);
	ts_thread_create(&t[2], "producer", produce, NULL, NULL);
	ts_thread_create(&t[3], "consumer", drain, NULL, NULL);
	for (int i = 0; i < 4; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT_EQ(qsum, 2L * 5050);
	TS_EXPECT_EQ(qlen, 0);
}

TS_TEST(sched_cond, timeout_returns_with_the_mutex)
{
	static struct ts_mutex m = TS_MUTEX_INIT(m);
	static struct ts_cond c = TS_COND_INIT(c);
	uint64_t start = ts_time_now_ns();

	TS_EXPECT_EQ(ts_cond_wait(&c, &m), -EPERM);
	ts_mutex_lock(&m);
	TS_EXPECT_EQ(ts_cond_timedwait(&c, &m, start + 10 * MS), -ETIMEDOUT);
	TS_EXPECT_GE(ts_time_now_ns() - start, 10 * MS);
	TS_EXPECT_EQ(P(ts_mutex_owner(&m)), P(ts_thread_self()));
	ts_mutex_unlock(&m);
}

static struct ts_mutex gate_lock = TS_MUTEX_INIT(gate_lock);
static struct ts_cond gate = TS_COND_INIT(gate);
static int gate_open, passed;

static void *wait_at_gate(void *arg)
{
	ts_mutex_lock(&gate_lock);
	while (!gate_open)
		ts_cond_wait(&gate, &gate_lock);
	passed++;
	ts_mutex_unlock(&gate_lock);
	return arg;
}

TS_TEST(sched_cond, broadcast_wakes_all)
{
	struct ts_thread *t[3];

	gate_open = passed = 0;
	for (int i = 0; i < 3; i++)
		ts_thread_create(&t[i], "gate", wait_at_gate, NULL, NULL);
	ts_thread_sleep_ns(MS);
	ts_mutex_lock(&gate_lock);
	gate_open = 1;
	ts_cond_broadcast(&gate);
	ts_mutex_unlock(&gate_lock);
	for (int i = 0; i < 3; i++)
		ts_thread_join(t[i], NULL);
	TS_EXPECT_EQ(passed, 3);
}

/* lib/time's pending-timer list on the host: sorted by deadline,
 * first armed first among equal deadlines, the "is it the first now"
 * answers that decide when the hardware timer is reprogrammed, and a
 * random sequence checked against a sort. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "tsh.h"

#define timerq_init tsh_timerq_init
#define timerq_insert tsh_timerq_insert
#define timerq_remove tsh_timerq_remove
#define timerq_first tsh_timerq_first
#include "../../lib/time/timerq.h"

#define N 64

static struct ts_timer t[N];
static struct timerq q;

static struct ts_timer *at(int i, uint64_t deadline)
{
	t[i].link.next = t[i].link.prev = NULL;
	t[i].deadline = deadline;
	return &t[i];
}

static int id(const struct ts_timer *x)
{
	return x ? (int)(x - t) : -1;
}

static int pop(void)
{
	struct ts_timer *x = timerq_first(&q);

	if (x)
		timerq_remove(&q, x);
	return id(x);
}

START_TEST(sorted_fifo_among_equals)
{
	timerq_init(&q);
	ck_assert_ptr_null(timerq_first(&q));
	ck_assert_int_eq(timerq_insert(&q, at(0, 300)), 1);
	ck_assert_int_eq(timerq_insert(&q, at(1, 100)), 1);
	ck_assert_int_eq(timerq_insert(&q, at(2, 200)), 0);
	ck_assert_int_eq(timerq_insert(&q, at(3, 100)), 0);
	ck_assert_int_eq(timerq_insert(&q, at(4, 400)), 0);
	ck_assert_int_eq(timerq_insert(&q, at(5, UINT64_MAX - 1)), 0);
	ck_assert(timerq_pending(&t[4]));
	ck_assert_int_eq(pop(), 1);
	ck_assert_int_eq(pop(), 3);
	ck_assert_int_eq(pop(), 2);
	ck_assert_int_eq(pop(), 0);
	ck_assert_int_eq(pop(), 4);
	ck_assert_int_eq(pop(), 5);
	ck_assert_int_eq(pop(), -1);
	ck_assert(!timerq_pending(&t[4]));
}
END_TEST

START_TEST(remove_reports_the_first)
{
	timerq_init(&q);
	timerq_insert(&q, at(0, 10));
	timerq_insert(&q, at(1, 20));
	timerq_insert(&q, at(2, 30));
	ck_assert_int_eq(timerq_remove(&q, &t[1]), 0);
	ck_assert_int_eq(timerq_remove(&q, &t[0]), 1);
	ck_assert_int_eq(id(timerq_first(&q)), 2);
	ck_assert_int_eq(timerq_remove(&q, &t[2]), 1);
	ck_assert_ptr_null(timerq_first(&q));
}
END_TEST

static int by_deadline_then_seq(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Arm, re-arm and cancel at random; popping everything must give the
 * timers by deadline, and by arming order among equal deadlines. */
START_TEST(random_against_sort)
{
	uint64_t seq[N] = { 0 }, next_seq = 0, model[N][3];
	int pending[N] = { 0 }, n = 0;

	srand(4242);
	timerq_init(&q);
	for (int step = 0; step < 5000; step++) {
		int i = rand() % N;

		if (pending[i])
			timerq_remove(&q, &t[i]);
		if (rand() % 3) {
			/* Few distinct deadlines, so that ties are common. */
			timerq_insert(&q, at(i, (uint64_t)(rand() % 50)));
			seq[i] = next_seq++;
			pending[i] = 1;
		} else {
			pending[i] = 0;
		}
	}
	for (int i = 0; i < N; i++) {
		if (pending[i]) {
			model[n][0] = t[i].deadline;
			model[n][1] = seq[i];
			model[n][2] = (uint64_t)i;
			n++;
		}
	}
	qsort(model, (size_t)n, sizeof(model[0]), by_deadline_then_seq);
	for (int k = 0; k < n; k++)
		ck_assert_int_eq(pop(), (int)model[k][2]);
	ck_assert_int_eq(pop(), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("timer_list");
	TCase *tc = tcase_create("timer_list");

	tcase_add_test(tc, sorted_fifo_among_equals);
	tcase_add_test(tc, remove_reports_the_first);
	tcase_add_test(tc, random_against_sort);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

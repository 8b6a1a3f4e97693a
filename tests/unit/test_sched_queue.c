/* lib/sched's queues on the host: the run queue picks the highest
 * priority first and keeps first-come order within a priority, front
 * insertion keeps a preempted thread's turn, removal from the middle
 * keeps the bitmap right; wait queues wake by priority, then in order.
 * Also a random sequence checked against a simple model. */
#include <check.h>
#include <stdlib.h>

#include "tsh.h"

/* queue.c's functions as the host build names them. */
#define runq_init tsh_runq_init
#define runq_push tsh_runq_push
#define runq_push_front tsh_runq_push_front
#define runq_pop tsh_runq_pop
#define runq_remove tsh_runq_remove
#define runq_top_prio tsh_runq_top_prio
#define waitq_push tsh_waitq_push
#define waitq_pop tsh_waitq_pop
#define waitq_remove tsh_waitq_remove
#define ts_waitq_init tsh_ts_waitq_init
#define ts_waitq_empty tsh_ts_waitq_empty
#include "../../lib/sched/queue.h"

#define N 64

static struct ts_sched_node node[N];
static struct runq q;

static struct ts_sched_node *mk(int i, int prio)
{
	node[i].next = node[i].prev = NULL;
	node[i].prio = prio;
	return &node[i];
}

static int id(const struct ts_sched_node *n)
{
	return n ? (int)(n - node) : -1;
}

START_TEST(runq_priority_then_fifo)
{
	runq_init(&q);
	ck_assert_int_eq(runq_top_prio(&q), -1);
	ck_assert_ptr_null(runq_pop(&q));
	runq_push(&q, mk(0, 5));
	runq_push(&q, mk(1, 16));
	runq_push(&q, mk(2, 5));
	runq_push(&q, mk(3, 31));
	runq_push(&q, mk(4, 16));
	runq_push(&q, mk(5, 0));
	ck_assert_uint_eq(q.count, 6);
	ck_assert_int_eq(runq_top_prio(&q), 31);
	ck_assert_int_eq(id(runq_pop(&q)), 3);
	ck_assert_int_eq(id(runq_pop(&q)), 1);
	ck_assert_int_eq(id(runq_pop(&q)), 4);
	ck_assert_int_eq(runq_top_prio(&q), 5);
	ck_assert_int_eq(id(runq_pop(&q)), 0);
	ck_assert_int_eq(id(runq_pop(&q)), 2);
	ck_assert_int_eq(id(runq_pop(&q)), 5);
	ck_assert_ptr_null(runq_pop(&q));
	ck_assert_uint_eq(q.count, 0);
	ck_assert_uint_eq(q.nonempty, 0);
	/* Popped nodes are marked as out of any queue. */
	ck_assert(!node_queued(&node[3]));
}
END_TEST

START_TEST(runq_front_and_remove)
{
	runq_init(&q);
	runq_push(&q, mk(0, 8));
	runq_push(&q, mk(1, 8));
	runq_push_front(&q, mk(2, 8));	/* preempted: keeps its turn */
	runq_push(&q, mk(3, 9));
	ck_assert(node_queued(&node[1]));
	runq_remove(&q, &node[3]);	/* the only one of its level */
	ck_assert_int_eq(runq_top_prio(&q), 8);
	runq_remove(&q, &node[0]);	/* from the middle */
	ck_assert_uint_eq(q.count, 2);
	ck_assert_int_eq(id(runq_pop(&q)), 2);
	ck_assert_int_eq(id(runq_pop(&q)), 1);
	ck_assert_int_eq(runq_top_prio(&q), -1);
}
END_TEST

START_TEST(waitq_priority_then_fifo)
{
	struct ts_waitq wq;

	ts_waitq_init(&wq);
	ck_assert(ts_waitq_empty(&wq));
	ck_assert_ptr_null(waitq_pop(&wq));
	waitq_push(&wq, mk(0, 10));
	waitq_push(&wq, mk(1, 20));
	waitq_push(&wq, mk(2, 10));
	waitq_push(&wq, mk(3, 20));
	waitq_push(&wq, mk(4, 5));
	waitq_push(&wq, mk(5, 30));
	ck_assert(!ts_waitq_empty(&wq));
	waitq_remove(&node[2]);		/* a timeout */
	ck_assert(!node_queued(&node[2]));
	ck_assert_int_eq(id(waitq_pop(&wq)), 5);
	ck_assert_int_eq(id(waitq_pop(&wq)), 1);
	ck_assert_int_eq(id(waitq_pop(&wq)), 3);
	ck_assert_int_eq(id(waitq_pop(&wq)), 0);
	ck_assert_int_eq(id(waitq_pop(&wq)), 4);
	ck_assert_ptr_null(waitq_pop(&wq));
	ck_assert(ts_waitq_empty(&wq));
}
END_TEST

/* A model: for each priority, the ids in queue order. */
static int model[32][N], model_len[32];

static void model_push(int prio, int i, int front)
{
	int *m = model[prio];

	if (front) {
		for (int k = model_len[prio]; k > 0; k--)
			m[k] = m[k - 1];
		m[0] = i;
	} else {
		m[model_len[prio]] = i;
	}
	model_len[prio]++;
}

static void model_remove(int prio, int i)
{
	int *m = model[prio], k = 0;

	while (m[k] != i)
		k++;
	for (; k < model_len[prio] - 1; k++)
		m[k] = m[k + 1];
	model_len[prio]--;
}

static int model_pop(void)
{
	for (int p = 31; p >= 0; p--) {
		if (model_len[p]) {
			int i = model[p][0];

			model_remove(p, i);
			return i;
		}
	}
	return -1;
}

START_TEST(runq_random_against_model)
{
	int queued[N] = { 0 };

	srand(12345);
	runq_init(&q);
	for (int p = 0; p < 32; p++)
		model_len[p] = 0;
	for (int step = 0; step < 20000; step++) {
		int i = rand() % N, op = rand() % 4;

		if (!queued[i] && op < 2) {
			int prio = rand() % 4 == 0 ? rand() % 32 : 16;

			if (op == 0)
				runq_push(&q, mk(i, prio));
			else
				runq_push_front(&q, mk(i, prio));
			model_push(prio, i, op == 1);
			queued[i] = 1;
		} else if (queued[i] && op == 2) {
			runq_remove(&q, &node[i]);
			model_remove(node[i].prio, i);
			queued[i] = 0;
		} else if (op == 3) {
			int want = model_pop(), got = id(runq_pop(&q));

			ck_assert_int_eq(got, want);
			if (got >= 0)
				queued[got] = 0;
		}
	}
	while (q.count) {
		int want = model_pop();

		ck_assert_int_eq(id(runq_pop(&q)), want);
	}
	ck_assert_int_eq(model_pop(), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sched_queue");
	TCase *tc = tcase_create("sched_queue");

	tcase_add_test(tc, runq_priority_then_fifo);
	tcase_add_test(tc, runq_front_and_remove);
	tcase_add_test(tc, waitq_priority_then_fifo);
	tcase_add_test(tc, runq_random_against_model);
	suite_add_tcase(s, tc);
	return host_run_suite(s);
}

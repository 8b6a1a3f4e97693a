/* Four pthreads take numbers from a shared queue under a mutex, wait on
 * a condition variable while it is empty, and add up their squares;
 * main fills the queue, waits for the last result on a second
 * condition variable, and joins them. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "pool.h"

#ifdef CONFIG_LIB_MUSL_THREADS

#define WORKERS 4
#define JOBS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t have_job = PTHREAD_COND_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int queue[JOBS], head, tail, done, closed;
static long total;
static int per_worker[WORKERS];

static void *worker(void *arg)
{
	int id = (int)(long)arg;

	pthread_mutex_lock(&lock);
	for (;;) {
		while (head == tail && !closed)
			pthread_cond_wait(&have_job, &lock);
		if (head == tail)
			break;
		int n = queue[head++];

		pthread_mutex_unlock(&lock);
		long sq = (long)n * n;	/* the work, outside the lock */
		pthread_mutex_lock(&lock);
		total += sq;
		per_worker[id]++;
		if (++done == JOBS)
			pthread_cond_signal(&all_done);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int pool_run(void)
{
	pthread_t t[WORKERS];
	int r, busy = 0;

	for (long i = 0; i < WORKERS; i++) {
		r = pthread_create(&t[i], NULL, worker, (void *)i);
		if (r) {
			printf("threads: pthread_create: %s\n", strerror(r));
			return -1;
		}
	}
	pthread_mutex_lock(&lock);
	for (int i = 1; i <= JOBS; i++) {
		queue[tail++] = i;
		pthread_cond_signal(&have_job);
	}
	while (done < JOBS)
		pthread_cond_wait(&all_done, &lock);
	closed = 1;
	pthread_cond_broadcast(&have_job);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(t[i], NULL);
		busy += per_worker[i] > 0;
	}
	/* 1^2 + ... + 100^2 = 338350 */
	printf("threads: %d workers, %d jobs, sum of squares %ld, %d worker(s) "
	       "took jobs\n", WORKERS, done, total, busy);
	return total == 338350 ? 0 : -1;
}

#else

int pool_run(void)
{
	printf("threads: not in this image (LIB_MUSL_THREADS is off)\n");
	return 0;
}

#endif

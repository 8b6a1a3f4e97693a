/* The image the gdb tests (tests/gdb) attach to. main() starts two
 * workers, one blocked on a semaphore in a call chain of its own and one
 * sleeping, makes known allocations, prints the allocator's statistics
 * and then calls gdb_checkpoint(), where the tests stop it and compare
 * what `ts threads` and `ts heap` say with this. Then it lets the workers
 * go and exits 0. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ts/alloc.h>
#include <ts/sched.h>
#include <ts/sync.h>

#define BLOCKS		3
#define BLOCK_SIZE	1000

static struct ts_sem go;
static void *blocks[BLOCKS];

/* noinline: each must be a frame of its own in the waiter's backtrace. */
__attribute__((noinline)) static void waiter_wait(void)
{
	ts_sem_wait(&go);
	__asm__ volatile("" ::: "memory");	/* not a tail call */
}

__attribute__((noinline)) static void waiter_level2(void)
{
	waiter_wait();
	__asm__ volatile("" ::: "memory");
}

static void *waiter(void *arg)
{
	(void)arg;
	waiter_level2();
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	ts_thread_sleep_ns(3600ULL * 1000000000ULL);	/* an hour */
	return NULL;
}

static void print_stats(const char *when)
{
	struct ts_alloc_stats st;

	ts_alloc_stats_get(&st);
	printf("gdbtarget: %s: backend=%s in_use=%lu peak=%lu free=%lu "
	       "total=%lu allocs=%lu frees=%lu failed=%lu\n", when,
	       ts_alloc_backend, (unsigned long)st.in_use,
	       (unsigned long)st.peak, (unsigned long)st.free,
	       (unsigned long)st.total, st.allocs, st.frees, st.failed);
}

/* The tests' breakpoint. noinline and visible so gdb can stop here. */
__attribute__((noinline)) void gdb_checkpoint(void)
{
	__asm__ volatile("" ::: "memory");
}

int main(void)
{
	struct ts_thread *w, *s;

	ts_sem_init(&go, 0);
	if (ts_thread_create(&w, "waiter", waiter, NULL, NULL) ||
	    ts_thread_create(&s, "sleeper", sleeper, NULL, NULL)) {
		printf("gdbtarget: cannot create the workers\n");
		return 1;
	}
	ts_thread_yield();	/* both run and block */
	print_stats("before");
	for (int i = 0; i < BLOCKS; i++)
		blocks[i] = malloc(BLOCK_SIZE);
	print_stats("after");
	gdb_checkpoint();
	ts_sem_post(&go);
	ts_thread_join(w, NULL);
	for (int i = 0; i < BLOCKS; i++)
		free(blocks[i]);
	printf("gdbtarget: done\n");
	return 0;	/* the sleeper does not keep the image alive */
}

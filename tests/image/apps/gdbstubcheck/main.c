/* The image the in-image stub's tests (tests/gdb/test_stub.py) debug.
 * argv[1] picks what it does after the common part:
 *   (none)  compute(), scale(), print tunable, write watched, then exit 0;
 *   busy    spin until GDB sets stop_busy (Ctrl-C test), then exit 0;
 *   null    write through a NULL pointer in crash_here();
 *   watch   read then write watched WATCH_ROUNDS times in watch_rounds()
 *           (the watchpoint kinds: each read and each write is a hit),
 *           then exit 0.
 *   loop    call tick() until GDB sets stop_busy (bench/gdbstub's
 *           breakpoint hits and single steps), then exit 0.
 *   syscall system calls through lib/syscall (catch syscall): write,
 *           getpid, write again, in make_syscalls(), then exit 0.
 * A worker thread named "worker" waits on a semaphore three calls deep
 * meanwhile, so the thread list has a named thread with a backtrace. */
#include <stdio.h>
#include <string.h>
#include <ts/breakpoint.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include <ts/syscall.h>

int tunable = 7;		/* the tests change it: value=... changes */
volatile int watched;		/* hardware watchpoint target */
volatile int stop_busy;		/* set from GDB after Ctrl-C */
int global_counter = 4242;	/* printed from GDB */

static struct ts_sem go;

__attribute__((noinline)) static void worker_wait(void)
{
	ts_sem_wait(&go);
	__asm__ volatile("" ::: "memory");	/* not a tail call */
}

__attribute__((noinline)) static void worker_level2(void)
{
	worker_wait();
	__asm__ volatile("" ::: "memory");
}

static void *worker(void *arg)
{
	(void)arg;
	worker_level2();
	return NULL;
}

__attribute__((noinline)) int square(int x)
{
	volatile int sq = x * x;

	return sq;
}

/* A local to print (volatile: in memory at every optimisation level),
 * and lines to step through. */
__attribute__((noinline)) int compute(int x)
{
	volatile int doubled = x * 2;
	int r;

	r = square(doubled);
	r += tunable;
	return r;
}

__attribute__((noinline)) void spin(void)
{
	unsigned long n = 0;

	while (!stop_busy)
		n++;
	printf("gdbstubcheck: spun %s\n", n ? "some" : "none");
}

/* bench/gdbstub: a breakpoint here is hit once per call. */
volatile unsigned long ticks;

__attribute__((noinline)) void tick(unsigned long n)
{
	ticks += n;
}

__attribute__((noinline)) void crash_here(int *p)
{
	*(volatile int *)p = 1;
}

#define WATCH_ROUNDS 6

/* Round i reads watched (1234 in round 0, i after), then writes i + 1. */
__attribute__((noinline)) void watch_rounds(void)
{
	int i, sum = 0;

	for (i = 0; i < WATCH_ROUNDS; i++) {
		sum += watched;
		watched = i + 1;
	}
	printf("gdbstubcheck: watch sum=%d\n", sum);
}

/* Floating point in registers: the argument and the result in xmm0/v0
 * (volatile: not folded into the caller). */
volatile double scale_factor = 3.0;

__attribute__((noinline)) double scale(double x)
{
	return x * scale_factor;
}

/* As a C library makes them: write(1, ...), getpid(), write(1, ...). */
__attribute__((noinline)) void make_syscalls(void)
{
	static const char first[] = "gdbstubcheck: written by write 1\n";
	static const char second[] = "gdbstubcheck: written by write 2\n";
	long pid;

	ts_syscall(TS_NR_write, 1, (long)first, sizeof(first) - 1, 0, 0, 0);
	pid = ts_syscall(TS_NR_getpid, 0, 0, 0, 0, 0, 0);
	ts_syscall(TS_NR_write, 1, (long)second, sizeof(second) - 1, 0, 0, 0);
	printf("gdbstubcheck: pid=%ld\n", pid);
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct ts_thread *w;

	ts_sem_init(&go, 0);
	if (ts_thread_create(&w, "worker", worker, NULL, NULL)) {
		printf("gdbstubcheck: cannot create the worker\n");
		return 1;
	}
	ts_thread_yield();	/* the worker runs and blocks */
	printf("gdbstubcheck: compute=%d\n", compute(3));
	printf("gdbstubcheck: scaled=%.2f\n", scale(1.5));
	printf("gdbstubcheck: value=%d counter=%d\n", tunable, global_counter);
	watched = 1234;
	printf("gdbstubcheck: watched=%d\n", watched);
	if (!strcmp(mode, "busy"))
		spin();
	if (!strcmp(mode, "watch"))
		watch_rounds();
	if (!strcmp(mode, "loop"))
		for (unsigned long i = 0; !stop_busy; i++)
			tick(i);
	if (!strcmp(mode, "null"))
		crash_here(NULL);
	if (!strcmp(mode, "break"))
		ts_breakpoint();
	if (!strcmp(mode, "syscall"))
		make_syscalls();
	ts_sem_post(&go);
	ts_thread_join(w, NULL);
	printf("gdbstubcheck: done\n");
	return 0;
}

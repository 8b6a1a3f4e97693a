/* Per call, as loops of n calls: a plain function call (not inlined),
 * getpid, a write that moves no byte (write0), in the image getpid's
 * registered function without the dispatcher (getpid_fn), and where the
 * descriptor discards bytes a write of one (write1). The same file is
 * compiled into the image, into the Linux guest's /init and into
 * bench/syscall-native (calls.h). */
#include <stdint.h>
#include <stdio.h>
#include "calls.h"
#include "loops.h"
#ifdef CONFIG_LIB_SYSCALL
#include <ts/syscall.h>
#endif

static volatile long sink;

/* The reference: a call the compiler must make, with an argument and a
 * result like getpid's. */
static __attribute__((noinline)) long syscallbench_plain(long x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static uint64_t loop_call(long n, int fd)
{
	uint64_t t0 = bench_ticks();

	(void)fd;
	for (long i = 0; i < n; i++)
		sink = syscallbench_plain(i);
	return bench_ticks() - t0;
}

static uint64_t loop_getpid(long n, int fd)
{
	uint64_t t0 = bench_ticks();

	(void)fd;
	for (long i = 0; i < n; i++)
		sink = bench_getpid();
	return bench_ticks() - t0;
}

static char byte = 'x';

static uint64_t loop_write0(long n, int fd)
{
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++)
		sink = bench_write(fd, &byte, 0);
	return bench_ticks() - t0;
}

static uint64_t loop_write1(long n, int fd)
{
	uint64_t t0 = bench_ticks();

	for (long i = 0; i < n; i++)
		sink = bench_write(fd, &byte, 1);
	return bench_ticks() - t0;
}

#ifdef CONFIG_LIB_SYSCALL
/* The image only: the function lib/identity registered for getpid,
 * called through a pointer, without the dispatcher (ts_syscall's number
 * lookup and trace checks); the difference to "getpid" is what the
 * dispatcher costs. Found as ts_syscall finds it, in the section
 * TS_SYSCALL() fills (<ts/syscall.h>). */
extern const struct ts_syscall_entry __start_ts_syscalls[];
extern const struct ts_syscall_entry __stop_ts_syscalls[];

static ts_syscall_fn registered(long nr)
{
	for (const struct ts_syscall_entry *e = __start_ts_syscalls;
	     e < __stop_ts_syscalls; e++)
		if (e->nr == nr)
			return e->fn;
	return 0;
}

static uint64_t loop_getpid_fn(long n, int fd)
{
	ts_syscall_fn fn = registered(TS_NR_getpid);
	uint64_t t0 = bench_ticks();

	(void)fd;
	for (long i = 0; i < n; i++) {
		/* Opaque to the compiler, as the dispatcher's table is. */
		__asm__ volatile("" : "+r"(fn));
		sink = fn(0, 0, 0, 0, 0, 0);
	}
	return bench_ticks() - t0;
}
#endif

static const struct {
	const char *name;
	uint64_t (*fn)(long n, int fd);
} loops[] = {
	{ "call", loop_call },
	{ "getpid", loop_getpid },
	{ "write0", loop_write0 },
#ifdef CONFIG_LIB_SYSCALL
	{ "getpid_fn", loop_getpid_fn },
#endif
	/* Last: only where the descriptor discards bytes. */
	{ "write1", loop_write1 },
};

#define LOOPS ((int)(sizeof(loops) / sizeof(loops[0])))

int syscallbench_run(long n, int reps, int fd, int with_write1)
{
	int count = with_write1 ? LOOPS : LOOPS - 1;
	long r;

	/* A failing call would time an error path: check each once. */
	if (bench_getpid() <= 0) {
		printf("syscallbench: error getpid() returned %ld\n",
		       bench_getpid());
		return 1;
	}
	r = bench_write(fd, &byte, 0);
	if (r != 0) {
		printf("syscallbench: error write(%d, buf, 0) returned %ld\n",
		       fd, r);
		return 1;
	}
	if (with_write1 && (r = bench_write(fd, &byte, 1)) != 1) {
		printf("syscallbench: error write(%d, buf, 1) returned %ld\n",
		       fd, r);
		return 1;
	}
#ifdef CONFIG_LIB_SYSCALL
	if (!registered(TS_NR_getpid)) {
		printf("syscallbench: error no function registered for getpid\n");
		return 1;
	}
#endif
	printf("syscallbench: via %s\n", SYSCALLBENCH_VIA);
	/* Round 0 warms up (TCG translates the code on first use). */
	for (int rep = 0; rep <= reps; rep++)
		for (int i = 0; i < count; i++) {
			uint64_t t = loops[i].fn(n, fd);

			if (rep)
				printf("syscallbench: %s %ld %llu\n",
				       loops[i].name, n, (unsigned long long)t);
		}
	return 0;
}

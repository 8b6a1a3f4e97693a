/* lib/syscall's debugging aids in an image: what the dispatcher costs
 * against a plain function call (printed, for doc/performance.md), the
 * decoding of syscall.trace=1 (tests/image/cases_syscall_debug.py checks
 * the lines these calls print with the trace on). */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/plat/console.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define ROUNDS 100000

/* What the dispatcher is compared with: a call the compiler cannot
 * inline or drop, with the same six arguments. */
__attribute__((noinline)) long syscall_bench_plain(long a, long b, long c,
						   long d, long e, long f)
{
	__asm__ volatile("" ::: "memory");
	return a + b + c + d + e + f;
}

static uint64_t per_call(long n)
{
	uint64_t best = UINT64_MAX;

	/* The best of a few runs: an interrupt in one does not count. */
	for (int run = 0; run < 9; run++) {
		uint64_t t0 = ts_arch_cycles();

		for (long i = 0; i < ROUNDS; i++) {
			if (n < 0)
				syscall_bench_plain(i, 0, 0, 0, 0, 0);
			else
				ts_syscall(n, 0, 0, 0, 0, 0, 0);
		}
		t0 = ts_arch_cycles() - t0;
		if (t0 < best)
			best = t0;
	}
	return best;
}

TS_TEST(sysdebug, dispatch_cost)
{
	uint64_t loop = per_call(-1), getpid = per_call(TS_NR_getpid);
	uint64_t missing = per_call(TS_NR_getrusage);

	/* Cycles of the counter ts_arch_cycles() reads (TSC, CNTVCT), per
	 * 100 calls: a function call, getpid through ts_syscall, a call
	 * nobody registered (-ENOSYS after its first report). */
	ts_printk("syscall-bench: per 100 calls: function %lu, getpid %lu, "
		  "missing %lu (counter ticks)\n",
		  (unsigned long)(loop / (ROUNDS / 100)),
		  (unsigned long)(getpid / (ROUNDS / 100)),
		  (unsigned long)(missing / (ROUNDS / 100)));
	TS_EXPECT_EQ(ts_syscall(TS_NR_getpid, 0, 0, 0, 0, 0, 0), 1L);
	/* Loose: catches a dispatcher that became a search again. */
	TS_EXPECT_LT(getpid, 8 * loop + 8 * ROUNDS);
}

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
	/* No bound on the figures: under QEMU's TCG an indirect call costs
	 * what it does not on hardware, and the machine may be loaded. */
	TS_EXPECT_EQ(ts_syscall(TS_NR_getpid, 0, 0, 0, 0, 0, 0), 1L);
	TS_EXPECT_GT(loop, 0UL);
}

/* Calls whose trace lines tests/image/cases_syscall_debug.py checks
 * (with syscall.trace=1, and as tracepoints in the timeline): a write,
 * calls decoded whether or not a library serves them (their result may
 * be an error), a bad pointer printed as an address. */
#define BAD_HIGH 0x7ff000000000UL
#define AT_FDCWD (-100)
#define O_CLOEXEC 02000000
#define PROT_RW 3
#define MAP_PRIVATE_ANON 0x22

TS_TEST(sysdebug, traced_calls)
{
	static const char msg[] = "sysdebug: traced\n";

	TS_EXPECT_EQ(ts_syscall(TS_NR_write, 1, (long)msg, sizeof(msg) - 1,
				0, 0, 0), (long)sizeof(msg) - 1);
	/* Errors, whoever serves them: a length of 0 is EINVAL for mmap. */
	TS_EXPECT_LT(ts_syscall(TS_NR_openat, AT_FDCWD, (long)"/nonexistent",
				O_CLOEXEC, 0, 0, 0), 0L);
	TS_EXPECT_LT(ts_syscall(TS_NR_mmap, 0, 0, PROT_RW, MAP_PRIVATE_ANON,
				-1, 0), 0L);
	TS_EXPECT_EQ(ts_syscall(TS_NR_write, 1, (long)BAD_HIGH, 4, 0, 0, 0),
		     -(long)EFAULT);
}

/* One tracepoint, disabled and enabled, against the same loop without
 * it. The one benchmark for both sides: the image runs it as the app
 * (bench/tracebench), bench/trace-native builds this very file as tree
 * code on the host, beside lib/trace, with a shim (shim.c) for main()
 * and the platform's clock. Guests run under TCG here: read the ratio.
 * Prints "tracebench: NAME ns_per_iteration_x100" lines; best of RUNS.
 *
 * usage: tracebench [ITERATIONS [RUNS]] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ts/plat/time.h>
#include <ts/trace.h>

TS_TRACEPOINT(bench_point, "i %lu x %lu", uint64_t, uint64_t);

static volatile uint64_t sink;

static __attribute__((noinline)) void ref_loop(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		sink = i;
}

static __attribute__((noinline)) void tp_loop(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		trace_bench_point(i, 42);
		sink = i;
	}
}

static uint64_t ns100_per(void (*loop)(uint64_t), uint64_t n, int runs)
{
	uint64_t best = UINT64_MAX, hz = ts_plat_ticks_hz();

	for (int run = 0; run < runs; run++) {
		uint64_t t0 = ts_plat_ticks();

		loop(n);
		uint64_t dt = ts_plat_ticks() - t0;
		/* ns * 100 per iteration, without overflow for short runs. */
		uint64_t v = dt * 100000 / n * 1000000 / hz;
		if (v < best)
			best = v;
	}
	return best;
}

int main(int argc, char *argv[])
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 200000;
	int runs = argc > 2 ? atoi(argv[2]) : 5;

	if (n < 1 || runs < 1) {
		printf("usage: tracebench [ITERATIONS [RUNS]]\n");
		return 2;
	}
	printf("tracebench: reference %llu\n",
	       (unsigned long long)ns100_per(ref_loop, n, runs));
	printf("tracebench: disabled %llu\n",
	       (unsigned long long)ns100_per(tp_loop, n, runs));
	ts_trace_enable("bench_point", 1);
	printf("tracebench: enabled %llu\n",
	       (unsigned long long)ns100_per(tp_loop, n, runs));
	printf("tracebench: done\n");
	return 0;
}

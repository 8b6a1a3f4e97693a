/* One enabled tracepoint against the same loop without it, natively:
 * lib/trace's own sources built for the host (support/build/host.mk).
 * Prints "name ns_per_iteration" lines; best of 7 runs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void tsh_bench_ref_loop(uint64_t n);
void tsh_bench_tp_loop(uint64_t n);
int tsh_trace_init(void);
int tsh_ts_trace_enable(const char *pattern, int on);
uint64_t tsh_ts_plat_ticks_hz(void);
void tsh_ts_plat_console_write(const char *buf, size_t len);

uint64_t tsh_ts_plat_ticks_hz(void)
{
	return 1;
}

void tsh_ts_plat_console_write(const char *buf, size_t len)
{
	fwrite(buf, 1, len, stdout);
}

static double ns_per(void (*loop)(uint64_t), uint64_t n)
{
	double best = 1e30;

	for (int run = 0; run < 7; run++) {
		struct timespec a, b;

		clock_gettime(CLOCK_MONOTONIC, &a);
		loop(n);
		clock_gettime(CLOCK_MONOTONIC, &b);
		double ns = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
		if (ns < best)
			best = ns;
	}
	return best;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 10000000;

	tsh_trace_init();
	printf("reference %.2f\n", ns_per(tsh_bench_ref_loop, n));
	printf("disabled %.2f\n", ns_per(tsh_bench_tp_loop, n));
	tsh_ts_trace_enable("bench_point", 1);
	printf("enabled %.2f\n", ns_per(tsh_bench_tp_loop, n));
	return 0;
}

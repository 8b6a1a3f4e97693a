/* The measured loops, built as tree code (the image's tracepoint, record
 * path and ring), shared by the native benchmark and bench/tracebench:
 * the reference does the same work without a tracepoint. */
#include <stdint.h>
#include <ts/trace.h>

TS_TRACEPOINT(bench_point, "i %lu x %lu", uint64_t, uint64_t);

void bench_ref_loop(uint64_t n);
void bench_tp_loop(uint64_t n);

static volatile uint64_t sink;

void bench_ref_loop(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		sink = i;
}

void bench_tp_loop(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		trace_bench_point(i, 42);
		sink = i;
	}
}

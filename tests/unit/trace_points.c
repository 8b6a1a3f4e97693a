/* Tracepoints for the host unit test of lib/trace (test_trace.c), built
 * as tree code: the record path and the metadata the decoder reads from
 * the test program's own ELF are exactly the image's. */
#include <stdint.h>
#include <ts/trace.h>

TS_TRACEPOINT(unit_none, "no arguments");
TS_TRACEPOINT(unit_pair, "a=%d b=%#lx", int, unsigned long);
TS_TRACEPOINT(unit_name, "thread %u is %s", uint32_t, ts_trace_str8);
TS_TRACEPOINT(unit_six, "%u %u %u %u %u %lu", int, int, int, int, int,
	      uint64_t);
TS_TRACEPOINT(other_seq, "seq %lu", uint64_t);

void tp_none(void);
void tp_pair(int a, unsigned long b);
void tp_name(uint32_t id, const char *name);
void tp_six(uint64_t last);
void tp_seq(uint64_t n);

void tp_none(void)
{
	trace_unit_none();
}

void tp_pair(int a, unsigned long b)
{
	trace_unit_pair(a, b);
}

void tp_name(uint32_t id, const char *name)
{
	trace_unit_name(id, ts_trace_str(name));
}

void tp_six(uint64_t last)
{
	trace_unit_six(1, 2, 3, 4, 5, last);
}

void tp_seq(uint64_t n)
{
	ts_trace_set_tid((uint32_t)(n % 3) + 1);
	trace_other_seq(n);
}

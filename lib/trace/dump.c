/* The panic dump: the last events as text for a human reading the
 * serial console, then the last records as hex for the decoder
 * (support/scripts/tstrace --serial); the dump at exit is the hex part
 * of the whole ring. Called from fault handlers: no allocation, no
 * locks, nothing but reads of the ring and ts_printk. */
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/trace.h>
#include "dump.h"

extern const struct ts_trace_point __start_ts_trace_points[],
	__stop_ts_trace_points[];

static const char *point_name(unsigned int id)
{
	if (id < (unsigned int)(__stop_ts_trace_points -
				__start_ts_trace_points))
		return __start_ts_trace_points[id].name;
	return "?";
}

static void print_event(const struct ts_trace_record *e)
{
	char line[200];
	int n = 0;

	/* Formats are not in the image: arguments in hex. */
	for (unsigned int i = 0; i < e->nargs && i < TS_TRACE_MAX_ARGS; i++) {
		uint64_t v = e->args[i];
		int digits = 1;

		while (digits < 16 && (v >> (4 * digits)))
			digits++;
		line[n++] = ' ';
		line[n++] = '0';
		line[n++] = 'x';
		for (int d = digits - 1; d >= 0; d--)
			line[n++] = "0123456789abcdef"[(v >> (4 * d)) & 0xf];
	}
	line[n] = '\0';
	ts_printk("trace: %20llu tid %-3u %s%s\n", (unsigned long long)e->ticks,
		  (unsigned int)e->tid, point_name(e->id), line);
}

/* A tag and 64 bytes as 128 hex digits, in memory order. */
static void print_hex(char tag, const void *p)
{
	const unsigned char *b = p;
	char line[2 + 128 + 2];
	int n = 0;

	line[n++] = tag;
	line[n++] = ' ';
	for (int i = 0; i < 64; i++) {
		line[n++] = "0123456789abcdef"[b[i] >> 4];
		line[n++] = "0123456789abcdef"[b[i] & 0xf];
	}
	line[n++] = '\n';
	line[n] = '\0';
	ts_plat_console_puts(line);
}

void ts_trace_dump(uint64_t text, uint64_t raw, const char *title)
{
	for (int cpu = 0; cpu < TS_TRACE_NCPUS; cpu++) {
		const struct ts_trace_ring *r = &ts_trace_rings[cpu];
		/* One snapshot of head: records still being written by an
		 * interrupted tracepoint are at or past it. */
		uint64_t head = __atomic_load_n(&r->h.head, __ATOMIC_ACQUIRE);
		uint64_t cap = r->h.capacity, have, first, n;

		if (r->h.magic != TS_TRACE_MAGIC || !cap) {
			ts_printk("trace: no trace (ring %d not set up)\n", cpu);
			continue;
		}
		have = head < cap ? head : cap;
		n = have < text ? have : text;
		if (title)
			ts_printk("trace: %s: %llu events (cpu %d, %llu dropped, "
				  "ticks at %llu Hz)\n", title,
				  (unsigned long long)head, cpu,
				  (unsigned long long)r->h.dropped,
				  (unsigned long long)r->h.ticks_hz);
		else
			ts_printk("trace: last %llu of %llu events (cpu %d, "
				  "%llu dropped, ticks at %llu Hz):\n",
				  (unsigned long long)n,
				  (unsigned long long)head, cpu,
				  (unsigned long long)r->h.dropped,
				  (unsigned long long)r->h.ticks_hz);
		for (first = head - n; first < head; first++)
			print_event(&r->rec[first & (cap - 1)]);
		n = have < raw ? have : raw;
		if (!n)
			continue;
		ts_plat_console_puts("--- trace dump begin (support/scripts/"
				     "tstrace --serial <log> --elf "
				     "<image>.dbg) ---\n");
		print_hex('H', &r->h);
		for (first = head - n; first < head; first++)
			print_hex('R', &r->rec[first & (cap - 1)]);
		ts_plat_console_puts("--- trace dump end ---\n");
	}
}

void ts_trace_panic_dump(void)
{
	ts_trace_dump(CONFIG_LIB_TRACE_PANIC_EVENTS, CONFIG_LIB_TRACE_PANIC_RAW,
		      NULL);
}

/* Static tracepoints (lib/trace).
 *
 * Declare one at file scope in a .c file, then call it:
 *
 *   TS_TRACEPOINT(sched_switch, "prev %u next %u", uint32_t, uint32_t);
 *   ...
 *   trace_sched_switch(prev->id, next->id);
 *
 * Up to six arguments, integers or pointers, each stored as 64 bits.
 * The format is printf-like and only ever read on the host by
 * support/scripts/tstrace (%d %i %u %x %X %o %c %p with the usual
 * flags, width and length modifiers, %pS for a code address printed as
 * function+offset, %s for a ts_trace_str8 argument); it must not contain
 * double quotes or backslashes (it goes into an assembler string).
 *
 * The ts_trace_str8 argument type carries a short string inline in one
 * slot (its first 8 bytes): pass ts_trace_str(s).
 *
 * With CONFIG_LIB_TRACE off every declaration and call compiles to
 * nothing (no code, no data, no symbols); this header stays on every
 * library's include path for that. Call sites should pass plain values
 * (fields, locals): arguments of a disabled build are still evaluated if
 * they have side effects, such as an out-of-line function call.
 *
 * TS_TRACEPOINT_ENABLED(name) is that flag (0 without CONFIG_LIB_TRACE),
 * for a hot path that folds several such tests into one branch.
 *
 * With it on, a tracepoint is a one-byte flag test; enabled, it writes a
 * 64-byte record into the running CPU's ring with interrupts off
 * (ts_trace_record). What is in memory, for GDB and the decoder:
 *
 *   ts_trace_rings[TS_TRACE_NCPUS]: struct ts_trace_ring, a 64-byte
 *     header then `capacity` records; record number i (counted from
 *     boot) is in slot i % capacity.
 *   section ts_trace_points (loaded, read-only, between
 *     __start_ts_trace_points and __stop_ts_trace_points): one
 *     struct ts_trace_point per tracepoint; a tracepoint's id is its
 *     index there. The names are loaded because enabling by name or glob
 *     at run time needs them; formats and argument types are NOT loaded.
 *   section .ts_trace_meta (not loaded: kept in the .dbg, absent from
 *     the bootable image): per tracepoint the byte 1, then the name,
 *     the format and the argument types as written, each NUL-terminated.
 */
#ifndef TS_TRACE_H
#define TS_TRACE_H

#include <stdint.h>

typedef uint64_t ts_trace_str8;

/* The first 8 bytes of s (fewer if it is shorter), little-endian in one
 * argument slot; the decoder prints it with %s. */
static inline __attribute__((always_inline)) ts_trace_str8
ts_trace_str(const char *s)
{
	uint64_t v = 0;

	for (unsigned int i = 0; s && i < 8 && s[i]; i++)
		v |= (uint64_t)(unsigned char)s[i] << (8 * i);
	return v;
}

#define TS_TRACE_MAGIC		0x52545354u	/* "TSTR" in memory */
#define TS_TRACE_VERSION	1
#define TS_TRACE_NCPUS		1
#define TS_TRACE_MAX_ARGS	6
#define TS_TRACE_F_OVERWRITE	0x1	/* header flags: else stop when full */

struct ts_trace_header {
	uint32_t magic;
	uint16_t version;
	uint16_t record_size;	/* sizeof(struct ts_trace_record) */
	uint32_t capacity;	/* records, a power of two */
	uint32_t flags;		/* TS_TRACE_F_* */
	uint64_t head;		/* records written since boot */
	uint64_t dropped;	/* refused because full (stop policy) */
	uint64_t ticks_hz;	/* rate of the record timestamps */
	uint8_t pad[24];
};

struct ts_trace_record {
	uint64_t ticks;		/* CPU counter (TSC, CNTVCT) */
	uint32_t tid;		/* thread id, 0 for none */
	uint16_t id;		/* tracepoint: index in ts_trace_points */
	uint8_t cpu;
	uint8_t nargs;
	uint64_t args[TS_TRACE_MAX_ARGS];
};

_Static_assert(sizeof(struct ts_trace_header) == 64, "trace ring ABI");
_Static_assert(sizeof(struct ts_trace_record) == 64, "trace ring ABI");

/* ---- TS_TRACEPOINT's machinery ---- */
#define TS__TP_CAT2(a, b) a##b
#define TS__TP_CAT(a, b) TS__TP_CAT2(a, b)
#define TS__TP_NARGS(...) TS__TP_NARGS_(0, ##__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define TS__TP_NARGS_(z, a, b, c, d, e, f, n, ...) n

#define TS__TP_PARAMS0() void
#define TS__TP_PARAMS1(t1) t1 a1
#define TS__TP_PARAMS2(t1, t2) t1 a1, t2 a2
#define TS__TP_PARAMS3(t1, t2, t3) t1 a1, t2 a2, t3 a3
#define TS__TP_PARAMS4(t1, t2, t3, t4) t1 a1, t2 a2, t3 a3, t4 a4
#define TS__TP_PARAMS5(t1, t2, t3, t4, t5) t1 a1, t2 a2, t3 a3, t4 a4, t5 a5
#define TS__TP_PARAMS6(t1, t2, t3, t4, t5, t6) \
	t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6

/* Integers widen with their sign, pointers as addresses. */
#define TS__TP_U(x) ((uint64_t)(uintptr_t)(x))
#define TS__TP_VALS0 0
#define TS__TP_VALS1 TS__TP_U(a1)
#define TS__TP_VALS2 TS__TP_VALS1, TS__TP_U(a2)
#define TS__TP_VALS3 TS__TP_VALS2, TS__TP_U(a3)
#define TS__TP_VALS4 TS__TP_VALS3, TS__TP_U(a4)
#define TS__TP_VALS5 TS__TP_VALS4, TS__TP_U(a5)
#define TS__TP_VALS6 TS__TP_VALS5, TS__TP_U(a6)

#define TS__TP_VOID0
#define TS__TP_VOID1 (void)a1;
#define TS__TP_VOID2 TS__TP_VOID1 (void)a2;
#define TS__TP_VOID3 TS__TP_VOID2 (void)a3;
#define TS__TP_VOID4 TS__TP_VOID3 (void)a4;
#define TS__TP_VOID5 TS__TP_VOID4 (void)a5;
#define TS__TP_VOID6 TS__TP_VOID5 (void)a6;

#ifdef CONFIG_LIB_TRACE

#include <ts/arch/cpu.h>

struct ts_trace_point {
	const char *name;
	volatile uint8_t *enabled;	/* non-zero: records */
};
_Static_assert(sizeof(struct ts_trace_point) == 16, "ids are offsets / 16");

struct ts_trace_ring {
	struct ts_trace_header h;
	struct ts_trace_record rec[CONFIG_LIB_TRACE_RING_RECORDS];
} __attribute__((aligned(64)));

extern struct ts_trace_ring ts_trace_rings[TS_TRACE_NCPUS];

/* The running thread's id, stamped on every record; lib/sched sets it
 * on each switch (lib/trace knows nothing of threads). */
extern uint32_t ts_trace_tid;

static inline void ts_trace_set_tid(uint32_t id)
{
	ts_trace_tid = id;
}

/* The record timestamps' clock, for durations passed as arguments. */
static inline uint64_t ts_trace_ticks(void)
{
	return ts_arch_cycles();
}

/* The slow path of an enabled tracepoint. Safe from interrupt handlers. */
void ts_trace_record(const struct ts_trace_point *tp, unsigned int nargs,
		     const uint64_t *args);

/* Enable (on != 0) or disable every tracepoint whose name matches the
 * glob pattern ('*' any run, '?' one character; "sched_*" is one
 * library's). Returns how many matched. */
int ts_trace_enable(const char *pattern, int on);

/* How many tracepoints the image has. */
int ts_trace_count(void);

/* For fault handlers and panics: the last CONFIG_LIB_TRACE_PANIC_EVENTS
 * events as text lines (names, arguments in hex), then the last
 * CONFIG_LIB_TRACE_PANIC_RAW records as hex lines between
 * "--- trace dump begin ..." and "--- trace dump end ---" for
 * support/scripts/tstrace --serial. No allocation, no locks. */
void ts_trace_panic_dump(void);

/* The metadata goes to a section without SHF_ALLOC: the linker keeps it
 * in the .dbg, and no byte of it is loaded. */
#define TS__TP_META(name, fmt, types)                                    \
	__asm__(".pushsection .ts_trace_meta,\"\",%progbits\n\t"         \
		".byte 1\n\t"                                            \
		".asciz \"" #name "\"\n\t"                               \
		".asciz \"" fmt "\"\n\t"                                 \
		".asciz \"" types "\"\n\t"                               \
		".popsection")

#define TS_TRACEPOINT(name, fmt, ...)                                    \
	TS__TP_META(name, fmt, #__VA_ARGS__);                            \
	static volatile uint8_t __ts_tpf_##name;                         \
	static const struct ts_trace_point __ts_tp_##name                \
	    __attribute__((used, aligned(8), section("ts_trace_points"))) \
	    = { #name, &__ts_tpf_##name };                               \
	static inline __attribute__((always_inline)) void trace_##name(  \
	    TS__TP_CAT(TS__TP_PARAMS, TS__TP_NARGS(__VA_ARGS__))(__VA_ARGS__)) \
	{                                                                \
		if (__builtin_expect(__ts_tpf_##name, 0)) {              \
			const uint64_t __ts_a[] = {                      \
				TS__TP_CAT(TS__TP_VALS,                  \
					   TS__TP_NARGS(__VA_ARGS__))    \
			};                                               \
			ts_trace_record(&__ts_tp_##name,                 \
					TS__TP_NARGS(__VA_ARGS__), __ts_a); \
		}                                                        \
	}                                                                \
	_Static_assert(TS__TP_NARGS(__VA_ARGS__) <= TS_TRACE_MAX_ARGS,   \
		       "at most 6 tracepoint arguments")

#define TS_TRACEPOINT_ENABLED(name) (__ts_tpf_##name)

#else /* !CONFIG_LIB_TRACE: nothing at all */

/* The same typed function with an empty body, so that call sites
 * compile (and are type-checked) unchanged; always inlined into nothing,
 * it leaves no code and no symbol. */
#define TS_TRACEPOINT(name, fmt, ...)                                    \
	static inline __attribute__((always_inline, unused)) void        \
	trace_##name(                                                    \
	    TS__TP_CAT(TS__TP_PARAMS, TS__TP_NARGS(__VA_ARGS__))(__VA_ARGS__)) \
	{                                                                \
		TS__TP_CAT(TS__TP_VOID, TS__TP_NARGS(__VA_ARGS__))       \
	}                                                                \
	_Static_assert(TS__TP_NARGS(__VA_ARGS__) <= TS_TRACE_MAX_ARGS,   \
		       "at most 6 tracepoint arguments")

#define TS_TRACEPOINT_ENABLED(name) 0

static inline void ts_trace_set_tid(uint32_t id)
{
	(void)id;
}

static inline uint64_t ts_trace_ticks(void)
{
	return 0;
}

static inline int ts_trace_enable(const char *pattern, int on)
{
	(void)pattern;
	(void)on;
	return 0;
}

static inline int ts_trace_count(void)
{
	return 0;
}

static inline void ts_trace_panic_dump(void)
{
}

#endif
#endif

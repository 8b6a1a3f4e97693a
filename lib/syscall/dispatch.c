/* One entry point for every system call: find the function a library
 * registered with TS_SYSCALL() for the number, or name the missing call
 * once and return -ENOSYS.
 *
 * The common path is a table indexed by the number (one byte per
 * number, filled once at boot from the registrations) and one test for
 * everything that watches calls: syscall.trace=1, a debugger's catch
 * (ts_syscall_set_stop_hook()), the tracepoints syscall_entry and
 * syscall_exit. All off, a call costs that test, a bounds check, two
 * loads and the indirect call. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/debug.h>
#include <ts/init.h>
#include <ts/syscall.h>
#include <ts/trace.h>
#include "internal.h"

/* Put there by the linker: plat/common/tables.lds in images, the
 * linker's own __start_/__stop_ for a section named like a C
 * identifier on a host. */
extern const struct ts_syscall_entry __start_ts_syscalls[];
extern const struct ts_syscall_entry __stop_ts_syscalls[];

#ifdef CONFIG_LIB_SYSCALL_PANIC_ON_ENOSYS
#define PANIC_ON_ENOSYS 1
#else
#define PANIC_ON_ENOSYS 0
#endif

/* The names, one after another ("read\0write\0..."), as the members of
 * a struct of char arrays, so that the compiler knows where each one
 * starts; name_at[number] is that place plus one (0: no such call).
 * Both are built at compile time; a pointer per number would weigh
 * four times as much. */
struct names {
#define FIELD(name, nr) char n_##name[sizeof(#name)];
	TS_SYSCALL_LIST(FIELD)
#undef FIELD
};
static const struct names names = {
#define INIT(name, nr) #name,
	TS_SYSCALL_LIST(INIT)
#undef INIT
};
static const unsigned short name_at[] = {
#define AT(name, nr) [nr] = offsetof(struct names, n_##name) + 1,
	TS_SYSCALL_LIST(AT)
#undef AT
};
_Static_assert(sizeof(struct names) < 65535, "name offsets are 16-bit");

#define NR_COUNT ((long)(sizeof(name_at) / sizeof(name_at[0])))

/* slot[number]: 1 + the index of its registration in ts_syscalls, 0
 * for none (yet: before the table is built, every call takes the slow
 * path, which scans the registrations, so calls made before
 * TS_INIT_EARLY work too). 255 registrations fit; more would be served
 * by the scan. */
static uint8_t slot[NR_COUNT];

/* Everything that watches calls, as bits: one test in the fast path. */
#define WATCH_TRACE	0x1
#define WATCH_STOP	0x2
static uint8_t watch;
static ts_syscall_stop_fn *stop_hook;

/* Tracepoints on every call's entry and return: the name (its first 16
 * characters, in two slots), four arguments, the result. The timeline
 * (tstrace --svg, --json) draws each entry/exit pair as a slice named
 * after the call on the thread's track. */
TS_TRACEPOINT(syscall_entry, "%s%s(%#lx, %#lx, %#lx, %#lx)", ts_trace_str8,
	      ts_trace_str8, long, long, long, long);
TS_TRACEPOINT(syscall_exit, "%s%s = %ld", ts_trace_str8, ts_trace_str8,
	      long);

/* One bit per number up to REPORT_MAX: already reported as missing.
 * Setting it is atomic, so that two threads do not both report one
 * call. */
#define REPORT_MAX 1024
static unsigned char reported[REPORT_MAX / 8];
static bool reported_unknown;

const char *ts_syscall_name(long n)
{
	if (n < 0 || n >= NR_COUNT || !name_at[n])
		return NULL;
	return (const char *)&names + name_at[n] - 1;
}

long ts_syscall_nr_max(void)
{
	return NR_COUNT - 1;
}

void ts_syscall_set_stop_hook(ts_syscall_stop_fn *fn)
{
	stop_hook = fn;
	if (fn)
		watch |= WATCH_STOP;
	else
		watch &= (uint8_t)~WATCH_STOP;
}

void ts_syscall_watch_trace(bool on)
{
	if (on)
		watch |= WATCH_TRACE;
	else
		watch &= (uint8_t)~WATCH_TRACE;
}

static bool first_report(long n)
{
	unsigned char bit = (unsigned char)(1u << (n % 8));

	if (n >= REPORT_MAX)	/* no architecture has numbers that high */
		return true;

	return !(__atomic_fetch_or(&reported[n / 8], bit, __ATOMIC_RELAXED) &
		 bit);
}

static long not_implemented(long n)
{
	const char *name = ts_syscall_name(n);

	if (!name) {
		if (PANIC_ON_ENOSYS)
			ts_panic("system call number %ld does not exist on "
				 TS_SYSCALL_MACHINE, n);
		/* Garbage numbers all look alike: the first is enough. */
		if (!__atomic_exchange_n(&reported_unknown, true,
					 __ATOMIC_RELAXED))
			ts_log_warn("system call number %ld does not exist on "
				    TS_SYSCALL_MACHINE
				    ": -ENOSYS (further unknown numbers not reported)",
				    n);
		return -ENOSYS;
	}
	if (PANIC_ON_ENOSYS)
		ts_panic("system call '%s' (%ld) is not implemented", name, n);
	if (first_report(n))
		ts_log_warn("'%s' (%ld) is not implemented: -ENOSYS", name, n);
	return -ENOSYS;
}

ts_syscall_fn ts_syscall_lookup(long n)
{
	if (n >= 0 && n < NR_COUNT && slot[n])
		return __start_ts_syscalls[slot[n] - 1].fn;
	/* Not in the table (yet): the registrations themselves. */
	for (const struct ts_syscall_entry *e = __start_ts_syscalls;
	     e < __stop_ts_syscalls; e++)
		if (e->nr == n)
			return e->fn;
	return NULL;
}

static int syscall_table_init(void)
{
	long i = 0;

	for (const struct ts_syscall_entry *e = __start_ts_syscalls;
	     e < __stop_ts_syscalls && i < 255; e++, i++)
		/* The first registration of a number wins, as in the scan. */
		if (e->nr >= 0 && e->nr < NR_COUNT && !slot[e->nr])
			slot[e->nr] = (uint8_t)(i + 1);
	return 0;
}
TS_INIT(syscall_table_init, TS_INIT_EARLY);

/* A call someone watches: tracepoints, the debugger's stops, the
 * trace's line. */
static __attribute__((noinline)) long ts_syscall_watched(long n, long a, long b,
					      long c, long d, long e, long f)
{
	const char *name = ts_syscall_name(n);
	ts_trace_str8 n0 = 0, n1 = 0;
	ts_syscall_fn fn = ts_syscall_lookup(n);
	long args[6] = { a, b, c, d, e, f };
	long ret;

	if (name && (TS_TRACEPOINT_ENABLED(syscall_entry) ||
		     TS_TRACEPOINT_ENABLED(syscall_exit))) {
		n0 = ts_trace_str(name);
		if (__builtin_strlen(name) > 8)
			n1 = ts_trace_str(name + 8);
	}
	trace_syscall_entry(n0, n1, a, b, c, d);
	if (stop_hook)
		stop_hook(TS_SYSCALL_STOP_ENTRY, n, 0);
	if (!fn) {
		ret = not_implemented(n);
	} else if ((watch & WATCH_TRACE) && ts_syscall_trace_noreturn(n)) {
		/* exit, exit_group: the line before the call. */
		ts_syscall_trace(n, args, 0, true);
		return fn(a, b, c, d, e, f);
	} else {
		ret = fn(a, b, c, d, e, f);
	}
	if (watch & WATCH_TRACE)
		ts_syscall_trace(n, args, ret, false);
	trace_syscall_exit(n0, n1, ret);
	if (stop_hook)
		stop_hook(TS_SYSCALL_STOP_RETURN, n, ret);
	return ret;
}

static __attribute__((noinline)) long unmapped(long n, long a, long b,
					       long c, long d, long e, long f)
{
	ts_syscall_fn fn = ts_syscall_lookup(n);

	return fn ? fn(a, b, c, d, e, f) : not_implemented(n);
}

long ts_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	unsigned int s;

	if (__builtin_expect(watch | TS_TRACEPOINT_ENABLED(syscall_entry) |
				     TS_TRACEPOINT_ENABLED(syscall_exit), 0))
		return ts_syscall_watched(n, a, b, c, d, e, f);
	if (__builtin_expect((unsigned long)n < (unsigned long)NR_COUNT, 1)) {
		s = slot[n];
		if (__builtin_expect(s != 0, 1))
			return __start_ts_syscalls[s - 1].fn(a, b, c, d, e, f);
	}
	return unmapped(n, a, b, c, d, e, f);
}

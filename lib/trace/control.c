/* Setting the ring up and choosing which tracepoints record: by name or
 * glob, from the Kconfig default list ("*": all of them), the kernel
 * command line (trace.on= instead of that list, trace.off=) and at run
 * time (ts_trace_enable). */
#include <stdbool.h>
#include <string.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include <ts/trace.h>

extern const struct ts_trace_point __start_ts_trace_points[],
	__stop_ts_trace_points[];

static const char *param_on;
static const char *param_off;
static bool param_list;
TS_PARAM_STR(trace, on, param_on,
	     "tracepoints to enable instead of all: globs, comma-separated "
	     "(sched_*,alloc_fail)");
TS_PARAM_STR(trace, off, param_off,
	     "tracepoints to disable after trace.on or the Kconfig list: "
	     "globs, comma-separated");
TS_PARAM_BOOL(trace, list, param_list, "list the image's tracepoints");

/* '*' matches any run of characters, '?' any one; n bytes of the
 * pattern (patterns come out of comma lists that are not copied). */
static bool glob(const char *p, size_t n, const char *s)
{
	const char *star = NULL, *resume = NULL;
	const char *end = p + n;

	while (*s) {
		if (p < end && (*p == '?' || *p == *s)) {
			p++;
			s++;
		} else if (p < end && *p == '*') {
			star = ++p;
			resume = s;
		} else if (star) {
			p = star;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (p < end && *p == '*')
		p++;
	return p == end;
}

static int enable_n(const char *pattern, size_t n, int on)
{
	int count = 0;

	for (const struct ts_trace_point *tp = __start_ts_trace_points;
	     tp < __stop_ts_trace_points; tp++) {
		if (glob(pattern, n, tp->name)) {
			*tp->enabled = on ? 1 : 0;
			count++;
		}
	}
	return count;
}

int ts_trace_enable(const char *pattern, int on)
{
	return pattern ? enable_n(pattern, strlen(pattern), on) : 0;
}

int ts_trace_count(void)
{
	return (int)(__stop_ts_trace_points - __start_ts_trace_points);
}

/* "a,b*,c": each glob must match something, or the user hears of it
 * (a typo would otherwise silently trace nothing). */
static void enable_list(const char *list, int on, const char *from)
{
	while (list && *list) {
		const char *comma = strchr(list, ',');
		size_t n = comma ? (size_t)(comma - list) : strlen(list);

		char text[64];

		if (n && !enable_n(list, n, on))
			ts_printk("trace: %s: no tracepoint matches '%s' "
				  "(ignored; trace.list shows the %d there "
				  "are)\n", from,
				  ts_printable(text, sizeof(text), list, n),
				  ts_trace_count());
		list = comma ? comma + 1 : NULL;
	}
}

static void list_points(void)
{
	ts_printk("trace: %d tracepoints:\n", ts_trace_count());
	for (const struct ts_trace_point *tp = __start_ts_trace_points;
	     tp < __stop_ts_trace_points; tp++)
		ts_printk("  %-24s %s\n", tp->name,
			  *tp->enabled ? "on" : "off");
}

/* Not static: the host build (tests/unit, bench/) calls it directly. */
int trace_init(void);
int trace_init(void)
{
	for (int cpu = 0; cpu < TS_TRACE_NCPUS; cpu++) {
		struct ts_trace_header *h = &ts_trace_rings[cpu].h;

		h->version = TS_TRACE_VERSION;
		h->record_size = sizeof(struct ts_trace_record);
		h->capacity = CONFIG_LIB_TRACE_RING_RECORDS;
#ifdef CONFIG_LIB_TRACE_OVERWRITE
		h->flags = TS_TRACE_F_OVERWRITE;
#endif
		h->ticks_hz = ts_plat_ticks_hz();
		/* Last: a reader seeing the magic sees the rest. */
		__atomic_store_n(&h->magic, TS_TRACE_MAGIC, __ATOMIC_RELEASE);
	}
	/* trace.on= replaces the Kconfig list ("*", every tracepoint,
	 * unless the configuration says otherwise): a pattern narrows. */
	if (param_on)
		enable_list(param_on, 1, "trace.on");
	else
		enable_list(CONFIG_LIB_TRACE_DEFAULT, 1,
			    "CONFIG_LIB_TRACE_DEFAULT");
	enable_list(param_off, 0, "trace.off");
	if (param_list)
		list_points();
	return 0;
}
/* Level 0, before TS_INIT_EARLY: the init steps after this one are
 * traced (lib/boot applies kernel parameters before any init step). */
TS_INIT(trace_init, 0);

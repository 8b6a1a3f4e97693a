/* The monitor commands only the image can do ("monitor heap", "monitor
 * trace"); help, threads and reboot are the protocol engine's. */
#include <stdio.h>
#include <string.h>
#include <ts/trace.h>
#ifdef CONFIG_LIB_ALLOC
#include <ts/alloc.h>
#endif
#include "image.h"

#ifdef CONFIG_LIB_ALLOC
static int mon_heap(struct ts_gdb *g, const char *args)
{
	struct ts_alloc_stats st;
	char line[160];

	if (*args) {
		ts_gdb_monitor_print(g, "heap: takes no arguments\n");
		return 1;
	}
	ts_alloc_stats_get(&st);
	snprintf(line, sizeof(line),
		 "backend %s\ntotal   %zu\nin use  %zu\npeak    %zu\n"
		 "free    %zu\n", ts_alloc_backend, st.total, st.in_use,
		 st.peak, st.free);
	ts_gdb_monitor_print(g, line);
	snprintf(line, sizeof(line), "allocs  %lu\nfrees   %lu\nfailed  %lu\n",
		 st.allocs, st.frees, st.failed);
	ts_gdb_monitor_print(g, line);
	return 0;
}
#endif

/* The image holds the events but not their names and formats (those
 * are in an ELF section that is not loaded): it can count and switch
 * them, GDB's `ts trace` decodes them. */
static int mon_trace(struct ts_gdb *g, const char *args)
{
	char line[200];
	int on = -1, n;

	if (!strncmp(args, "on ", 3))
		on = 1, args += 3;
	else if (!strncmp(args, "off ", 4))
		on = 0, args += 4;
	if (on >= 0) {
		n = ts_trace_enable(args, on);
		snprintf(line, sizeof(line), "trace: %s %d tracepoint(s)\n",
			 on ? "enabled" : "disabled", n < 0 ? 0 : n);
		ts_gdb_monitor_print(g, line);
		return 0;
	}
	if (*args) {
		ts_gdb_monitor_print(g, "trace: expected nothing, or on|off "
				     "PATTERN\n");
		return 1;
	}
	snprintf(line, sizeof(line),
		 "trace: %d event(s) in the buffer. The image keeps no event "
		 "names: decode them with GDB's \"ts trace\" (\"ts trace "
		 "--json FILE\" for Perfetto).\n"
		 "\"monitor trace on|off PATTERN\" switches tracepoints.\n",
		 ts_trace_count());
	ts_gdb_monitor_print(g, line);
	return 0;
}

const struct ts_gdb_monitor_cmd gdbstub_monitor_cmds[] = {
#ifdef CONFIG_LIB_ALLOC
	{ "heap", "allocator statistics", mon_heap },
#endif
	{ "trace", "trace buffer: count, on|off PATTERN", mon_trace },
};
const size_t gdbstub_nmonitor_cmds =
	sizeof(gdbstub_monitor_cmds) / sizeof(gdbstub_monitor_cmds[0]);

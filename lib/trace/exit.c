/* The dump at exit: the whole ring on the console, for
 * support/scripts/tstrace --serial (make run TRACE=out.json), when the
 * program exits normally: main returns or exit() is called (not _Exit,
 * not a crash, which has the panic dump). Kernel parameter trace.dump=,
 * Kconfig default LIB_TRACE_DUMP_AT_EXIT. A file of its own: the host
 * builds of control.c (tests/unit, bench/) have no atexit to call. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <ts/init.h>
#include <ts/param.h>
#include <ts/plat/console.h>
#include <ts/trace.h>
#include "dump.h"

static const char *param_dump;
TS_PARAM_STR(trace, dump, param_dump,
	     "exit: print the ring for tstrace when the program exits; "
	     "panic: only on a panic");

#ifdef CONFIG_LIB_TRACE_DUMP_AT_EXIT
#define DUMP_AT_EXIT_DEFAULT true
#else
#define DUMP_AT_EXIT_DEFAULT false
#endif

static void dump_at_exit(void)
{
	/* Every tracepoint off first: the ring holds still while it is
	 * printed, and a timer interrupt meanwhile cannot overwrite the
	 * records being read. */
	ts_trace_enable("*", 0);
	ts_trace_dump(0, CONFIG_LIB_TRACE_RING_RECORDS, "dump at exit");
}

/* trace.dump= over the Kconfig default; a value that is neither is
 * named, and the default stays. */
static bool wanted(void)
{
	char text[64];

	if (!param_dump)
		return DUMP_AT_EXIT_DEFAULT;
	if (!strcmp(param_dump, "exit"))
		return true;
	if (!strcmp(param_dump, "panic"))
		return false;
	ts_printk("trace: trace.dump: '%s' is neither exit nor panic "
		  "(ignored)\n",
		  ts_printable(text, sizeof(text), param_dump,
			       strlen(param_dump)));
	return DUMP_AT_EXIT_DEFAULT;
}

static int trace_exit_init(void)
{
	/* Registered first of all atexit handlers, it runs last: after
	 * the program's own, whose events it then shows too. */
	if (wanted() && atexit(dump_at_exit))
		ts_printk("trace: no room for the dump at exit (atexit)\n");
	return 0;
}
/* After trace_init (level 0): the ring is set up. */
TS_INIT(trace_exit_init, TS_INIT_EARLY);

/* lib/trace in an image: threads that take turns and allocate while
 * tracepoints record, then the panic dump that tests/image/cases_trace.py
 * decodes with support/scripts/tstrace and the image's .dbg.
 *
 *   tracecheck [dump|crash|quiet] [ROUNDS]
 *     dump   print the panic dump, then exit 0
 *     crash  print the panic dump, then crash (as a panic would)
 *     quiet  no dump (tracing off or not configured: exit 0 anyway)
 * The kernel parameters choose what is traced (trace.on=...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ts/plat/power.h>
#include <ts/sched.h>
#include <ts/trace.h>

TS_TRACEPOINT(tracecheck_step, "%s step %d", ts_trace_str8, int);

static int rounds = 4;

static void *worker(void *arg)
{
	const char *name = arg;

	for (int i = 0; i < rounds; i++) {
		char *p = malloc(32 + 16 * (size_t)i);

		trace_tracecheck_step(ts_trace_str(name), i);
		if (p)
			memset(p, i, 32);
		ts_thread_yield();
		free(p);
	}
	return NULL;
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 1 ? argv[1] : "dump";
	struct ts_thread *a, *b;

	if (argc > 2)
		rounds = atoi(argv[2]);
	printf("tracecheck: %d tracepoints\n", ts_trace_count());
	if (ts_thread_create(&a, "pinger", worker, "pinger", NULL) ||
	    ts_thread_create(&b, "ponger", worker, "ponger", NULL)) {
		printf("tracecheck: thread create failed\n");
		return 1;
	}
	ts_thread_join(a, NULL);
	ts_thread_join(b, NULL);
	/* A failing allocation, for the alloc_fail tracepoint. */
	void *huge = malloc((size_t)1 << 40);
	printf("tracecheck: huge malloc %s\n", huge ? "succeeded" : "failed");
	free(huge);
	ts_thread_sleep_ns(1000000);
	if (!strcmp(mode, "dump") || !strcmp(mode, "crash"))
		ts_trace_panic_dump();
	if (!strcmp(mode, "crash"))
		ts_plat_crash();
	printf("tracecheck: done\n");
	return 0;
}

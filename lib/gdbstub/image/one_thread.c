/* Without lib/sched there is one flow of control: thread 1. */
#include <errno.h>
#include <stdio.h>
#include "image.h"

void gdbstub_threads_snapshot(void)
{
}

long gdbstub_current_thread(void)
{
	return 1;
}

long gdbstub_thread_next(void *ctx, long prev)
{
	(void)ctx;
	return prev <= 0 ? 1 : 0;
}

int gdbstub_thread_describe(void *ctx, long id, char *buf, size_t size)
{
	(void)ctx;
	if (id != 1)
		return -ENOENT;
	snprintf(buf, size, "main (running)");
	return 0;
}

int gdbstub_thread_regs(long id, struct ts_regs *r)
{
	(void)id;
	(void)r;
	return -ENOENT;
}

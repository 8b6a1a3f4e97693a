/* Threads for GDB from lib/sched: ids are ts_thread_id(), names and
 * states the scheduler's; a thread that is not running shows the
 * registers of its switch frame. The list is taken once per stop (the
 * scheduler cannot change it while the program is stopped). */
#include <errno.h>
#include <stdio.h>
#include <ts/arch/debug.h>
#include <ts/sched.h>
#include "image.h"

#define MAX_THREADS 256

static struct ts_thread *list[MAX_THREADS];
static int nlist;

static void add(struct ts_thread *t, void *arg)
{
	int i;

	(void)arg;
	if (nlist == MAX_THREADS)
		return;
	/* Insertion by id: GDB lists them in the order we give. */
	for (i = nlist; i > 0 && ts_thread_id(list[i - 1]) > ts_thread_id(t);
	     i--)
		list[i] = list[i - 1];
	list[i] = t;
	nlist++;
}

void gdbstub_threads_snapshot(void)
{
	nlist = 0;
	ts_thread_foreach(add, NULL);
}

/* Before the scheduler runs, the boot context is thread 1. */
long gdbstub_current_thread(void)
{
	struct ts_thread *t = ts_thread_self();

	return t ? (long)ts_thread_id(t) : 1;
}

static struct ts_thread *find(long id)
{
	int i;

	for (i = 0; i < nlist; i++)
		if ((long)ts_thread_id(list[i]) == id)
			return list[i];
	return NULL;
}

long gdbstub_thread_next(void *ctx, long prev)
{
	int i;

	(void)ctx;
	if (!nlist)
		return prev <= 0 ? 1 : 0;
	for (i = 0; i < nlist; i++)
		if ((long)ts_thread_id(list[i]) > prev)
			return ts_thread_id(list[i]);
	return 0;
}

int gdbstub_thread_describe(void *ctx, long id, char *buf, size_t size)
{
	struct ts_thread *t = find(id);

	(void)ctx;
	if (!nlist && id == 1) {
		snprintf(buf, size, "boot (running)");
		return 0;
	}
	if (!t)
		return -ENOENT;
	snprintf(buf, size, "%s (%s)", ts_thread_name(t),
		 id == gdbstub_current_thread() ? "running" :
		 ts_thread_state(t));
	return 0;
}

int gdbstub_thread_regs(long id, struct ts_regs *r)
{
	struct ts_thread *t = find(id);

	if (!t || id == gdbstub_current_thread())
		return -ENOENT;
	ts_arch_ctx_regs(ts_thread_ctx(t), r);
	return 0;
}

/* A thread's end, as Linux's exit (SYS_exit) has it: the calling thread
 * ends, not the image; its clear_child_tid word (CLONE_CHILD_CLEARTID,
 * set_tid_address) is set to 0 and a futex waiter on it woken, which is
 * what pthread_join and musl's thread-list lock wait for. The last
 * thread to end ends the image with its status, as exit_group does.
 *
 * Per-thread state lives in a short list keyed by thread id (never
 * reused by lib/sched), not in lib/sched's thread: only threads that
 * clone made or that called set_tid_address have an entry. */
#include <errno.h>
#include <stdlib.h>
#include <ts/arch/debug.h>
#include <ts/debug.h>
#include <ts/plat/power.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include "internal.h"
#include "threads.h"

struct tid_entry {
	struct tid_entry *next;
	uint32_t tid;
	int *clear_tid;
};

static struct tid_entry *entries;

/* Interrupts off. */
static struct tid_entry **find(uint32_t tid)
{
	struct tid_entry **p;

	for (p = &entries; *p; p = &(*p)->next)
		if ((*p)->tid == tid)
			break;
	return p;
}

int thread_set_clear_tid(uint32_t tid, int *addr)
{
	int on = ts_sched_irq_save();
	struct tid_entry **p = find(tid), *e = *p;

	if (!e && addr) {
		e = malloc(sizeof(*e));
		if (!e) {
			ts_sched_irq_restore(on);
			return -ENOMEM;
		}
		e->tid = tid;
		e->next = entries;
		entries = e;
	}
	if (e)
		e->clear_tid = addr;
	ts_sched_irq_restore(on);
	return 0;
}

/* Interrupts off: the word is cleared, the waiter woken and the thread
 * gone in one step, so that a joiner that wakes finds the thread off
 * its stack (it may unmap it). */
static void clear_child_tid(uint32_t tid)
{
	struct tid_entry **p = find(tid), *e = *p;
	static const int zero;

	if (!e)
		return;
	*p = e->next;
	/* A bad address is not the exit's problem (Linux ignores it
	 * too): nothing to wake there. */
	if (e->clear_tid && !ts_arch_mem_write_safe((uintptr_t)e->clear_tid,
						    &zero, sizeof(zero)))
		futex_wake((uintptr_t)e->clear_tid, 1, ~0u);
	free(e);
}

/* Called by the next thread to run, once the ended one is off its
 * stack: the munmap goes through the dispatcher like the program's own
 * (traced, -ENOSYS named if no library serves it). */
static void unmap_after(void *p, size_t n)
{
	ts_syscall(TS_NR_munmap, (long)p, (long)n, 0, 0, 0, 0);
}

_Noreturn void thread_exit(long status, void *unmap, size_t unmap_len)
{
	struct ts_thread *self;

	/* On until the switch away: nothing runs in between. */
	ts_sched_irq_save();
	self = ts_thread_self();
	/* The last thread: the image ends with the status, as when a
	 * Linux process's last thread exits. */
	if (!self || ts_thread_count() <= 1)
		ts_plat_poweroff((int)(status & 0xff));
	clear_child_tid(ts_thread_id(self));
	if (unmap_len)
		ts_thread_exit_then((void *)status, unmap_after, unmap,
				    unmap_len);
	ts_thread_exit((void *)status);
}

/* The unmap ts_syscall_exit_unmap() asks for, taken by the exit it
 * makes (preemption is off in between). */
static void *pending_unmap;
static size_t pending_unmap_len;

_Noreturn void syscall_thread_exit(long status)
{
	void *p = pending_unmap;
	size_t n = pending_unmap_len;

	pending_unmap = NULL;
	pending_unmap_len = 0;
	thread_exit(status, p, n);
}

_Noreturn void ts_syscall_exit_unmap(void *base, size_t len)
{
	ts_sched_preempt_disable();
	pending_unmap = base;
	pending_unmap_len = len;
	ts_syscall(TS_NR_exit, 0, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

static long sys_set_tid_address(long a, long b, long c, long d, long e,
				long f)
{
	uint32_t tid = (uint32_t)ts_syscall_tid();

	(void)b, (void)c, (void)d, (void)e, (void)f;

	/* Linux does not check the address here; the exit ignores a bad
	 * one. Only memory for the entry can fail, and the call has no
	 * error to say so: the report names it. */
	if (thread_set_clear_tid(tid, (int *)a))
		ts_log_warn("set_tid_address: no memory to remember %#lx for "
			    "thread %u", (unsigned long)a, tid);
	return (long)tid;
}
TS_SYSCALL(set_tid_address, sys_set_tid_address);

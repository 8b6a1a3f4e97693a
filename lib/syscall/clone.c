/* clone for threads: ts_syscall_clone() (the shape of musl's __clone)
 * starts fn(arg) in a new lib/sched thread on the caller's stack, with
 * the caller's thread pointer for it. The raw system call cannot be
 * served as a function call (it returns twice, in two threads, on two
 * stacks): ts_syscall_clone hands fn and arg to the registered clone
 * through the dispatcher, so that the call is traced and counted as
 * `clone` like any other.
 *
 * Refused:
 *   -EINVAL  flags Linux itself refuses (CLONE_THREAD without
 *            CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM), bits no
 *            Linux flag has, no stack, no fn;
 *   -ENOSYS  what this kernel cannot give: a new process (no CLONE_VM
 *            or no CLONE_THREAD: fork, a process sharing memory),
 *            CLONE_VFORK (its parent waits for an exec that cannot
 *            come), namespaces, pidfds, ptrace, a thread not sharing
 *            the files and fs state (there is one of each). ENOSYS is
 *            "not here", what callers test to fall back; EINVAL would
 *            say their flags were malformed;
 *   -EFAULT  CLONE_PARENT_SETTID, CLONE_CHILD_SETTID or
 *            CLONE_CHILD_CLEARTID with an address that is not mapped.
 *
 * The stack: clone gets its top only. The thread's stack is recorded
 * (for `ts threads`, the GDB stub and the fault report) as the mapping
 * below the top when the memory calls can say which mapping holds it
 * (syscall_mapping_bounds), else as the STACK_SEEN bytes below it
 * (musl's default thread stack); see README.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <ts/arch/debug.h>
#include <ts/debug.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include "internal.h"
#include "threads.h"

/* musl's DEFAULT_STACK_SIZE: the stack most C-library threads have. */
#define STACK_SEEN	(128 * 1024UL)
/* lib/sched's least stack. */
#define STACK_LEAST	4096UL

/* What musl's pthread_create passes, and the other flags a thread of
 * this one process can honour (CLONE_CHILD_SETTID; CLONE_UNTRACED and
 * the exit signal mean nothing for a thread). */
#define FLAGS_OK (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |   \
		  CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |          \
		  CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |           \
		  CLONE_DETACHED | CLONE_CHILD_SETTID | CLONE_UNTRACED | \
		  CSIGNAL)
#define FLAGS_NEEDED (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		      CLONE_THREAD)

struct clone_req {
	int (*fn)(void *);
	void *arg;
	unsigned long flags;
	uintptr_t tls;
};

/* ts_syscall_clone's fn and arg on their way through the dispatcher to
 * sys_clone (preemption is off in between: one at a time). */
static struct clone_req *pending;

static long check_flags(unsigned long flags)
{
	if (flags >> 32)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & FLAGS_NEEDED) != FLAGS_NEEDED || (flags & ~FLAGS_OK))
		return -ENOSYS;
	return 0;
}

/* Weak: the memory calls' mmap (memory.c), which records its mappings,
 * may define it; without it no mapping is known. */
__attribute__((weak)) int syscall_mapping_bounds(uintptr_t addr,
						 uintptr_t *lo, uintptr_t *hi)
{
	(void)addr, (void)lo, (void)hi;
	return -1;
}

/* The thread's stack below top: the anonymous mapping that holds the
 * top's last byte (musl maps guard, stack and TLS in one; the guard is
 * a mapping of its own once PROT_NONE), else STACK_SEEN bytes. */
static size_t stack_size_below(uintptr_t top)
{
	uintptr_t lo, hi;

	if (!syscall_mapping_bounds(top - 1, &lo, &hi) && lo < top &&
	    top - lo >= STACK_LEAST && !(lo & 15))
		return top - lo;
	return top > STACK_SEEN ? STACK_SEEN : top & ~(STACK_LEAST - 1);
}

static int mapped(long addr)
{
	int v;

	return ts_arch_mem_read_safe((uint64_t)addr, &v, sizeof(v)) ==
	       (long)sizeof(v);
}

/* The child's first code: its thread pointer, then fn; fn's return is
 * the thread's exit, as after Linux's clone in musl's __clone. */
static void *clone_start(void *arg)
{
	struct clone_req req = *(struct clone_req *)arg;

	free(arg);
	if (req.flags & CLONE_SETTLS)
		ts_thread_set_tp(req.tls);
	ts_syscall(TS_NR_exit, req.fn(req.arg), 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

static long sys_clone(long a, long b, long c, long d, long e, long f)
{
	const long arg[6] = { a, b, c, d, e, f };
	unsigned long flags = (unsigned long)a;
	uintptr_t top = (uintptr_t)b & ~15UL;
	int *ptid = (int *)c;
	int *ctid = (int *)arg[TS_SYSCALL_CLONE_CTID_ARG];
	struct clone_req *req = pending, *copy;
	struct ts_thread_attr attr = { 0 };
	struct ts_thread *t;
	char name[TS_THREAD_NAME_MAX];
	size_t size;
	long r;
	int tid;

	pending = NULL;
	r = check_flags(flags);
	if (r)
		return r;
	if (!req) {
		/* The raw call, from a program's own syscall(): it would
		 * have to return in two threads. */
		ts_log_warn("clone: a thread is started with "
			    "ts_syscall_clone(), not the raw system call: "
			    "-ENOSYS");
		return -ENOSYS;
	}
	if (!req->fn || top < STACK_LEAST)
		return -EINVAL;
	if (((flags & CLONE_PARENT_SETTID) && !mapped(c)) ||
	    ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) &&
	     !mapped((long)ctid)))
		return -EFAULT;
	copy = malloc(sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	*copy = *req;
	copy->tls = (uintptr_t)arg[TS_SYSCALL_CLONE_TLS_ARG];
	size = stack_size_below(top);
	attr.stack = (void *)(top - size);
	attr.stack_size = size;
	/* As Linux: the child has its parent's scheduling (before
	 * lib/sched's init ts_thread_create refuses, -EAGAIN). */
	if (ts_thread_self())
		attr.prio = ts_thread_prio(ts_thread_self());
	/* Nobody joins a lib/sched thread: musl joins on the futex. */
	attr.detached = 1;
	r = ts_thread_create(&t, "clone", clone_start, copy, &attr);
	if (r) {
		free(copy);
		return r;
	}
	/* The child has not run (preemption is off): name and tid are in
	 * place before its first instruction, as Linux has them. */
	tid = (int)ts_thread_id(t);
	snprintf(name, sizeof(name), "pthread-%d", tid);
	ts_thread_set_name(t, name);
	if ((flags & CLONE_CHILD_CLEARTID) &&
	    thread_set_clear_tid((uint32_t)tid, ctid))
		ts_log_warn("clone: no memory to remember thread %d's "
			    "clear_child_tid", tid);
	if (flags & CLONE_PARENT_SETTID)
		ts_arch_mem_write_safe((uintptr_t)ptid, &tid, sizeof(tid));
	if (flags & CLONE_CHILD_SETTID)
		ts_arch_mem_write_safe((uintptr_t)ctid, &tid, sizeof(tid));
	return tid;
}
TS_SYSCALL(clone, sys_clone);

long ts_syscall_clone(int (*fn)(void *), void *stack, unsigned long flags,
		      void *arg, int *ptid, unsigned long tls, int *ctid)
{
	struct clone_req req = { fn, arg, flags, 0 };
	long a[6] = { (long)flags, (long)stack, (long)ptid, 0, 0, 0 };
	long r;

	a[TS_SYSCALL_CLONE_CTID_ARG] = (long)ctid;
	a[TS_SYSCALL_CLONE_TLS_ARG] = (long)tls;
	ts_sched_preempt_disable();
	pending = &req;
	r = ts_syscall(TS_NR_clone, a[0], a[1], a[2], a[3], a[4], a[5]);
	pending = NULL;
	ts_sched_preempt_enable();
	return r;
}

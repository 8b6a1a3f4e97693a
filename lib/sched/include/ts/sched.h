/* Threads (lib/sched): create, join, detach, exit, yield, sleep, names,
 * priorities, thread-local storage, preemption control. Wait queues are
 * in <ts/waitq.h>, mutexes, semaphores, condition variables in
 * <ts/sync.h>.
 *
 * One CPU. Cooperative by default: a thread runs until it blocks,
 * sleeps, yields or exits. With CONFIG_LIB_SCHED_PREEMPT, threads of
 * equal priority also share the CPU in time slices, and a thread woken
 * by an interrupt preempts a lower-priority one at once.
 *
 * Priorities run from TS_PRIO_MIN to TS_PRIO_MAX (higher runs first);
 * the ready thread of the highest priority runs, first come first
 * served among equals. The idle thread, below all, halts the CPU until
 * the next interrupt when nothing is ready.
 *
 * Times are absolute deadlines on ts_time_now_ns()'s clock
 * (<ts/time.h>), TS_TIME_NEVER for none. Functions that block must not
 * be called from interrupt handlers or timer callbacks; the ones that
 * wake threads (ts_waitq_wake_*, ts_sem_post) may be. */
#ifndef TS_SCHED_H
#define TS_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq_save.h>
#include <ts/time.h>
#include <ts/waitq.h>

#define TS_PRIO_MIN		1
#define TS_PRIO_DEFAULT		16
#define TS_PRIO_MAX		31

#define TS_THREAD_NAME_MAX	32	/* with the NUL; longer names are cut */

struct ts_thread;

struct ts_thread_attr {
	size_t stack_size;	/* 0: CONFIG_LIB_SCHED_STACK_KB */
	int prio;		/* 0: TS_PRIO_DEFAULT */
	int detached;		/* no join: freed when it exits */
	/* A stack of the caller's (stack_size bytes, 16-byte aligned),
	 * e.g. a C library's: no guard page then, and the caller frees
	 * it after the thread ended. NULL: the scheduler allocates the
	 * stack with an unmapped guard page below it. */
	void *stack;
};

/* Start fn(arg) in a new thread, ready to run (it runs when the
 * creator blocks, yields, or at once if it has a higher priority). *t
 * (if t is not NULL) gets the thread. attr NULL: defaults. Returns 0,
 * -EINVAL (bad priority or stack), -ENOMEM. */
int ts_thread_create(struct ts_thread **t, const char *name,
		     void *(*fn)(void *), void *arg,
		     const struct ts_thread_attr *attr);

/* Wait for t to end and free it. *ret (if not NULL) gets what fn
 * returned or ts_thread_exit() was given. Returns 0, -EDEADLK (t is
 * the caller), -EINVAL (t is detached or already being joined). */
int ts_thread_join(struct ts_thread *t, void **ret);

/* Free t when it ends, without a join. Returns 0 or -EINVAL. */
int ts_thread_detach(struct ts_thread *t);

/* End the calling thread with value ret. When the last thread ends
 * (main included), the image exits with status 0. */
_Noreturn void ts_thread_exit(void *ret);

/* The same, and once nothing runs on the thread's stack any more (it
 * switched away for the last time), fn(p, n) is called by the next
 * thread to run, with interrupts off: fn must not block. For a thread
 * that releases its own stack as it ends (a C library's detached
 * thread: musl's __unmapself). fn is not called when the caller is the
 * last thread (the image ends). */
_Noreturn void ts_thread_exit_then(void *ret, void (*fn)(void *p, size_t n),
				   void *p, size_t n);

/* How many threads keep the image running: those ts_thread_create()
 * made that have not ended (the idle thread does not count). When it
 * drops to 0 the image exits. */
unsigned int ts_thread_count(void);

/* Let the other ready threads of the same or higher priority run. */
void ts_thread_yield(void);

/* Block for at least ns nanoseconds / until deadline_ns. The CPU goes
 * to other threads or halts: no busy waiting. */
void ts_thread_sleep_ns(uint64_t ns);
void ts_thread_sleep_until(uint64_t deadline_ns);

struct ts_thread *ts_thread_self(void);
const char *ts_thread_name(const struct ts_thread *t);
/* Rename t (cut at TS_THREAD_NAME_MAX - 1 characters); the trace gets
 * a sched_thread_name record. 0, or -EINVAL for NULLs. */
int ts_thread_set_name(struct ts_thread *t, const char *name);
/* The thread's id: positive, unique, never reused (1 is the boot
 * context, later the idle thread; main is usually 2). Trace records and
 * debuggers name threads by it. */
uint32_t ts_thread_id(const struct ts_thread *t);
int ts_thread_prio(const struct ts_thread *t);
int ts_thread_set_prio(struct ts_thread *t, int prio);

/* The first live thread with this name, or NULL. The pointer is valid
 * as long as that thread lives. */
struct ts_thread *ts_thread_find(const char *name);

/* Call fn for every live thread (the idle thread included), with
 * interrupts off: fn must not block. For debuggers and reports. */
void ts_thread_foreach(void (*fn)(struct ts_thread *t, void *arg),
		       void *arg);

/* The context a thread that is not running saved when it switched away
 * (<ts/arch/ctx.h>), for a debugger to show its registers
 * (ts_arch_ctx_regs() of <ts/arch/debug.h>); meaningless for the running
 * thread, whose registers are the CPU's. */
struct ts_arch_ctx;
const struct ts_arch_ctx *ts_thread_ctx(const struct ts_thread *t);

/* "running", "ready", "blocked" or "exited". */
const char *ts_thread_state(const struct ts_thread *t);

/* The thread's stack [lo, hi), and how often it was switched to. */
void ts_thread_stack(const struct ts_thread *t, uintptr_t *lo,
		     uintptr_t *hi);
uint64_t ts_thread_switches(const struct ts_thread *t);

/* Thread-local storage. Each thread the scheduler creates has a TLS
 * area laid out as the architecture's ELF TLS ABI wants it, and the
 * thread pointer register (FS base on x86_64, TPIDR_EL0 on arm64) set
 * to its thread control block while it runs:
 *
 *   x86_64, variant II: [static TLS, CONFIG_LIB_SCHED_TLS_SIZE bytes]
 *     [TCB, 64 bytes] with tp -> TCB; TCB word 0 is tp itself (the ABI's
 *     self pointer), word 5 (%fs:0x28) GCC's stack-protector canary;
 *     static TLS at tp - size.
 *   arm64, variant I: [TCB, 16 bytes: dtv, reserved][static TLS] with
 *     tp -> TCB; static TLS at tp + 16.
 *
 * ts_thread_tls() is the start of the static TLS area. At creation the
 * area is zeroed but for a copy of the image's TLS template (its
 * __thread variables with their initial values, plat/common/tls.lds) at
 * the place the linker's thread-pointer offsets expect: variant II
 * ends it at tp (its size rounded up to its alignment), variant I
 * starts it at tp + 16 rounded up to its alignment. A template larger
 * than the area stops the boot with the size to configure. A C library
 * that lays out TLS itself (musl's pthread and __set_thread_area) gives
 * the thread pointer it wants with ts_thread_set_tp(); the scheduler
 * then saves and restores that. */
void *ts_thread_tls(const struct ts_thread *t);
size_t ts_thread_tls_size(void);
/* The template: *data its initial bytes (*filesz of them, NULL if the
 * image has no __thread variables), *memsz its size with the zeroed
 * part, *offset where it starts relative to the thread pointer. */
void ts_thread_tls_template(const void **data, size_t *filesz,
			    size_t *memsz, intptr_t *offset);
uintptr_t ts_thread_tp(const struct ts_thread *t);
void ts_thread_set_tp(uintptr_t tp);

/* Preemption control (CONFIG_LIB_SCHED_PREEMPT; no-ops otherwise but
 * for the count). Between disable and enable the calling thread is not
 * preempted, though interrupts still run; sections nest. Blocking in
 * such a section is allowed (the count belongs to the thread). In
 * preemptive builds lib/alloc's entry points run in such a section
 * (ts_alloc_set_lock()). */
void ts_sched_preempt_disable(void);
void ts_sched_preempt_enable(void);

/* Scheduler statistics (tests, benchmarks): context switches, and how
 * many were preemptions. */
uint64_t ts_sched_switch_count(void);
uint64_t ts_sched_preempt_count(void);

/* Interrupts off, with the previous state returned / restored (the same
 * as <ts/arch/irq_save.h>): makes a condition check and a ts_waitq_wait()
 * one step with respect to wake-ups from interrupts and other threads
 * (<ts/waitq.h>). */
static inline int ts_sched_irq_save(void)
{
	return ts_arch_irq_save();
}

static inline void ts_sched_irq_restore(int was_on)
{
	ts_arch_irq_restore(was_on);
}

#endif

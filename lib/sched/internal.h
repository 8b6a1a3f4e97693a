/* Shared by the files of lib/sched only. */
#ifndef SCHED_INTERNAL_H
#define SCHED_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <ts/arch/ctx.h>
#include <ts/sched.h>
#include <ts/time.h>
#include "queue.h"

enum thread_state {
	THREAD_READY,		/* on the run queue */
	THREAD_RUNNING,		/* current */
	THREAD_BLOCKED,		/* on a wait queue, or sleeping */
	THREAD_EXITED,		/* waiting for its join */
};

#define THREAD_DETACHED	0x1	/* freed when it exits */
#define THREAD_OWN_MEM	0x2	/* its memory came from stack.c */

struct ts_thread {
	struct ts_arch_ctx ctx;		/* saved while not running */
	struct ts_sched_node node;	/* run queue or a wait queue */
	struct ts_thread *all_next, *all_prev;	/* live threads */
	enum thread_state state;
	uint32_t id;			/* 1, 2, ...: never reused */
	unsigned int flags;
	unsigned int preempt_off;	/* ts_sched_preempt_disable depth */
	int wake_result;		/* 0, or -ETIMEDOUT */
	struct ts_timer timer;		/* sleeps and timeouts */
	struct ts_waitq joiner;		/* who waits in ts_thread_join */
	void *(*fn)(void *);
	void *arg;
	void *ret;
	uintptr_t stack_lo, stack_hi;
	uintptr_t guard;		/* the unmapped page below, or 0 */
	void *mem;			/* what stack.c allocated */
	size_t mem_pages;
	void *tls;			/* static TLS area */
	uintptr_t tp;			/* thread pointer */
	uint64_t switches;
	char name[TS_THREAD_NAME_MAX];
};

#define thread_of(n) \
	((struct ts_thread *)((char *)(n) - offsetof(struct ts_thread, node)))

/* boot.c: the TS_INIT_CORE function. */
int sched_init(void);

/* core.c */
extern struct ts_thread *sched_current;
extern struct ts_thread *sched_idle;	/* NULL until main() starts */
extern int sched_need_resched;
void sched_core_init(void);
void sched_set_name(struct ts_thread *t, const char *name);
/* Add a new thread (state READY) to the live list and the run queue. */
void sched_add(struct ts_thread *t);
/* Block the running thread on wq (or none: a sleep) until woken or
 * deadline; interrupts off. Returns 0 or -ETIMEDOUT. */
int sched_block(struct ts_waitq *wq, uint64_t deadline);
/* Make a blocked thread ready (interrupts off). */
void sched_wake(struct ts_thread *t, int result);
/* Have fn(p, n) called by the next thread to run, right after the
 * switch (interrupts off). */
void sched_set_after_exit(void (*fn)(void *p, size_t n), void *p, size_t n);
/* The running thread ends (interrupts off); never returns. */
_Noreturn void sched_exit_current(void);
/* First code of every new thread. */
void sched_thread_start(void *t);
/* The running thread becomes the idle thread, named "idle". */
_Noreturn void sched_become_idle(void);
/* Adopt the running context (the boot stack) as thread t. */
void sched_adopt_boot_context(struct ts_thread *t, const char *name);
void sched_thread_free(struct ts_thread *t);
/* The highest priority with a ready thread, or -1. */
int sched_ready_prio(void);
/* Take a ready thread off the run queue (interrupts off). */
void sched_unready(struct ts_thread *t);
/* Preemption (interrupts off): is it wanted, and do it; slice says the
 * running thread used up its time slice (it queues behind its equals)
 * rather than gave way to a higher priority (it keeps its turn). */
int sched_preempt_wanted(void);
void sched_preempt(void);
void sched_request_resched(int slice);
/* After a wake-up from thread context: switch now if a higher priority
 * thread became ready (preemptive builds). */
void sched_check_preempt(void);

/* mutex.c: give m up entirely, to its first waiter (interrupts off). */
struct ts_mutex;
void sched_mutex_release(struct ts_mutex *m);

/* stack.c: a thread's memory: guard page, stack, TLS area and the
 * struct itself in one block, or the struct and TLS area alone for a
 * thread on a stack of the caller's. */
struct ts_thread *stack_alloc(size_t stack_size, void *stack);
void stack_free(struct ts_thread *t);
/* tls.c: lay out the TLS area of TLS_AREA_SIZE bytes at area (64-byte
 * aligned); sets *tls to the static TLS, returns the thread pointer. */
uintptr_t tls_setup(void *area, void **tls);

/* Static TLS and thread control block, in bytes (tls.c). */
#ifndef CONFIG_LIB_SCHED_TLS_SIZE
#define CONFIG_LIB_SCHED_TLS_SIZE 256
#endif
#define TLS_STATIC_SIZE	((CONFIG_LIB_SCHED_TLS_SIZE + 63) & ~63)
#define TLS_TCB_SIZE	64
#define TLS_AREA_SIZE	(TLS_STATIC_SIZE + TLS_TCB_SIZE)

/* preempt.c: time slices. Told when a thread was switched to or made
 * ready; no-ops in cooperative builds. */
#ifdef CONFIG_LIB_SCHED_PREEMPT
void preempt_init(void);
void preempt_switched_in(struct ts_thread *t);
void preempt_woken(struct ts_thread *t);
#else
static inline void preempt_init(void)
{
}

static inline void preempt_switched_in(struct ts_thread *t)
{
	(void)t;
}

static inline void preempt_woken(struct ts_thread *t)
{
	(void)t;
}
#endif

#endif

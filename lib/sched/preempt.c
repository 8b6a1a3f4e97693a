/* Time slicing (CONFIG_LIB_SCHED_PREEMPT). A thread that runs while
 * another of its priority is ready is preempted once it has run for a
 * slice; a thread woken with a higher priority than the running one
 * preempts it at once (core.c sets sched_need_resched). The switch
 * itself happens on the way out of the interrupt (arch preemption
 * hook) or, for wake-ups from thread context, at the end of the waking
 * call.
 *
 * The slice timer runs only while a thread has competition: a lone
 * thread, or the idle one, takes no timer interrupts at all.
 *
 * What preemption makes unsafe is state kept across instructions
 * without a lock: the allocator's, mostly. Its entry points run with
 * preemption off (lib/alloc's lock hook); interrupts stay on, and the
 * cost is two counter updates per call. Other such state needs a mutex
 * or ts_sched_preempt_disable(). Interrupt handlers and timer callbacks
 * must not allocate, preemptive or not. */
#include <ts/alloc.h>
#include <ts/arch/irq.h>
#include <ts/time.h>
#include "internal.h"

#ifndef CONFIG_LIB_SCHED_SLICE_MS
#define CONFIG_LIB_SCHED_SLICE_MS 10
#endif
#define SLICE_NS	((uint64_t)CONFIG_LIB_SCHED_SLICE_MS * TS_NSEC_PER_MSEC)

static struct ts_timer slice_timer;
static uint64_t slice_start;

static int has_competition(const struct ts_thread *t)
{
	return t != sched_idle && sched_ready_prio() >= t->node.prio;
}

/* In the timer interrupt. The running thread may have started a slice
 * after the timer was armed for an earlier one: it gets its full
 * slice. */
static void slice_end(struct ts_timer *t, void *arg)
{
	uint64_t end = slice_start + SLICE_NS;

	(void)arg;
	if (!has_competition(sched_current))
		return;
	if (ts_time_now_ns() < end)
		ts_timer_arm(t, end);
	else
		sched_request_resched(1);
}

void preempt_switched_in(struct ts_thread *t)
{
	if (t == sched_idle)
		return;
	slice_start = ts_time_now_ns();
	if (!ts_timer_pending(&slice_timer) && has_competition(t))
		ts_timer_arm(&slice_timer, slice_start + SLICE_NS);
}

void preempt_woken(struct ts_thread *t)
{
	(void)t;
	if (sched_current && !ts_timer_pending(&slice_timer) &&
	    has_competition(sched_current))
		ts_timer_arm(&slice_timer, slice_start + SLICE_NS);
}

static void preempt_run(void)
{
	sched_preempt();
}

void preempt_init(void)
{
	ts_timer_init(&slice_timer, slice_end, NULL);
	ts_alloc_set_lock(ts_sched_preempt_disable, ts_sched_preempt_enable);
	ts_arch_irq_set_preempt(sched_preempt_wanted, preempt_run);
}

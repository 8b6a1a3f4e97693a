/* The scheduler's core: the running thread, the run queue, switching,
 * blocking and waking, the idle loop, preemption. Every function here
 * runs with interrupts off: timer callbacks and interrupt handlers wake
 * threads, and on one CPU that is all the locking there is. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ts/arch/cpu.h>
#include <ts/arch/ctx.h>
#include <ts/arch/tls.h>
#include <ts/plat/console.h>
#include <ts/trace.h>
#include "internal.h"

/* Thread names travel in two 8-byte slots (the decoder names its
 * tracks with them); longer names are cut to 16 bytes there. */
TS_TRACEPOINT(sched_thread_create, "thread %u %s%s prio %d", uint32_t,
	      ts_trace_str8, ts_trace_str8, int);
TS_TRACEPOINT(sched_thread_name, "thread %u is now %s%s", uint32_t,
	      ts_trace_str8, ts_trace_str8);
TS_TRACEPOINT(sched_switch, "prev %u next %u", uint32_t, uint32_t);
TS_TRACEPOINT(sched_wakeup, "thread %u result %d", uint32_t, int);
TS_TRACEPOINT(sched_wait, "on %p until %lu ns", void *, uint64_t);
TS_TRACEPOINT(sched_sleep, "until %lu ns", uint64_t);
TS_TRACEPOINT(sched_exit, "thread %u", uint32_t);

static uint32_t last_id;

_Static_assert(TS_PRIO_MAX < RUNQ_LEVELS, "a run queue level per priority");

struct ts_thread *sched_current;
struct ts_thread *sched_idle;
int sched_need_resched;

static struct runq runq;
static struct ts_thread *live_head;	/* every live thread, idle too */
/* Threads that count for "the last one ends the image": those
 * ts_thread_create made, and the boot context until it idles. */
static unsigned int live_threads;
/* A detached thread that exited: its memory, stack included, is freed
 * by the next thread to run, once nothing runs on that stack. */
static struct ts_thread *reap;
/* What a thread that ended with ts_thread_exit_then() leaves to do
 * once nothing runs on its stack: done by the next thread to run. */
static void (*after_exit)(void *p, size_t n);
static void *after_exit_p;
static size_t after_exit_n;
static int slice_used;
static uint64_t switches, preemptions;

void sched_core_init(void)
{
	runq_init(&runq);
}

void sched_set_name(struct ts_thread *t, const char *name)
{
	strncpy(t->name, name ? name : "?", sizeof(t->name) - 1);
	t->name[sizeof(t->name) - 1] = '\0';
}

static void note_thread(struct ts_thread *t, int created)
{
	if (created)
		trace_sched_thread_create(t->id, ts_trace_str(t->name),
					  ts_trace_str(t->name + 8),
					  t->node.prio);
	else
		trace_sched_thread_name(t->id, ts_trace_str(t->name),
					ts_trace_str(t->name + 8));
}

static void live_add(struct ts_thread *t)
{
	t->all_prev = NULL;
	t->all_next = live_head;
	if (live_head)
		live_head->all_prev = t;
	live_head = t;
}

static void live_remove(struct ts_thread *t)
{
	if (t->all_prev)
		t->all_prev->all_next = t->all_next;
	else
		live_head = t->all_next;
	if (t->all_next)
		t->all_next->all_prev = t->all_prev;
	t->all_next = t->all_prev = NULL;
}

static void finish_switch(void)
{
	struct ts_thread *t = reap;
	void (*fn)(void *p, size_t n) = after_exit;

	if (t) {
		reap = NULL;
		sched_thread_free(t);
	}
	if (fn) {
		after_exit = NULL;
		fn(after_exit_p, after_exit_n);
	}
}

static void switch_to(struct ts_thread *prev, struct ts_thread *next)
{
	if (prev->state == THREAD_RUNNING)
		prev->state = THREAD_READY;	/* the idle thread */
	next->state = THREAD_RUNNING;
	next->switches++;
	switches++;
	trace_sched_switch(prev->id, next->id);
	ts_trace_set_tid(next->id);
	sched_current = next;
	if (next->tp != prev->tp)
		ts_arch_tp_set(next->tp);
	preempt_switched_in(next);
	ts_arch_ctx_switch(&prev->ctx, &next->ctx);
	/* prev runs again here, or a new thread in sched_thread_start. */
	finish_switch();
}

/* Run the next ready thread; the running one has been queued, blocked
 * or ended. Before main() there is no idle thread yet: a boot context
 * with nothing to run halts right here until something is ready. */
static void schedule(void)
{
	struct ts_thread *prev = sched_current, *next;
	struct ts_sched_node *n;

	sched_need_resched = 0;
	slice_used = 0;
	while (!(n = runq_pop(&runq)) && !sched_idle) {
		ts_arch_idle();
		ts_arch_irq_disable();
	}
	next = n ? thread_of(n) : sched_idle;
	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	switch_to(prev, next);
}

void sched_unready(struct ts_thread *t)
{
	runq_remove(&runq, &t->node);
}

int sched_ready_prio(void)
{
	return runq_top_prio(&runq);
}

void sched_thread_start(void *arg)
{
	struct ts_thread *t = arg;

	finish_switch();
	ts_arch_irq_enable();
	ts_thread_exit(t->fn(t->arg));
}

static void timeout(struct ts_timer *tm, void *arg)
{
	struct ts_thread *t = arg;

	(void)tm;
	/* Woken already and not yet running: its own code cancels this. */
	if (t->state != THREAD_BLOCKED)
		return;
	if (node_queued(&t->node))
		waitq_remove(&t->node);
	sched_wake(t, -ETIMEDOUT);
}

void sched_add(struct ts_thread *t)
{
	ts_timer_init(&t->timer, timeout, t);
	ts_waitq_init(&t->joiner);
	t->id = ++last_id;
	note_thread(t, 1);
	t->state = THREAD_READY;
	live_add(t);
	live_threads++;
	runq_push(&runq, &t->node);
	if (t->node.prio > sched_current->node.prio)
		sched_need_resched = 1;
	preempt_woken(t);
}

void sched_adopt_boot_context(struct ts_thread *t, const char *name)
{
	sched_set_name(t, name);
	ts_timer_init(&t->timer, timeout, t);
	ts_waitq_init(&t->joiner);
	t->node.prio = TS_PRIO_DEFAULT;
	t->state = THREAD_RUNNING;
	t->id = ++last_id;
	ts_trace_set_tid(t->id);
	note_thread(t, 1);
	live_add(t);
	live_threads++;
	sched_current = t;
	ts_arch_tp_set(t->tp);
}

int sched_block(struct ts_waitq *wq, uint64_t deadline)
{
	struct ts_thread *self = sched_current;

	if (self == sched_idle) {
		ts_printk("sched: the idle thread must not block (called from "
			  "%p)\n", __builtin_return_address(0));
		return -EDEADLK;
	}
	if (deadline != TS_TIME_NEVER && deadline <= ts_time_now_ns())
		return -ETIMEDOUT;
	if (wq)
		trace_sched_wait(wq, deadline);
	else
		trace_sched_sleep(deadline);
	self->state = THREAD_BLOCKED;
	self->wake_result = 0;
	if (wq)
		waitq_push(wq, &self->node);
	if (deadline != TS_TIME_NEVER)
		ts_timer_arm(&self->timer, deadline);
	schedule();
	if (deadline != TS_TIME_NEVER)
		ts_timer_cancel(&self->timer);
	return self->wake_result;
}

void sched_wake(struct ts_thread *t, int result)
{
	trace_sched_wakeup(t->id, result);
	t->wake_result = result;
	t->state = THREAD_READY;
	runq_push(&runq, &t->node);
	if (t->node.prio > sched_current->node.prio ||
	    sched_current == sched_idle)
		sched_need_resched = 1;
	preempt_woken(t);
}

void sched_set_after_exit(void (*fn)(void *p, size_t n), void *p, size_t n)
{
	after_exit = fn;
	after_exit_p = p;
	after_exit_n = n;
}

unsigned int ts_thread_count(void)
{
	return live_threads;
}

int ts_thread_set_name(struct ts_thread *t, const char *name)
{
	int on;

	if (!t || !name)
		return -EINVAL;
	on = ts_sched_irq_save();
	sched_set_name(t, name);
	note_thread(t, 0);
	ts_sched_irq_restore(on);
	return 0;
}

_Noreturn void sched_exit_current(void)
{
	struct ts_thread *self = sched_current;

	trace_sched_exit(self->id);
	self->state = THREAD_EXITED;
	live_remove(self);
	if (self->flags & THREAD_DETACHED)
		reap = self;
	else
		ts_waitq_wake_all(&self->joiner);
	/* As when a process's last thread ends. main() returning never
	 * gets here: lib/boot then exits with its status. */
	if (--live_threads == 0)
		exit(0);
	schedule();
	__builtin_unreachable();
}

_Noreturn void sched_become_idle(void)
{
	sched_set_name(sched_current, "idle");
	note_thread(sched_current, 0);
	sched_current->node.prio = 0;
	sched_idle = sched_current;
	live_threads--;
	for (;;) {
		/* Checked with interrupts off: ts_arch_idle() enables them
		 * and halts in one step, so a wake-up is never missed. */
		ts_arch_irq_disable();
		if (runq.count)
			schedule();
		else
			ts_arch_idle();
	}
}

void ts_thread_yield(void)
{
	int on = ts_sched_irq_save();
	struct ts_thread *self = sched_current;

	if (self != sched_idle && runq_top_prio(&runq) >= self->node.prio) {
		self->state = THREAD_READY;
		runq_push(&runq, &self->node);
		schedule();
	}
	ts_sched_irq_restore(on);
}

/* Not while the running thread is inside schedule() itself: a boot
 * context halting there for want of an idle thread is blocked, not
 * running, and must not be queued. */
int sched_preempt_wanted(void)
{
	return sched_need_resched && sched_current &&
	       sched_current->state == THREAD_RUNNING &&
	       !sched_current->preempt_off;
}

void sched_preempt(void)
{
	struct ts_thread *self = sched_current;

	if (self != sched_idle) {
		self->state = THREAD_READY;
		if (slice_used)
			runq_push(&runq, &self->node);
		else
			runq_push_front(&runq, &self->node);
		preemptions++;
	}
	schedule();
}

void sched_request_resched(int slice)
{
	sched_need_resched = 1;
	slice_used = slice;
}

/* With interrupts on only: off, the caller is an interrupt handler (the
 * arch hook preempts on its way out) or inside a section that must not
 * switch. */
void sched_check_preempt(void)
{
#ifdef CONFIG_LIB_SCHED_PREEMPT
	if (!sched_need_resched || !ts_arch_irq_enabled())
		return;
	ts_arch_irq_disable();
	if (sched_preempt_wanted() && sched_current != sched_idle)
		sched_preempt();
	ts_arch_irq_enable();
#endif
}

void ts_sched_preempt_disable(void)
{
	if (sched_current)
		sched_current->preempt_off++;
}

void ts_sched_preempt_enable(void)
{
	struct ts_thread *self = sched_current;

	if (!self)
		return;
	if (!self->preempt_off) {
		ts_printk("sched: thread %s enables preemption more often than "
			  "it disabled it (called from %p)\n", self->name,
			  __builtin_return_address(0));
		return;
	}
	if (--self->preempt_off == 0)
		sched_check_preempt();
}

uint64_t ts_sched_switch_count(void)
{
	return switches;
}

uint64_t ts_sched_preempt_count(void)
{
	return preemptions;
}

void ts_thread_foreach(void (*fn)(struct ts_thread *t, void *arg), void *arg)
{
	int on = ts_sched_irq_save();

	for (struct ts_thread *t = live_head; t; t = t->all_next)
		fn(t, arg);
	ts_sched_irq_restore(on);
}

struct ts_thread *ts_thread_find(const char *name)
{
	int on = ts_sched_irq_save();
	struct ts_thread *t;

	for (t = live_head; t; t = t->all_next)
		if (!strcmp(t->name, name))
			break;
	ts_sched_irq_restore(on);
	return t;
}

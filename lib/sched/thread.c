/* Creating, joining, detaching and ending threads, and what can be
 * asked about one. */
#include <errno.h>
#include <ts/arch/ctx.h>
#include <ts/arch/tls.h>
#include <ts/plat/console.h>
#include "internal.h"

#ifndef CONFIG_LIB_SCHED_STACK_KB
#define CONFIG_LIB_SCHED_STACK_KB 16
#endif

/* Below this a thread could not even take an interrupt (the entry saves
 * the FP/SIMD state on its stack). */
#define STACK_MIN	4096

int ts_thread_create(struct ts_thread **out, const char *name,
		     void *(*fn)(void *), void *arg,
		     const struct ts_thread_attr *attr)
{
	static const struct ts_thread_attr defaults;
	struct ts_thread *t;
	size_t size;
	int prio, on;

	if (!attr)
		attr = &defaults;
	prio = attr->prio ? attr->prio : TS_PRIO_DEFAULT;
	size = attr->stack_size ? attr->stack_size :
				  (size_t)CONFIG_LIB_SCHED_STACK_KB * 1024;
	if (!fn || prio < TS_PRIO_MIN || prio > TS_PRIO_MAX ||
	    size < STACK_MIN || ((uintptr_t)attr->stack & 15))
		return -EINVAL;
	if (!sched_current) {
		ts_printk("sched: thread %s created before the scheduler's "
			  "init (level TS_INIT_CORE)\n", name ? name : "?");
		return -EAGAIN;
	}
	t = stack_alloc(size, attr->stack);
	if (!t)
		return -ENOMEM;
	sched_set_name(t, name);
	t->fn = fn;
	t->arg = arg;
	t->node.prio = prio;
	if (attr->detached)
		t->flags |= THREAD_DETACHED;
	ts_arch_ctx_init(&t->ctx, (void *)t->stack_hi, sched_thread_start, t);
	if (out)
		*out = t;
	on = ts_sched_irq_save();
	sched_add(t);
	ts_sched_irq_restore(on);
	sched_check_preempt();
	return 0;
}

void sched_thread_free(struct ts_thread *t)
{
	stack_free(t);
}

int ts_thread_join(struct ts_thread *t, void **ret)
{
	int on = ts_sched_irq_save(), r = 0;

	if (t == sched_current)
		r = -EDEADLK;
	else if ((t->flags & THREAD_DETACHED) || !ts_waitq_empty(&t->joiner))
		r = -EINVAL;
	if (r) {
		ts_sched_irq_restore(on);
		return r;
	}
	while (t->state != THREAD_EXITED)
		sched_block(&t->joiner, TS_TIME_NEVER);
	if (ret)
		*ret = t->ret;
	sched_thread_free(t);
	ts_sched_irq_restore(on);
	return 0;
}

int ts_thread_detach(struct ts_thread *t)
{
	int on = ts_sched_irq_save(), r = 0;

	if ((t->flags & THREAD_DETACHED) || !ts_waitq_empty(&t->joiner))
		r = -EINVAL;
	else if (t->state == THREAD_EXITED)
		sched_thread_free(t);
	else
		t->flags |= THREAD_DETACHED;
	ts_sched_irq_restore(on);
	return r;
}

_Noreturn void ts_thread_exit(void *ret)
{
	ts_arch_irq_disable();
	if (sched_current == sched_idle || !sched_current) {
		ts_printk("sched: ts_thread_exit() outside a thread (called "
			  "from %p)\n", __builtin_return_address(0));
		for (;;)
			ts_arch_idle();
	}
	sched_current->ret = ret;
	sched_exit_current();
}

_Noreturn void ts_thread_exit_then(void *ret, void (*fn)(void *p, size_t n),
				   void *p, size_t n)
{
	ts_arch_irq_disable();
	if (sched_current == sched_idle || !sched_current) {
		ts_printk("sched: ts_thread_exit_then() outside a thread (called "
			  "from %p)\n", __builtin_return_address(0));
		for (;;)
			ts_arch_idle();
	}
	sched_current->ret = ret;
	/* The last thread ends the image: nothing runs after it. */
	if (fn && ts_thread_count() > 1)
		sched_set_after_exit(fn, p, n);
	sched_exit_current();
}

struct ts_thread *ts_thread_self(void)
{
	return sched_current;
}

uint32_t ts_thread_id(const struct ts_thread *t)
{
	return t->id;
}

const char *ts_thread_name(const struct ts_thread *t)
{
	return t->name;
}

int ts_thread_prio(const struct ts_thread *t)
{
	return t->node.prio;
}

/* A ready thread moves to its new level; a waiting one keeps its place
 * in the wait queue until it queues again. */
int ts_thread_set_prio(struct ts_thread *t, int prio)
{
	int on;

	if (prio < TS_PRIO_MIN || prio > TS_PRIO_MAX || t == sched_idle)
		return -EINVAL;
	on = ts_sched_irq_save();
	if (t->state == THREAD_READY) {
		sched_unready(t);
		t->node.prio = prio;
		sched_wake(t, t->wake_result);
	} else {
		t->node.prio = prio;
	}
	ts_sched_irq_restore(on);
	/* Lowered below a ready thread, the caller gives way. */
	if (t == sched_current)
		ts_thread_yield();
	else
		sched_check_preempt();
	return 0;
}

const struct ts_arch_ctx *ts_thread_ctx(const struct ts_thread *t)
{
	return &t->ctx;
}

const char *ts_thread_state(const struct ts_thread *t)
{
	static const char *const names[] = {
		[THREAD_READY] = "ready",
		[THREAD_RUNNING] = "running",
		[THREAD_BLOCKED] = "blocked",
		[THREAD_EXITED] = "exited",
	};

	return names[t->state];
}

void ts_thread_stack(const struct ts_thread *t, uintptr_t *lo, uintptr_t *hi)
{
	*lo = t->stack_lo;
	*hi = t->stack_hi;
}

uint64_t ts_thread_switches(const struct ts_thread *t)
{
	return t->switches;
}

void *ts_thread_tls(const struct ts_thread *t)
{
	return t->tls;
}


uintptr_t ts_thread_tp(const struct ts_thread *t)
{
	return t->tp;
}

void ts_thread_set_tp(uintptr_t tp)
{
	int on = ts_sched_irq_save();

	sched_current->tp = tp;
	ts_arch_tp_set(tp);
	ts_sched_irq_restore(on);
}

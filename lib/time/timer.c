/* One-shot timers on the platform's one-shot timer: the list holds the
 * pending ones, the platform timer is programmed for the first. Every
 * change to the list happens with interrupts off, since the expiry runs
 * in the timer interrupt. */
#include <stddef.h>
#include <ts/arch/cpu.h>
#include <ts/arch/irq_save.h>
#include <ts/plat/time.h>
#include <ts/time.h>
#include "timerq.h"

static struct timerq pending = { { &pending.head, &pending.head } };
/* What the platform timer is set for: saves reprogramming it when the
 * first deadline did not change. */
static uint64_t programmed = TS_TIME_NEVER;
static int expiring;
static uint64_t fired;

static void reprogram(void)
{
	struct ts_timer *t = timerq_first(&pending);
	uint64_t d = t ? t->deadline : TS_TIME_NEVER;

	if (expiring || d == programmed)
		return;
	programmed = d;
	if (d == TS_TIME_NEVER)
		ts_plat_timer_cancel();
	else
		ts_plat_timer_set(d);
}

void ts_timer_init(struct ts_timer *t, ts_timer_fn fn, void *arg)
{
	t->link.next = t->link.prev = NULL;
	t->deadline = 0;
	t->fn = fn;
	t->arg = arg;
}

void ts_timer_arm(struct ts_timer *t, uint64_t deadline_ns)
{
	int was_on = ts_arch_irq_save();
	int first;

	first = timerq_pending(t) && timerq_remove(&pending, t);
	t->deadline = deadline_ns;
	if (timerq_insert(&pending, t) || first)
		reprogram();
	ts_arch_irq_restore(was_on);
}

int ts_timer_cancel(struct ts_timer *t)
{
	int was_on = ts_arch_irq_save();
	int was_pending;

	was_pending = timerq_pending(t);
	if (was_pending && timerq_remove(&pending, t))
		reprogram();
	ts_arch_irq_restore(was_on);
	return was_pending;
}

int ts_timer_pending(const struct ts_timer *t)
{
	return timerq_pending(t);
}

uint64_t ts_timer_fired_count(void)
{
	return fired;
}

/* The platform's timer interrupt (interrupts off). Its one-shot timer
 * has fired, so nothing is programmed any more. Callbacks may arm
 * timers; the platform timer is set once, after all of them ran. */
void ts_plat_timer_expired(void)
{
	uint64_t now = ts_plat_time_ns();
	struct ts_timer *t;

	programmed = TS_TIME_NEVER;
	expiring = 1;
	while ((t = timerq_first(&pending))) {
		if (t->deadline > now) {
			now = ts_plat_time_ns();
			if (t->deadline > now)
				break;
		}
		timerq_remove(&pending, t);
		fired++;
		t->fn(t, t->arg);
	}
	expiring = 0;
	reprogram();
}

static void set_flag(struct ts_timer *t, void *arg)
{
	(void)t;
	*(volatile int *)arg = 1;
}

void ts_time_halt_until(uint64_t deadline_ns)
{
	volatile int done = 0;
	struct ts_timer t = TS_TIMER_INIT(set_flag, (void *)&done);
	int was_on = ts_arch_irq_enabled();

	ts_timer_arm(&t, deadline_ns);
	for (;;) {
		/* Checked with interrupts off: ts_arch_idle() enables them
		 * and halts in one step, so the wake-up cannot be missed. */
		ts_arch_irq_disable();
		if (done)
			break;
		ts_arch_idle();
	}
	ts_arch_irq_restore(was_on);
}

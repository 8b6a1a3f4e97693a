/* External interrupts: the C side of vectors 32-255. The entry path is
 * the exceptions' (trap_entry.S), so registers and FPU/SSE state are
 * saved the same way. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/cpu.h>
#include <ts/arch/debug.h>
#include <ts/arch/irq.h>
#include <ts/arch/irq_save.h>
#include <ts/plat/console.h>
#include <ts/trace.h>
#include "internal.h"

TS_TRACEPOINT(irq_entry, "vector %u", unsigned int);
TS_TRACEPOINT(irq_exit, "vector %u", unsigned int);

#define NR_VECTORS 256
/* Tables for vectors 32-255 only: below are the exceptions, which never
 * come here (RAM the smallest images need, doc/targets.md). */
#define NR_IRQS (NR_VECTORS - TS_X86_VEC_FIRST_IRQ)

struct irq_handler {
	ts_arch_irq_fn fn;
	void *arg;
};

static struct irq_handler handlers[NR_IRQS];
static uint64_t counts[NR_IRQS];
static uint8_t reported[NR_IRQS / 8];
static void (*eoi_fn)(void);
static int (*preempt_want)(void);
static void (*preempt_run)(void);
/* The frame of the interrupted code while a handler runs, for a debugger
 * stub that stops the program from a timer (Ctrl-C): <ts/arch/debug.h>. */
static struct ts_regs *irq_frame;

struct ts_regs *ts_arch_dbg_irq_regs(void)
{
	return irq_frame;
}

int ts_arch_irq_set_handler(unsigned int vector, ts_arch_irq_fn fn,
			    void *arg)
{
	struct irq_handler *h;
	int was_on;

	if (vector < TS_X86_VEC_FIRST_IRQ || vector >= TS_X86_VEC_SPURIOUS)
		return -EINVAL;
	h = &handlers[vector - TS_X86_VEC_FIRST_IRQ];
	if (fn && h->fn && h->fn != fn)
		return -EBUSY;
	/* The vector may fire between the two stores. */
	was_on = ts_arch_irq_save();
	h->fn = fn;
	h->arg = arg;
	ts_arch_irq_restore(was_on);
	return 0;
}

void ts_x86_irq_set_eoi(void (*eoi)(void))
{
	eoi_fn = eoi;
}

void ts_arch_irq_set_preempt(int (*want)(void), void (*run)(void))
{
	int was_on = ts_arch_irq_save();

	preempt_want = want;
	preempt_run = run;
	ts_arch_irq_restore(was_on);
}

uint64_t ts_x86_irq_count(unsigned int vector)
{
	return vector >= TS_X86_VEC_FIRST_IRQ && vector < NR_VECTORS ?
	       counts[vector - TS_X86_VEC_FIRST_IRQ] : 0;
}

static int from_pic(unsigned int vec)
{
	return vec >= TS_X86_VEC_PIC_BASE && vec < TS_X86_VEC_PIC_END;
}

/* An interrupt nobody asked for: say so once per vector, as a warning
 * (it is not fatal: the next one is merely counted). */
static void report_unexpected(unsigned int vec, const struct ts_regs *regs)
{
	unsigned int i = vec - TS_X86_VEC_FIRST_IRQ;

	if (reported[i / 8] & (1U << (i % 8)))
		return;
	reported[i / 8] |= 1U << (i % 8);
	ts_printk("x86: unexpected interrupt, vector %#x%s at RIP %#lx; "
		  "further ones on this vector are only counted\n", vec,
		  from_pic(vec) ? " (8259 PIC, which should be masked)" : "",
		  (unsigned long)regs->rip);
}

void x86_irq_dispatch(struct ts_regs *regs)
{
	/* ts_arch_trap() sends vectors 32-255 only. */
	unsigned int vec = regs->vector & (NR_VECTORS - 1);
	struct irq_handler *h = &handlers[vec - TS_X86_VEC_FIRST_IRQ];

	counts[vec - TS_X86_VEC_FIRST_IRQ]++;
	/* The local APIC raises its spurious vector when an interrupt
	 * vanished before the CPU took it. Nothing is in service then, so
	 * it must not be acknowledged (Intel SDM vol. 3, 10.9). */
	if (vec == TS_X86_VEC_SPURIOUS)
		return;
	trace_irq_entry(vec);
	irq_frame = regs;
	if (h->fn)
		h->fn(h->arg, regs);
	else
		report_unexpected(vec, regs);
	irq_frame = NULL;
	if (!from_pic(vec) && eoi_fn)
		eoi_fn();
	trace_irq_exit(vec);
	/* Interrupts do not nest and are taken on the interrupted stack
	 * (no IST for them): this is the thread's own stack, with the
	 * frame and FPU/SSE state of trap_entry.S on it. */
	if (preempt_want && preempt_want())
		preempt_run();
}

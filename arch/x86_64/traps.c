/* Interrupt descriptor table and the C side of exception entry: hooks
 * first (a debugger stub), otherwise lib/debug's fatal report. External
 * interrupts go on to irq.c. */
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/irq.h>
#include <ts/arch/trap.h>
#include <ts/arch/x86.h>
#include "internal.h"

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate layout");

#define GATE_INTERRUPT 0x8e /* present, DPL 0, 64-bit interrupt gate */

static struct idt_gate idt[256] __attribute__((aligned(16)));
static ts_arch_trap_fn hooks[TS_X86_NR_EXCEPTIONS];

/* CR2 of the exception being reported (fault_report.c): read before
 * anything else can fault and change it. */
uint64_t x86_fault_cr2;

static void idt_set(unsigned int vec, uint64_t handler, unsigned int ist)
{
	idt[vec].offset_lo = handler & 0xffff;
	idt[vec].selector = SEL_CODE;
	idt[vec].ist = ist;
	idt[vec].type_attr = GATE_INTERRUPT;
	idt[vec].offset_mid = (handler >> 16) & 0xffff;
	idt[vec].offset_hi = handler >> 32;
	idt[vec].reserved = 0;
}

/* Cold: it runs once, and optimised for speed GCC makes 3 KiB of it,
 * most of a page of the RAM the smallest images need (doc/targets.md). */
__attribute__((cold)) void x86_idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1,
					   (uint64_t)(uintptr_t)idt };
	unsigned int v;

	for (v = 0; v < TS_X86_NR_EXCEPTIONS; v++)
		idt_set(v, ts_x86_trap_stubs[v], 0);
	for (v = TS_X86_VEC_FIRST_IRQ; v < 256; v++)
		idt_set(v, (uint64_t)(uintptr_t)ts_x86_irq_stubs +
			   (v - TS_X86_VEC_FIRST_IRQ) * TS_X86_IRQ_STUB_SIZE,
			0);
	idt_set(TS_X86_VEC_DF, ts_x86_trap_stubs[TS_X86_VEC_DF], IST_DF);
	idt_set(TS_X86_VEC_NMI, ts_x86_trap_stubs[TS_X86_VEC_NMI], IST_NMI);
	idt_set(TS_X86_VEC_MC, ts_x86_trap_stubs[TS_X86_VEC_MC], IST_MC);
	__asm__ __volatile__("lidt %0" :: "m"(idtr) : "memory");
}

ts_arch_trap_fn ts_arch_trap_set_handler(unsigned int vector,
					 ts_arch_trap_fn fn)
{
	ts_arch_trap_fn old;

	if (vector >= TS_X86_NR_EXCEPTIONS)
		return NULL;
	old = hooks[vector];
	hooks[vector] = fn;
	return old;
}


void ts_arch_trap(struct ts_regs *regs)
{
	uint64_t cr2;
	unsigned int vec = regs->vector;

	if (vec >= TS_X86_VEC_FIRST_IRQ) {
		x86_irq_dispatch(regs);
		return;
	}
	cr2 = read_cr2(); /* before anything can fault again */
	if (vec < TS_X86_NR_EXCEPTIONS && hooks[vec] && hooks[vec](regs))
		return;
	x86_fault_cr2 = cr2;
	ts_debug_fatal_exception(regs);
}

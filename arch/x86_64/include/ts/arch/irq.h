/* External interrupts (x86_64): the vector map and handler registration.
 * For arch, platform and driver code; the interrupt controllers (local
 * APIC, 8259) are drivers that use this. */
#ifndef TS_ARCH_IRQ_H
#define TS_ARCH_IRQ_H

/* The vector map, in one place so that collisions show. The local APIC
 * delivers by priority class (vector >> 4): higher classes first. */
#define TS_X86_VEC_FIRST_IRQ	32	/* 0-31 are CPU exceptions */
#define TS_X86_VEC_PIC_BASE	0x20	/* 8259 IRQ 0-15, all masked */
#define TS_X86_VEC_PIC_END	0x30
#define TS_X86_VEC_DEV_FIRST	0x30	/* free for devices */
#define TS_X86_VEC_DEV_LAST	0xef
#define TS_X86_VEC_TIMER	0xf0	/* local APIC timer */
#define TS_X86_VEC_APIC_ERROR	0xfe	/* local APIC error */
#define TS_X86_VEC_SPURIOUS	0xff	/* local APIC spurious */

/* Each interrupt entry stub fills one slot of this size. */
#define TS_X86_IRQ_STUB_SIZE	16

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <ts/arch/regs.h>

/* Runs with interrupts off, on the interrupted stack, with the FPU/SSE
 * state already saved. It must not enable interrupts. */
typedef void (*ts_arch_irq_fn)(void *arg, struct ts_regs *regs);

/* Take vector (TS_X86_VEC_FIRST_IRQ..254, not the spurious vector).
 * fn == NULL gives the vector up. Returns 0, -EINVAL for a vector that
 * cannot be taken, -EBUSY if another handler has it. */
int ts_arch_irq_set_handler(unsigned int vector, ts_arch_irq_fn fn,
			    void *arg);

/* The interrupt controller's end-of-interrupt, which the dispatcher
 * calls after the handler of every vector the local APIC delivers: all
 * but the spurious vector and the 8259's (the 8259 would deliver
 * through ExtINT, which takes no EOI). Vectors without a handler are
 * reported once and acknowledged too, so that they cannot block the
 * lower priority classes. Set by the local APIC driver. */
void ts_x86_irq_set_eoi(void (*eoi)(void));

/* Preemption on the way out of an interrupt (lib/sched, when it slices
 * time). After the handler and the end-of-interrupt, want() is asked
 * with interrupts off; when it says yes, run() is called with
 * interrupts off on the interrupted thread's own stack, as if that
 * thread had called it at the interrupted instruction. run() may switch
 * threads; once it returns, the interrupted code goes on with all its
 * registers and its FPU/SSE state, which the interrupt entry saved on
 * that stack. NULL, NULL turns preemption off. */
void ts_arch_irq_set_preempt(int (*want)(void), void (*run)(void));

/* Interrupts taken on a vector since boot (statistics, tests). */
uint64_t ts_x86_irq_count(unsigned int vector);

#endif /* __ASSEMBLER__ */
#endif

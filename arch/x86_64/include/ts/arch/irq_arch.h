/* x86_64's part of <ts/arch/irq.h>; included only from there: the vector
 * map and the local APIC's end-of-interrupt. Handlers run on the
 * interrupted stack, which already holds the registers and the
 * fxsave64 area, so preemption simply calls run() there. */
#ifndef TS_ARCH_IRQ_H
#error "include <ts/arch/irq.h>, not its architecture part"
#endif

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
/* The interrupt controller's end-of-interrupt, which the dispatcher
 * calls after the handler of every vector the local APIC delivers: all
 * but the spurious vector and the 8259's (the 8259 would deliver
 * through ExtINT, which takes no EOI). Vectors without a handler are
 * reported once and acknowledged too, so that they cannot block the
 * lower priority classes. Set by the local APIC driver. */
void ts_x86_irq_set_eoi(void (*eoi)(void));

/* Interrupts taken on a vector since boot (statistics, tests). */
uint64_t ts_x86_irq_count(unsigned int vector);
#endif /* __ASSEMBLER__ */

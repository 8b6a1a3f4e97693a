/* Local APIC registers, shared by the files of this driver only. */
#ifndef LAPIC_LAPIC_H
#define LAPIC_LAPIC_H

#include <stdint.h>

/* Register offsets in the xAPIC page; the x2APIC MSR is 0x800 + off/16. */
#define APIC_ID		0x020
#define APIC_VERSION	0x030
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_ISR	0x100	/* 8 registers, 0x10 apart */
#define APIC_ESR	0x280
#define APIC_LVT_CMCI	0x2f0
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_THERM	0x330
#define APIC_LVT_PMC	0x340
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3e0	/* timer divide configuration */

#define APIC_SVR_ENABLE		(1U << 8)
#define APIC_LVT_MASKED		(1U << 16)
#define APIC_LVT_DM_NMI		(4U << 8)
#define APIC_LVT_TIMER_TSCDL	(2U << 17)
#define APIC_TDCR_DIV1		0xb

uint32_t lapic_read(unsigned int reg);
void lapic_write(unsigned int reg, uint32_t v);

#endif

/* The Raspberry Pi 3's interrupt controllers, for the boot CPU (core
 * 0): the BCM2836 local controller and, behind it, the BCM2835 ARM
 * interrupt controller. One number space for both:
 *   0-31    local sources, by their bit in the core's IRQ source
 *           register (0-3 the generic timers, 4-7 mailboxes, 9 PMU,
 *           11 local timer; 8 is the cascade and never handed out);
 *   32-95   the ARM controller's GPU interrupts 0-63 (peripherals);
 *   96-103  its basic interrupts 0-7 (ARM timer, doorbells, ...). */
#ifndef TS_INTC_BCM2836_H
#define TS_INTC_BCM2836_H

#include <stdint.h>

#define TS_BCM2836_IRQ_CNTPS	0	/* secure physical timer */
#define TS_BCM2836_IRQ_CNTPNS	1	/* non-secure physical timer */
#define TS_BCM2836_IRQ_CNTHP	2	/* hypervisor timer */
#define TS_BCM2836_IRQ_CNTV	3	/* virtual timer */
#define TS_BCM2836_IRQ_GPU(n)	(32 + (n))
#define TS_BCM2836_IRQ_BASIC(n)	(96 + (n))
#define TS_BCM2836_NR_IRQS	104

/* local: the local controller (0x40000000); armctrl: the ARM interrupt
 * controller (peripherals + 0xb200). Everything starts disabled, the
 * peripherals' interrupts routed to core 0, and the controller is
 * registered as the CPU's (<ts/arch/irq.h>). Returns 0. */
int ts_bcm2836_intc_init(uintptr_t local, uintptr_t armctrl);

/* Returns 0, -EINVAL for a number that cannot be enabled (the cascade,
 * sources without an enable bit), -ENODEV before init. */
int ts_bcm2836_intc_enable(unsigned int irq);
void ts_bcm2836_intc_disable(unsigned int irq);

#endif

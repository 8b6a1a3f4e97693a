/* Interrupts on virt: the GIC the device tree names (GICv2 or GICv3,
 * QEMU's -M virt,gic-version=) and the generic timer's PPI on it. */
#include <stdint.h>
#include <ts/arch/irq.h>
#include <ts/intc/gic.h>
#include <ts/plat/console.h>
#include <ts/timer/arm_generic.h>
#include "virt.h"

void virt_irq_init(const struct virt_devices *d)
{
	int rc = -1;

	if (d->gic_version == 3)
		rc = ts_gic_v3_init(d->gicd, d->gicr, d->gicr_size);
	else if (d->gic_version == 2)
		rc = ts_gic_v2_init(d->gicd, d->gicc);
	else
		ts_printk("virt: no GIC in the device tree\n");
	if (rc) {
		ts_printk("virt: no interrupts: timers will not fire\n");
		return;
	}
	ts_arch_irq_set_handler(d->timer_intid, ts_arm_timer_irq, NULL);
	ts_gic_enable(d->timer_intid, d->timer_edge);
}

/* Interrupts: the GIC-400 on the Pi 4 (the firmware's default,
 * enable_gic=1), the BCM2836 local controller on the Pi 3; and the
 * generic timer's virtual timer interrupt on either. */
#include <stdint.h>
#include <ts/arch/irq.h>
#include <ts/intc/bcm2836.h>
#include <ts/intc/gic.h>
#include <ts/plat/console.h>
#include <ts/timer/arm_generic.h>
#include "raspi.h"

void raspi_irq_init(void)
{
	int rc;

	if (raspi_board.soc == TS_RASPI_BCM2711) {
		rc = ts_gic_v2_init(BCM2711_GICD, BCM2711_GICC);
		if (!rc)
			rc = ts_arch_irq_set_handler(BCM2711_TIMER_INTID,
						     ts_arm_timer_irq, NULL);
		if (!rc)
			rc = ts_gic_enable(BCM2711_TIMER_INTID, 0);
	} else {
		rc = ts_bcm2836_intc_init(raspi_board.local,
					  raspi_periph(RASPI_ARMCTRL_OFF));
		if (!rc)
			rc = ts_arch_irq_set_handler(TS_BCM2836_IRQ_CNTV,
						     ts_arm_timer_irq, NULL);
		if (!rc)
			rc = ts_bcm2836_intc_enable(TS_BCM2836_IRQ_CNTV);
	}
	if (rc)
		ts_printk("raspi: no interrupts (error %d): timers will not "
			  "fire\n", rc);
}

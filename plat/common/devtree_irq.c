/* Interrupts and device mappings of an arm64 virtual machine from its
 * device tree (<ts/plat/devtree_devices.h>): the GIC the tree names
 * (GICv2 or GICv3) and the generic timer's PPI on it. */
#include <stdint.h>
#include <ts/arch/irq.h>
#include <ts/intc/gic.h>
#include <ts/plat/console.h>
#include <ts/plat/devtree_devices.h>
#include <ts/plat/memory.h>
#include <ts/timer/arm_generic.h>

void ts_plat_devtree_irq_init(const struct ts_plat_dt_devices *d,
			      const char *who)
{
	int rc = -1;

	if (d->gic_version == 3)
		rc = ts_gic_v3_init(d->gicd, d->gicr, d->gicr_size);
	else if (d->gic_version == 2)
		rc = ts_gic_v2_init(d->gicd, d->gicc);
	else
		ts_printk("%s: no GIC in the device tree\n", who);
	if (rc) {
		ts_printk("%s: no interrupts: timers will not fire\n", who);
		return;
	}
	ts_arch_irq_set_handler(d->timer_intid, ts_arm_timer_irq, NULL);
	ts_gic_enable(d->timer_intid, d->timer_edge);
}

static void add_device(uint64_t base, uint64_t size, const char *name)
{
	if (size)
		ts_plat_memregion_add(base, size, TS_MEMR_DEVICE, name);
}

void ts_plat_devtree_map_devices(const struct ts_plat_dt_devices *d)
{
	add_device(d->uart, d->uart_size, "uart");
	add_device(d->uart2, d->uart2_size, "second uart");
	add_device(d->gicd, d->gicd_size, "gic distributor");
	add_device(d->gicc, d->gicc_size, "gic cpu interface");
	add_device(d->gicr, d->gicr_size, "gic redistributors");
	add_device(d->rtc, d->rtc_size, "rtc");
}

/* What GICv2 and GICv3 share: the distributor's SPI registers, enable
 * and disable by INTID, and the hand-over to the IRQ dispatcher. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/arch/irq.h>
#include <ts/intc/gic.h>
#include "gic.h"

uintptr_t gic_dist;
unsigned int gic_lines;
static const struct gic_ops *gic;

static void gic_mask(unsigned int intid)
{
	ts_gic_disable(intid);
}

static struct ts_arm64_irq_controller controller = {
	.name = "the GIC",
	.mask = gic_mask,
};

void gic_register(const struct gic_ops *ops)
{
	gic = ops;
	controller.ack = ops->ack;
	controller.eoi = ops->eoi;
	ts_arm64_irq_set_controller(&controller);
}

unsigned int ts_gic_version(void)
{
	return gic ? gic->version : 0;
}

void gic_set_config(uintptr_t cfg_base, unsigned int intid, int edge)
{
	uintptr_t reg = cfg_base + (intid / 16) * 4;
	uint32_t bit = 2U << (2 * (intid % 16));
	uint32_t v = ts_mmio_read32(reg);
	uint32_t want = edge ? (v | bit) : (v & ~bit);

	/* Some of these bits are read-only (SGIs, some PPIs): write only
	 * when there is a change, so that no write is refused. */
	if (want != v)
		ts_mmio_write32(reg, want);
}

void gic_dist_spis_reset(void)
{
	unsigned int i;

	for (i = 32; i < gic_lines; i += 32) {
		ts_mmio_write32(gic_dist + GICD_ICENABLER + i / 8, ~0U);
		ts_mmio_write32(gic_dist + GICD_ICPENDR + i / 8, ~0U);
	}
	for (i = 32; i < gic_lines; i += 16)
		ts_mmio_write32(gic_dist + GICD_ICFGR + i / 4, 0);
	for (i = 32; i < gic_lines; i += 4)
		ts_mmio_write32(gic_dist + GICD_IPRIORITYR + i,
				GIC_PRIO * 0x01010101U);
}

int ts_gic_enable(unsigned int intid, int edge)
{
	if (!gic)
		return -ENODEV;
	if (intid >= gic_lines)
		return -EINVAL;
	if (intid < 32) {
		gic->private_config(intid, edge);
		gic->private_enable(intid, 1);
		return 0;
	}
	gic_set_config(gic_dist + GICD_ICFGR, intid, edge);
	ts_arm64_dsb_ish();
	ts_mmio_write32(gic_dist + GICD_ISENABLER + (intid / 32) * 4,
			1U << (intid % 32));
	return 0;
}

void ts_gic_disable(unsigned int intid)
{
	if (!gic || intid >= gic_lines)
		return;
	if (intid < 32) {
		gic->private_enable(intid, 0);
		return;
	}
	ts_mmio_write32(gic_dist + GICD_ICENABLER + (intid / 32) * 4,
			1U << (intid % 32));
	ts_arm64_dsb_ish();
}

/* GICv2: memory-mapped distributor and CPU interface (Arm IHI 0048B).
 * Interrupts stay in group 0, which a GICv2 signals as IRQ (FIQ only
 * with GICC_CTLR.FIQEn); on a GIC with the security extensions seen
 * from the non-secure side, the same writes configure group 1. */
#include <errno.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/intc/gic.h>
#include <ts/plat/console.h>
#include "gic.h"

#define GICD_PIDR2		0x0fe8
#define GICD_CTLR_ENABLE	(1U << 0)

#define GICC_CTLR		0x0000
#define GICC_PMR		0x0004
#define GICC_BPR		0x0008
#define GICC_IAR		0x000c
#define GICC_EOIR		0x0010
#define GICC_CTLR_ENABLE	(1U << 0)

static uintptr_t cpu_if;
/* GICC_EOIR wants the whole GICC_IAR value back (for SGIs it names the
 * sending CPU); interrupts do not nest, so one is enough. */
static uint32_t last_iar;

static int v2_ack(void)
{
	uint32_t iar = ts_mmio_read32(cpu_if + GICC_IAR);
	unsigned int intid = iar & 0x3ff;

	if (intid >= GIC_SPURIOUS_FIRST)
		return -1;
	last_iar = iar;
	return (int)intid;
}

static void v2_eoi(unsigned int intid)
{
	uint32_t v = (last_iar & 0x3ff) == intid ? last_iar : intid;

	ts_mmio_write32(cpu_if + GICC_EOIR, v);
}

static void v2_private_enable(unsigned int intid, int on)
{
	ts_mmio_write32(gic_dist + (on ? GICD_ISENABLER : GICD_ICENABLER),
			1U << intid);
	if (!on)
		ts_arm64_dsb_ish();
}

static void v2_private_config(unsigned int intid, int edge)
{
	gic_set_config(gic_dist + GICD_ICFGR, intid, edge);
}

static const struct gic_ops v2_ops = {
	.version = 2,
	.ack = v2_ack,
	.eoi = v2_eoi,
	.private_enable = v2_private_enable,
	.private_config = v2_private_config,
};

int ts_gic_v2_init(uintptr_t dist, uintptr_t cpu)
{
	unsigned int arch = (ts_mmio_read32(dist + GICD_PIDR2) >> 4) & 0xf;
	uint32_t targets;
	unsigned int i;

	if (arch != 1 && arch != 2) {
		ts_printk("gic: the distributor at %#lx says GIC architecture "
			  "version %u, not 2\n", (unsigned long)dist, arch);
		return -ENODEV;
	}
	gic_dist = dist;
	cpu_if = cpu;
	gic_lines = GICD_TYPER_LINES(ts_mmio_read32(dist + GICD_TYPER));
	if (gic_lines > GIC_SPURIOUS_FIRST)
		gic_lines = GIC_SPURIOUS_FIRST;

	ts_mmio_write32(dist + GICD_CTLR, 0);
	gic_dist_spis_reset();
	/* GICD_ITARGETSR0-7 are read-only and name this CPU: route every
	 * SPI to it. */
	targets = ts_mmio_read32(dist + GICD_ITARGETSR) & 0xff;
	targets *= 0x01010101U;
	for (i = 32; i < gic_lines; i += 4)
		ts_mmio_write32(dist + GICD_ITARGETSR + i, targets);
	/* This CPU's banked SGIs and PPIs. */
	ts_mmio_write32(dist + GICD_ICENABLER, ~0U);
	ts_mmio_write32(dist + GICD_ICPENDR, ~0U);
	for (i = 0; i < 32; i += 4)
		ts_mmio_write32(dist + GICD_IPRIORITYR + i,
				GIC_PRIO * 0x01010101U);
	ts_mmio_write32(dist + GICD_CTLR, GICD_CTLR_ENABLE);

	ts_mmio_write32(cpu + GICC_PMR, GIC_PRIO_MASK);
	ts_mmio_write32(cpu + GICC_BPR, 0);
	ts_mmio_write32(cpu + GICC_CTLR, GICC_CTLR_ENABLE);
	ts_arm64_dsb_ish();
	gic_register(&v2_ops);
	return 0;
}

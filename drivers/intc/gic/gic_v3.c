/* GICv3: distributor with affinity routing, one redistributor per CPU
 * and the CPU interface in system registers (Arm IHI 0069H). Interrupts
 * go to non-secure group 1, which is IRQ at EL1 (group 0 would be FIQ).
 * GICv4 (the same layout plus virtual LPI frames) works as well. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/intc/gic.h>
#include <ts/plat/console.h>
#include "gic.h"

#define GICD_PIDR2		0xffe8
/* GICD_CTLR: the bits of a GIC with one security state and those of a
 * two-state GIC's non-secure view sit at the same places. */
#define GICD_CTLR_GRP0		(1U << 0)	/* NS view: Grp1 */
#define GICD_CTLR_GRP1		(1U << 1)	/* NS view: Grp1A */
#define GICD_CTLR_ARE		(1U << 4)	/* NS view: ARE_NS */
#define GICD_CTLR_RWP		(1U << 31)

/* Redistributor: RD_base frame, then SGI_base frame 64 KiB above. */
#define GICR_CTLR		0x0000
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_PIDR2		0xffe8
#define GICR_SGI		0x10000
#define GICR_IGROUPR0		(GICR_SGI + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)
#define GICR_ICPENDR0		(GICR_SGI + 0x0280)
#define GICR_IPRIORITYR		(GICR_SGI + 0x0400)
#define GICR_ICFGR0		(GICR_SGI + 0x0c00)

#define GICR_CTLR_RWP		(1U << 3)
#define GICR_TYPER_VLPIS	(1ULL << 1)
#define GICR_TYPER_LAST		(1ULL << 4)
#define GICR_WAKER_SLEEP	(1U << 1)	/* ProcessorSleep */
#define GICR_WAKER_ASLEEP	(1U << 2)	/* ChildrenAsleep */

#define ICC_SRE_SRE		(1U << 0)

#define SPIN_LIMIT		1000000

static uintptr_t rdist;		/* this CPU's RD_base */

static int v3_ack(void)
{
	uint64_t intid = ts_arm64_read_sysreg(icc_iar1_el1) & 0xffffff;

	if (intid >= GIC_SPURIOUS_FIRST && intid < 1024)
		return -1;
	return (int)intid;
}

static void v3_eoi(unsigned int intid)
{
	ts_arm64_write_sysreg(icc_eoir1_el1, intid);
	ts_arm64_isb();
}

/* Wait for a register write to take effect (RWP: register write
 * pending), boundedly. */
static void wait_rwp(uintptr_t reg, uint32_t bit)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (!(ts_mmio_read32(reg) & bit))
			return;
	ts_printk("gic: register write at %#lx does not complete\n",
		  (unsigned long)reg);
}

static void v3_private_enable(unsigned int intid, int on)
{
	ts_mmio_write32(rdist + (on ? GICR_ISENABLER0 : GICR_ICENABLER0),
			1U << intid);
	if (!on)
		wait_rwp(rdist + GICR_CTLR, GICR_CTLR_RWP);
}

static void v3_private_config(unsigned int intid, int edge)
{
	gic_set_config(rdist + GICR_ICFGR0, intid, edge);
}

static const struct gic_ops v3_ops = {
	.version = 3,
	.ack = v3_ack,
	.eoi = v3_eoi,
	.private_enable = v3_private_enable,
	.private_config = v3_private_config,
};

/* MPIDR_EL1 affinity as GICR_TYPER[63:32] and GICD_IROUTER hold it. */
static uint64_t my_affinity(void)
{
	uint64_t mpidr = ts_arm64_read_sysreg(mpidr_el1);

	return ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);
}

static uintptr_t find_redist(uintptr_t base, size_t len)
{
	uint64_t aff = my_affinity();
	uintptr_t r = base;

	while (r + 2 * 0x10000 <= base + len) {
		unsigned int arch = (ts_mmio_read32(r + GICR_PIDR2) >> 4) & 0xf;
		uint64_t typer = ts_mmio_read64(r + GICR_TYPER);

		if (arch != 3 && arch != 4)
			break;
		if ((typer >> 32) == aff)
			return r;
		if (typer & GICR_TYPER_LAST)
			break;
		r += (typer & GICR_TYPER_VLPIS) ? 4 * 0x10000 : 2 * 0x10000;
	}
	return 0;
}

int ts_gic_v3_init(uintptr_t dist, uintptr_t redist, size_t redist_len)
{
	unsigned int arch = (ts_mmio_read32(dist + GICD_PIDR2) >> 4) & 0xf;
	uint64_t route = ((my_affinity() >> 24) << 32) |
			 (my_affinity() & 0xffffff);
	unsigned int i, n;

	if (arch != 3 && arch != 4) {
		ts_printk("gic: the distributor at %#lx says GIC architecture "
			  "version %u, not 3\n", (unsigned long)dist, arch);
		return -ENODEV;
	}
	rdist = find_redist(redist, redist_len);
	if (!rdist) {
		ts_printk("gic: no redistributor for this CPU (affinity "
			  "%#lx) in %#lx+%#lx\n", (unsigned long)my_affinity(),
			  (unsigned long)redist, (unsigned long)redist_len);
		return -ENODEV;
	}
	ts_arm64_write_sysreg(icc_sre_el1,
			      ts_arm64_read_sysreg(icc_sre_el1) | ICC_SRE_SRE);
	ts_arm64_isb();
	if (!(ts_arm64_read_sysreg(icc_sre_el1) & ICC_SRE_SRE)) {
		ts_printk("gic: the GICv3 CPU interface cannot be used "
			  "through system registers (ICC_SRE_EL1.SRE stays "
			  "0; EL2 did not allow it?)\n");
		return -ENODEV;
	}
	gic_dist = dist;
	gic_lines = GICD_TYPER_LINES(ts_mmio_read32(dist + GICD_TYPER));
	if (gic_lines > GIC_SPURIOUS_FIRST)
		gic_lines = GIC_SPURIOUS_FIRST;

	ts_mmio_write32(dist + GICD_CTLR, 0);
	wait_rwp(dist + GICD_CTLR, GICD_CTLR_RWP);
	ts_mmio_write32(dist + GICD_CTLR, GICD_CTLR_ARE);
	wait_rwp(dist + GICD_CTLR, GICD_CTLR_RWP);
	gic_dist_spis_reset();
	for (i = 32; i < gic_lines; i += 32)
		ts_mmio_write32(dist + GICD_IGROUPR + i / 8, ~0U);
	for (i = 32; i < gic_lines; i++)
		ts_mmio_write64(dist + GICD_IROUTER + 8 * i, route);
	wait_rwp(dist + GICD_CTLR, GICD_CTLR_RWP);
	ts_mmio_write32(dist + GICD_CTLR,
			GICD_CTLR_ARE | GICD_CTLR_GRP1 | GICD_CTLR_GRP0);
	wait_rwp(dist + GICD_CTLR, GICD_CTLR_RWP);

	/* Wake this CPU's redistributor, then its SGIs and PPIs. */
	ts_mmio_write32(rdist + GICR_WAKER,
			ts_mmio_read32(rdist + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	for (n = 0; n < SPIN_LIMIT; n++)
		if (!(ts_mmio_read32(rdist + GICR_WAKER) & GICR_WAKER_ASLEEP))
			break;
	ts_mmio_write32(rdist + GICR_ICENABLER0, ~0U);
	wait_rwp(rdist + GICR_CTLR, GICR_CTLR_RWP);
	ts_mmio_write32(rdist + GICR_ICPENDR0, ~0U);
	ts_mmio_write32(rdist + GICR_IGROUPR0, ~0U);
	for (i = 0; i < 32; i += 4)
		ts_mmio_write32(rdist + GICR_IPRIORITYR + i,
				GIC_PRIO * 0x01010101U);

	ts_arm64_write_sysreg(icc_pmr_el1, GIC_PRIO_MASK);
	ts_arm64_write_sysreg(icc_bpr1_el1, 0);
	ts_arm64_write_sysreg(icc_ctlr_el1, 0);	/* EOI also deactivates */
	ts_arm64_write_sysreg(icc_igrpen1_el1, 1);
	ts_arm64_isb();
	gic_register(&v3_ops);
	return 0;
}

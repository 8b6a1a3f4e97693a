/* Shared by the files of drivers/intc/gic only. */
#ifndef GIC_GIC_H
#define GIC_GIC_H

#include <stdint.h>

/* Distributor registers (GICv2 and GICv3 alike). */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICPENDR		0x0280
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800	/* GICv2 */
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000	/* GICv3, 64-bit per SPI */

#define GICD_TYPER_LINES(t)	(32 * (((t) & 0x1f) + 1))

/* Priority of every interrupt, and the mask that lets all of them
 * through: one level, so no interrupt preempts another. */
#define GIC_PRIO		0xa0
#define GIC_PRIO_MASK		0xf0

#define GIC_SPURIOUS_FIRST	1020

/* The version-specific part. */
struct gic_ops {
	unsigned int version;
	int (*ack)(void);
	void (*eoi)(unsigned int intid);
	/* Enable/disable and trigger of one SGI or PPI (INTID < 32). */
	void (*private_enable)(unsigned int intid, int on);
	void (*private_config)(unsigned int intid, int edge);
};

/* gic.c: state common to both versions, set by the version's init. */
extern uintptr_t gic_dist;
extern unsigned int gic_lines;

/* Register ops as the GIC in use and as the CPU's interrupt
 * controller. */
void gic_register(const struct gic_ops *ops);

/* Distributor setup for SPIs common to both versions: all disabled, not
 * pending, level-triggered, one priority. */
void gic_dist_spis_reset(void);

/* The trigger bit pair of one INTID in a GICD_ICFGR-style register
 * block at base (shared with GICv3's redistributor). */
void gic_set_config(uintptr_t cfg_base, unsigned int intid, int edge);

#endif

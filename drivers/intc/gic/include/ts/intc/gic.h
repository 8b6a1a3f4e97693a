/* Arm Generic Interrupt Controller, GICv2 and GICv3, for the boot CPU.
 * Interrupt numbers are INTIDs: 0-15 SGIs, 16-31 PPIs (per CPU, e.g. the
 * generic timer), 32-1019 SPIs (devices). A device tree's 3-cell
 * specifier <type number flags> gives INTID number + 32 for type 0
 * (SPI) and number + 16 for type 1 (PPI). */
#ifndef TS_INTC_GIC_H
#define TS_INTC_GIC_H

#include <stddef.h>
#include <stdint.h>

/* Bring up the distributor and this CPU's interface with every
 * interrupt disabled, all in the non-secure group 1, routed to this
 * CPU, and register the GIC as the CPU's interrupt controller
 * (<ts/arch/irq.h>). Addresses are the device tree's "reg" values; the
 * redistributor region of GICv3 is searched for this CPU's frame.
 * Returns 0, or -ENODEV (with a message) when the registers do not look
 * like the GIC version asked for, or when this CPU has no
 * redistributor or no system-register CPU interface. */
int ts_gic_v2_init(uintptr_t dist, uintptr_t cpu_if);
int ts_gic_v3_init(uintptr_t dist, uintptr_t redist, size_t redist_len);

/* 2 or 3 once initialised, else 0. */
unsigned int ts_gic_version(void);

/* Enable or disable one interrupt at the distributor (redistributor for
 * SGIs and PPIs). edge: 1 for rising-edge triggered, 0 for level
 * (device tree flags 1 and 4). Returns 0, or -EINVAL for an INTID the
 * GIC does not have, -ENODEV before init. */
int ts_gic_enable(unsigned int intid, int edge);
void ts_gic_disable(unsigned int intid);

#endif

/* The devices an arm64 virtual machine describes in its device tree
 * (QEMU virt, Xen's arm64 guests): the console UART, a second UART, the
 * GIC, the generic timer's interrupt, the PSCI conduit, a PL031. Read by
 * plat/common (devtree_devices.c, built with PLAT_COMMON_DEVTREE_ARM64)
 * for plat/virt and plat/xen, which differ only in what they do when
 * something is missing: virt falls back to QEMU's fixed addresses, Xen
 * refuses to guess (ts_plat_devtree_missing()). */
#ifndef TS_PLAT_DEVTREE_DEVICES_H
#define TS_PLAT_DEVTREE_DEVICES_H

#include <stdint.h>
#include <ts/arch/psci.h>

struct ts_fdt;

struct ts_plat_dt_devices {
	uint64_t uart, uart_size;	/* the console; 0: none found */
	uint32_t uart_clock;		/* Hz; 0 when unknown */
	int uart_sbsa;			/* an "arm,sbsa-uart" (Xen's vpl011):
					 * no baud, line or control registers */
	uint64_t uart2, uart2_size;	/* a second PL011; 0 when none */
	uint32_t uart2_clock;
	unsigned int gic_version;	/* 0: none found */
	uint64_t gicd, gicd_size;
	uint64_t gicc, gicc_size;	/* GICv2 CPU interface, or */
	uint64_t gicr, gicr_size;	/* GICv3 redistributors */
	int timer_found;		/* an armv8/armv7 timer node */
	unsigned int timer_intid;
	int timer_edge;
	uint32_t timer_freq;		/* Hz; 0: use CNTFRQ_EL0 */
	enum ts_psci_conduit psci;
	uint64_t rtc, rtc_size;		/* the PL031; 0 when none */
};

/* Check the blob at dtb (the loader's x0) and open it into *fdt. The tree
 * must lie 8-byte aligned in [ram_lo, ram_hi - 2 MiB) (the arm64 boot
 * protocol's maximum size, also a bound for a garbage header). Returns
 * fdt, or NULL with the reason in *problem. */
const struct ts_fdt *ts_plat_devtree_open(struct ts_fdt *fdt, void *dtb,
					  uint64_t ram_lo, uint64_t ram_hi,
					  const char **problem);

/* Fill *d from the tree (zeroed first; with fdt NULL it stays zeroed
 * but for the timer's usual PPI 27). */
void ts_plat_devtree_devices(const struct ts_fdt *fdt,
			     struct ts_plat_dt_devices *d);

/* What a platform that cannot guess needs and the tree lacks: a message
 * naming it ("no UART (arm,pl011 or arm,sbsa-uart)", ...), or NULL when
 * the console UART, the GIC and the timer were all found. */
const char *ts_plat_devtree_missing(const struct ts_plat_dt_devices *d);

/* Add the devices of d to the memory table (TS_MEMR_DEVICE), so that the
 * MMU maps them. */
void ts_plat_devtree_map_devices(const struct ts_plat_dt_devices *d);

/* The GIC of d and the generic timer's interrupt on it; a message
 * (prefixed by who) when there is none: timers then never fire. */
void ts_plat_devtree_irq_init(const struct ts_plat_dt_devices *d,
			      const char *who);

#endif

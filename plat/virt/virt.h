/* Shared by the files of plat/virt only. */
#ifndef VIRT_VIRT_H
#define VIRT_VIRT_H

#include <stdint.h>
#include <ts/arch/psci.h>
#include <ts/fdt.h>

/* QEMU's virt board (hw/arm/virt.c): RAM starts at 1 GiB, devices lie
 * below it; high redistributors and PCIe from 256 GiB. */
#define VIRT_RAM_BASE		0x40000000ULL
#define VIRT_HIGH_IO_BASE	0x4000000000ULL
/* Where QEMU puts the first PL011: the console when the device tree is
 * unusable. */
#define VIRT_UART0_BASE		0x09000000ULL

/* What the platform needs from the device tree. */
struct virt_devices {
	uint64_t uart, uart_size;
	uint32_t uart_clock;		/* Hz; 0 when unknown */
	uint64_t uart2, uart2_size;	/* a second PL011; 0 when none */
	uint32_t uart2_clock;
	unsigned int gic_version;	/* 0: none found */
	uint64_t gicd, gicd_size;
	uint64_t gicc, gicc_size;	/* GICv2 CPU interface, or */
	uint64_t gicr, gicr_size;	/* GICv3 redistributors */
	unsigned int timer_intid;
	int timer_edge;
	uint32_t timer_freq;		/* Hz; 0: use CNTFRQ_EL0 */
	enum ts_psci_conduit psci;
	uint64_t rtc, rtc_size;		/* the PL031; 0 when none */
};

/* devtree.c: the checked device tree, or NULL (with a message to print
 * once the console works) when the loader gave none that is usable. */
extern struct ts_fdt virt_fdt;
const struct ts_fdt *virt_devtree_open(void *dtb, const char **problem);
void virt_devtree_devices(const struct ts_fdt *fdt, struct virt_devices *d);

/* memory.c: the memory table, with the devices found in d. */
void virt_memory_init(const struct ts_fdt *fdt, const struct virt_devices *d);
/* cmdline.c: the kernel command line from the tree, if there is one. */
void virt_cmdline_init(const struct ts_fdt *fdt);

/* console.c */
void virt_console_init(uint64_t base, uint32_t clock);
void virt_console_flush(void);
/* The console's PL011 once it is set up, else NULL. */
struct ts_pl011;
const struct ts_pl011 *virt_console_pl011(void);

/* debug_uart.c: the second PL011 for a debugger stub, if any. */
void virt_debug_uart_found(uint64_t base, uint32_t clock);

/* rtc.c: the PL031 real-time clock, if any (0: none). */
void virt_rtc_found(uint64_t base);

/* irq.c: the GIC and the timer interrupt. */
void virt_irq_init(const struct virt_devices *d);

#endif

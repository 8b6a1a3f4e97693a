/* Shared by the files of plat/virt only. */
#ifndef VIRT_VIRT_H
#define VIRT_VIRT_H

#include <stdint.h>
#include <ts/arch/psci.h>
#include <ts/fdt.h>
#include <ts/plat/devtree_devices.h>

/* QEMU's virt board (hw/arm/virt.c): RAM starts at 1 GiB, devices lie
 * below it; high redistributors and PCIe from 256 GiB. */
#define VIRT_RAM_BASE		0x40000000ULL
#define VIRT_HIGH_IO_BASE	0x4000000000ULL
/* Where QEMU puts the first PL011: the console when the device tree is
 * unusable. */
#define VIRT_UART0_BASE		0x09000000ULL

/* devtree.c: the checked device tree, or NULL (with a message to print
 * once the console works) when the loader gave none that is usable. */
extern struct ts_fdt virt_fdt;
const struct ts_fdt *virt_devtree_open(void *dtb, const char **problem);
/* The devices (plat/common), QEMU's first PL011 when none is named. */
void virt_devtree_devices(const struct ts_fdt *fdt,
			  struct ts_plat_dt_devices *d);

/* memory.c: the memory table, with the devices found in d. */
void virt_memory_init(const struct ts_fdt *fdt,
		      const struct ts_plat_dt_devices *d);

/* console.c */
void virt_console_init(uint64_t base, uint32_t clock, int sbsa);
void virt_console_flush(void);
/* The console's PL011 once it is set up, else NULL. */
struct ts_pl011;
const struct ts_pl011 *virt_console_pl011(void);

/* debug_uart.c: the second PL011 for a debugger stub, if any. */
void virt_debug_uart_found(uint64_t base, uint32_t clock);

/* rtc.c: the PL031 real-time clock, if any (0: none). */
void virt_rtc_found(uint64_t base);

#endif

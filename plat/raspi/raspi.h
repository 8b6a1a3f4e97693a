/* Shared by the files of plat/raspi only. */
#ifndef RASPI_RASPI_H
#define RASPI_RASPI_H

#include <stddef.h>
#include <stdint.h>
#include <ts/raspi.h>

/* Offsets in the peripheral block (BCM2835/2837 ARM Peripherals and
 * BCM2711 ARM Peripherals: the same layout at another base). */
#define RASPI_ARMCTRL_OFF	0x00b200	/* ARM interrupt controller */
#define RASPI_MBOX_OFF		0x00b880
#define RASPI_PM_OFF		0x100000	/* power manager, watchdog */
#define RASPI_GPIO_OFF		0x200000
#define RASPI_UART0_OFF		0x201000	/* PL011 */
#define RASPI_AUX_OFF		0x215000	/* mini UART's block */

/* The two SoCs' maps (ARM physical addresses; the Pi 4 in its default
 * "low peripheral" mode). */
#define BCM2837_PERIPH		0x3f000000UL
#define BCM2837_PERIPH_SIZE	0x01000000UL
#define BCM2837_LOCAL		0x40000000UL	/* BCM2836 local intc */
#define BCM2837_LOCAL_SIZE	0x00001000UL
#define BCM2711_PERIPH		0xfe000000UL
#define BCM2711_PERIPH_SIZE	0x01800000UL
#define BCM2711_LOCAL		0xff800000UL	/* ARM local + GIC-400 */
#define BCM2711_LOCAL_SIZE	0x00800000UL
#define BCM2711_GICD		0xff841000UL
#define BCM2711_GICC		0xff842000UL

/* The generic timers' interrupts: on the GIC-400, the virtual timer is
 * PPI 11 (INTID 27), as the firmware's device tree says. */
#define BCM2711_TIMER_INTID	27

/* What the boot found out (board.c); raspi_board is filled in steps:
 * the SoC from the CPU (raspi_board_detect), then the rest from the
 * firmware (raspi_board_identify). */
struct raspi_board {
	enum ts_raspi_soc soc;
	uintptr_t periph, periph_size;
	uintptr_t local, local_size;
	uint32_t revision;		/* firmware's; 0 if unknown */
	const char *model;
	unsigned int midr_part;
};
extern struct raspi_board raspi_board;

static inline uintptr_t raspi_periph(uintptr_t off)
{
	return raspi_board.periph + off;
}

/* board.c */
int raspi_board_detect(void);
void raspi_board_identify(void);
/* The revision code's board type (0x08 Pi 3B, 0x11 Pi 4B, ...), or -1
 * when the firmware gave no new-style code. */
int raspi_board_type(void);

/* console.c: the UART chosen in Kconfig, its GPIO pins and clock. */
void raspi_console_init(void);
void raspi_console_flush(void);
const char *raspi_console_name(void);
/* Bytes as they are (no "\r" before "\n"), for a debugger stub; and
 * whether the console is set up. */
void raspi_console_raw_write(const void *buf, size_t len);
int raspi_console_ready(void);

/* devtree.c: the firmware's device tree in x0, if usable (the
 * firmware always passes one; QEMU only with -dtb). */
const struct ts_fdt *raspi_devtree_open(void *dtb, const char **problem);

/* memory.c: the memory table, from the device tree or the mailbox. */
void raspi_memory_init(const struct ts_fdt *fdt);

/* cmdline.c */
void raspi_cmdline_init(const struct ts_fdt *fdt);
/* What follows the first whole word "tessera" in s, or s itself. */
const char *raspi_cmdline_after_marker(const char *s);

/* cores.c: cores 1-3 from the firmware's spin loop to a wfi loop. */
void raspi_cores_park(void);

/* irq.c: the board's interrupt controller and the timer's line. */
void raspi_irq_init(void);

#endif

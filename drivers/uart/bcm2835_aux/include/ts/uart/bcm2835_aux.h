/* The mini UART (UART1) of the BCM2835 auxiliary block, polled. Its
 * clock is the VPU core clock, so its speed follows that clock: the Pi
 * firmware holds the core clock fixed when config.txt says
 * enable_uart=1. */
#ifndef TS_UART_BCM2835_AUX_H
#define TS_UART_BCM2835_AUX_H

#include <stdint.h>

struct ts_bcm2835_aux {
	uintptr_t base;	/* the auxiliary block (peripherals + 0x215000) */
};

/* The AUX_MU_BAUD value for baud with a core clock of clock_hz:
 * baud = clock / (8 * (divisor + 1)), rounded to the nearest rate.
 * Returns the divisor (0-65535), or -1 if baud is 0 or out of reach:
 * no divisor, or none within 3% of it (about what the UART at the
 * other end tolerates). When err_permille is given it receives how far
 * the real rate is from baud, in thousandths. */
int ts_bcm2835_aux_divisor(uint32_t clock_hz, uint32_t baud,
			   unsigned int *err_permille);

/* Enable the mini UART and program 8N1, FIFOs on, no interrupts, no
 * flow control, at baud for a core clock of clock_hz (0: leave the
 * speed as the firmware set it). Returns 0, or -1 when no divisor fits
 * (then the speed is left alone, and output still works). The caller
 * sets GPIO 14/15 to ALT5. */
int ts_bcm2835_aux_init(struct ts_bcm2835_aux *u, uintptr_t base,
			uint32_t clock_hz, uint32_t baud);

/* Send one byte; waits for room, boundedly (about 100 ms). */
void ts_bcm2835_aux_putc(const struct ts_bcm2835_aux *u, char c);
/* One received byte, or -1 when none is waiting. */
int ts_bcm2835_aux_getc(const struct ts_bcm2835_aux *u);
/* Wait (bounded) until the transmitter is idle. */
void ts_bcm2835_aux_flush(const struct ts_bcm2835_aux *u);

#endif

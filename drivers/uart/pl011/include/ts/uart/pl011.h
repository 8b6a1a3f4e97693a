/* Arm PrimeCell UART (PL011), polled (no interrupts). */
#ifndef TS_UART_PL011_H
#define TS_UART_PL011_H

#include <stdint.h>

struct ts_pl011 {
	uintptr_t base;	/* physical address of the registers */
};

/* Program 8 data bits, no parity, 1 stop bit, FIFOs on, interrupts
 * masked, transmitter and receiver on. clock_hz is the UART's reference
 * clock (UARTCLK); with clock_hz == 0 the divisor is left as firmware
 * set it, for when the clock is unknown. Returns 0; -1 if baud is 0 or
 * the divisor for clock_hz / baud is out of range (then the divisor is
 * left alone, everything else is done, so output still works at the
 * old speed). */
int ts_pl011_init(struct ts_pl011 *u, uintptr_t base, unsigned int clock_hz,
		  unsigned int baud);

/* The SBSA generic UART ("arm,sbsa-uart", e.g. Xen's vpl011): a PL011
 * subset with fixed line settings, already enabled. Masks and clears its
 * interrupts only: it has no baud, line or control registers (Xen's
 * emulation ignores writes there). Returns 0. ts_pl011_putc(), _getc()
 * and _flush() work on it as on a PL011. */
int ts_pl011_init_sbsa(struct ts_pl011 *u, uintptr_t base);

/* Send one byte. Waits for room in the transmit FIFO, but boundedly
 * (the byte is dropped after about 100 ms' worth of polling), so a
 * stuck UART (CTS flow control, a disabled clock) cannot hang the
 * caller. */
void ts_pl011_putc(const struct ts_pl011 *u, char c);

/* One received byte, or -1 when none is waiting. */
int ts_pl011_getc(const struct ts_pl011 *u);

/* Wait (bounded) until every byte has left the shift register. */
void ts_pl011_flush(const struct ts_pl011 *u);

#endif

/* 16550-compatible UART, polled (no interrupts), on x86 I/O ports. */
#ifndef TS_UART_NS16550_H
#define TS_UART_NS16550_H

#include <stddef.h>
#include <stdint.h>

#define TS_NS16550_CLOCK 1843200 /* the PC's UART clock; divisor base /16 */

struct ts_ns16550 {
	uint16_t base; /* first I/O port, e.g. 0x3f8 for COM1 */
};

/* Program 8 data bits, no parity, 1 stop bit at baud, FIFOs on,
 * interrupts off. Returns 0; -1 if baud is 0 or above 115200 (nothing
 * is changed then); -2 if no UART answered at base (configured anyway:
 * output then goes nowhere instead of blocking). */
int ts_ns16550_init(struct ts_ns16550 *u, uint16_t base, unsigned int baud);

/* Send one byte. Waits for room in the transmitter, but at most about
 * 100 ms worth of polling, so a missing or stuck UART cannot hang the
 * caller (the byte is then dropped). */
void ts_ns16550_putc(const struct ts_ns16550 *u, char c);

/* Send len bytes in bursts: once the transmitter is empty, as many as
 * its FIFO holds (16) go out without a look at the line status between
 * them. Same bounded wait as ts_ns16550_putc(). */
void ts_ns16550_write(const struct ts_ns16550 *u, const char *buf,
		      size_t len);

/* One received byte, or -1 when none is waiting. */
int ts_ns16550_getc(const struct ts_ns16550 *u);

/* Wait (bounded) until every byte has left the shift register. */
void ts_ns16550_flush(const struct ts_ns16550 *u);

#endif

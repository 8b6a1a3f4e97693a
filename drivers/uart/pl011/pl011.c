/* PL011 UART driver: polled transmit and receive (Arm PrimeCell UART
 * (PL011) Technical Reference Manual, r1p5, section 3). */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/uart/pl011.h>

#define UARTDR		0x000	/* data */
#define UARTRSR		0x004	/* receive status / error clear */
#define UARTFR		0x018	/* flags */
#define UARTIBRD	0x024	/* integer baud rate divisor */
#define UARTFBRD	0x028	/* fractional baud rate divisor */
#define UARTLCR_H	0x02c	/* line control */
#define UARTCR		0x030	/* control */
#define UARTIMSC	0x038	/* interrupt mask */
#define UARTICR		0x044	/* interrupt clear */

#define FR_BUSY		(1U << 3)
#define FR_RXFE		(1U << 4)	/* receive FIFO empty */
#define FR_TXFF		(1U << 5)	/* transmit FIFO full */
#define LCRH_FEN	(1U << 4)	/* FIFOs on */
#define LCRH_WLEN_8	(3U << 5)
#define CR_UARTEN	(1U << 0)
#define CR_TXE		(1U << 8)
#define CR_RXE		(1U << 9)
#define ICR_ALL		0x7ff

/* A device register read takes well under a microsecond, so this bounds
 * a wait to roughly 100 ms: far more than one byte needs at 9600 baud. */
#define SPIN_LIMIT	1000000

static uint32_t rd(const struct ts_pl011 *u, unsigned int reg)
{
	return ts_mmio_read32(u->base + reg);
}

static void wr(const struct ts_pl011 *u, unsigned int reg, uint32_t v)
{
	ts_mmio_write32(u->base + reg, v);
}

static void wait_idle(const struct ts_pl011 *u)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (!(rd(u, UARTFR) & FR_BUSY))
			break;
}

int ts_pl011_init(struct ts_pl011 *u, uintptr_t base, unsigned int clock_hz,
		  unsigned int baud)
{
	/* The divisor is UARTCLK / (16 * baud) in 16.6 fixed point:
	 * 64 * UARTCLK / (16 * baud), rounded. */
	uint64_t div = 0;
	int rc = 0;

	u->base = base;
	if (baud == 0) {
		rc = -1;
	} else if (clock_hz) {
		div = ((uint64_t)clock_hz * 4 + baud / 2) / baud;
		if (div < 64 || div > 0xffffULL * 64 + 63)
			rc = -1;
	}

	/* The TRM's order: disable, let the last byte go, flush the
	 * FIFOs (by turning them off), program, enable. */
	wait_idle(u);
	wr(u, UARTCR, 0);
	wr(u, UARTLCR_H, 0);
	wr(u, UARTIMSC, 0);
	wr(u, UARTICR, ICR_ALL);
	wr(u, UARTRSR, 0);
	if (clock_hz && rc == 0) {
		wr(u, UARTIBRD, (uint32_t)(div >> 6));
		wr(u, UARTFBRD, (uint32_t)(div & 63));
	}
	/* Writing LCR_H latches the divisor too. */
	wr(u, UARTLCR_H, LCRH_WLEN_8 | LCRH_FEN);
	wr(u, UARTCR, CR_UARTEN | CR_TXE | CR_RXE);
	return rc;
}

int ts_pl011_init_sbsa(struct ts_pl011 *u, uintptr_t base)
{
	/* Only the registers the SBSA generic UART has (and Xen's vpl011
	 * emulates): no clock, line or control register to program. */
	u->base = base;
	wr(u, UARTIMSC, 0);
	wr(u, UARTICR, ICR_ALL);
	return 0;
}

void ts_pl011_putc(const struct ts_pl011 *u, char c)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (!(rd(u, UARTFR) & FR_TXFF))
			break;
	wr(u, UARTDR, (uint8_t)c);
}

int ts_pl011_getc(const struct ts_pl011 *u)
{
	if (rd(u, UARTFR) & FR_RXFE)
		return -1;
	/* Bits 8-11 are error flags (framing, parity, break, overrun):
	 * the byte is passed on anyway. */
	return (int)(rd(u, UARTDR) & 0xff);
}

void ts_pl011_flush(const struct ts_pl011 *u)
{
	wait_idle(u);
}

/* The mini UART (BCM2835 ARM Peripherals, section 2.2): a 16550-like
 * UART with 8-byte FIFOs, no parity, and a baud clock taken from the
 * VPU core clock. */
#include <stdint.h>
#include <ts/arch/arm64.h>
#include <ts/uart/bcm2835_aux.h>

#define AUX_ENABLES	0x04
#define AUX_MU_IO	0x40
#define AUX_MU_IER	0x44
#define AUX_MU_IIR	0x48
#define AUX_MU_LCR	0x4c
#define AUX_MU_MCR	0x50
#define AUX_MU_LSR	0x54
#define AUX_MU_CNTL	0x60
#define AUX_MU_BAUD	0x68

#define ENABLES_MINI_UART (1U << 0)
#define IIR_CLEAR_FIFOS	0x06	/* clear receive and transmit FIFOs */
#define LCR_8BIT	0x03	/* the manual's "bit 0" needs bit 1 too */
#define LSR_DATA_READY	(1U << 0)
#define LSR_TX_EMPTY	(1U << 5)	/* room for a byte */
#define LSR_TX_IDLE	(1U << 6)	/* FIFO empty, shifter idle */
#define CNTL_RX_TX	0x03

/* About 100 ms of polling: more than a byte needs at 9600 baud. */
#define SPIN_LIMIT	1000000

static uint32_t rd(const struct ts_bcm2835_aux *u, unsigned int reg)
{
	return ts_mmio_read32(u->base + reg);
}

static void wr(const struct ts_bcm2835_aux *u, unsigned int reg, uint32_t v)
{
	ts_mmio_write32(u->base + reg, v);
}

int ts_bcm2835_aux_init(struct ts_bcm2835_aux *u, uintptr_t base,
			uint32_t clock_hz, uint32_t baud)
{
	int div = clock_hz ? ts_bcm2835_aux_divisor(clock_hz, baud, 0) : -1;
	uint32_t en;

	u->base = base;
	/* Keep the SPI enables as they are: only the UART is ours. A
	 * UART the firmware left on may still be sending its last byte;
	 * a disabled one has no registers to ask. */
	en = rd(u, AUX_ENABLES);
	if (en & ENABLES_MINI_UART)
		ts_bcm2835_aux_flush(u);
	else
		wr(u, AUX_ENABLES, en | ENABLES_MINI_UART);
	wr(u, AUX_MU_CNTL, 0);		/* quiet while changing */
	wr(u, AUX_MU_IER, 0);
	wr(u, AUX_MU_LCR, LCR_8BIT);
	wr(u, AUX_MU_MCR, 0);
	wr(u, AUX_MU_IIR, IIR_CLEAR_FIFOS);
	if (div >= 0)
		wr(u, AUX_MU_BAUD, (uint32_t)div);
	wr(u, AUX_MU_CNTL, CNTL_RX_TX);
	return clock_hz && div < 0 ? -1 : 0;
}

void ts_bcm2835_aux_putc(const struct ts_bcm2835_aux *u, char c)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (rd(u, AUX_MU_LSR) & LSR_TX_EMPTY)
			break;
	wr(u, AUX_MU_IO, (uint8_t)c);
}

int ts_bcm2835_aux_getc(const struct ts_bcm2835_aux *u)
{
	if (!(rd(u, AUX_MU_LSR) & LSR_DATA_READY))
		return -1;
	return (int)(rd(u, AUX_MU_IO) & 0xff);
}

void ts_bcm2835_aux_flush(const struct ts_bcm2835_aux *u)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (rd(u, AUX_MU_LSR) & LSR_TX_IDLE)
			break;
}

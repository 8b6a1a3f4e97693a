/* 16550 UART driver: polled transmit and receive. */
#include <ts/arch/x86.h>
#include <ts/uart/ns16550.h>

/* Registers (offsets from the base port). */
#define REG_RBR		0	/* receive buffer (read) */
#define REG_THR		0	/* transmit holding (write) */
#define REG_DLL		0	/* divisor low (DLAB=1) */
#define REG_IER		1	/* interrupt enable */
#define REG_DLM		1	/* divisor high (DLAB=1) */
#define REG_FCR		2	/* FIFO control (write) */
#define REG_LCR		3	/* line control */
#define REG_MCR		4	/* modem control */
#define REG_LSR		5	/* line status */
#define REG_SCR		7	/* scratch */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define FCR_CLEAR_TX	0x04
#define FCR_TRIGGER_14	0xc0
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define LSR_TX_IDLE	0x40

/* An I/O port read takes about 1 us on real hardware, so this bounds a
 * wait to roughly 100 ms: far more than one byte needs at 9600 baud. */
#define SPIN_LIMIT	100000

static uint8_t rd(const struct ts_ns16550 *u, unsigned int reg)
{
	return inb(u->base + reg);
}

static void wr(const struct ts_ns16550 *u, unsigned int reg, uint8_t v)
{
	outb(u->base + reg, v);
}

int ts_ns16550_init(struct ts_ns16550 *u, uint16_t base, unsigned int baud)
{
	const unsigned int max_baud = TS_NS16550_CLOCK / 16;
	unsigned int div;
	int present;

	if (baud == 0 || baud > max_baud)
		return -1;
	div = (max_baud + baud / 2) / baud;
	if (div > 0xffff)
		return -1;
	u->base = base;

	wr(u, REG_SCR, 0x5a);
	present = rd(u, REG_SCR) == 0x5a;

	wr(u, REG_IER, 0);
	wr(u, REG_LCR, LCR_DLAB);
	wr(u, REG_DLL, div & 0xff);
	wr(u, REG_DLM, div >> 8);
	wr(u, REG_LCR, LCR_8N1);
	wr(u, REG_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX |
		       FCR_TRIGGER_14);
	wr(u, REG_MCR, MCR_DTR | MCR_RTS);
	return present ? 0 : -2;
}

void ts_ns16550_putc(const struct ts_ns16550 *u, char c)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (rd(u, REG_LSR) & LSR_THR_EMPTY)
			break;
	wr(u, REG_THR, (uint8_t)c);
}

/* The 16550's transmit FIFO (ts_ns16550_init turns it on). */
#define TX_FIFO		16

void ts_ns16550_write(const struct ts_ns16550 *u, const char *buf,
		      size_t len)
{
	unsigned int n;
	size_t k;

	while (len) {
		/* THR empty with the FIFO on: the whole FIFO is free. */
		for (n = 0; n < SPIN_LIMIT; n++)
			if (rd(u, REG_LSR) & LSR_THR_EMPTY)
				break;
		for (k = 0; k < TX_FIFO && len; k++, len--)
			wr(u, REG_THR, (uint8_t)*buf++);
	}
}

int ts_ns16550_getc(const struct ts_ns16550 *u)
{
	if (!(rd(u, REG_LSR) & LSR_DATA_READY))
		return -1;
	return rd(u, REG_RBR);
}

void ts_ns16550_flush(const struct ts_ns16550 *u)
{
	unsigned int n;

	for (n = 0; n < SPIN_LIMIT; n++)
		if (rd(u, REG_LSR) & LSR_TX_IDLE)
			break;
}

/* Byte channels for a debugger stub (<ts/plat/debug_uart.h>) on the arm64
 * virtual machines a device tree describes (plat/virt, plat/xen): 0 is the
 * console's UART, 1 the second PL011 of the tree, which QEMU's virt board
 * has only when given a second -serial, and a Xen domain only when the
 * host passes one through to it. Raw bytes, polled. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/debug_uart.h>
#include <ts/plat/devtree_devices.h>
#include <ts/uart/pl011.h>

static const struct ts_pl011 *(*console_uart)(void);
static uint64_t uart2_base;
static uint32_t uart2_clock;
static unsigned int uart2_baud;
static struct ts_pl011 uart2;
static int uart2_ready;

void ts_plat_devtree_debug_uarts(const struct ts_pl011 *(*console)(void),
				 const struct ts_plat_dt_devices *d,
				 unsigned int baud)
{
	console_uart = console;
	uart2_base = d->uart2;
	uart2_clock = d->uart2_clock;
	uart2_baud = baud;
}

static const struct ts_pl011 *uart_of(int which)
{
	if (which == 0)
		return console_uart ? console_uart() : NULL;
	if (which == 1 && uart2_ready)
		return &uart2;
	return NULL;
}

int ts_plat_debug_uart_init(int which)
{
	if (which == 0)
		return uart_of(0) ? 0 : -ENODEV;
	if (which != 1 || !uart2_base)
		return -ENODEV;
	if (!uart2_ready) {
		/* A speed the clock cannot make leaves the divisor as it
		 * was; the UART still works (QEMU ignores the speed). */
		ts_pl011_init(&uart2, uart2_base, uart2_clock, uart2_baud);
		uart2_ready = 1;
	}
	return 0;
}

void ts_plat_debug_uart_write(int which, const void *buf, size_t len)
{
	const struct ts_pl011 *u = uart_of(which);
	const char *p = buf;
	size_t i;

	if (!u)
		return;
	for (i = 0; i < len; i++)
		ts_pl011_putc(u, p[i]);
}

int ts_plat_debug_uart_getc(int which)
{
	const struct ts_pl011 *u = uart_of(which);

	return u ? ts_pl011_getc(u) : -1;
}

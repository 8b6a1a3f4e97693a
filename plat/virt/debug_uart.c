/* Byte channels for a debugger stub (<ts/plat/debug_uart.h>): 0 is the
 * console's PL011, 1 the second PL011 of the device tree, which QEMU's
 * virt board has only when given a second -serial. Raw bytes, polled. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/debug_uart.h>
#include <ts/uart/pl011.h>
#include "virt.h"

static uint64_t uart2_base;
static uint32_t uart2_clock;
static struct ts_pl011 uart2;
static int uart2_ready;

void virt_debug_uart_found(uint64_t base, uint32_t clock)
{
	uart2_base = base;
	uart2_clock = clock;
}

static const struct ts_pl011 *uart_of(int which)
{
	if (which == 0)
		return virt_console_pl011();
	if (which == 1 && uart2_ready)
		return &uart2;
	return NULL;
}

int ts_plat_debug_uart_init(int which)
{
	if (which == 0)
		return virt_console_pl011() ? 0 : -ENODEV;
	if (which != 1 || !uart2_base)
		return -ENODEV;
	if (!uart2_ready) {
		/* A speed the clock cannot make leaves the divisor as it
		 * was; the UART still works (QEMU ignores the speed). */
		ts_pl011_init(&uart2, uart2_base, uart2_clock,
			      CONFIG_PLAT_VIRT_CONSOLE_BAUD);
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

/* Byte channels for a debugger stub (<ts/plat/debug_uart.h>): 0 is the
 * console's vpl011; Xen gives a domU no second UART. */
#include <errno.h>
#include <stddef.h>
#include <ts/plat/debug_uart.h>
#include <ts/uart/pl011.h>
#include "xen_arm64.h"

int ts_plat_debug_uart_init(int which)
{
	return which == 0 && xen_arm64_console_pl011() ? 0 : -ENODEV;
}

void ts_plat_debug_uart_write(int which, const void *buf, size_t len)
{
	const struct ts_pl011 *u = which == 0 ? xen_arm64_console_pl011() :
				   NULL;
	const char *p = buf;
	size_t i;

	if (u)
		for (i = 0; i < len; i++)
			ts_pl011_putc(u, p[i]);
}

int ts_plat_debug_uart_getc(int which)
{
	const struct ts_pl011 *u = which == 0 ? xen_arm64_console_pl011() :
				   NULL;

	return u ? ts_pl011_getc(u) : -1;
}

/* A raw byte channel for a debugger stub (<ts/plat/debug_uart.h>): COM1,
 * the console's UART (which 0), or COM2 (which 1), polled. No newline
 * translation: GDB's packets are binary. */
#include <errno.h>
#include <stddef.h>
#include <ts/plat/debug_uart.h>
#include <ts/uart/ns16550.h>

#define COM1 0x3f8
#define COM2 0x2f8

static struct ts_ns16550 port[2] = { { COM1 }, { COM2 } };

int ts_plat_debug_uart_init(int which)
{
	if (which == 0)
		return 0;	/* the console's: set up at boot */
	if (which != 1)
		return -ENODEV;
	/* -2: nothing answered at COM2 (a PC without it). */
	return ts_ns16550_init(&port[1], COM2, CONFIG_PLAT_PC_CONSOLE_BAUD) ==
	       -2 ? -ENODEV : 0;
}

void ts_plat_debug_uart_write(int which, const void *buf, size_t len)
{
	if (which < 0 || which > 1)
		return;
	ts_ns16550_write(&port[which], buf, len);
}

int ts_plat_debug_uart_getc(int which)
{
	if (which < 0 || which > 1)
		return -1;
	return ts_ns16550_getc(&port[which]);
}

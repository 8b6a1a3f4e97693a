/* The console: the device tree's PL011. Silent until it is set up:
 * QEMU's PL011 transmits even while disabled, real ones do not, and
 * QEMU logs such writes as guest errors. */
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/uart/pl011.h>
#include "virt.h"

static struct ts_pl011 uart;
static int ready;

void virt_console_init(uint64_t base, uint32_t clock, int sbsa)
{
	int rc = sbsa ? ts_pl011_init_sbsa(&uart, base) :
		 ts_pl011_init(&uart, base, clock,
			       CONFIG_PLAT_VIRT_CONSOLE_BAUD);

	ready = 1;
	if (rc)
		ts_printk("virt: console speed %d baud is not possible with "
			  "a %u Hz UART clock; speed unchanged\n",
			  CONFIG_PLAT_VIRT_CONSOLE_BAUD, clock);
}

const struct ts_pl011 *virt_console_pl011(void)
{
	return ready ? &uart : NULL;
}

void virt_console_flush(void)
{
	if (ready)
		ts_pl011_flush(&uart);
}

void ts_plat_console_write(const char *buf, size_t len)
{
	size_t i;

	/* A debugger stub on this UART takes the output (GDB 'O'
	 * packets) while GDB is attached. */
	if (ts_plat_console_hooked(buf, len))
		return;
	if (!ready)
		return;
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			ts_pl011_putc(&uart, '\r');
		ts_pl011_putc(&uart, buf[i]);
	}
}

int ts_plat_console_getc(void)
{
	return ready ? ts_pl011_getc(&uart) : -1;
}

/* COM1 as the console: the platform's ts_plat_console_write() calls
 * this (kvm always; xen when not under Xen). */
#include <stddef.h>
#include <ts/plat/console.h>
#include <ts/uart/ns16550.h>
#include <ts/pc.h>

#define COM1 0x3f8

/* Usable before ts_pc_console_init() too: QEMU's UART needs no setup. */
static struct ts_ns16550 com1 = { .base = COM1 };

void ts_pc_console_init(void)
{
	int rc = ts_ns16550_init(&com1, COM1, CONFIG_PLAT_PC_CONSOLE_BAUD);

	if (rc == -1) {
		ts_ns16550_init(&com1, COM1, 115200);
		ts_printk(PC_NAME ": console speed %d baud is not possible; "
			  "using 115200\n", CONFIG_PLAT_PC_CONSOLE_BAUD);
	}
}

void ts_pc_console_flush(void)
{
	ts_ns16550_flush(&com1);
}

void ts_pc_console_write(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			ts_ns16550_putc(&com1, '\r');
		ts_ns16550_putc(&com1, buf[i]);
	}
}

int ts_pc_console_getc(void)
{
	return ts_ns16550_getc(&com1);
}

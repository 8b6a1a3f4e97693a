/* The console: Xen's console_io hypercall under Xen (the hypervisor's
 * own console: "xl dmesg", or the serial line with guest_loglvl=all;
 * debug builds of Xen, or "guest_loglvl", let a domU's lines through),
 * COM1 (plat/pc) under a plain PVH loader such as QEMU's -kernel. */
#include <stddef.h>
#include <ts/plat/console.h>
#include <ts/pc.h>
#include "xen.h"
#include "xen_x86.h"

#define CONSOLEIO_read	1

/* One byte of Xen's console input (console_io read), or -1. */
static int xen_x86_console_io_getc(void)
{
	char c;

	return xen_hypercall(XEN_HC_console_io, CONSOLEIO_read, 1,
			     (unsigned long)&c, 0, 0) == 1 ?
	       (unsigned char)c : -1;
}

void ts_plat_console_write(const char *buf, size_t len)
{
	if (ts_plat_console_hooked(buf, len))
		return;
	if (xen_detected())
		xen_console_io_write(buf, len);
	else
		ts_pc_console_write(buf, len);
}

int ts_plat_console_getc(void)
{
	return xen_detected() ? xen_x86_console_io_getc() :
				ts_pc_console_getc();
}

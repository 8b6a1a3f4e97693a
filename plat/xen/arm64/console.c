/* The console under Xen on arm64: the domain's vpl011 (an SBSA UART, on
 * Xen's console as "(XEN) DOM1: ..." once a line ends), or with
 * PLAT_XEN_CONSOLE_IO Xen's console_io hypercall. Silent until set up. */
#include <stddef.h>
#include <stdint.h>
#include <ts/plat/console.h>
#include <ts/uart/pl011.h>
#include "../xen.h"
#include "xen_arm64.h"

static struct ts_pl011 uart;
static int ready;
/* The last byte sent: Xen prints a domain's output a line at a time, so
 * a last line without its newline would never show. */
static char last = '\n';

void xen_arm64_console_init(uint64_t base, int sbsa, uint32_t clock)
{
	if (!base)
		return;
	/* A real PL011 (a domain given a passed-through one) keeps the
	 * speed its firmware set: no baud is configured for Xen. */
	if (sbsa)
		ts_pl011_init_sbsa(&uart, base);
	else
		ts_pl011_init(&uart, base, 0, 115200);
	(void)clock;
	ready = 1;
}

const struct ts_pl011 *xen_arm64_console_pl011(void)
{
	return ready ? &uart : NULL;
}

void xen_arch_console_flush(void)
{
	/* The end of the run: Xen holds an unfinished line until its
	 * newline (vpl011 and console_io alike), so one is added. */
	if (last != '\n')
		ts_plat_console_write("\n", 1);
	if (ready)
		ts_pl011_flush(&uart);
}

void ts_plat_console_write(const char *buf, size_t len)
{
	size_t i;

	if (ts_plat_console_hooked(buf, len))
		return;
	if (len)
		last = buf[len - 1];
#ifdef CONFIG_PLAT_XEN_CONSOLE_IO
	while (len) {
		long n = xen_console_io_write(buf, len);

		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
	(void)i;
#else
	if (!ready)
		return;
	for (i = 0; i < len; i++)
		ts_pl011_putc(&uart, buf[i]);
#endif
}

int ts_plat_console_getc(void)
{
	return ready ? ts_pl011_getc(&uart) : -1;
}

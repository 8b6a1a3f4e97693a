/* ts_printk: formatted output for arch and platform code. It formats into
 * a stack buffer with the C library's vsnprintf, so it works before any
 * allocator exists and from exception handlers. */
#include <stdarg.h>
#include <stdio.h>
#include <ts/plat/console.h>

void ts_printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	ts_plat_console_write(buf, (size_t)n);
}

/* ts_printk: formatted output for arch and platform code. It formats into
 * a stack buffer with the C library's vsnprintf, so it works before any
 * allocator exists and from exception handlers. */
#include <stdarg.h>
#include <stdio.h>
#include <ts/plat/console.h>

static ts_plat_console_hook_fn console_hook;

void ts_plat_console_set_hook(ts_plat_console_hook_fn fn)
{
	console_hook = fn;
}

bool ts_plat_console_hooked(const char *buf, size_t len)
{
	return console_hook && console_hook(buf, len);
}

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

void ts_plat_console_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	ts_plat_console_write(s, n);
}

void ts_plat_console_puthex(unsigned long long v)
{
	char buf[18];

	buf[0] = '0';
	buf[1] = 'x';
	for (int i = 0; i < 16; i++)
		buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
	ts_plat_console_write(buf, sizeof(buf));
}

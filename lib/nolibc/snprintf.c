/* Formatting into a caller's buffer. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

struct sink {
	char *buf;
	size_t room; /* bytes left, not counting the terminator */
};

static void sink_out(void *ctx, const char *s, size_t n)
{
	struct sink *k = ctx;

	if (n > k->room)
		n = k->room;
	memcpy(k->buf, s, n);
	k->buf += n;
	k->room -= n;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap)
{
	struct sink k = { buf, size ? size - 1 : 0 };
	int n;

	n = nolibc_vformat(sink_out, &k, fmt, ap);
	if (size)
		*k.buf = '\0';
	return n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* No size: anything longer than INT_MAX fails anyway (EOVERFLOW). */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

/* Console output through the stdio interface. Nothing is buffered
 * across calls: a crash must not swallow what was printed before it. */
#include <stdio.h>
#include <string.h>
#include <ts/plat/console.h>

#include "format.h"

/* Both streams reach the console today; keeping them apart lets stderr
 * get its own sink later without changing callers. */
struct __nolibc_file {
	int fd;
};

static FILE out_file = { 1 }, err_file = { 2 };
FILE *const stdout = &out_file;
FILE *const stderr = &err_file;

/* printf output is collected in a stack buffer and written in chunks,
 * because each console write is a polled UART transfer with overhead. */
#define CHUNK 128

struct chunker {
	char buf[CHUNK];
	size_t len;
};

static void chunk_flush(struct chunker *c)
{
	if (c->len) {
		ts_plat_console_write(c->buf, c->len);
		c->len = 0;
	}
}

static void chunk_out(void *ctx, const char *s, size_t n)
{
	struct chunker *c = ctx;

	if (c->len + n > CHUNK)
		chunk_flush(c);
	if (n >= CHUNK) {
		ts_plat_console_write(s, n);
		return;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct chunker c;
	int n;

	(void)f;
	c.len = 0;
	n = nolibc_vformat(chunk_out, &c, fmt, ap);
	chunk_flush(&c);
	return n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb,
	      FILE *restrict f)
{
	(void)f;
	if (!size || !nmemb)
		return 0;
	if (nmemb > (size_t)-1 / size)
		return 0;
	ts_plat_console_write(ptr, size * nmemb);
	return nmemb;
}

int fputs(const char *restrict s, FILE *restrict f)
{
	fwrite(s, 1, strlen(s), f);
	return 0;
}

int puts(const char *s)
{
	fputs(s, stdout);
	fputc('\n', stdout);
	return 0;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	fwrite(&ch, 1, 1, f);
	return ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fflush(FILE *f)
{
	(void)f;
	return 0;
}

/* nolibc: formatted output to the platform console. There are no files:
 * stdout and stderr both reach the console, unbuffered (each call is
 * written out before it returns). */
#ifndef _NOLIBC_STDIO_H
#define _NOLIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

typedef struct __nolibc_file FILE;

extern FILE *const stdout;
extern FILE *const stderr;

#define __nolibc_printf(f, a) __attribute__((format(printf, f, a)))

int printf(const char *restrict fmt, ...) __nolibc_printf(1, 2);
int vprintf(const char *restrict fmt, va_list ap) __nolibc_printf(1, 0);
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
	__nolibc_printf(2, 3);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__nolibc_printf(2, 0);

/* These return the length the whole output would have, even when it
 * was cut to fit size (size 0 writes nothing, buf may then be NULL). */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__nolibc_printf(3, 4);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap) __nolibc_printf(3, 0);
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__nolibc_printf(2, 3);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
	__nolibc_printf(2, 0);

int puts(const char *s);
int fputs(const char *restrict s, FILE *restrict f);
int putchar(int c);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
size_t fwrite(const void *restrict ptr, size_t size, size_t nmemb,
	      FILE *restrict f);
int fflush(FILE *f);

#endif

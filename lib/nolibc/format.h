/* The printf formatting engine, shared by the snprintf and stdio front
 * ends (private to nolibc). The engine produces output in pieces and
 * hands each to a callback, so it needs no buffer of its own. */
#ifndef NOLIBC_FORMAT_H
#define NOLIBC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*nolibc_out_fn)(void *ctx, const char *s, size_t n);

/* Formats like vprintf. Returns the number of characters produced, or
 * -1 with errno EOVERFLOW when that does not fit in an int. */
int nolibc_vformat(nolibc_out_fn out, void *ctx, const char *fmt,
		   va_list ap);

/* What the engine and the floating-point conversions share. */

#define FL_MINUS	0x01 /* left-justify */
#define FL_PLUS		0x02 /* always a sign */
#define FL_SPACE	0x04 /* a space where there is no sign */
#define FL_HASH		0x08 /* alternate form */
#define FL_ZERO		0x10 /* pad with zeros after the sign/prefix */

struct nolibc_spec {
	unsigned int flags;
	int width; /* 0 when absent */
	int prec;  /* -1 when absent */
	char conv; /* the conversion character */
};

struct nolibc_out {
	nolibc_out_fn fn;
	void *ctx;
	size_t count;
};

void nolibc_emit(struct nolibc_out *o, const char *s, size_t n);
void nolibc_pad(struct nolibc_out *o, char c, size_t n);

/* A field is emitted as: field_start (left padding, then the prefix,
 * then zero padding), the body, then field_end (right padding). len is
 * the whole field without padding, prefix included. */
void nolibc_field_start(struct nolibc_out *o, const struct nolibc_spec *sp,
			const char *prefix, size_t plen, size_t len);
void nolibc_field_end(struct nolibc_out *o, const struct nolibc_spec *sp,
		      size_t len);

/* %f %F %e %E %g %G %a %A. */
void nolibc_format_double(struct nolibc_out *o, const struct nolibc_spec *sp,
			  double v);

/* long double to double without the compiler's soft-float helpers. */
double nolibc_ldouble_to_double(long double v);

#endif

/* The printf engine: parses conversion specifications and formats
 * integers, characters, strings and pointers; floating-point values go to
 * format_float.c. Output matches glibc's, including its choices where the
 * standard leaves room: "(null)" for a NULL %s (nothing when the precision
 * is below 6), "(nil)" for a NULL %p, %p as %#lx otherwise, unknown
 * conversions copied out as written. Without LIB_NOLIBC_FLOAT the
 * floating-point conversions print "[%f: LIB_NOLIBC_FLOAT is off]" (the
 * conversion as written), and format_float.c, 4-5 KiB of code, is left
 * out of the image by section garbage collection.
 *
 * Length modifier L reads a long double and prints it as a double: the
 * exact conversion would need a much larger big integer than a kernel
 * stack should hold, so digits beyond double precision are lost. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "format.h"

/* LEN_L to LEN_T are the 64-bit integer lengths (arg_int). */
enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T,
	      LEN_BIG_L };

void nolibc_emit(struct nolibc_out *o, const char *s, size_t n)
{
	if (n) {
		o->fn(o->ctx, s, n);
		o->count += n;
	}
}

void nolibc_pad(struct nolibc_out *o, char c, size_t n)
{
	char buf[32];
	size_t k;

	if (!n)
		return;
	memset(buf, c, sizeof(buf));
	for (; n; n -= k) {
		k = n < sizeof(buf) ? n : sizeof(buf);
		nolibc_emit(o, buf, k);
	}
}

static size_t fill(const struct nolibc_spec *sp, size_t len)
{
	return (size_t)sp->width > len ? (size_t)sp->width - len : 0;
}

void nolibc_field_start(struct nolibc_out *o, const struct nolibc_spec *sp,
			const char *prefix, size_t plen, size_t len)
{
	if (!(sp->flags & (FL_MINUS | FL_ZERO)))
		nolibc_pad(o, ' ', fill(sp, len));
	nolibc_emit(o, prefix, plen);
	if (sp->flags & FL_ZERO)
		nolibc_pad(o, '0', fill(sp, len));
}

void nolibc_field_end(struct nolibc_out *o, const struct nolibc_spec *sp,
		      size_t len)
{
	if (sp->flags & FL_MINUS)
		nolibc_pad(o, ' ', fill(sp, len));
}

static void format_text(struct nolibc_out *o, const struct nolibc_spec *sp,
			const char *s, size_t len)
{
	nolibc_field_start(o, sp, NULL, 0, len);
	nolibc_emit(o, s, len);
	nolibc_field_end(o, sp, len);
}

/* Wide characters have no encoding here (there are no locales): ASCII
 * passes, the rest prints as '?'. */
static void format_wide(struct nolibc_out *o, const struct nolibc_spec *sp,
			const wchar_t *ws)
{
	size_t len = 0, i;
	char c;

	if (!ws) {
		format_text(o, sp, "(null)", 6);
		return;
	}
	while (ws[len] && (sp->prec < 0 || len < (size_t)sp->prec))
		len++;
	nolibc_field_start(o, sp, NULL, 0, len);
	for (i = 0; i < len; i++) {
		c = (unsigned)ws[i] < 0x80 ? (char)ws[i] : '?';
		nolibc_emit(o, &c, 1);
	}
	nolibc_field_end(o, sp, len);
}

static char sign_char(const struct nolibc_spec *sp, bool neg)
{
	if (neg)
		return '-';
	if (sp->flags & FL_PLUS)
		return '+';
	return (sp->flags & FL_SPACE) ? ' ' : 0;
}

/* sign is '-', '+', ' ' or 0; base is 8, 10 or 16. */
static void format_int(struct nolibc_out *o, struct nolibc_spec *sp,
		       uintmax_t v, char sign, unsigned int base)
{
	const char *xd = sp->conv == 'X' ? "0123456789ABCDEF" :
					   "0123456789abcdef";
	char digits[24], prefix[3];
	char *end = digits + sizeof(digits), *d = end;
	size_t nd, plen = 0, zeros = 0, len;

	if (sign)
		prefix[plen++] = sign;
	if ((sp->flags & FL_HASH) && base == 16 && v) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
	}
	/* An explicit precision of 0 prints no digit for the value 0. */
	if (v || sp->prec != 0) {
		do {
			*--d = xd[v % base];
			v /= base;
		} while (v);
	}
	nd = (size_t)(end - d);
	if (sp->prec >= 0) {
		if ((size_t)sp->prec > nd)
			zeros = (size_t)sp->prec - nd;
		sp->flags &= ~FL_ZERO;
	}
	/* The alternate octal form is the one that starts with a 0. */
	if ((sp->flags & FL_HASH) && base == 8 && !zeros &&
	    (nd == 0 || *d != '0'))
		zeros = 1;

	len = plen + zeros + nd;
	nolibc_field_start(o, sp, prefix, plen, len);
	nolibc_pad(o, '0', zeros);
	nolibc_emit(o, d, nd);
	nolibc_field_end(o, sp, len);
}

/* An integer argument of length len, as its bits. Every type above int
 * (long, long long, size_t, intmax_t, ptrdiff_t) is 64 bits and passed
 * alike on LP64, and reading a signed argument as its unsigned type is
 * allowed (C11 7.16.1.1), so one va_arg serves them all: one copy of
 * its code instead of one per type, which on arm64 is long. hh and h
 * arguments arrive promoted to int and are cut back here; signed ones
 * are sign-extended. */
static uintmax_t arg_int(va_list *ap, enum length len, bool is_signed)
{
	_Static_assert(sizeof(long) == sizeof(uintmax_t) &&
		       sizeof(size_t) == sizeof(long) &&
		       sizeof(ptrdiff_t) == sizeof(long) &&
		       sizeof(long long) == sizeof(long), "LP64");
	unsigned int v;

	if (len >= LEN_L && len <= LEN_T)
		return va_arg(*ap, unsigned long);
	v = va_arg(*ap, unsigned int);
	if (len == LEN_HH)
		return is_signed ? (uintmax_t)(intmax_t)(signed char)v :
				   (unsigned char)v;
	if (len == LEN_H)
		return is_signed ? (uintmax_t)(intmax_t)(short)v :
				   (unsigned short)v;
	return is_signed ? (uintmax_t)(intmax_t)(int)v : v;
}

/* %n: every pointer is passed alike, so one va_arg reads it whatever it
 * points to (as for arg_int). */
static void store_count(va_list *ap, enum length len, size_t count)
{
	void *at = va_arg(*ap, void *);

	switch (len) {
	case LEN_HH:
		*(signed char *)at = (signed char)count;
		break;
	case LEN_H:
		*(short *)at = (short)count;
		break;
	case LEN_L:
	case LEN_Z:
	case LEN_T:
		*(long *)at = (long)count;
		break;
	case LEN_LL:
	case LEN_J:
		*(long long *)at = (long long)count;
		break;
	default:
		*(int *)at = (int)count;
		break;
	}
}

/* Reads a decimal field width or precision; false if beyond INT_MAX. */
static bool parse_num(const char **p, int *out)
{
	long v = 0;

	for (; **p >= '0' && **p <= '9'; (*p)++) {
		v = v * 10 + (**p - '0');
		if (v > INT_MAX)
			return false;
	}
	*out = (int)v;
	return true;
}

static enum length parse_length(const char **p)
{
	switch (*(*p)++) {
	case 'h':
		if (**p != 'h')
			return LEN_H;
		(*p)++;
		return LEN_HH;
	case 'l':
		if (**p != 'l')
			return LEN_L;
		(*p)++;
		return LEN_LL;
	case 'z':
		return LEN_Z;
	case 'j':
		return LEN_J;
	case 't':
		return LEN_T;
	case 'L':
		return LEN_BIG_L;
	default:
		(*p)--;
		return LEN_NONE;
	}
}

static unsigned int flag_bit(char c)
{
	switch (c) {
	case '-':
		return FL_MINUS;
	case '+':
		return FL_PLUS;
	case ' ':
		return FL_SPACE;
	case '#':
		return FL_HASH;
	case '0':
		return FL_ZERO;
	default:
		return 0;
	}
}

/* Parses flags, width and precision after the '%'. False on a width or
 * precision that does not fit in an int. */
static bool parse_spec(const char **p, va_list *ap, struct nolibc_spec *sp)
{
	const char *s = *p;
	unsigned int f;
	int n;

	sp->flags = 0;
	sp->width = 0;
	sp->prec = -1;
	while ((f = flag_bit(*s))) {
		sp->flags |= f;
		s++;
	}

	if (*s == '*') {
		s++;
		n = va_arg(*ap, int);
		if (n < 0) {
			/* A negative width argument is a '-' flag. */
			if (n == INT_MIN)
				return false;
			sp->flags |= FL_MINUS;
			n = -n;
		}
		sp->width = n;
	} else if (!parse_num(&s, &sp->width)) {
		return false;
	}

	if (*s == '.') {
		s++;
		if (*s == '*') {
			s++;
			n = va_arg(*ap, int);
			sp->prec = n < 0 ? -1 : n; /* negative: as if absent */
		} else if (!parse_num(&s, &sp->prec)) {
			return false;
		}
	}

	if (sp->flags & FL_MINUS)
		sp->flags &= ~FL_ZERO;
	*p = s;
	return true;
}

/* Formats one conversion; *p is just past the '%' on entry and past the
 * conversion on return. False when the output cannot be represented. */
static bool convert(struct nolibc_out *o, const char **p, va_list *ap)
{
	const char *start = *p - 1;
	struct nolibc_spec sp;
	enum length len;
	intmax_t sv;
	uintmax_t uv;
	const char *s;
	void *ptr;
#ifdef CONFIG_LIB_NOLIBC_FLOAT
	double dv;
#endif
	char c;
	int n;

	if (!parse_spec(p, ap, &sp))
		return false;
	len = parse_length(p);
	sp.conv = **p;
	if (!sp.conv) {
		/* A lone '%' at the end: print what there is. */
		nolibc_emit(o, start, (size_t)(*p - start));
		return true;
	}
	(*p)++;

	switch (sp.conv) {
	case 'd':
	case 'i':
		sv = (intmax_t)arg_int(ap, len, true);
		uv = sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv;
		format_int(o, &sp, uv, sign_char(&sp, sv < 0), 10);
		break;
	case 'u':
		format_int(o, &sp, arg_int(ap, len, false), 0, 10);
		break;
	case 'o':
		format_int(o, &sp, arg_int(ap, len, false), 0, 8);
		break;
	case 'x':
	case 'X':
		format_int(o, &sp, arg_int(ap, len, false), 0, 16);
		break;
	case 'p':
		ptr = va_arg(*ap, void *);
		if (!ptr) {
			sp.flags &= ~FL_ZERO;
			format_text(o, &sp, "(nil)", 5);
			break;
		}
		sp.flags |= FL_HASH;
		sp.conv = 'x';
		format_int(o, &sp, (uintptr_t)ptr, sign_char(&sp, false), 16);
		break;
	case 'c':
		/* %lc takes a wint_t, which is promoted like an int. */
		sp.flags &= ~FL_ZERO;
		n = va_arg(*ap, int);
		c = len == LEN_L && (unsigned int)n >= 0x80 ? '?' : (char)n;
		format_text(o, &sp, &c, 1);
		break;
	case 's':
		sp.flags &= ~FL_ZERO;
		if (len == LEN_L) {
			format_wide(o, &sp, va_arg(*ap, const wchar_t *));
			break;
		}
		s = va_arg(*ap, const char *);
		if (!s)
			s = sp.prec >= 0 && sp.prec < 6 ? "" : "(null)";
		format_text(o, &sp, s, sp.prec >= 0 ?
				strnlen(s, (size_t)sp.prec) : strlen(s));
		break;
	case 'f': case 'F':
	case 'e': case 'E':
	case 'g': case 'G':
	case 'a': case 'A':
#ifdef CONFIG_LIB_NOLIBC_FLOAT
		if (len == LEN_BIG_L)
			dv = nolibc_ldouble_to_double(va_arg(*ap, long double));
		else
			dv = va_arg(*ap, double);
		nolibc_format_double(o, &sp, dv);
#else
		/* The value is taken all the same, so that the arguments
		 * after it stay in place; what is printed says why there is
		 * no number. */
		if (len == LEN_BIG_L)
			(void)va_arg(*ap, long double);
		else
			(void)va_arg(*ap, double);
		nolibc_emit(o, "[", 1);
		nolibc_emit(o, start, (size_t)(*p - start));
		nolibc_emit(o, ": LIB_NOLIBC_FLOAT is off]", 26);
#endif
		break;
	case 'n':
		store_count(ap, len, o->count);
		break;
	case '%':
		nolibc_emit(o, "%", 1);
		break;
	default:
		nolibc_emit(o, start, (size_t)(*p - start));
		break;
	}
	return true;
}

int nolibc_vformat(nolibc_out_fn out, void *ctx, const char *fmt,
		   va_list ap)
{
	struct nolibc_out o = { out, ctx, 0 };
	const char *p = fmt, *text;
	bool ok = true;
	va_list args;

	/* A copy, because a va_list parameter cannot be passed on by
	 * address portably (it is an array type on x86_64). */
	va_copy(args, ap);
	while (*p && ok) {
		text = p;
		while (*p && *p != '%')
			p++;
		nolibc_emit(&o, text, (size_t)(p - text));
		if (*p == '%') {
			p++;
			ok = convert(&o, &p, &args);
		}
	}
	va_end(args);

	if (!ok || o.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.count;
}

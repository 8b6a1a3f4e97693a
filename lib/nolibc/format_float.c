/* Floating-point conversions: %f %e %g (and upper case) and %a.
 *
 * A finite double is m * 2^e with m < 2^53 and -1074 <= e <= 971, so its
 * exact decimal value is an integer N times 10^-k: N = m * 2^e (k = 0)
 * when e >= 0, N = m * 5^k when e = -k < 0. N has at most 767 digits, so
 * it fits a small base-10^9 big integer on the stack. Every digit printed
 * comes from N, and rounding looks at N's remaining digits, which makes
 * output correctly rounded (ties to even, as glibc does in the default
 * rounding mode) at any precision, with plain 64-bit integer arithmetic.
 * No floating-point operation is used at all. */
#include <stdbool.h>
#include <stdint.h>

#include "format.h"

#define BASE		1000000000u	/* 10^9 per limb */
#define BASE_DIGITS	9
/* 767 digits at most (2^53 * 5^1074), so 86 limbs. */
#define MAX_LIMBS	86
/* Digits past this index of N are zero for every double (767 digits, plus
 * 309 integer digits at most): rounding need not look further. */
#define MAX_INDEX	1100

/* value = 0.D * 10^dp, where D is the decimal digit string of N. */
struct bigdec {
	uint32_t limb[MAX_LIMBS]; /* least significant first */
	int nlimbs;
	int ndigits; /* digits in D; 0 for the value zero */
	int dp;
};

static const uint32_t pow10[BASE_DIGITS] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

static void big_mul(struct bigdec *b, uint32_t f)
{
	uint64_t carry = 0, t;
	int i;

	for (i = 0; i < b->nlimbs; i++) {
		t = (uint64_t)b->limb[i] * f + carry;
		b->limb[i] = (uint32_t)(t % BASE);
		carry = t / BASE;
	}
	for (; carry; carry /= BASE)
		b->limb[b->nlimbs++] = (uint32_t)(carry % BASE);
}

/* Sets b to m * 2^e exactly (m != 0). */
static void big_set(struct bigdec *b, uint64_t m, int e)
{
	uint32_t top, f;
	int k = 0, i;

	/* Shifting out trailing zero bits keeps N, and the work, small. */
	while (!(m & 1)) {
		m >>= 1;
		e++;
	}
	b->nlimbs = 0;
	for (; m; m /= BASE)
		b->limb[b->nlimbs++] = (uint32_t)(m % BASE);

	if (e > 0) {
		for (; e >= 29; e -= 29)
			big_mul(b, 1u << 29);
		if (e)
			big_mul(b, 1u << e);
	} else {
		/* 5^13 is the largest power of 5 that fits a uint32_t; a limb
		 * times it plus the carry stays far below 2^64. */
		k = -e;
		for (i = k; i >= 13; i -= 13)
			big_mul(b, 1220703125u);
		for (f = 1; i > 0; i--)
			f *= 5;
		big_mul(b, f);
	}

	top = b->limb[b->nlimbs - 1];
	b->ndigits = (b->nlimbs - 1) * BASE_DIGITS;
	while (top) {
		b->ndigits++;
		top /= 10;
	}
	b->dp = b->ndigits - k;
}

/* Digit i of D, counted from the most significant; 0 outside D. */
static int big_digit(const struct bigdec *b, long i)
{
	int j;

	if (i < 0 || i >= b->ndigits)
		return 0;
	j = b->ndigits - 1 - (int)i;
	return (int)(b->limb[j / BASE_DIGITS] / pow10[j % BASE_DIGITS] % 10);
}

/* D cut to its first `keep` digits and rounded, without copying it:
 * digits from `keep` on are zero, the digit at `bump` is one higher and
 * the nines after it became zeros. When all kept digits were nines the
 * result is a single 1, one decimal place higher. */
struct rounded {
	const struct bigdec *b;
	long keep;
	long bump; /* -1: rounded down */
	bool one;
	int dp;
};

static bool must_round_up(const struct bigdec *b, long keep)
{
	long i;
	int g;

	if (keep >= b->ndigits)
		return false;
	g = big_digit(b, keep);
	if (g != 5)
		return g > 5;
	for (i = keep + 1; i < b->ndigits; i++) {
		if (big_digit(b, i))
			return true;
	}
	/* An exact tie goes to the even neighbour. */
	return big_digit(b, keep - 1) & 1;
}

static void round_to(struct rounded *r, const struct bigdec *b, long keep)
{
	long i;

	r->b = b;
	r->bump = -1;
	r->one = false;
	r->dp = b->dp;
	/* Below the first digit, the value is under half a unit. */
	r->keep = keep < 0 ? 0 : keep;
	if (keep < 0 || !must_round_up(b, keep))
		return;
	for (i = keep - 1; i >= 0 && big_digit(b, i) == 9; i--)
		;
	if (i >= 0) {
		r->bump = i;
	} else {
		r->one = true;
		r->keep = 1;
		r->dp++;
	}
}

static int digit(const struct rounded *r, long i)
{
	if (i < 0 || i >= r->keep)
		return 0;
	if (r->one)
		return i == 0;
	if (r->bump < 0 || i < r->bump)
		return big_digit(r->b, i);
	return i == r->bump ? big_digit(r->b, i) + 1 : 0;
}

/* Index of the last non-zero digit, -1 if all are zero. */
static long last_nonzero(const struct rounded *r)
{
	long i;

	if (r->one)
		return 0;
	if (r->bump >= 0)
		return r->bump;
	i = r->keep < r->b->ndigits ? r->keep : r->b->ndigits;
	while (--i >= 0 && !big_digit(r->b, i))
		;
	return i;
}

/* Emits digits from..from+count-1; past the significant ones they are
 * zeros, which go out as padding. */
static void emit_digits(struct nolibc_out *o, const struct rounded *r,
			long from, long count)
{
	long end = from + count, sig = r->keep, i;
	char buf[32];
	size_t n = 0;

	if (sig > r->b->ndigits && !r->one)
		sig = r->b->ndigits;
	if (sig > end)
		sig = end;
	for (i = from; i < sig; i++) {
		buf[n++] = (char)('0' + digit(r, i));
		if (n == sizeof(buf)) {
			nolibc_emit(o, buf, n);
			n = 0;
		}
	}
	nolibc_emit(o, buf, n);
	nolibc_pad(o, '0', (size_t)(end - (from > sig ? from : sig)));
}

static long min_long(long a, long b)
{
	return a < b ? a : b;
}

static long clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* %f with prec fraction digits; trim drops trailing zeros (for %g). */
static void format_fixed(struct nolibc_out *o, const struct nolibc_spec *sp,
			 const char *prefix, size_t plen,
			 const struct bigdec *b, long prec, bool trim)
{
	struct rounded r;
	long flen = prec, ilen;
	bool point;
	size_t len;

	round_to(&r, b, b->dp + min_long(prec, MAX_INDEX));
	if (trim)
		flen = clamp(last_nonzero(&r) + 1 - r.dp, 0, prec);
	ilen = r.dp > 0 ? r.dp : 1;
	point = flen > 0 || (sp->flags & FL_HASH);
	len = plen + (size_t)ilen + point + (size_t)flen;

	nolibc_field_start(o, sp, prefix, plen, len);
	if (r.dp > 0)
		emit_digits(o, &r, 0, r.dp);
	else
		nolibc_emit(o, "0", 1);
	if (point)
		nolibc_emit(o, ".", 1);
	emit_digits(o, &r, r.dp, flen);
	nolibc_field_end(o, sp, len);
}

/* %e with prec fraction digits; trim drops trailing zeros (for %g). */
static void format_exp(struct nolibc_out *o, const struct nolibc_spec *sp,
		       const char *prefix, size_t plen,
		       const struct bigdec *b, long prec, bool trim)
{
	char ebuf[8];
	struct rounded r;
	long flen = prec;
	size_t elen = 0, len;
	bool point;
	int x;

	round_to(&r, b, 1 + min_long(prec, MAX_INDEX));
	x = b->ndigits ? r.dp - 1 : 0;
	if (trim)
		flen = clamp(last_nonzero(&r), 0, prec);
	point = flen > 0 || (sp->flags & FL_HASH);

	/* At least two exponent digits; a double needs three at most. */
	ebuf[elen++] = sp->conv == 'E' || sp->conv == 'G' ? 'E' : 'e';
	ebuf[elen++] = x < 0 ? '-' : '+';
	if (x < 0)
		x = -x;
	if (x >= 100)
		ebuf[elen++] = (char)('0' + x / 100);
	ebuf[elen++] = (char)('0' + x / 10 % 10);
	ebuf[elen++] = (char)('0' + x % 10);
	len = plen + 1 + point + (size_t)flen + elen;

	nolibc_field_start(o, sp, prefix, plen, len);
	emit_digits(o, &r, 0, 1);
	if (point)
		nolibc_emit(o, ".", 1);
	emit_digits(o, &r, 1, flen);
	nolibc_emit(o, ebuf, elen);
	nolibc_field_end(o, sp, len);
}

/* %g: %e if the exponent X (after rounding to P digits) is < -4 or
 * >= P, else %f; trailing zeros go unless the '#' flag is given. */
static void format_general(struct nolibc_out *o, const struct nolibc_spec *sp,
			   const char *prefix, size_t plen,
			   const struct bigdec *b, long prec)
{
	bool trim = !(sp->flags & FL_HASH);
	long p = prec ? prec : 1;
	struct rounded r;
	int x = 0;

	if (b->ndigits) {
		round_to(&r, b, min_long(p, MAX_INDEX));
		x = r.dp - 1;
	}
	if (x < p && x >= -4)
		format_fixed(o, sp, prefix, plen, b, p - 1 - x, trim);
	else
		format_exp(o, sp, prefix, plen, b, p - 1, trim);
}

/* %a: 0x1.<hex fraction>p<exponent>, subnormals as 0x0.<...>p-1022 and
 * a carry from rounding shown as 0x2, all as glibc prints them. */
static void format_hex(struct nolibc_out *o, const struct nolibc_spec *sp,
		       char sign, int bexp, uint64_t frac)
{
	const bool upper = sp->conv == 'A';
	const char *xd = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char prefix[3], ebuf[8], c;
	size_t plen = 0, elen = 0, len;
	int lead = bexp != 0, x, nd = 13, drop, i;
	uint64_t rem, half;
	bool point, odd;

	x = bexp ? bexp - 1023 : frac ? -1022 : 0;
	if (sp->prec < 0) {
		while (nd > 0 && !((frac >> (52 - 4 * nd)) & 0xf))
			nd--;
	} else if (sp->prec < 13) {
		nd = sp->prec;
		drop = 52 - 4 * nd;
		rem = frac & ((1ULL << drop) - 1);
		half = 1ULL << (drop - 1);
		frac >>= drop;
		/* Ties go to even; with no digits left, lead is the last. */
		odd = (nd ? frac : (uint64_t)lead) & 1;
		if (rem > half || (rem == half && odd))
			frac++;
		if (frac >> (4 * nd)) {
			lead++;
			frac = 0;
		}
		frac <<= drop;
	}

	if (sign)
		prefix[plen++] = sign;
	prefix[plen++] = '0';
	prefix[plen++] = upper ? 'X' : 'x';
	ebuf[elen++] = upper ? 'P' : 'p';
	ebuf[elen++] = x < 0 ? '-' : '+';
	if (x < 0)
		x = -x;
	for (i = 1000; i > 1; i /= 10) {
		if (x >= i)
			ebuf[elen++] = (char)('0' + x / i % 10);
	}
	ebuf[elen++] = (char)('0' + x % 10);

	point = nd > 0 || sp->prec > 0 || (sp->flags & FL_HASH);
	len = plen + 1 + point + (size_t)(sp->prec > 13 ? sp->prec : nd) +
	      elen;
	nolibc_field_start(o, sp, prefix, plen, len);
	c = (char)('0' + lead);
	nolibc_emit(o, &c, 1);
	if (point)
		nolibc_emit(o, ".", 1);
	for (i = 0; i < nd; i++) {
		c = xd[(frac >> (48 - 4 * i)) & 0xf];
		nolibc_emit(o, &c, 1);
	}
	if (sp->prec > 13)
		nolibc_pad(o, '0', (size_t)(sp->prec - 13));
	nolibc_emit(o, ebuf, elen);
	nolibc_field_end(o, sp, len);
}

void nolibc_format_double(struct nolibc_out *o, const struct nolibc_spec *sp0,
			  double v)
{
	union {
		double d;
		uint64_t u;
	} bits = { .d = v };
	struct nolibc_spec sp = *sp0;
	int bexp = (int)(bits.u >> 52) & 0x7ff;
	uint64_t frac = bits.u & ((1ULL << 52) - 1);
	bool upper = sp.conv >= 'A' && sp.conv <= 'Z';
	char conv = (char)(sp.conv | 0x20); /* lower case */
	struct bigdec b;
	char sign = 0;
	size_t len;

	if (bits.u >> 63)
		sign = '-';
	else if (sp.flags & FL_PLUS)
		sign = '+';
	else if (sp.flags & FL_SPACE)
		sign = ' ';

	if (bexp == 0x7ff) {
		/* Zero padding would read as a number: pad with spaces. */
		sp.flags &= ~FL_ZERO;
		len = (sign != 0) + 3;
		nolibc_field_start(o, &sp, &sign, sign != 0, len);
		if (frac)
			nolibc_emit(o, upper ? "NAN" : "nan", 3);
		else
			nolibc_emit(o, upper ? "INF" : "inf", 3);
		nolibc_field_end(o, &sp, len);
		return;
	}
	if (conv == 'a') {
		format_hex(o, &sp, sign, bexp, frac);
		return;
	}

	if (bexp == 0 && frac == 0) {
		b.ndigits = 0;
		b.dp = 1;
	} else if (bexp == 0) {
		big_set(&b, frac, -1074);
	} else {
		big_set(&b, frac | 1ULL << 52, bexp - 1075);
	}
	if (sp.prec < 0)
		sp.prec = 6;

	if (conv == 'f')
		format_fixed(o, &sp, &sign, sign != 0, &b, sp.prec, false);
	else if (conv == 'e')
		format_exp(o, &sp, &sign, sign != 0, &b, sp.prec, false);
	else
		format_general(o, &sp, &sign, sign != 0, &b, sp.prec);
}

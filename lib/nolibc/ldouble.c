/* long double to double, for printf's L modifier.
 *
 * Where long double is IEEE binary128 (arm64), the compiler would call
 * libgcc's soft-float __trunctfdf2, and images are linked without
 * libgcc; so the conversion is done here on the bits. The x87 format
 * (x86_64) converts with one FPU instruction and needs nothing. */
#include <stdint.h>

#include "format.h"

double nolibc_quad_to_double(uint64_t hi, uint64_t lo);

/* Rounds a binary128 value, given as its high and low 64 bits, to the
 * nearest double (ties to even). Public only so that unit tests on an
 * x87 host can reach it. */
double nolibc_quad_to_double(uint64_t hi, uint64_t lo)
{
	union {
		double d;
		uint64_t u;
	} r;
	const uint64_t inf = 0x7ffULL << 52;
	uint64_t sign = hi & 1ULL << 63, sig, mant, rem, half;
	uint64_t mhi = hi & ((1ULL << 48) - 1);
	int exp = (int)(hi >> 48) & 0x7fff, e, drop;

	if (exp == 0x7fff) {
		/* Infinity, or a quiet NaN (the payload does not matter). */
		r.u = sign | inf | ((mhi | lo) ? 1ULL << 51 : 0);
		return r.d;
	}
	if (exp == 0) {
		/* Zero, or a binary128 subnormal: far below any double. */
		r.u = sign;
		return r.d;
	}

	/* The top 64 of the 113 significand bits; the lower ones only
	 * matter as a "sticky" bit that breaks rounding ties. */
	sig = 1ULL << 63 | mhi << 15 | lo >> 49 |
	      ((lo & ((1ULL << 49) - 1)) != 0);
	e = exp - 16383; /* value = sig / 2^63 * 2^e */
	if (e > 1023) {
		r.u = sign | inf;
		return r.d;
	}
	/* Bits below the double's last place: 11 for a normal result,
	 * more for a subnormal one (whose last place is 2^-1074). */
	drop = e >= -1022 ? 11 : 11 + (-1022 - e);
	if (drop > 64) {
		r.u = sign;
		return r.d;
	}
	if (drop == 64) {
		mant = 0;
		rem = sig;
	} else {
		mant = sig >> drop;
		rem = sig & ((1ULL << drop) - 1);
	}
	half = 1ULL << (drop - 1);
	if (rem > half || (rem == half && (mant & 1)))
		mant++;
	/* A carry out of the significand ripples into the exponent field,
	 * which is exactly the right result (up to infinity). */
	if (e >= -1022)
		r.u = ((uint64_t)(e + 1022) << 52) + mant;
	else
		r.u = mant;
	r.u |= sign;
	return r.d;
}

double nolibc_ldouble_to_double(long double v)
{
#if __LDBL_MANT_DIG__ == 113
	union {
		long double ld;
		uint64_t w[2];
	} u = { .ld = v };

	_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
		       "word order of long double");
	return nolibc_quad_to_double(u.w[1], u.w[0]);
#else
	return (double)v;
#endif
}

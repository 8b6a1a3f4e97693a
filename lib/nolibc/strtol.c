/* String to integer conversion. All variants share one parser working
 * on unsigned long long (long and long long are both 64-bit on LP64);
 * they differ only in where they clamp. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct parsed {
	unsigned long long mag; /* magnitude, valid unless overflow */
	bool neg;
	bool overflow;
};

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36; /* larger than any base */
}

/* Parses [space][sign][prefix]digits. Returns false (with *endptr at
 * str) when there is no digit or the base is invalid. */
static bool parse(const char *str, char **endptr, int base,
		  struct parsed *p)
{
	const char *s = str;
	unsigned long long limit;
	int d;

	p->mag = 0;
	p->neg = false;
	p->overflow = false;
	if (endptr)
		*endptr = (char *)str;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		return false;
	}

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		p->neg = *s++ == '-';
	/* "0x" counts as a prefix only if a hex digit follows; otherwise
	 * the number is the "0" and parsing stops at the 'x'. */
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    tolower((unsigned char)s[1]) == 'x' &&
	    digit_value((unsigned char)s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}

	if (digit_value((unsigned char)*s) >= base)
		return false;
	limit = ULLONG_MAX / (unsigned)base;
	for (; (d = digit_value((unsigned char)*s)) < base; s++) {
		if (p->mag > limit ||
		    p->mag * (unsigned)base > ULLONG_MAX - (unsigned)d)
			p->overflow = true;
		p->mag = p->mag * (unsigned)base + (unsigned)d;
	}
	if (endptr)
		*endptr = (char *)s;
	return true;
}

unsigned long long strtoull(const char *restrict str,
			    char **restrict endptr, int base)
{
	struct parsed p;

	if (!parse(str, endptr, base, &p))
		return 0;
	if (p.overflow) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	/* As the standard says: "-1" is negated in the unsigned type. */
	return p.neg ? -p.mag : p.mag;
}

long long strtoll(const char *restrict str, char **restrict endptr,
		  int base)
{
	struct parsed p;

	if (!parse(str, endptr, base, &p))
		return 0;
	if (p.neg) {
		if (p.overflow || p.mag > (unsigned long long)LLONG_MAX + 1) {
			errno = ERANGE;
			return LLONG_MIN;
		}
		/* Written so that LLONG_MIN itself never overflows. */
		return p.mag ? -(long long)(p.mag - 1) - 1 : 0;
	}
	if (p.overflow || p.mag > LLONG_MAX) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	return (long long)p.mag;
}

unsigned long strtoul(const char *restrict str, char **restrict endptr,
		      int base)
{
	return strtoull(str, endptr, base);
}

long strtol(const char *restrict str, char **restrict endptr, int base)
{
	return strtoll(str, endptr, base);
}

uintmax_t strtoumax(const char *restrict str, char **restrict endptr,
		    int base)
{
	return strtoull(str, endptr, base);
}

intmax_t strtoimax(const char *restrict str, char **restrict endptr,
		   int base)
{
	return strtoll(str, endptr, base);
}

/* Like glibc: no error detection, an out-of-range value is truncated. */
int atoi(const char *str)
{
	return (int)strtol(str, NULL, 10);
}

long atol(const char *str)
{
	return strtol(str, NULL, 10);
}

long long atoll(const char *str)
{
	return strtoll(str, NULL, 10);
}

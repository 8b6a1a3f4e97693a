/* Hex numbers and hex text, as the protocol writes them. */
#include "internal.h"

int gdb_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool gdb_parse_hex(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t n = 0;
	int digits = 0, d;

	while ((d = gdb_hexval((unsigned char)*s)) >= 0) {
		/* More than 64 bits is malformed, not silently wrapped. */
		if (++digits > 16)
			return false;
		n = n << 4 | (uint64_t)d;
		s++;
	}
	if (!digits)
		return false;
	*p = s;
	*v = n;
	return true;
}

bool gdb_parse_thread(const char **p, long *id)
{
	const char *s = *p;
	uint64_t v;

	/* Multiprocess form "pPID.TID": one process, so the pid is
	 * checked for syntax only. */
	if (*s == 'p') {
		s++;
		if (s[0] == '-' && s[1] == '1')
			s += 2;
		else if (!gdb_parse_hex(&s, &v))
			return false;
		if (*s != '.')
			return false;
		s++;
	}
	if (s[0] == '-' && s[1] == '1') {
		*id = -1;
		*p = s + 2;
		return true;
	}
	if (!gdb_parse_hex(&s, &v) || v > (uint64_t)__LONG_MAX__)
		return false;
	*id = (long)v;
	*p = s;
	return true;
}

bool gdb_hex_decode(const char *s, size_t n, uint8_t *out)
{
	size_t i;

	if (n & 1)
		return false;
	for (i = 0; i < n / 2; i++) {
		int hi = gdb_hexval((unsigned char)s[2 * i]);
		int lo = gdb_hexval((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

char *gdb_fmt_ulong(char *buf, unsigned long v, unsigned int base)
{
	char tmp[24];
	int n = 0, i = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return buf;
}

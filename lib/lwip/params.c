/* The kernel parameters' values (net.ip, net.gw, net.dns), parsed
 * strictly: four decimal numbers of 0-255 separated by dots, a prefix
 * length of 0-32 after a slash, a comma between DNS servers. Pure
 * functions: tests/fuzz's lwIP target runs them on the host too. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include "params.h"

/* One address at s; *end is set past it. Host byte order. */
static int parse_ip4(const char *s, const char **end, uint32_t *addr)
{
	uint32_t a = 0;

	for (int part = 0; part < 4; part++) {
		unsigned int v = 0, digits = 0;

		if (part && *s++ != '.')
			return -EINVAL;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned int)(*s++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || v > 255)
			return -EINVAL;
		a = a << 8 | v;
	}
	*end = s;
	*addr = a;
	return 0;
}

int lwip_parse_ip4(const char *s, uint32_t *addr)
{
	const char *end;

	if (!s || parse_ip4(s, &end, addr) || *end)
		return -EINVAL;
	return 0;
}

int lwip_parse_ip4_prefix(const char *s, uint32_t *addr, uint32_t *mask)
{
	const char *end;
	unsigned int len = 0, digits = 0;

	if (!s || parse_ip4(s, &end, addr) || *end != '/')
		return -EINVAL;
	for (end++; *end >= '0' && *end <= '9' && digits < 3; end++, digits++)
		len = len * 10 + (unsigned int)(*end - '0');
	if (!digits || *end || len > 32)
		return -EINVAL;
	*mask = len ? ~(uint32_t)0 << (32 - len) : 0;
	return 0;
}

int lwip_parse_ip4_list(const char *s, uint32_t *addrs, int max)
{
	int n = 0;

	if (!s || !*s)
		return -EINVAL;
	for (;;) {
		const char *end;

		if (n == max)
			return -E2BIG;
		if (parse_ip4(s, &end, &addrs[n]))
			return -EINVAL;
		n++;
		if (!*end)
			return n;
		if (*end != ',')
			return -EINVAL;
		s = end + 1;
	}
}

/* Addresses, types and families as text, for the tracepoints, monitor
 * net and the tests: the same words everywhere. IPv6 is printed in full
 * hexadecimal groups with the longest run of zero groups as "::"
 * (RFC 5952's form). */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>
#include "internal.h"

const char *ts_socket_type_name(int type)
{
	switch (type & 0xf) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_RAW:
		return "raw";
	case SOCK_SEQPACKET:
		return "seqpacket";
	default:
		return "?";
	}
}

const char *ts_socket_family_name(int family)
{
	const struct ts_socket_family *f = ts_socket_family_find(family);

	if (f)
		return f->name;
	switch (family) {
	case AF_UNIX:
		return "unix";
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	default:
		return "?";
	}
}

static void v6_text(char *buf, size_t size, const unsigned char *b)
{
	unsigned int g[8];
	int best = -1, bestlen = 1, run = 0;
	size_t at = 0;

	for (int i = 0; i < 8; i++)
		g[i] = (unsigned int)b[2 * i] << 8 | b[2 * i + 1];
	for (int i = 0; i < 8; i++) {
		run = g[i] ? 0 : run + 1;
		if (run > bestlen) {
			bestlen = run;
			best = i - run + 1;
		}
	}
	for (int i = 0; i < 8 && at < size; i++) {
		if (i == best) {
			at += (size_t)snprintf(buf + at, size - at, "::");
			i += bestlen - 1;
			continue;
		}
		at += (size_t)snprintf(buf + at, size - at, "%s%x",
				       i && i != best + bestlen ? ":" : "",
				       g[i]);
	}
}

char *ts_socket_addr_text(char *buf, size_t size, const struct sockaddr *a,
			  socklen_t len)
{
	if (!size)
		return buf;
	if (!a || len < sizeof(sa_family_t)) {
		snprintf(buf, size, "-");
		return buf;
	}
	if (a->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)a;
		const unsigned char *b = (const void *)&in->sin_addr;

		snprintf(buf, size, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3],
			 ntohs(in->sin_port));
	} else if (a->sa_family == AF_INET6 &&
		   len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)a;
		char ip[48];

		v6_text(ip, sizeof(ip), in6->sin6_addr.s6_addr);
		snprintf(buf, size, "[%s]:%u", ip, ntohs(in6->sin6_port));
	} else if (a->sa_family == AF_UNIX) {
		const struct sockaddr_un *un = (const void *)a;
		size_t n = len - sizeof(sa_family_t);

		if (!n)
			snprintf(buf, size, "unix:unnamed");
		else if (!un->sun_path[0])
			snprintf(buf, size, "unix:@%.*s", (int)(n - 1),
				 un->sun_path + 1);
		else
			snprintf(buf, size, "unix:%.*s", (int)n, un->sun_path);
	} else {
		snprintf(buf, size, "af %u", a->sa_family);
	}
	return buf;
}

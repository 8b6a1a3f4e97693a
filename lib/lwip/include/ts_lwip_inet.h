/* lwIP's address conversions on the C library's struct in_addr and
 * in6_addr (lwipopts.h: LWIP_SOCKET_EXTERNAL_HEADERS; lwip/inet.h
 * includes this file in place of its own definitions). Both hold the
 * address in network order, as lwIP's ip4_addr_t and ip6_addr_t do. */
#ifndef TS_LWIP_INET_H
#define TS_LWIP_INET_H

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>

#define inet_addr_from_ip4addr(in, ip) \
	((in)->s_addr = ip4_addr_get_u32(ip))
#define inet_addr_to_ip4addr(ip, in) \
	ip4_addr_set_u32(ip, (in)->s_addr)

#define inet6_addr_from_ip6addr(in6, ip6) do {				\
		for (int ts__i = 0; ts__i < 4; ts__i++)			\
			(in6)->s6_addr32[ts__i] = (ip6)->addr[ts__i];	\
	} while (0)
#define inet6_addr_to_ip6addr(ip6, in6) do {				\
		for (int ts__i = 0; ts__i < 4; ts__i++)			\
			(ip6)->addr[ts__i] = (in6)->s6_addr32[ts__i];	\
		ip6_addr_clear_zone(ip6);				\
	} while (0)
/* Both are four 32-bit words in network order. */
#define inet6_addr_to_ip6addr_p(ip6p, in6) \
	((ip6p) = (ip6_addr_t *)(void *)(in6))

#endif

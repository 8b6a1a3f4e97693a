/* Parsing net.ip, net.gw and net.dns (params.c). Addresses in host
 * byte order; 0 or -EINVAL. */
#ifndef LWIP_PARAMS_H
#define LWIP_PARAMS_H

#include <stdint.h>

int lwip_parse_ip4(const char *s, uint32_t *addr);
/* "A.B.C.D/LEN": the address and the netmask of LEN bits. */
int lwip_parse_ip4_prefix(const char *s, uint32_t *addr, uint32_t *mask);
/* "A.B.C.D[,A.B.C.D...]": how many (1..max), -EINVAL, or -E2BIG for
 * more than max. */
int lwip_parse_ip4_list(const char *s, uint32_t *addrs, int max);

#endif

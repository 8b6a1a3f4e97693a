/* TCP checksum offload for a frame to send (netif.c): lwIP leaves the
 * TCP checksum to the device (NETIF_CHECKSUM_GEN_TCP off on interfaces
 * whose device has TS_NETDEV_F_TX_CSUM), which sums from the TCP header
 * to the end and adds what the checksum field holds: the pseudo-header's
 * sum (addresses, protocol, TCP length), written here. UDP and ICMP
 * keep lwIP's own checksums (a fragmented UDP datagram cannot be summed
 * by the device). Pure: the fuzz target runs it on the host. */
#include <stddef.h>
#include <stdint.h>
#include "tx_csum.h"

#define ETH_HLEN	14
#define TCP_CSUM_OFF	16
#define PROTO_TCP	6

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t sum)
{
	for (; n > 1; p += 2, n -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (n)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

int lwip_tx_csum_prepare(uint8_t *f, size_t have, size_t len,
			 uint16_t *start, uint16_t *offset)
{
	uint32_t sum, l4len;
	size_t l4;

	if (have < ETH_HLEN || have > len)
		return LWIP_TX_CSUM_NONE;
	if (f[12] == 0x08 && f[13] == 0x00) {		/* IPv4 */
		const uint8_t *ip = f + ETH_HLEN;
		size_t ihl, total;

		if (have < ETH_HLEN + 20 || (ip[0] >> 4) != 4 ||
		    ip[9] != PROTO_TCP)
			return LWIP_TX_CSUM_NONE;
		/* A fragment has no whole segment to sum: lwIP never
		 * fragments TCP, but a frame that says so is left alone. */
		if ((ip[6] & 0x3f) || ip[7])
			return LWIP_TX_CSUM_NONE;
		ihl = (size_t)(ip[0] & 0xf) * 4;
		total = (size_t)ip[2] << 8 | ip[3];
		if (ihl < 20 || total < ihl + 20 || ETH_HLEN + total > len)
			return LWIP_TX_CSUM_NONE;
		l4 = ETH_HLEN + ihl;
		l4len = (uint32_t)(total - ihl);
		sum = sum16(ip + 12, 8, 0) + PROTO_TCP + l4len;
	} else if (f[12] == 0x86 && f[13] == 0xdd) {	/* IPv6 */
		const uint8_t *ip = f + ETH_HLEN;
		size_t plen;

		/* Only a TCP header right after IPv6's: lwIP adds no
		 * extension headers to TCP. */
		if (have < ETH_HLEN + 40 || (ip[0] >> 4) != 6 ||
		    ip[6] != PROTO_TCP)
			return LWIP_TX_CSUM_NONE;
		plen = (size_t)ip[4] << 8 | ip[5];
		if (plen < 20 || ETH_HLEN + 40 + plen > len)
			return LWIP_TX_CSUM_NONE;
		l4 = ETH_HLEN + 40;
		l4len = (uint32_t)plen;
		sum = sum16(ip + 8, 32, 0) + PROTO_TCP + l4len;
	} else {
		return LWIP_TX_CSUM_NONE;
	}
	*start = (uint16_t)l4;
	*offset = TCP_CSUM_OFF;
	if (have < l4 + TCP_CSUM_OFF + 2)
		return LWIP_TX_CSUM_SOFTWARE;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	f[l4 + TCP_CSUM_OFF] = (uint8_t)(sum >> 8);
	f[l4 + TCP_CSUM_OFF + 1] = (uint8_t)sum;
	return LWIP_TX_CSUM_DEVICE;
}

/* Frames too short for the header their Ethernet type announces are
 * dropped before lwIP sees them: lwIP's ip4_input() reads the IPv4
 * header's length fields before it compares them with the buffer, so a
 * frame of 14 + 1 bytes made it read past the frame (tests/fuzz's
 * fuzz_lwip found it: corpus regress-short-ip4-frame). The driver's
 * buffer is larger than the frame, so in an image it read stale bytes
 * rather than unmapped memory, and then dropped the frame; here it is
 * never read. Pure: fuzz_lwip runs it on the host. */
#include <stddef.h>
#include <stdint.h>
#include "rx_check.h"

#define ETH_HLEN	14

int lwip_rx_frame_ok(const uint8_t *f, size_t len)
{
	unsigned int type;

	if (len <= ETH_HLEN)
		return 0;
	type = (unsigned int)f[12] << 8 | f[13];
	switch (type) {
	case 0x0800:	/* IPv4: its fixed header */
		return len >= ETH_HLEN + 20;
	case 0x86dd:	/* IPv6 */
		return len >= ETH_HLEN + 40;
	case 0x0806:	/* ARP for IPv4 over Ethernet */
		return len >= ETH_HLEN + 28;
	default:	/* lwIP drops the others by their type */
		return 1;
	}
}

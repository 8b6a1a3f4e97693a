/* TCP checksum offload of a frame to send (tx_csum.c). */
#ifndef LWIP_TX_CSUM_H
#define LWIP_TX_CSUM_H

#include <stddef.h>
#include <stdint.h>

#define LWIP_TX_CSUM_NONE	0	/* not a TCP segment: nothing to do */
#define LWIP_TX_CSUM_DEVICE	1	/* the device sums from *start, field at *start + *offset */
#define LWIP_TX_CSUM_SOFTWARE	2	/* TCP, but its header is not in the first have bytes */

/* f: the frame's first have contiguous bytes of len. For a TCP segment
 * over IPv4 or IPv6, writes the pseudo-header's sum into the TCP
 * checksum field (when it is within have) and says where the device
 * must sum from. */
int lwip_tx_csum_prepare(uint8_t *f, size_t have, size_t len,
			 uint16_t *start, uint16_t *offset);

#endif

/* Received frames lwIP may be given (rx_check.c). */
#ifndef LWIP_RX_CHECK_H
#define LWIP_RX_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* 1 if the frame of len bytes holds at least the Ethernet header and
 * the fixed header of the protocol its type names, else 0. */
int lwip_rx_frame_ok(const uint8_t *f, size_t len);

#endif

/* Between lib/lwip's files. */
#ifndef LWIP_INTERNAL_H
#define LWIP_INTERNAL_H

struct netif;

/* Record the interface going up and down, and its link, in the trace
 * (iface.c). With the core lock held. */
void lwip_iface_watch(struct netif *n);

/* Attach lib/netdev's devices and give them their addresses (netif.c);
 * 0 without lib/netdev. */
int lwip_devices_start(void);

#endif

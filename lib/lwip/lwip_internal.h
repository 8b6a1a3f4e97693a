/* Between lib/lwip's files. */
#ifndef LWIP_INTERNAL_H
#define LWIP_INTERNAL_H

#include <stdint.h>

struct netif;

/* Record the interface going up and down, and its link, in the trace
 * (iface.c). With the core lock held. */
void lwip_iface_watch(struct netif *n);

/* Attach lib/netdev's devices and give them their addresses
 * (devices.c); 0 without lib/netdev. */
int lwip_devices_start(void);

#ifdef CONFIG_LIB_LWIP_NETDEV
#include <lwip/netif.h>
#include <ts/sync.h>

/* An interface on a lib/netdev device (netif.c). */
struct lwip_dev {
	struct netif netif;
	struct ts_netdev *dev;
	struct ts_sem wake;		/* rx_ready, link changes */
	struct ts_thread *thread;	/* lwip-rx-eth0 */
	int link_pending;		/* 0, 1 down, 2 up */
	uint64_t rx_nomem;		/* frames dropped: no memory */
	uint64_t rx_short;		/* frames dropped: too short (rx_check.c) */
};

/* Add dev as d's interface (down, no address), open it, start its
 * receive thread. With the core lock held. 0 or a negative errno. */
int lwip_dev_attach(struct lwip_dev *d, struct ts_netdev *dev);
#endif

#endif

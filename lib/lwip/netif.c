/* lib/netdev's devices as lwIP interfaces (en0, en1, ... for eth0,
 * eth1, ...). Received frames become pbufs without a copy: a
 * PBUF_REF custom pbuf over the driver's buffer, given back with
 * ts_netbuf_free() when lwIP frees it. Frames are sent as the pbuf
 * chain's scatter list; the pbuf is held until the device is done with
 * it (tx_done). Checksums: where the device checks TCP and UDP
 * checksums (TS_NETDEV_F_RX_CSUM), lwIP skips its check for the frames
 * the device marked; where it fills TCP checksums (TS_NETDEV_F_TX_CSUM),
 * lwIP leaves them (tx_csum.c). One receive thread per device, woken by
 * the device's interrupt (rx_ready), polls it with a budget while
 * holding lwIP's core lock, and lets others run between budgets. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <lwip/etharp.h>
#include <lwip/ethip6.h>
#include <lwip/netif.h>
#include <lwip/pbuf.h>
#include <lwip/tcpip.h>
#include <lwip/inet_chksum.h>
#include <lwip/prot/ethernet.h>
#include <lwip/prot/ip.h>
#include <netif/ethernet.h>
#include <ts/debug.h>
#include <ts/netdev.h>
#include <ts/sched.h>
#include <ts/sync.h>
#include "lwip_internal.h"
#include "rx_check.h"
#include "tx_csum.h"

#define RX_BUDGET	64

struct rx_pbuf {
	struct pbuf_custom pc;
	struct ts_netbuf *nb;
};

static void rx_pbuf_free(struct pbuf *p)
{
	struct rx_pbuf *r = (struct rx_pbuf *)p;

	ts_netbuf_free(r->nb);
	free(r);
}

/* With the core lock held (ts_netdev_poll() on the receive thread). */
static void dev_rx(void *arg, struct ts_netbuf *nb)
{
	struct lwip_dev *d = arg;
	struct rx_pbuf *r;
	struct pbuf *p;

	if (nb->len > 0xffff || !lwip_rx_frame_ok(nb->data, nb->len)) {
		ts_netbuf_free(nb);
		d->rx_short++;
		return;
	}
	r = malloc(sizeof(*r));
	if (!r) {
		ts_netbuf_free(nb);
		d->rx_nomem++;
		return;
	}
	r->nb = nb;
	r->pc.custom_free_function = rx_pbuf_free;
	p = pbuf_alloced_custom(PBUF_RAW, (u16_t)nb->len, PBUF_REF, &r->pc,
				nb->data, (u16_t)nb->len);
	if (!p) {
		ts_netbuf_free(nb);
		free(r);
		d->rx_nomem++;
		return;
	}
	/* lwIP's checksum checks are per interface: on for each frame the
	 * device did not check. */
	if (d->dev->features & TS_NETDEV_F_RX_CSUM) {
		u16_t flags = NETIF_CHECKSUM_ENABLE_ALL &
			      ~(d->dev->features & TS_NETDEV_F_TX_CSUM ?
				NETIF_CHECKSUM_GEN_TCP : 0);

		if (nb->flags & TS_NETBUF_CSUM_OK)
			flags &= (u16_t)~(NETIF_CHECKSUM_CHECK_TCP |
					  NETIF_CHECKSUM_CHECK_UDP);
		NETIF_SET_CHECKSUM_CTRL(&d->netif, flags);
	}
	/* Not netif.input (tcpip_input), which would take the core lock
	 * this thread holds already for the whole budget. */
	if (ethernet_input(p, &d->netif) != ERR_OK)
		pbuf_free(p);
}

static void dev_rx_ready(void *arg)
{
	struct lwip_dev *d = arg;

	ts_sem_post(&d->wake);
}

/* From ts_netdev_poll() or ts_netdev_xmit(): both with the core lock. */
static void dev_tx_done(void *arg, void *cookie)
{
	(void)arg;
	pbuf_free(cookie);
}

/* From the driver, in any context: applied by the receive thread. */
static void dev_link(void *arg, int up)
{
	struct lwip_dev *d = arg;

	__atomic_store_n(&d->link_pending, up ? 2 : 1, __ATOMIC_RELEASE);
	ts_sem_post(&d->wake);
}

static const struct ts_netdev_user dev_user = {
	.rx = dev_rx,
	.rx_ready = dev_rx_ready,
	.tx_done = dev_tx_done,
	.link = dev_link,
};

/* The TCP checksum the device was not asked for (its header is not in
 * the first pbuf, which lwIP does not do): computed here. */
static void tx_csum_software(struct pbuf *p, uint16_t start, uint16_t off)
{
	uint8_t *f = p->payload;
	u16_t len, sum;

	if (f[12] == 0x08) {
		ip4_addr_t src, dst;

		memcpy(&src, f + TS_ETH_HLEN + 12, 4);
		memcpy(&dst, f + TS_ETH_HLEN + 16, 4);
		len = (u16_t)(p->tot_len - start);
		pbuf_remove_header(p, start);
		sum = inet_chksum_pseudo(p, IP_PROTO_TCP, len, &src, &dst);
		pbuf_add_header(p, start);
	} else {
#if LWIP_IPV6
		ip6_addr_t src, dst;

		memcpy(src.addr, f + TS_ETH_HLEN + 8, 16);
		memcpy(dst.addr, f + TS_ETH_HLEN + 24, 16);
		ip6_addr_clear_zone(&src);
		ip6_addr_clear_zone(&dst);
		len = (u16_t)(p->tot_len - start);
		pbuf_remove_header(p, start);
		sum = ip6_chksum_pseudo(p, IP6_NEXTH_TCP, len, &src, &dst);
		pbuf_add_header(p, start);
#else
		return;
#endif
	}
	pbuf_put_at(p, start + off, (u8_t)(sum & 0xff));
	pbuf_put_at(p, start + off + 1, (u8_t)(sum >> 8));
}

static err_t dev_linkoutput(struct netif *n, struct pbuf *p)
{
	struct lwip_dev *d = n->state;
	struct ts_netdev_sg sg[TS_NETDEV_MAX_SG];
	struct ts_netdev_tx_offload off, *offp = NULL;
	struct pbuf *q, *send = p;
	unsigned int nsg = 0;
	int r;

	if (d->dev->features & TS_NETDEV_F_TX_CSUM) {
		switch (lwip_tx_csum_prepare(p->payload, p->len, p->tot_len,
					     &off.csum_start,
					     &off.csum_offset)) {
		case LWIP_TX_CSUM_DEVICE:
			offp = &off;
			break;
		case LWIP_TX_CSUM_SOFTWARE:
			tx_csum_software(p, off.csum_start, off.csum_offset);
			break;
		}
	}
	for (q = p; q; q = q->next)
		if (q->len)
			nsg++;
	/* More parts than the device takes: one copy. */
	if (nsg > TS_NETDEV_MAX_SG) {
		send = pbuf_clone(PBUF_RAW, PBUF_RAM, p);
		if (!send)
			return ERR_MEM;
	} else {
		pbuf_ref(p);
	}
	nsg = 0;
	for (q = send; q; q = q->next) {
		if (!q->len)
			continue;
		sg[nsg].addr = q->payload;
		sg[nsg].len = q->len;
		nsg++;
	}
	r = ts_netdev_xmit(d->dev, sg, nsg, offp, send);
	if (r) {
		pbuf_free(send);
		return r == -EAGAIN ? ERR_MEM : ERR_IF;
	}
	return ERR_OK;
}

static err_t dev_netif_init(struct netif *n)
{
	struct lwip_dev *d = n->state;
	u16_t csum = NETIF_CHECKSUM_ENABLE_ALL;

	n->name[0] = 'e';
	n->name[1] = 'n';
	n->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(n->hwaddr, d->dev->mac, ETH_HWADDR_LEN);
	n->mtu = d->dev->mtu ? d->dev->mtu : 1500;
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		   NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	n->output = etharp_output;
#if LWIP_IPV6
	n->output_ip6 = ethip6_output;
	n->mtu6 = n->mtu;
#endif
	n->linkoutput = dev_linkoutput;
	if (d->dev->features & TS_NETDEV_F_TX_CSUM)
		csum &= (u16_t)~NETIF_CHECKSUM_GEN_TCP;
	NETIF_SET_CHECKSUM_CTRL(n, csum);
	return ERR_OK;
}

static void *rx_thread(void *arg)
{
	struct lwip_dev *d = arg;

	for (;;) {
		int n, link;

		ts_sem_wait(&d->wake);
		do {
			LOCK_TCPIP_CORE();
			link = __atomic_exchange_n(&d->link_pending, 0,
						   __ATOMIC_ACQ_REL);
			if (link == 2)
				netif_set_link_up(&d->netif);
			else if (link == 1)
				netif_set_link_down(&d->netif);
			n = ts_netdev_poll(d->dev, RX_BUDGET);
			UNLOCK_TCPIP_CORE();
			/* A full budget: more are waiting, but the
			 * program's threads get their turn first. */
			if (n == RX_BUDGET)
				ts_thread_yield();
		} while (n == RX_BUDGET);
	}
	return NULL;
}

/* Called with the core lock held. */
int lwip_dev_attach(struct lwip_dev *d, struct ts_netdev *dev)
{
	struct ts_thread_attr a = { .prio = TCPIP_THREAD_PRIO, .detached = 1 };
	char name[TS_THREAD_NAME_MAX];
	int r;

	d->dev = dev;
	ts_sem_init(&d->wake, 0);
	if (!netif_add(&d->netif, NULL, NULL, NULL, d, dev_netif_init,
		       tcpip_input))
		return -ENOMEM;
	lwip_iface_watch(&d->netif);
#if LWIP_IPV6
	netif_create_ip6_linklocal_address(&d->netif, 1);
	netif_set_ip6_autoconfig_enabled(&d->netif, 1);
#endif
	if (dev->link_up)
		netif_set_link_up(&d->netif);
	else
		netif_set_link_down(&d->netif);
	r = ts_netdev_open(dev, &dev_user, d);
	if (r)
		return r;
	strcpy(name, "lwip-rx-");
	strncat(name, dev->name, sizeof(name) - strlen(name) - 1);
	return ts_thread_create(&d->thread, name, rx_thread, d, &a);
}

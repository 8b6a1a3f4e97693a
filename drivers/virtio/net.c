/* virtio-net (virtio 1.x, 5.1): each device a lib/netdev device. Queue
 * 0 receives, queue 1 sends; every buffer starts with the 12-byte
 * virtio-net header. Receive buffers come from a pool of the driver's:
 * a frame is handed to the stack in its buffer (no copy), and the stack
 * gives the buffer back with ts_netbuf_free(); the ring is refilled from
 * the pool on each poll. Sending, the stack's parts are chained behind
 * a header of the driver's, one descriptor each. Receive interrupts go
 * off in the handler and on again once a poll finds the ring empty
 * (<ts/netdev.h>); sent chains are reclaimed by polls and sends, without
 * interrupts. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/arch/irq_save.h>
#include <ts/init.h>
#include <ts/netdev.h>
#include <ts/plat/console.h>
#include <ts/virtio/virtio.h>

#define F_CSUM		(1ULL << 0)	/* the device fills checksums we leave */
#define F_GUEST_CSUM	(1ULL << 1)	/* it tells us checksums it checked */
#define F_MAC		(1ULL << 5)
#define F_STATUS	(1ULL << 16)
#define WANTED		(F_CSUM | F_GUEST_CSUM | F_MAC | F_STATUS)

#define S_LINK_UP	1		/* config status */
#define CFG_MAC		0
#define CFG_STATUS	6

#define HDR_F_NEEDS_CSUM	1
#define HDR_F_DATA_VALID	2

#define RXQ		0
#define TXQ		1
#define MAX_DEVICES	4
#define MTU		1500
/* A frame without VLAN tag, behind the header: what a device that
 * negotiated neither large receives nor merged buffers may write. */
#define FRAME_MAX	(TS_ETH_HLEN + MTU)
#define RX_BUF_SIZE	2048
#define NBUFS		CONFIG_DRIVER_VIRTIO_NET_RX_BUFS

struct vnet_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
};
#define HDR_LEN		sizeof(struct vnet_hdr)

struct vnet {
	struct ts_netdev nd;
	struct ts_virtio_dev *dev;
	uint64_t features;
	int irq;		/* receive interrupts taken */
	int irq_wanted;		/* the stack's rx_irq(1), until a frame */
	int config_changed;	/* set by the interrupt, read by poll */
	struct ts_virtq rxq, txq;
	/* The receive buffer on each descriptor of the ring (the ring's
	 * chains are one descriptor each). */
	struct ts_netbuf *rx_on[TS_VIRTQ_MAX];
	unsigned int rx_posted;
	/* Buffers neither on the ring nor the stack's: a stack of them,
	 * pushed by ts_netbuf_free() from any thread. */
	struct ts_netbuf *pool[NBUFS];
	unsigned int npool;
	/* Per sent chain (by head): the stack's cookie, and the header the
	 * chain starts with. */
	void *tx_cookie[TS_VIRTQ_MAX];
	struct vnet_hdr tx_hdr[TS_VIRTQ_MAX];
};

static struct vnet *devs[MAX_DEVICES];

static void buf_free(struct ts_netbuf *nb)
{
	struct vnet *v = nb->priv;
	int was = ts_arch_irq_save();

	/* NBUFS buffers exist, so the pool always has room for one. */
	v->pool[v->npool++] = nb;
	ts_arch_irq_restore(was);
}

static struct ts_netbuf *buf_get(struct vnet *v)
{
	struct ts_netbuf *nb = NULL;
	int was = ts_arch_irq_save();

	if (v->npool)
		nb = v->pool[--v->npool];
	ts_arch_irq_restore(was);
	return nb;
}

/* Put pool buffers on every free descriptor of the receive ring. */
static void rx_refill(struct vnet *v)
{
	struct ts_netbuf *nb;
	int added = 0, head;

	while (v->rxq.num_free && (nb = buf_get(v))) {
		struct ts_virtq_buf b = {
			(uint8_t *)nb->data - HDR_LEN, HDR_LEN + FRAME_MAX
		};

		head = ts_virtq_add(&v->rxq, &b, 0, 1);
		if (head < 0) {
			buf_free(nb);
			break;
		}
		v->rx_on[head] = nb;
		added++;
	}
	if (added)
		ts_virtq_kick(&v->rxq);
}

/* The ones' complement sum a device that offers NEEDS_CSUM frames
 * leaves to us: from start to the end, stored at start + offset. */
static int rx_complete_csum(uint8_t *p, uint32_t len, uint32_t start,
			    uint32_t off)
{
	uint32_t sum = 0, i;
	uint16_t c;

	if (start >= len || off + 2 > len - start)
		return -EINVAL;
	for (i = start; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < len)
		sum += (uint32_t)p[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	c = (uint16_t)~sum;
	p[start + off] = (uint8_t)(c >> 8);
	p[start + off + 1] = (uint8_t)c;
	return 0;
}

/* Sent chains the device is done with: their cookies to tx_done(). */
static void tx_reclaim(struct vnet *v)
{
	const struct ts_netdev_user *u = v->nd.user;
	int head, was;
	void *cookie;

	for (;;) {
		was = ts_arch_irq_save();
		head = ts_virtq_get(&v->txq, NULL);
		cookie = head >= 0 ? v->tx_cookie[head] : NULL;
		ts_arch_irq_restore(was);
		if (head == -EAGAIN)
			return;
		if (head < 0) {
			v->nd.stats.tx_errors++;
			continue;
		}
		if (u && u->tx_done)
			u->tx_done(v->nd.user_arg, cookie);
	}
}

static int vnet_xmit(struct ts_netdev *d, const struct ts_netdev_sg *sg,
		     unsigned int nsg, const struct ts_netdev_tx_offload *off,
		     void *cookie)
{
	struct vnet *v = d->priv;
	struct ts_virtq_buf b[TS_NETDEV_MAX_SG + 1];
	struct vnet_hdr h = { 0 };
	uint32_t len = 0;
	unsigned int i;
	int head, was;

	if (!nsg || nsg > TS_NETDEV_MAX_SG)
		goto bad;
	for (i = 0; i < nsg; i++) {
		if (!sg[i].len || sg[i].len > FRAME_MAX)
			goto bad;
		b[i + 1].addr = (void *)(uintptr_t)sg[i].addr;
		b[i + 1].len = sg[i].len;
		len += sg[i].len;
	}
	if (len < TS_ETH_HLEN || len > FRAME_MAX)
		goto bad;
	if (off) {
		if (!(v->features & F_CSUM) || off->csum_start >= len ||
		    off->csum_offset + 2u > len - off->csum_start)
			goto bad;
		h.flags = HDR_F_NEEDS_CSUM;
		h.csum_start = off->csum_start;
		h.csum_offset = off->csum_offset;
	}
	/* A full ring: what the device finished makes room, else the
	 * stack hears so now rather than waiting here. */
	if (v->txq.num_free < nsg + 1)
		tx_reclaim(v);
	was = ts_arch_irq_save();
	if (v->txq.num_free < nsg + 1) {
		ts_arch_irq_restore(was);
		d->stats.tx_dropped++;
		return -EAGAIN;
	}
	/* The header's slot is the chain's head, known before adding it:
	 * the free list's first descriptor. */
	head = v->txq.free_head;
	v->tx_hdr[head] = h;
	b[0].addr = &v->tx_hdr[head];
	b[0].len = HDR_LEN;
	head = ts_virtq_add(&v->txq, b, nsg + 1, 0);
	if (head >= 0)
		v->tx_cookie[head] = cookie;
	ts_arch_irq_restore(was);
	if (head < 0) {
		d->stats.tx_errors++;
		return head == -ENOSPC ? -EAGAIN : head;
	}
	ts_virtq_kick(&v->txq);
	d->stats.tx_packets++;
	d->stats.tx_bytes += len;
	return 0;
bad:
	d->stats.tx_errors++;
	return -EINVAL;
}

/* A used receive chain: the frame to the stack, or its buffer back to
 * the pool when the device wrote something no frame can be. */
static int rx_one(struct vnet *v, int head, uint32_t len)
{
	struct ts_netbuf *nb;
	struct vnet_hdr *h;

	if (head < 0 || !(nb = v->rx_on[head])) {
		v->nd.stats.rx_errors++;
		return 0;
	}
	v->rx_on[head] = NULL;
	h = (struct vnet_hdr *)((uint8_t *)nb->data - HDR_LEN);
	if (len < HDR_LEN + TS_ETH_HLEN || len > HDR_LEN + FRAME_MAX) {
		v->nd.stats.rx_errors++;
		buf_free(nb);
		return 0;
	}
	nb->len = len - (uint32_t)HDR_LEN;
	nb->flags = 0;
	if (h->flags & HDR_F_NEEDS_CSUM) {
		/* Its checksum is partial (a frame from the host's own
		 * stack): ours to finish, and then it is right. */
		if (rx_complete_csum(nb->data, nb->len, h->csum_start,
				     h->csum_offset)) {
			v->nd.stats.rx_errors++;
			buf_free(nb);
			return 0;
		}
		nb->flags |= TS_NETBUF_CSUM_OK;
	} else if (h->flags & HDR_F_DATA_VALID) {
		nb->flags |= TS_NETBUF_CSUM_OK;
	}
	v->nd.stats.rx_packets++;
	v->nd.stats.rx_bytes += nb->len;
	ts_netdev_rx(&v->nd, nb);
	return 1;
}

static void link_check(struct vnet *v)
{
	uint16_t st;

	if (!(v->features & F_STATUS))
		return;
	if (!ts_virtio_config_read(v->dev, CFG_STATUS, &st, sizeof(st)))
		ts_netdev_set_link(&v->nd, st & S_LINK_UP);
}

static int vnet_poll(struct ts_netdev *d, int budget)
{
	struct vnet *v = d->priv;
	uint32_t len;
	int n = 0, head;

	d->stats.rx_polls++;
	tx_reclaim(v);
	if (__atomic_exchange_n(&v->config_changed, 0, __ATOMIC_ACQ_REL))
		link_check(v);
	while (n < budget) {
		head = ts_virtq_get(&v->rxq, &len);
		if (head == -EAGAIN)
			break;
		n += rx_one(v, head, len);
		/* Refilled as it goes: under load the ring must not run
		 * dry while a large budget is handed up. */
		if (v->rxq.num_free >= v->rxq.size / 2)
			rx_refill(v);
	}
	rx_refill(v);
	/* Fewer than budget: the ring is empty, interrupts back on. A
	 * frame that came before the device saw that raises none. */
	if (n < budget && v->irq && v->irq_wanted && ts_virtq_irq_on(&v->rxq)) {
		const struct ts_netdev_user *u = d->user;

		ts_virtq_irq_off(&v->rxq);
		if (u) {
			int was = ts_arch_irq_save();

			u->rx_ready(d->user_arg);
			ts_arch_irq_restore(was);
		}
	}
	return n;
}

static void vnet_rx_irq(struct ts_netdev *d, int on)
{
	struct vnet *v = d->priv;

	v->irq_wanted = on;
	if (!v->irq)
		return;
	if (on)
		ts_virtq_irq_on(&v->rxq);
	else
		ts_virtq_irq_off(&v->rxq);
}

static const struct ts_netdev_ops vnet_ops = {
	.xmit = vnet_xmit,
	.poll = vnet_poll,
	.rx_irq = vnet_rx_irq,
};

/* Frames came: no more interrupts until a poll finds the ring empty,
 * and the stack's thread is woken. */
static void rx_interrupt(void *arg)
{
	struct vnet *v = arg;
	const struct ts_netdev_user *u = v->nd.user;

	if (!ts_virtq_pending(&v->rxq))
		return;		/* the send queue's, or nothing new */
	ts_virtq_irq_off(&v->rxq);
	v->nd.stats.rx_interrupts++;
	if (u)
		u->rx_ready(v->nd.user_arg);
}

/* The link may have changed: read on the stack's thread (poll). */
static void config_interrupt(void *arg)
{
	struct vnet *v = arg;
	const struct ts_netdev_user *u = v->nd.user;

	__atomic_store_n(&v->config_changed, 1, __ATOMIC_RELEASE);
	if (u)
		u->rx_ready(v->nd.user_arg);
}

static int pool_init(struct vnet *v)
{
	uint8_t *mem;
	struct ts_netbuf *nbs;
	unsigned int i;

	/* One block each: freed never (the device lives as long as the
	 * image). */
	mem = aligned_alloc(64, (size_t)NBUFS * RX_BUF_SIZE);
	nbs = calloc(NBUFS, sizeof(*nbs));
	if (!mem || !nbs) {
		free(mem);
		free(nbs);
		return -ENOMEM;
	}
	for (i = 0; i < NBUFS; i++) {
		nbs[i].data = mem + (size_t)i * RX_BUF_SIZE + HDR_LEN;
		nbs[i].dev = &v->nd;
		nbs[i].free = buf_free;
		nbs[i].priv = v;
		v->pool[v->npool++] = &nbs[i];
	}
	return 0;
}

static int setup(struct vnet *v, struct ts_virtio_dev *d, unsigned int n)
{
	const char *where = ts_virtio_where(d);
	int rc;

	v->dev = d;
	rc = ts_virtio_negotiate(d, WANTED, &v->features);
	if (rc)
		return rc;
	if ((v->features & F_MAC) &&
	    !ts_virtio_config_read(d, CFG_MAC, v->nd.mac, TS_ETH_ALEN)) {
		v->nd.features |= TS_NETDEV_F_MAC;
	} else {
		/* Locally administered, unicast, one per device. */
		static const uint8_t mac[TS_ETH_ALEN] = { 0x02, 0x54, 0x53 };

		memcpy(v->nd.mac, mac, sizeof(mac));
		v->nd.mac[5] = (uint8_t)n;
	}
	if (v->features & F_CSUM)
		v->nd.features |= TS_NETDEV_F_TX_CSUM;
	if (v->features & F_GUEST_CSUM)
		v->nd.features |= TS_NETDEV_F_RX_CSUM;
	/* Without an interrupt, the stack polls: rx_ready never comes. */
	v->irq = ts_virtio_irq_init(d) == 0;
	if (ts_virtq_setup(d, RXQ, &v->rxq) || ts_virtq_setup(d, TXQ, &v->txq)) {
		ts_printk("virtio: net at %s: no receive and send queues\n",
			  where);
		ts_virtio_fail(d);
		return -ENODEV;
	}
	rc = pool_init(v);
	if (rc) {
		ts_printk("virtio: net at %s: no memory for %d receive "
			  "buffers\n", where, NBUFS);
		ts_virtio_fail(d);
		return rc;
	}
	if (v->irq) {
		ts_virtq_set_handler(&v->rxq, rx_interrupt, v);
		ts_virtio_set_config_handler(d, config_interrupt, v);
	}
	ts_virtio_ready(d);
	rx_refill(v);
	v->nd.mtu = MTU;
	v->nd.where = where;
	v->nd.ops = &vnet_ops;
	v->nd.priv = v;
	v->nd.link_up = 1;
	if (v->features & F_STATUS) {
		uint16_t st = S_LINK_UP;

		ts_virtio_config_read(d, CFG_STATUS, &st, sizeof(st));
		v->nd.link_up = st & S_LINK_UP;
	}
	rc = ts_netdev_register(&v->nd);
	if (rc)
		ts_printk("virtio: net at %s: not registered (%d)\n", where,
			  rc);
	return rc;
}

/* After the allocator (the receive buffers), before the stacks that
 * open the devices (TS_INIT_FS). */
static int virtio_net_init(void)
{
	struct ts_virtio_dev *d;
	unsigned int i, n = 0;

	for (i = 0; (d = ts_virtio_find(TS_VIRTIO_ID_NET, i)); i++) {
		if (n == MAX_DEVICES) {
			ts_printk("virtio: more than %d net devices: %s left "
				  "out\n", MAX_DEVICES, ts_virtio_where(d));
			continue;
		}
		if (!devs[n])
			devs[n] = calloc(1, sizeof(*devs[n]));
		if (!devs[n]) {
			ts_printk("virtio: net at %s: no memory\n",
				  ts_virtio_where(d));
			break;
		}
		if (!setup(devs[n], d, n))
			n++;
	}
	return 0;
}
TS_INIT(virtio_net_init, TS_INIT_LIB);

/* Network devices (<ts/netdev.h>): the devices drivers registered, the
 * stack's open, link changes, and the two places every frame passes
 * (ts_netdev_rx up, ts_netdev_xmit down), where the tracepoints are. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ts/netdev.h>
#include <ts/trace.h>

/* "eth" and up to four digits fit TS_NETDEV_NAME_MAX with the NUL; far
 * more than a unikernel has, but a bound all the same. */
#define MAX_DEVICES	32

TS_TRACEPOINT(netdev_rx, "%s len %u type %#06x", ts_trace_str8, uint32_t,
	      uint32_t);
TS_TRACEPOINT(netdev_tx, "%s len %u type %#06x", ts_trace_str8, uint32_t,
	      uint32_t);

static struct ts_netdev *first;
static unsigned int count;

int ts_netdev_register(struct ts_netdev *d)
{
	struct ts_netdev **p = &first;

	if (count == MAX_DEVICES)
		return -ENOSPC;
	snprintf(d->name, sizeof(d->name), "eth%u", count);
	d->user = NULL;
	d->user_arg = NULL;
	d->next = NULL;
	/* In the order registered, so that eth0 is the first device. */
	while (*p)
		p = &(*p)->next;
	*p = d;
	count++;
	return 0;
}

struct ts_netdev *ts_netdev_get(unsigned int n)
{
	struct ts_netdev *d;

	for (d = first; d && n; d = d->next)
		n--;
	return d;
}

struct ts_netdev *ts_netdev_by_name(const char *name)
{
	struct ts_netdev *d;

	for (d = first; d && name; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

unsigned int ts_netdev_count(void)
{
	return count;
}

int ts_netdev_open(struct ts_netdev *d, const struct ts_netdev_user *u,
		   void *arg)
{
	if (!d || !u || !u->rx || !u->rx_ready)
		return -EINVAL;
	if (d->user)
		return -EBUSY;
	d->user_arg = arg;
	/* The user before the interrupt that calls it. */
	__atomic_store_n(&d->user, u, __ATOMIC_RELEASE);
	if (d->ops->rx_irq)
		d->ops->rx_irq(d, 1);
	/* Frames that came before the open (the ring is full of them and
	 * interrupts no more): the stack polls once to find them. */
	u->rx_ready(arg);
	return 0;
}

void ts_netdev_set_link(struct ts_netdev *d, int up)
{
	const struct ts_netdev_user *u;

	up = !!up;
	if (d->link_up == up)
		return;
	d->link_up = up;
	u = __atomic_load_n(&d->user, __ATOMIC_ACQUIRE);
	if (u && u->link)
		u->link(d->user_arg, up);
}

/* The ethertype: bytes 12-13 of the frame, wherever the parts split it;
 * 0 for a frame shorter than an Ethernet header. */
static uint32_t ethertype_sg(const struct ts_netdev_sg *sg, unsigned int nsg)
{
	uint32_t off = 0, type = 0;
	unsigned int i, j;

	for (i = 0; i < nsg; i++) {
		for (j = 0; j < sg[i].len && off + j < 14; j++)
			if (off + j >= 12)
				type = type << 8 |
				       ((const uint8_t *)sg[i].addr)[j];
		off += sg[i].len;
		if (off >= 14)
			return type;
	}
	return 0;
}

int ts_netdev_xmit(struct ts_netdev *d, const struct ts_netdev_sg *sg,
		   unsigned int nsg, const struct ts_netdev_tx_offload *off,
		   void *cookie)
{
	int rc = d->ops->xmit(d, sg, nsg, off, cookie);

	if (TS_TRACEPOINT_ENABLED(netdev_tx) && rc == 0) {
		uint32_t len = 0;
		unsigned int i;

		for (i = 0; i < nsg; i++)
			len += sg[i].len;
		trace_netdev_tx(ts_trace_str(d->name), len,
				ethertype_sg(sg, nsg));
	}
	return rc;
}

void ts_netdev_rx(struct ts_netdev *d, struct ts_netbuf *nb)
{
	const struct ts_netdev_user *u = d->user;

	if (TS_TRACEPOINT_ENABLED(netdev_rx)) {
		const uint8_t *p = nb->data;

		trace_netdev_rx(ts_trace_str(d->name), nb->len,
				nb->len >= TS_ETH_HLEN ?
				(uint32_t)p[12] << 8 | p[13] : 0);
	}
	if (!u) {
		/* Not open: nobody to give it to. */
		d->stats.rx_dropped++;
		ts_netbuf_free(nb);
		return;
	}
	u->rx(d->user_arg, nb);
}

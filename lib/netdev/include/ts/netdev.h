/* Network devices: the interface between a NIC driver (virtio-net) and a
 * network stack (lib/lwip, or anything else). A driver registers a
 * ts_netdev with its operations; the stack opens it with a receive
 * callback and sends frames as scatter lists.
 *
 * Buffers without copies: the driver receives into ts_netbufs it owns
 * and hands each received frame to the stack, which keeps it as long as
 * it likes and gives it back with ts_netbuf_free() (the driver's
 * free(), from any thread, with interrupts on). Sending, the stack's
 * scatter list is given to the device as it is: xmit() returns once the
 * device holds the frame; done() is then called (from the driver's
 * poll) when the device no longer reads the buffers.
 *
 * Receive is interrupt-driven with polling under load: the driver's
 * interrupt calls the stack's rx_ready() (from the interrupt: it may
 * only wake a thread), and the stack's thread then calls
 * ts_netdev_poll(dev, budget), which hands up to budget frames to
 * rx() and re-enables the interrupt only when the ring is empty.
 *
 *   struct ts_netdev *d = ts_netdev_get(0);
 *   ts_netdev_open(d, &my_stack_callbacks, stack);
 *   ...rx_ready() woke me: while (ts_netdev_poll(d, 64) == 64) ;
 *   ts_netdev_xmit(d, sg, nsg, NULL, cookie);
 */
#ifndef TS_NETDEV_H
#define TS_NETDEV_H

#include <stddef.h>
#include <stdint.h>

#define TS_NETDEV_NAME_MAX	8
#define TS_NETDEV_MAX_SG	16	/* scatter entries of one frame */
#define TS_ETH_ALEN		6
#define TS_ETH_HLEN		14

/* What a device does for the stack (ts_netdev.features). */
#define TS_NETDEV_F_TX_CSUM	(1u << 0) /* fills TCP/UDP checksums (offload) */
#define TS_NETDEV_F_RX_CSUM	(1u << 1) /* marks frames whose checksums it checked */
#define TS_NETDEV_F_MAC		(1u << 2) /* the MAC came from the device */

struct ts_netdev;

/* One received frame, owned by whoever holds it: data..data+len is the
 * Ethernet frame (no virtio or other header). */
struct ts_netbuf {
	void *data;
	uint32_t len;
	uint32_t flags;			/* TS_NETBUF_* */
	struct ts_netdev *dev;
	void (*free)(struct ts_netbuf *nb);	/* the owner's; ts_netbuf_free() */
	void *priv;			/* the driver's */
};
#define TS_NETBUF_CSUM_OK	(1u << 0) /* the device checked the L4 checksum */

static inline void ts_netbuf_free(struct ts_netbuf *nb)
{
	nb->free(nb);
}

/* A part of a frame to send. */
struct ts_netdev_sg {
	const void *addr;
	uint32_t len;
};

/* Checksum offload for a frame sent (when TS_NETDEV_F_TX_CSUM): the
 * device computes the 16-bit ones' complement sum from csum_start (bytes
 * from the frame's start) to the end and stores it at csum_start +
 * csum_offset; the stack has put the pseudo-header sum there. */
struct ts_netdev_tx_offload {
	uint16_t csum_start;
	uint16_t csum_offset;
};

struct ts_netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_dropped, rx_errors;
	uint64_t tx_packets, tx_bytes, tx_dropped, tx_errors;
	uint64_t rx_interrupts, rx_polls;
};

/* The stack's side, given to ts_netdev_open(). */
struct ts_netdev_user {
	/* A received frame, from ts_netdev_poll() on the stack's thread:
	 * the stack owns nb now. */
	void (*rx)(void *arg, struct ts_netbuf *nb);
	/* Frames are waiting: called from the device's interrupt (or a
	 * driver's timer) with interrupts off. Must only wake a thread. */
	void (*rx_ready)(void *arg);
	/* A frame sent with cookie is no longer read by the device: its
	 * buffers may be reused. Called from ts_netdev_poll() or
	 * ts_netdev_xmit(). May be NULL. */
	void (*tx_done)(void *arg, void *cookie);
	/* The link went up or down (may be NULL). */
	void (*link)(void *arg, int up);
};

/* The driver's side. */
struct ts_netdev_ops {
	/* Queue one frame of nsg parts (at most TS_NETDEV_MAX_SG) for
	 * sending. 0, -EAGAIN when the device's queue is full (the stack
	 * may poll and retry, or drop), -EINVAL for a bad frame. */
	int (*xmit)(struct ts_netdev *d, const struct ts_netdev_sg *sg,
		    unsigned int nsg, const struct ts_netdev_tx_offload *off,
		    void *cookie);
	/* Hand up to budget received frames to the user's rx(), reclaim
	 * sent ones (tx_done), refill the receive ring. Returns the number
	 * of frames handed up; when fewer than budget, the receive
	 * interrupt is enabled again (and rx_ready() is called if a frame
	 * came in meanwhile). */
	int (*poll)(struct ts_netdev *d, int budget);
	/* Receive interrupts on (1) or off (0). */
	void (*rx_irq)(struct ts_netdev *d, int on);
};

struct ts_netdev {
	char name[TS_NETDEV_NAME_MAX];	/* "eth0", set by ts_netdev_register */
	uint8_t mac[TS_ETH_ALEN];
	uint16_t mtu;			/* bytes of payload after the Ethernet header */
	uint32_t features;		/* TS_NETDEV_F_* */
	int link_up;
	const char *where;		/* the bus position, for messages */
	const struct ts_netdev_ops *ops;
	void *priv;			/* the driver's */
	/* Set by ts_netdev_open(). */
	const struct ts_netdev_user *user;
	void *user_arg;
	struct ts_netdev_stats stats;	/* kept by the driver */
	struct ts_netdev *next;
};

/* A driver registers its device once it works (MAC known, queues set
 * up); the devices are named eth0, eth1, ... in order. 0, or -ENOSPC. */
int ts_netdev_register(struct ts_netdev *d);
/* The n-th registered device, or NULL. */
struct ts_netdev *ts_netdev_get(unsigned int n);
struct ts_netdev *ts_netdev_by_name(const char *name);
unsigned int ts_netdev_count(void);

/* The stack takes the device: from now on received frames go to
 * u->rx(); the receive interrupt is enabled. -EBUSY if already open. */
int ts_netdev_open(struct ts_netdev *d, const struct ts_netdev_user *u,
		   void *arg);

/* The driver's xmit(), and the netdev_tx tracepoint for a frame the
 * device took. */
int ts_netdev_xmit(struct ts_netdev *d, const struct ts_netdev_sg *sg,
		   unsigned int nsg, const struct ts_netdev_tx_offload *off,
		   void *cookie);

static inline int ts_netdev_poll(struct ts_netdev *d, int budget)
{
	return d->ops->poll(d, budget);
}

/* For the driver: the link changed (calls the user's link()). */
void ts_netdev_set_link(struct ts_netdev *d, int up);
/* For the driver's poll(): hand one received frame to the user's rx()
 * (the netdev_rx tracepoint on the way); freed at once, and counted in
 * rx_dropped, when the device is not open. */
void ts_netdev_rx(struct ts_netdev *d, struct ts_netbuf *nb);

#endif

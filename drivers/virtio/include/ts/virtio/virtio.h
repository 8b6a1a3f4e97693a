/* virtio 1.x devices for drivers: the transports (virtio-pci modern on
 * x86 PCs, virtio-mmio version 2 from the device tree on arm64 virt),
 * feature negotiation and split virtqueues. Completions are polled (the
 * driver waits for the used ring with a deadline), or signalled by the
 * device's interrupt to a handler of the driver's (ts_virtio_irq_init:
 * MSI-X on virtio-pci, the device tree's GIC SPI on virtio-mmio).
 *
 *   struct ts_virtio_dev *d = ts_virtio_find(TS_VIRTIO_ID_9P, 0);
 *   ts_virtio_negotiate(d, wanted, &got);
 *   ts_virtq_setup(d, 0, &q);
 *   ts_virtio_ready(d);
 *   ts_virtq_add(&q, bufs, 1, 1); ts_virtq_kick(&q);
 *   ts_virtq_wait(&q, deadline_ns, &len);
 *
 * Memory given to a queue is the image's own (identity-mapped): its
 * address is what the device gets. */
#ifndef TS_VIRTIO_VIRTIO_H
#define TS_VIRTIO_VIRTIO_H

#include <stddef.h>
#include <stdint.h>

#define TS_VIRTIO_ID_NET	1
#define TS_VIRTIO_ID_BLOCK	2
#define TS_VIRTIO_ID_9P		9

#define TS_VIRTIO_F_VERSION_1	(1ULL << 32)

/* Descriptors per queue at most (the queue gets the device's maximum
 * if that is smaller). */
#define TS_VIRTQ_MAX		64

struct ts_virtio_dev;

struct ts_virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

/* The three parts of a split virtqueue, in one block of the image. */
struct ts_virtq {
	struct ts_virtq_desc desc[TS_VIRTQ_MAX] __attribute__((aligned(16)));
	struct {
		uint16_t flags, idx;
		uint16_t ring[TS_VIRTQ_MAX];
		uint16_t used_event;
	} avail __attribute__((aligned(2)));
	struct {
		uint16_t flags;
		volatile uint16_t idx;
		struct {
			uint32_t id, len;
		} ring[TS_VIRTQ_MAX];
		uint16_t avail_event;
	} used __attribute__((aligned(4)));
	struct ts_virtio_dev *dev;
	uint16_t index;		/* the queue's number on the device */
	uint16_t size;
	uint16_t free_head, num_free, last_used;
	volatile void *notify;	/* virtio-pci: the queue's notify address */
	/* ts_virtq_set_handler(): called from the device's interrupt. */
	void (*handler)(void *arg);
	void *handler_arg;
};

/* One buffer of a request: the device reads out buffers and writes in
 * buffers. */
struct ts_virtq_buf {
	void *addr;
	uint32_t len;
};

/* The n-th (from 0) device of type id on any transport of the machine,
 * or NULL. The first call looks the transports up (PCI bus 0 on x86,
 * the device tree's "virtio,mmio" nodes on arm64) and maps their
 * registers; a transport that is not virtio 1.x is named once and left
 * out. */
struct ts_virtio_dev *ts_virtio_find(uint32_t id, unsigned int n);
/* Where the device is, for messages ("pci 00:03.0", "mmio 0xa003e00"). */
const char *ts_virtio_where(const struct ts_virtio_dev *d);

/* Reset the device and agree on features: VIRTIO_F_VERSION_1 always,
 * plus those of wanted the device offers (*got, may be NULL). Returns
 * 0, -ENODEV for a device without VERSION_1 or that refuses
 * FEATURES_OK (the device is marked failed). */
int ts_virtio_negotiate(struct ts_virtio_dev *d, uint64_t wanted,
			uint64_t *got);
/* len bytes of the device-specific configuration from offset off, read
 * consistently (the generation counter). Returns 0 or -EINVAL. */
int ts_virtio_config_read(struct ts_virtio_dev *d, uint32_t off, void *buf,
			  uint32_t len);
/* Set queue index up with q's memory. -ENOENT when the device has no
 * such queue. Before ts_virtio_ready(). */
int ts_virtq_setup(struct ts_virtio_dev *d, uint16_t index,
		   struct ts_virtq *q);
/* DRIVER_OK: the device may use its queues. */
void ts_virtio_ready(struct ts_virtio_dev *d);
/* Mark the device failed (FAILED status): a driver gives up on it. */
void ts_virtio_fail(struct ts_virtio_dev *d);

/* Put a chain of out_n readable buffers then in_n writable ones on the
 * available ring. Returns its head, or -ENOSPC, -EINVAL. */
int ts_virtq_add(struct ts_virtq *q, const struct ts_virtq_buf *bufs,
		 unsigned int out_n, unsigned int in_n);
/* Tell the device there is something new. */
void ts_virtq_kick(struct ts_virtq *q);
/* The next used chain: its head (the descriptors are free again) and
 * the bytes the device wrote in *len; -EAGAIN when none is used yet. */
int ts_virtq_get(struct ts_virtq *q, uint32_t *len);
/* 1 when the device has used chains ts_virtq_get() has not taken. */
int ts_virtq_pending(const struct ts_virtq *q);

/* Interrupts. A driver that wants them calls ts_virtio_irq_init() after
 * ts_virtio_negotiate() and before ts_virtq_setup() (on virtio-pci the
 * queues are given their MSI-X vector as they are set up). Returns 0, or
 * -ENODEV when the device has no interrupt the image can take (no MSI-X
 * capability, no "interrupts" in the device tree, no free vector): the
 * driver polls then. Handlers run in the interrupt, with interrupts
 * off: they may only look at the ring and wake a thread. */
typedef void (*ts_virtio_irq_fn)(void *arg);
int ts_virtio_irq_init(struct ts_virtio_dev *d);
/* fn(arg) on each interrupt that may mean q has used chains (NULL: no
 * handler). The queue itself still asks for no interrupt until
 * ts_virtq_irq_on(). */
void ts_virtq_set_handler(struct ts_virtq *q, ts_virtio_irq_fn fn, void *arg);
/* fn(arg) when the device's configuration changed (link status). */
void ts_virtio_set_config_handler(struct ts_virtio_dev *d, ts_virtio_irq_fn fn,
				  void *arg);
/* Ask the device to interrupt when it uses a chain of q (on), or not
 * (off: VIRTQ_AVAIL_F_NO_INTERRUPT, a hint the device may ignore).
 * ts_virtq_irq_on() returns ts_virtq_pending() read after the flag is
 * published: 1 means a chain was used before the device saw it, so no
 * interrupt may come for that one. */
int ts_virtq_irq_on(struct ts_virtq *q);
void ts_virtq_irq_off(struct ts_virtq *q);

/* Poll ts_virtq_get() until deadline_ns (ts_plat_time_ns() scale):
 * -ETIMEDOUT after it. */
int ts_virtq_wait(struct ts_virtq *q, uint64_t deadline_ns, uint32_t *len);

#endif

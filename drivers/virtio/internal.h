/* Shared by drivers/virtio's files: a device and its transport. */
#ifndef DRIVERS_VIRTIO_INTERNAL_H
#define DRIVERS_VIRTIO_INTERNAL_H

#include <stdint.h>
#include <ts/virtio/virtio.h>

/* Device status bits. */
#define VIRTIO_S_ACKNOWLEDGE	1
#define VIRTIO_S_DRIVER		2
#define VIRTIO_S_DRIVER_OK	4
#define VIRTIO_S_FEATURES_OK	8
#define VIRTIO_S_FAILED		128

#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

struct virtio_transport {
	uint8_t (*status_get)(struct ts_virtio_dev *d);
	void (*status_set)(struct ts_virtio_dev *d, uint8_t s);
	uint64_t (*features_get)(struct ts_virtio_dev *d);
	void (*features_set)(struct ts_virtio_dev *d, uint64_t f);
	uint32_t (*config_generation)(struct ts_virtio_dev *d);
	uint8_t (*config_byte)(struct ts_virtio_dev *d, uint32_t off);
	/* The queue's largest size (0: no such queue). */
	uint16_t (*queue_max)(struct ts_virtio_dev *d, uint16_t index);
	/* Give the device q's rings (q->size set) and enable the queue. */
	int (*queue_enable)(struct ts_virtio_dev *d, struct ts_virtq *q);
	void (*notify)(struct ts_virtio_dev *d, struct ts_virtq *q);
	/* Take the device's interrupt (ts_virtio_irq_init): 0, -ENODEV. */
	int (*irq_init)(struct ts_virtio_dev *d);
};

#define VIRTIO_MAX_DEVICES	8
#define VIRTIO_MAX_QUEUES	4	/* per device, with an interrupt handler */

struct ts_virtio_dev {
	const struct virtio_transport *t;
	uint32_t id;
	char where[24];
	uint32_t config_len;	/* bytes of device configuration */
	/* virtio-mmio: the registers. */
	volatile uint8_t *mmio;
	/* virtio-pci: the capabilities' structures, mapped. */
	volatile uint8_t *common, *isr, *device;
	volatile uint8_t *notify_base;
	uint32_t notify_mult;
	/* Interrupts (ts_virtio_irq_init): on once taken; the queues set
	 * up since, for the handler to look at; the configuration's. */
	int irq_on;
	struct ts_virtq *queues[VIRTIO_MAX_QUEUES];
	ts_virtio_irq_fn config_fn;
	void *config_arg;
	/* virtio-pci: the MSI-X capability's offset (0: none), its table
	 * (mapped) and entries; the x86 vectors taken (queues, config). */
	int pci_bus, pci_dev, pci_fn;
	int msix_cap;
	volatile uint8_t *msix_table;
	uint16_t msix_size;
	uint8_t vec_queues, vec_config;
	/* virtio-mmio: the device tree's interrupt (INTID, 0: none). */
	uint32_t intid;
	int intid_edge;
};

/* The interrupt handlers of the transports call these: each queue's
 * handler, the configuration's. */
void virtio_irq_queues(struct ts_virtio_dev *d);
void virtio_irq_config(struct ts_virtio_dev *d);

/* Each transport adds the devices it finds (up to VIRTIO_MAX_DEVICES);
 * NULL when the table is full. */
struct ts_virtio_dev *virtio_dev_new(void);

/* pci.c, mmio.c: find the devices of the transport, if it is built. */
void virtio_pci_probe(void);
void virtio_mmio_probe(void);

/* Memory-mapped registers, little-endian on both architectures. */
static inline uint8_t rd8(volatile uint8_t *b, uint32_t off)
{
	return *(volatile uint8_t *)(b + off);
}

static inline uint16_t rd16(volatile uint8_t *b, uint32_t off)
{
	return *(volatile uint16_t *)(b + off);
}

static inline uint32_t rd32(volatile uint8_t *b, uint32_t off)
{
	return *(volatile uint32_t *)(b + off);
}

static inline void wr8(volatile uint8_t *b, uint32_t off, uint8_t v)
{
	*(volatile uint8_t *)(b + off) = v;
}

static inline void wr16(volatile uint8_t *b, uint32_t off, uint16_t v)
{
	*(volatile uint16_t *)(b + off) = v;
}

static inline void wr32(volatile uint8_t *b, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(b + off) = v;
}

/* The rings are ordinary memory the device reads: stores to them must
 * be visible before the index that publishes them, and before the
 * notification (a device register). */
static inline void virtio_mb(void)
{
#ifdef __aarch64__
	__asm__ __volatile__("dsb sy" ::: "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

#endif
